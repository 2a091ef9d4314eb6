//! Indonesian press-release prose: fills phrase templates from `vocab` and assembles
//! paragraphs, quotes, an occasional list, bold text and a link.

use std::fmt::Write;

use super::rng::Rng;
use super::vocab::*;

/// The facts a text is about; template slots draw on them.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    /// Organizer's full name, and its short name.
    pub org: &'a str,
    pub orgs: &'a str,
    pub place: &'a str,
    pub topic: &'a str,
    pub venue: &'a str,
    pub date: &'a str,
    pub count: u32,
    /// Names of the ormas taking part; may be empty.
    pub ormas: &'a [&'a str],
    /// Stand-in when no ormas is named ("Perwakilan Ormas" in titles).
    pub ormas_fallback: &'a str,
    pub url: &'a str,
    pub title: &'a str,
}

fn at_sentence_start(out: &str, from: usize) -> bool {
    let t = out[from..].trim_end();
    t.is_empty() || t.ends_with(['.', '!', '?'])
}

fn push_word(out: &mut String, word: &str, cap: bool) {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if cap && c.is_lowercase() => {
            out.extend(c.to_uppercase());
            out.push_str(chars.as_str());
        }
        _ => out.push_str(word),
    }
}

/// Appends `tpl` with its `{SLOT}`s filled; words that open a sentence are capitalised.
pub fn fill(out: &mut String, tpl: &str, ctx: &Ctx, rng: &mut Rng) {
    let from = out.len();
    let mut rest = tpl;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let key = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let cap = at_sentence_start(out, from);
        let word: &str = match key {
            "ORG" => ctx.org,
            "ORGS" => ctx.orgs,
            "PLACE" => ctx.place,
            "TOPIC" => ctx.topic,
            "VENUE" => ctx.venue,
            "DATE" => ctx.date,
            "URL" => ctx.url,
            "TITLE" => ctx.title,
            "ORMAS" if ctx.ormas.is_empty() => ctx.ormas_fallback,
            "ORMAS" => rng.one(ctx.ormas),
            "COUNT" => {
                let _ = write!(out, "{}", ctx.count);
                continue;
            }
            "VKAN" => rng.one(V_KAN),
            "VMEN" => rng.one(V_MEN),
            "VI" => rng.one(V_I),
            "VBER" => rng.one(V_BER),
            "VDI" => rng.one(V_DI),
            "NPE" => rng.one(N_PE),
            "NKE" => rng.one(N_KE),
            "NOBJ" => rng.one(N_OBJ),
            "ADJ" => rng.one(ADJ),
            "CONJ" => rng.one(CONJ),
            _ => "",
        };
        push_word(out, word, cap);
    }
    out.push_str(rest);
}

/// Picks a template not yet used in this text while some remain (`used` is a bitmask,
/// so lists must stay under 64 entries).
fn fresh<'a>(rng: &mut Rng, list: &[&'a str], used: &mut u64) -> &'a str {
    debug_assert!(list.len() <= 64);
    let all = if list.len() == 64 { u64::MAX } else { (1u64 << list.len()) - 1 };
    if *used & all == all {
        *used = 0;
    }
    loop {
        let i = rng.below(list.len());
        if *used & (1 << i) == 0 {
            *used |= 1 << i;
            return list[i];
        }
    }
}

fn words(s: &str) -> usize {
    s.split_ascii_whitespace().count()
}

/// One quoted statement, attributed to `(name, role)`.
fn quote(out: &mut String, ctx: &Ctx, rng: &mut Rng, scratch: &mut String, who: (&str, &str)) {
    scratch.clear();
    fill(scratch, rng.one(QUOTES), ctx, rng);
    let tpl = rng.one(ATTRIBUTIONS);
    let from = out.len();
    let mut rest = tpl;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}').unwrap_or(0);
        let key = &rest[open + 1..open + close];
        let cap = at_sentence_start(out, from);
        match key {
            "Q" => out.push_str(scratch),
            "WHO" => out.push_str(who.0),
            "ROLE" => push_word(out, who.1, cap),
            _ => {}
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
}

/// Appends a press release of about `target` words (never fewer) to `out`.
/// `speakers` are the officials quoted, `(name, role)`.
pub fn press_release(out: &mut String, ctx: &Ctx, speakers: &[(&str, &str)], target: usize, rng: &mut Rng) {
    let start = out.len();
    let mut used = 0u64;
    let mut scratch = String::with_capacity(256);
    // Lead paragraph, with the organiser in bold now and then.
    let bold;
    let mut lead_ctx = *ctx;
    if rng.chance(30) {
        bold = format!("**{}**", ctx.org);
        lead_ctx.org = &bold;
    }
    fill(out, rng.one(LEADS), &lead_ctx, rng);
    for _ in 0..rng.range(1, 2) {
        out.push(' ');
        fill(out, fresh(rng, SENTENCES, &mut used), ctx, rng);
    }
    out.push_str("\n\n");
    let mut listed = false;
    let mut speaker = 0;
    let mut count = words(&out[start..]);
    while count < target {
        let para = out.len();
        match rng.weighted(&[55, 35, 10]) {
            1 if !speakers.is_empty() => {
                let who = speakers[speaker % speakers.len()];
                speaker += 1;
                quote(out, ctx, rng, &mut scratch, who);
                if rng.chance(50) {
                    out.push(' ');
                    fill(out, fresh(rng, SENTENCES, &mut used), ctx, rng);
                }
            }
            2 if !listed => {
                listed = true;
                out.push_str(rng.one(LIST_INTROS));
                out.push_str("\n\n");
                let n = rng.range(3, 5);
                for k in 0..n {
                    out.push_str("- ");
                    let item_start = out.len();
                    fill(out, rng.one(LIST_ITEMS), ctx, rng);
                    if k + 1 == n && out.ends_with(';') {
                        out.pop();
                        out.push('.');
                    }
                    // List items start with a capital letter.
                    if let Some(c) = out[item_start..].chars().next().filter(|c| c.is_lowercase()) {
                        let upper: String = c.to_uppercase().collect();
                        out.replace_range(item_start..item_start + c.len_utf8(), &upper);
                    }
                    out.push('\n');
                }
                // The items already end the paragraph's last line.
                out.pop();
            }
            _ => {
                for k in 0..rng.range(2, 4) {
                    if k > 0 {
                        out.push(' ');
                    }
                    fill(out, fresh(rng, SENTENCES, &mut used), ctx, rng);
                }
            }
        }
        count += words(&out[para..]);
        out.push_str("\n\n");
    }
    if rng.chance(20) {
        fill(out, rng.one(CLOSINGS), ctx, rng);
        out.push('\n');
    } else {
        out.truncate(out.trim_end().len());
        out.push('\n');
    }
}

/// A short descriptive text of at least `target` words built from narrative sentences.
pub fn plain_text(out: &mut String, leads: &[&str], sentences: &[&str], ctx: &Ctx, target: usize, rng: &mut Rng) {
    let start = out.len();
    let mut used = 0u64;
    fill(out, rng.one(leads), ctx, rng);
    let mut in_paragraph = 1;
    let mut count = words(&out[start..]);
    while count < target {
        if in_paragraph >= 4 && rng.chance(50) {
            out.push_str("\n\n");
            in_paragraph = 0;
        } else {
            out.push(' ');
        }
        let sentence = out.len();
        fill(out, fresh(rng, sentences, &mut used), ctx, rng);
        count += words(&out[sentence..]);
        in_paragraph += 1;
    }
    out.push('\n');
}
