//! Finds where a field sits in a YAML text, so that a problem found after
//! parsing (a dangling id, a duplicate) can point at its line.
//!
//! serde_yaml gives no positions for values it parsed successfully, so the
//! text is walked once more with yaml-rust2's event parser. This runs only
//! for files that have a problem, never on the build's hot path.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// One step of a field path: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Step {
    Key(String),
    Index(usize),
}

/// Parses `participants.ormas[1]` into steps.
pub(crate) fn steps(path: &str) -> Vec<Step> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let mut rest = part;
        if let Some(open) = rest.find('[') {
            if open > 0 {
                out.push(Step::Key(rest[..open].to_string()));
            }
            rest = &rest[open..];
            while let Some(stripped) = rest.strip_prefix('[') {
                let close = stripped.find(']').unwrap_or(stripped.len());
                if let Ok(i) = stripped[..close].parse() {
                    out.push(Step::Index(i));
                }
                rest = stripped.get(close + 1..).unwrap_or("");
            }
        } else {
            out.push(Step::Key(rest.to_string()));
        }
    }
    out
}

/// A container being walked: for a mapping, whether the next scalar is a
/// key, and the key whose value comes next; for a sequence, the index.
enum Frame {
    Map { expect_key: bool, key: Option<String> },
    Seq { next: usize },
}

struct Finder {
    target: Vec<Step>,
    stack: Vec<Frame>,
    path: Vec<Step>,
    /// Best match so far: how many steps matched, and where.
    best: Option<(usize, usize, usize)>,
}

impl Finder {
    /// Step that the node starting now sits at, given its parent frame.
    fn enter_node(&mut self) -> Option<Step> {
        match self.stack.last_mut() {
            Some(Frame::Map { expect_key: false, key }) => key.take().map(Step::Key),
            Some(Frame::Seq { next }) => {
                *next += 1;
                Some(Step::Index(*next - 1))
            }
            _ => None,
        }
    }

    fn after_value(&mut self) {
        if let Some(Frame::Map { expect_key, .. }) = self.stack.last_mut() {
            *expect_key = true;
        }
    }

    fn record(&mut self, path_len: usize, mark: Marker, len: usize, replace_equal: bool) {
        let matched = self.path.iter().zip(&self.target).take_while(|(a, b)| a == b).count();
        let best = self.best.map_or(0, |b| b.0);
        // A scalar value is a better place to point than its key.
        if matched == path_len && (matched > best || (replace_equal && matched == best && matched > 0)) {
            self.best = Some((matched, mark.index(), len));
        }
    }
}

impl MarkedEventReceiver for Finder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(value, style, ..) => {
                let quotes = matches!(style, TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted);
                let width = value.chars().count() + if quotes { 2 } else { 0 };
                if let Some(Frame::Map { expect_key: true, key }) = self.stack.last_mut() {
                    *key = Some(value.clone());
                    if let Some(Frame::Map { expect_key, .. }) = self.stack.last_mut() {
                        *expect_key = false;
                    }
                    // A key marks its field: point there when the value is a block.
                    self.path.push(Step::Key(value.clone()));
                    let n = self.path.len();
                    self.record(n, mark, width, false);
                    self.path.pop();
                    return;
                }
                if let Some(step) = self.enter_node() {
                    self.path.push(step);
                    let n = self.path.len();
                    self.record(n, mark, width.max(1), true);
                    self.path.pop();
                }
                self.after_value();
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let step = self.enter_node();
                let pushed = step.is_some();
                if let Some(step) = step {
                    self.path.push(step);
                    let n = self.path.len();
                    self.record(n, mark, 1, false);
                }
                self.stack.push(if matches!(ev, Event::MappingStart(..)) {
                    Frame::Map { expect_key: true, key: None }
                } else {
                    Frame::Seq { next: 0 }
                });
                // Remember whether this container added a path step.
                if !pushed {
                    self.path.push(Step::Key(String::new()));
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                self.path.pop();
                self.after_value();
            }
            _ => {}
        }
    }
}

