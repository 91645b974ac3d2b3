//! `primaryLocationLineHash`: the per-line fingerprint GitHub code scanning
//! computes for SARIF results that do not carry one.
//!
//! The file is read as UTF-16 code units. Spaces and tabs are dropped, CR and
//! CRLF become LF (line ends stay in the stream), and the value 65535 marks
//! the end of the file, followed by zeros. A line's hash is the base-37
//! polynomial over the 100 stream values that start at the line's first
//! value, wrapping at 64 bits, written as lower-case hex. A `:N` suffix
//! counts how often that hash has been seen so far, in line order, starting
//! at 1 for its first occurrence.
//!
//! A line is any run that ends with a line break or the end of the file, so
//! a file ending with a newline has a last, empty line whose hash starts at
//! the end marker, and an empty file has one line.

use std::collections::{HashMap, VecDeque};
use std::fmt;

const WINDOW: usize = 100;
const BASE: u64 = 37;
const END_OF_FILE: u64 = 65535;
const LF: u16 = b'\n' as u16;
const CR: u16 = b'\r' as u16;
const SPACE: u16 = b' ' as u16;
const TAB: u16 = b'\t' as u16;

/// One line's `primaryLocationLineHash`: the hash and its occurrence
/// number, printed as `hash:occurrence`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineHash {
    pub hash: u64,
    pub occurrence: u32,
}

impl fmt::Display for LineHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:x}:{}", self.hash, self.occurrence)
    }
}

impl serde::Serialize for LineHash {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The rolling hash over the normalised value stream. It keeps the last
/// `WINDOW` values and the line starts not yet hashed, so its memory does
/// not depend on the size of the file.
struct Roller {
    ring: [u64; WINDOW],
    /// stream position of the next value
    position: usize,
    hash: u64,
    /// weight of the value that leaves the window
    leaving: u64,
    /// stream positions of line starts whose window is not complete yet
    pending: VecDeque<usize>,
    /// 0-based index of the next line to hash
    line: usize,
    seen: HashMap<u64, u32>,
}

impl Roller {
    fn new() -> Roller {
        Roller {
            ring: [0; WINDOW],
            position: 0,
            hash: 0,
            leaving: (0..WINDOW).fold(1u64, |acc, _| acc.wrapping_mul(BASE)),
            pending: VecDeque::new(),
            line: 0,
            seen: HashMap::new(),
        }
    }

