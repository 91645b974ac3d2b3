//! One pass over a file's bytes with every trigger literal in one
//! Aho–Corasick automaton: a file with no hit is done without parsing.

use crate::goto::{context_word_counts, CONTEXT_WORDS};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

pub struct Prefilter {
    automaton: AhoCorasick,
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
            if !t.is_empty() && !patterns.contains(&t) {
                patterns.push(t);
                is_context.push(false);
            }
        }
        let lengths = patterns.iter().map(String::len).collect();
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostFirst)
            .build(&patterns)
            .expect("prefilter patterns are plain literals");
        Prefilter {
            automaton,
            is_context,
            lengths,
        }
    }

    pub fn scan(&self, bytes: &[u8]) -> Hits {
        let mut hits = Hits::default();
        for m in self.automaton.find_iter(bytes) {
            hits.any = true;
            let p = m.pattern().as_usize();
            if self.is_context[p] && context_word_counts(bytes, m.start(), self.lengths[p]) {
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