/// Byte range, within `yaml`, of the deepest part of `field_path` that the
/// text contains: the value itself, or failing that its key.
pub fn locate(yaml: &str, field_path: &str) -> Option<(usize, usize)> {
    if let Some(index) = crate::memo::table("paths", yaml, || PathIndex::build(yaml)) {
        let target = steps(field_path);
        let (start, end) = (1..=target.len()).rev().find_map(|k| index.spans.get(&target[..k]).copied())?;
        return Some((start, end.min(line_end(yaml, start))));
    }
    let target = steps(field_path);
    let mut finder = Finder { target, stack: Vec::new(), path: Vec::new(), best: None };
    // The root container pushes a placeholder step; start the path without it.
    let mut parser = Parser::new_from_str(yaml);
    parser.load(&mut RootSkip(&mut finder), false).ok()?;
    let (_, index, len) = finder.best?;
    let start = char_to_byte(yaml, index);
    Some((start, char_to_byte(yaml, index + len).min(line_end(yaml, start))))
}

/// Where every field of a YAML text is, for texts located many times
/// (see [`crate::memo`]): the same choice as [`locate`] makes, a scalar
/// value over its key, a key over the block it opens, for every path.
struct PathIndex {
    spans: std::collections::HashMap<Vec<Step>, (usize, usize)>,
}

impl PathIndex {
    fn build(yaml: &str) -> Self {
        let mut indexer = Indexer {
            finder: Finder { target: Vec::new(), stack: Vec::new(), path: Vec::new(), best: None },
            found: Default::default(),
        };
        let mut parser = Parser::new_from_str(yaml);
        let _ = parser.load(&mut indexer, false);
        // Positions are in characters; one pass turns them into bytes.
        let ascii = yaml.is_ascii();
        let bytes: Vec<usize> = if ascii { Vec::new() } else { yaml.char_indices().map(|(i, _)| i).collect() };
        let to_byte =
            |chars: usize| if ascii { chars.min(yaml.len()) } else { bytes.get(chars).copied().unwrap_or(yaml.len()) };
        let spans = indexer
            .found
            .into_iter()
            .map(|(path, (_, index, len))| (path, (to_byte(index), to_byte(index + len))))
            .collect();
        Self { spans }
    }
}

/// Records the place of every path (rank 2: a scalar value, 1: a key or
/// the start of a block; a higher rank replaces, an equal one does not).
struct Indexer {
    finder: Finder,
    found: std::collections::HashMap<Vec<Step>, (u8, usize, usize)>,
}

impl Indexer {
    fn note(&mut self, rank: u8, mark: Marker, len: usize) {
        // The root container's placeholder step is not part of any path.
        let path = self.finder.path.iter().skip(1).cloned().collect::<Vec<_>>();
        if path.is_empty() {
            return;
        }
        let entry = self.found.entry(path).or_insert((0, 0, 0));
        if rank > entry.0 {
            *entry = (rank, mark.index(), len);
        }
    }
}

impl MarkedEventReceiver for Indexer {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let f = &mut self.finder;
        match ev {
            Event::Scalar(value, style, ..) => {
                let quotes = matches!(style, TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted);
                let width = value.chars().count() + if quotes { 2 } else { 0 };
                if let Some(Frame::Map { expect_key: true, key }) = f.stack.last_mut() {
                    *key = Some(value.clone());
                    if let Some(Frame::Map { expect_key, .. }) = f.stack.last_mut() {
                        *expect_key = false;
                    }
                    f.path.push(Step::Key(value));
                    self.note(1, mark, width);
                    self.finder.path.pop();
                    return;
                }
                if let Some(step) = f.enter_node() {
                    f.path.push(step);
                    self.note(2, mark, width.max(1));
                    self.finder.path.pop();
                }
                self.finder.after_value();
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let is_map = matches!(ev, Event::MappingStart(..));
                match f.enter_node() {
                    Some(step) => {
                        f.path.push(step);
                        self.note(1, mark, 1);
                    }
                    None => f.path.push(Step::Key(String::new())),
                }
                self.finder.stack.push(if is_map {
                    Frame::Map { expect_key: true, key: None }
                } else {
                    Frame::Seq { next: 0 }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                f.stack.pop();
                f.path.pop();
                f.after_value();
            }
            _ => {}
        }
    }
}

/// Strips the root container's placeholder step, so paths start at its keys.
struct RootSkip<'a>(&'a mut Finder);