    /// Take in one value; calls `emit` for the line whose window it
    /// completes. Returns false once `emit` asks to stop.
    fn push(&mut self, value: u64, emit: &mut impl FnMut(usize, LineHash) -> bool) -> bool {
        let slot = self.position % WINDOW;
        // the value at `position - WINDOW`, or 0 before the stream starts
        let old = std::mem::replace(&mut self.ring[slot], value);
        self.hash = self
            .hash
            .wrapping_mul(BASE)
            .wrapping_add(value)
            .wrapping_sub(self.leaving.wrapping_mul(old));
        // after taking in `position`, `hash` covers the window that starts
        // at `position + 1 - WINDOW`
        let complete = (self.position + 1).checked_sub(WINDOW);
        self.position += 1;
        if complete.is_some() && self.pending.front().copied() == complete {
            self.pending.pop_front();
            let count = self.seen.entry(self.hash).or_insert(0);
            *count += 1;
            let line = self.line;
            self.line += 1;
            return emit(
                line,
                LineHash {
                    hash: self.hash,
                    occurrence: *count,
                },
            );
        }
        true
    }
}

/// Calls `emit(line_index, hash)` for every line of `text` in order
/// (index 0 is line 1), until `emit` returns false.
pub fn each_line_hash(text: &str, mut emit: impl FnMut(usize, LineHash) -> bool) {
    let mut roller = Roller::new();
    let mut at_line_start = true;
    let mut after_cr = false;
    let units = text.encode_utf16().map(u64::from);
    for unit in units.chain(std::iter::once(END_OF_FILE)) {
        let was_cr = std::mem::replace(&mut after_cr, false);
        let value = match u16::try_from(unit) {
            Ok(SPACE | TAB) => continue,
            Ok(LF) if was_cr => continue,
            Ok(CR) => {
                after_cr = true;
                u64::from(LF)
            }
            _ => unit,
        };
        if at_line_start {
            roller.pending.push_back(roller.position);
        }
        at_line_start = value == u64::from(LF);
        if !roller.push(value, &mut emit) {
            return;
        }
    }
    // past the end of the file the stream is zeros
    while !roller.pending.is_empty() {
        if !roller.push(0, &mut emit) {
            return;
        }
    }
}

/// The `primaryLocationLineHash` of every line of `text`; index 0 is line 1.
pub fn line_hashes(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_line_hash(text, |_, h| {
        out.push(h.to_string());
        true
    });
    out
}

/// The hashes of the given 0-based lines of `text`, in the order asked
/// (`None` for a line the text does not have). Hashing stops after the
/// last line asked for.
pub fn hashes_of_lines(text: &str, lines: &[usize]) -> Vec<Option<LineHash>> {
    let mut wanted: Vec<usize> = lines.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    let Some(&last) = wanted.last() else {
        return Vec::new();
    };
    let mut found: Vec<Option<LineHash>> = vec![None; wanted.len()];
    let mut next = 0;
    each_line_hash(text, |line, hash| {
        if wanted.get(next) == Some(&line) {
            found[next] = Some(hash);
            next += 1;
        }
        line < last
    });
    lines
        .iter()
        .map(|l| wanted.binary_search(l).ok().and_then(|i| found[i]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{hashes_of_lines, line_hashes};

    /// Independent reference: normalise with string replacements, then hash
    /// the 100 values from each line start with Horner's rule.
    fn reference(text: &str) -> Vec<String> {
        let normalised = text
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .replace([' ', '\t'], "");
        let mut stream: Vec<u64> = normalised.encode_utf16().map(u64::from).collect();
        stream.push(0xFFFF);
        let mut line_starts = vec![0];
        for (i, v) in stream.iter().enumerate() {
            if *v == 10 {
                line_starts.push(i + 1);
            }
        }
        let mut counts = std::collections::BTreeMap::new();
        line_starts
            .iter()
            .map(|&s| {
                let mut h = 0u64;
                for k in 0..100 {
                    let v = stream.get(s + k).copied().unwrap_or(0);
                    h = h.wrapping_mul(37).wrapping_add(v);
                }
                let n = counts.entry(h).or_insert(0usize);
                *n += 1;
                format!("{h:x}:{n}")
            })
            .collect()
    }

    fn lines(text: &str) -> usize {
        text.replace("\r\n", "\n")
            .replace('\r', "\n")
            .split('\n')
            .count()
    }

    #[test]
    fn published_values() {
        // hashes GitHub's own action produces for these inputs
        assert_eq!(line_hashes(""), ["c129715d7a2bc9a3:1"]);
        assert_eq!(
            line_hashes(" a\nb\n  \t\tc\n d"),
            [
                "271789c17abda88f:1",
                "54703d4cd895b18:1",
                "180aee12dab6264:1",
                "a23a3dc5e078b07b:1"
            ]
        );
        assert_eq!(
            line_hashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End"),
            [
                "8b7cf3e952e7aeb2:1",
                "b1ae1287ec4718d9:1",
                "bff680108adb0fcc:1",
                "c6805c5e1288b612:1",
                "b86d3392aea1be30:1",
                "e6ceba753e1a442:1",
            ]
        );
        let with_final_newline = [
            "e9496ae3ebfced30:1",
            "fb7c023a8b9ccb3f:1",
            "ce8ba1a563dcdaca:1",
            "e20e36e16fcb0cc8:1",
            "b3edc88f2938467e:1",
            "c8e28b0b4002a3a0:1",
            "c129715d7a2bc9a3:1",
        ];
        for text in [
            " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n",
            " hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r",
            " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n",
            " hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n",
        ] {
            assert_eq!(line_hashes(text), with_final_newline, "{text:?}");
        }
        assert_eq!(
            line_hashes(&"Lorem ipsum dolor sit amet.\n".repeat(10)),
            [
                "a7f2ff13bc495cf2:1",
                "a7f2ff13bc495cf2:2",
                "a7f2ff13bc495cf2:3",
                "a7f2ff13bc495cf2:4",
                "a7f2ff13bc495cf2:5",
                "a7f2ff13bc495cf2:6",
                "a7f2ff1481e87703:1",
                "a9cf91f7bbf1862b:1",
                "55ec222b86bcae53:1",
                "cc97dc7b1d7d8f7b:1",
                "c129715d7a2bc9a3:1"
            ]
        );
    }

    #[test]
    fn empty_file_is_one_line_holding_the_end_marker() {
        // 65535 * 37^99, wrapped
        let expected = (0..99).fold(65535u64, |h, _| h.wrapping_mul(37));
        assert_eq!(line_hashes(""), [format!("{expected:x}:1")]);
    }

    #[test]
    fn line_endings_and_blanks_do_not_matter() {
        let lf = line_hashes("a = 1\n\tb = 2\n\nc\n");
        assert_eq!(line_hashes("a = 1\r\n\tb = 2\r\n\r\nc\r\n"), lf);
        assert_eq!(line_hashes("a = 1\r\tb = 2\r\rc\r"), lf);
        assert_eq!(line_hashes("a=1\n    b=2\n \t \nc\n"), lf);
        assert_eq!(lf.len(), 5);
    }

    #[test]
    fn repeated_lines_are_numbered_in_order() {
        // identical trailing windows: the last lines of a file of blank lines
        let h = line_hashes("\n\n\n");
        assert_eq!(h.len(), 4);
        assert!(h.iter().all(|x| x.ends_with(":1")), "{h:?}");
        let text = format!("{}x\n", "same line\n".repeat(30));
        let h = line_hashes(&text);
        let first = h[0].split(':').next().unwrap();
        assert_eq!(h[0], format!("{first}:1"));
        // line 2 starts a window with the same contents as line 1 until
        // the window reaches the end of the file
        assert_eq!(h[1], format!("{first}:2"));
        assert_eq!(h[2], format!("{first}:3"));
    }

    #[test]
    fn matches_the_reference() {
        let long = "x".repeat(250);
        let cases = [
            String::new(),
            "\n".to_string(),
            "\r".to_string(),
            "\r\n".to_string(),
            "\r \n".to_string(),
            "no newline".to_string(),
            "a\nb".to_string(),
            "   \n\t\n".to_string(),
            format!("{long}\n{long}\r\n{long}"),
            "é ü 漢字 😀 end\r\nnext".to_string(),
            "\u{FEFF}bom\n".to_string(),
            "token_url: \"https://api.getgo.com/oauth/v2/token\"\n".repeat(7),
            (0..400)
                .map(|i| format!("line {} {}\n", i % 7, " ".repeat(i % 5)))
                .collect(),
        ];
        for text in &cases {
            let got = line_hashes(text);
            assert_eq!(got, reference(text), "{text:?}");
            assert_eq!(got.len(), lines(text), "{text:?}");
        }
    }

    #[test]
    fn matches_the_reference_on_pseudo_random_text() {
        let alphabet: Vec<char> = "ab \t\r\n\n é😀".chars().collect();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for len in [0usize, 1, 2, 5, 37, 99, 100, 101, 199, 200, 201, 1000] {
            for _ in 0..20 {
                let text: String = (0..len)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        alphabet[(state % alphabet.len() as u64) as usize]
                    })
                    .collect();
                assert_eq!(line_hashes(&text), reference(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn selected_lines_match_the_full_list() {
        let text: String = (0..300)
            .map(|i| format!("row {} {}\r\n", i % 11, "\t".repeat(i % 3)))
            .collect();
        let all = line_hashes(&text);
        let lines = [250, 0, 7, 7, 299, 300, 301, 5000, 1];
        let picked = hashes_of_lines(&text, &lines);
        assert_eq!(picked.len(), lines.len());
        for (line, hash) in lines.iter().zip(&picked) {
            assert_eq!(
                hash.map(|h| h.to_string()),
                all.get(*line).cloned(),
                "line {line}"
            );
        }
        // 300 lines end with a line break: line index 300 is the empty last line
        assert!(picked[5].is_some());
        assert_eq!(picked[6], None);
        assert!(hashes_of_lines(&text, &[]).is_empty());
        assert_eq!(
            hashes_of_lines("", &[0])[0].map(|h| h.to_string()),
            Some("c129715d7a2bc9a3:1".to_string())
        );
    }
}
