//! One pass over a file's bytes with every trigger literal in one
//! Aho–Corasick automaton: a file with no hit is done without parsing.

use crate::goto::{context_word_counts, CONTEXT_WORDS};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

pub struct Prefilter {
    automaton: AhoCorasick,
    /// the SIMD (Teddy) searcher, where the CPU has it
    packed: Option<aho_corasick::packed::Searcher>,
    /// per pattern: is it a GoTo context word (as opposed to a rule trigger)
    is_context: Vec<bool>,
    lengths: Vec<usize>,
}

/// What the prefilter saw in a file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hits {
    /// any trigger at all: the file must be analysed
    pub any: bool,
    /// a GoTo context word counted (see `goto::context_word_counts`)
    pub goto_context: bool,
}

impl Prefilter {
    /// `triggers`: rule trigger literals and extra auth hosts.
    pub fn new(triggers: &[String]) -> Prefilter {
        let mut patterns: Vec<String> = CONTEXT_WORDS.iter().map(|w| w.to_string()).collect();
        let mut is_context = vec![true; patterns.len()];
        for t in triggers {
            let t = t.to_ascii_lowercase();
            // a trigger that contains a context word adds nothing
            let covered = CONTEXT_WORDS.iter().any(|w| t.contains(w));
            if !t.is_empty() && !covered && !patterns.contains(&t) {
                patterns.push(t);
                is_context.push(false);
            }
        }
        let lengths = patterns.iter().map(String::len).collect();
        // patterns are lower case and the text is lowered before searching:
        // a case-sensitive automaton keeps the SIMD (Teddy) search, which an
        // ASCII-case-insensitive one loses
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostFirst)
            .build(&patterns)
            .expect("prefilter patterns are plain literals");
        let packed = aho_corasick::packed::Config::new()
            .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
            .builder()
            .extend(&patterns)
            .build();
        Prefilter {
            automaton,
            packed,
            is_context,
            lengths,
        }
    }

    pub fn scan(&self, bytes: &[u8]) -> Hits {
        thread_local! {
            static LOWER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        LOWER.with(|buf| {
            let mut lower = buf.borrow_mut();
            lower.clear();
            lower.extend(bytes.iter().map(u8::to_ascii_lowercase));
            let hits = self.scan_lower(&lower);
            // do not keep a huge buffer alive after a big file
            if lower.capacity() > 4 << 20 {
                *lower = Vec::new();
            }
            hits
        })
    }

    fn scan_lower(&self, lower: &[u8]) -> Hits {
        let mut hits = Hits::default();
        let matches: Box<dyn Iterator<Item = aho_corasick::Match>> = match &self.packed {
            Some(p) => Box::new(p.find_iter(lower)),
            None => Box::new(self.automaton.find_iter(lower)),
        };
        for m in matches {
            let p = m.pattern().as_usize();
            if !self.is_context[p] {
                hits.any = true;
            } else if context_word_counts(lower, m.start(), self.lengths[p]) {
                hits.any = true;
                hits.goto_context = true;
                break;
            }
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_hosts_case_insensitively() {
        let p = Prefilter::new(&[]);
        assert!(p.scan(b"x = 'https://API.GetGo.com/oauth'").goto_context);
        assert!(!p.scan(b"nothing to see here").any);
    }

    #[test]
    fn short_words_need_identifier_boundaries() {
        let p = Prefilter::new(&[]);
        assert!(p.scan(b"class G2WClient:").goto_context);
        assert!(!p.scan(b"aG2W1 base64 noise").goto_context);
    }

    #[test]
    fn rule_triggers_make_a_file_relevant_without_context() {
        let p = Prefilter::new(&["corp-auth.example.com".to_string()]);
        let hits = p.scan(b"url = 'https://corp-auth.example.com/oauth/token'");
        assert!(hits.any && !hits.goto_context);
    }
}