impl MarkedEventReceiver for RootSkip<'_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let is_root_start = self.0.stack.is_empty() && matches!(ev, Event::MappingStart(..) | Event::SequenceStart(..));
        self.0.on_event(ev, mark);
        if is_root_start {
            self.0.path.clear();
        }
    }
}

/// yaml-rust2 counts positions in characters; diagnostics want bytes.
fn char_to_byte(text: &str, chars: usize) -> usize {
    text.char_indices().nth(chars).map_or(text.len(), |(i, _)| i)
}

fn line_end(text: &str, from: usize) -> usize {
    text[from..].find('\n').map_or(text.len(), |i| from + i)
}

/// `d` pointed at `field` of a record's front matter, when found there (the
/// text is read again if the build let go of it).
pub fn at_field(
    d: crate::diagnostic::Diagnostic,
    origin: &crate::model::Origin,
    field: &str,
) -> crate::diagnostic::Diagnostic {
    let Some(text) = origin.text() else {
        return d;
    };
    let yaml_end = if origin.body_start > origin.yaml_start { origin.body_start } else { text.len() };
    match locate(&text[origin.yaml_start..yaml_end], field) {
        Some((s, e)) => d.at(&text, origin.yaml_start + s, origin.yaml_start + e),
        None => d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "title: Rapat é\norganizers: [pemkot, kpu-x]\nparticipants:\n  ormas:\n    - a\n    - bamus\n  ormas_count: 3\ntopics: [t]\n";

    fn text_at(path: &str) -> &'static str {
        let (s, e) = locate(YAML, path).unwrap();
        &YAML[s..e]
    }

    #[test]
    fn finds_values_in_flow_and_block_sequences() {
        assert_eq!(text_at("organizers[1]"), "kpu-x");
        assert_eq!(text_at("participants.ormas[1]"), "bamus");
        assert_eq!(text_at("participants.ormas_count"), "3");
        assert_eq!(text_at("topics[0]"), "t");
    }

    #[test]
    fn falls_back_to_the_key_or_nearest_parent() {
        assert_eq!(text_at("participants"), "participants");
        assert_eq!(text_at("participants.agencies"), "participants");
        assert!(locate(YAML, "nothing").is_none());
    }

    #[test]
    fn the_index_of_a_large_text_agrees_with_the_walk() {
        let mut yaml = String::from(YAML);
        yaml.push_str("sources:\n");
        for i in 0..2_000 {
            yaml.push_str(&format!("  - {{title: \"Berita é {i}\", url: x}}\n"));
        }
        let paths =
            ["organizers[1]", "participants", "participants.agencies", "sources[1999].title", "sources[7]", "nothing"];
        let direct: Vec<_> = paths.iter().map(|p| locate(&yaml, p)).collect();
        let indexed: Vec<_> = crate::memo::scope(|| paths.iter().map(|p| locate(&yaml, p)).collect());
        assert_eq!(direct, indexed);
    }

    #[test]
    fn finds_fields_inside_a_top_level_list() {
        let yaml = "- code: \"36\"\n  name: Banten\n- code: \"36.71\"\n  name: Kota Tangerang\n";
        let (s, e) = locate(yaml, "[1].code").unwrap();
        assert_eq!(&yaml[s..e], "\"36.71\"");
    }
}
