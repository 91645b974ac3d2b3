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

use std::collections::HashMap;

const WINDOW: usize = 100;
const BASE: u64 = 37;
const END_OF_FILE: u64 = 65535;
const LF: u16 = b'\n' as u16;
const CR: u16 = b'\r' as u16;
const SPACE: u16 = b' ' as u16;
const TAB: u16 = b'\t' as u16;

/// The normalised value stream of a text, end marker included, and the
/// stream position where each line starts.
fn stream(text: &str) -> (Vec<u64>, Vec<usize>) {
    let mut values = Vec::with_capacity(text.len() + 1);
    let mut starts = Vec::new();
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
            starts.push(values.len());
        }
        at_line_start = value == u64::from(LF);
        values.push(value);
    }
    (values, starts)
}

/// The `primaryLocationLineHash` of every line of `text`; index 0 is line 1.
pub fn line_hashes(text: &str) -> Vec<String> {
    let (values, starts) = stream(text);
    let value_at = |i: usize| values.get(i).copied().unwrap_or(0);
    // weight of the value that leaves the window
    let leaving = (0..WINDOW).fold(1u64, |acc, _| acc.wrapping_mul(BASE));
    let mut seen: HashMap<u64, usize> = HashMap::new();
    let mut out = Vec::with_capacity(starts.len());
    let mut pending = starts.iter().copied().peekable();
    let mut hash = 0u64;
    // After taking in position `i`, `hash` covers the WINDOW values ending
    // there, i.e. the window that starts at `i + 1 - WINDOW`.
    let mut i = 0usize;
    while let Some(&start) = pending.peek() {
        let old = i.checked_sub(WINDOW).map_or(0, value_at);
        hash = hash
            .wrapping_mul(BASE)
            .wrapping_add(value_at(i))
            .wrapping_sub(leaving.wrapping_mul(old));
        if i + 1 >= WINDOW && i + 1 - WINDOW == start {
            let count = seen.entry(hash).or_insert(0);
            *count += 1;
            out.push(format!("{hash:x}:{count}"));
            pending.next();
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::line_hashes;

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
}
