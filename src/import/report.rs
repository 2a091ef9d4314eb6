//! The report `terbuka import` prints on standard error: each field, its
//! value and the sentence it came from, what is left for staff, and what
//! was dropped as page furniture.

use std::fmt::Write;

use super::{Draft, Found};

/// Longest quotation shown for a source sentence.
const QUOTE_CHARS: usize = 150;
/// Width of the field column.
const FIELD: usize = 26;

/// The sentence, or the part of it around `value` when it is long.
fn quote(sentence: &str, value: &str) -> String {
    let s = sentence.trim();
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= QUOTE_CHARS {
        return format!("“{s}”");
    }
    // ASCII lowercase keeps byte offsets, so `b` is a position in `s`.
    let at = s.to_ascii_lowercase().find(&value.to_ascii_lowercase()).map_or(0, |b| s[..b].chars().count());
    let from = at.saturating_sub(QUOTE_CHARS / 3).min(chars.len() - QUOTE_CHARS);
    let cut: String = chars[from..from + QUOTE_CHARS].iter().collect();
    let lead = if from > 0 { "…" } else { "" };
    let tail = if from + QUOTE_CHARS < chars.len() { "…" } else { "" };
    format!("“{lead}{}{tail}”", cut.trim())
}

fn line<T>(out: &mut String, color: bool, field: &str, value: String, f: &Found<T>) {
    let shown = if color { format!("\x1b[1m{field:<FIELD$}\x1b[0m") } else { format!("{field:<FIELD$}") };
    let _ = writeln!(out, "  {shown} {value}");
    let _ = writeln!(out, "  {:<FIELD$}   from {}", "", quote(&f.from, f.words.as_deref().unwrap_or(&value)));
    if let Some(why) = &f.check {
        let _ = writeln!(out, "  {:<FIELD$}   check: {why}", "");
    }
}

/// The whole report.
pub fn format(d: &Draft, color: bool) -> String {
    let mut out = String::from("draft values and where they come from:\n");
    if let Some(f) = &d.title {
        line(&mut out, color, "title", f.value.clone(), f);
    }
    if let Some(f) = &d.date {
        line(&mut out, color, "date", f.value.to_string(), f);
    }
    if let Some(f) = &d.kind {
        line(&mut out, color, "kind", f.value.slug().to_string(), f);
    }
    if let Some(f) = &d.region {
        line(&mut out, color, "region", f.value.to_string(), f);
    }
    if let Some(f) = &d.venue {
        line(&mut out, color, "venue", f.value.clone(), f);
    }
    for f in &d.organizers {
        line(&mut out, color, "organizers", f.value.clone(), f);
    }
    for f in &d.ormas {
        line(&mut out, color, "participants.ormas", f.value.clone(), f);
    }
    if let Some(f) = &d.ormas_count {
        line(&mut out, color, "participants.ormas_count", f.value.to_string(), f);
    }
    for f in &d.agencies {
        line(&mut out, color, "participants.agencies", f.value.clone(), f);
    }
    if let Some(f) = &d.attendees {
        line(&mut out, color, "participants.attendees", f.value.to_string(), f);
    }
    for f in &d.officials {
        let who = f.value.person.or(f.value.name).unwrap_or_default();
        let value = if f.value.person.is_some() { format!("person {who}") } else { format!("name {who}") };
        line(&mut out, color, "officials", format!("{value}, {}", f.value.role), f);
    }
    for f in &d.topics {
        line(&mut out, color, "topics", f.value.clone(), f);
    }
    let s = &d.source;
    for (field, f) in
        [("sources.publisher", &s.publisher), ("sources.author", &s.author), ("sources.editor", &s.editor)]
    {
        if let Some(f) = f {
            line(&mut out, color, field, f.value.clone(), f);
        }
    }
    if let Some(f) = &s.published {
        line(&mut out, color, "sources.published", f.value.to_string(), f);
    }
    if !d.left.is_empty() {
        out.push_str("left for staff (marked GANTI in the draft):\n");
        for (field, why) in &d.left {
            let _ = writeln!(out, "  {field:<FIELD$} {why}");
        }
    }
    if !d.removed.is_empty() {
        let mut kinds: Vec<(&str, usize)> = Vec::new();
        for (k, _) in &d.removed {
            match kinds.iter_mut().find(|(l, _)| *l == k.label()) {
                Some((_, n)) => *n += 1,
                None => kinds.push((k.label(), 1)),
            }
        }
        let list: Vec<String> = kinds.iter().map(|(l, n)| format!("{n} × {l}")).collect();
        let _ = writeln!(out, "left out of the text as page furniture: {}", list.join(", "));
    }
    out
}
