//! A JSON reader that keeps where everything is: objects and arrays become
//! nodes of a [`Tree`], strings keep the byte span of their content and how
//! each decoded character maps back to it (`\"`, `\/`, `\u00e9` escapes).
//! serde_json reads values but forgets their places, and the rules need
//! them to point at a key or a URL as written.

use super::{decoded_value, Node, NodeKind, Prop, PropValue, Text, Tree};
use crate::model::Span;

/// Deeper nesting than any request definition has: the file is not read
/// as one (and the reader never recurses without bound).
const MAX_DEPTH: usize = 256;

/// The tree of a JSON document, spans being offsets into `source`; `None`
/// for anything that is not exactly one JSON
/// value (a truncated file, comments, trailing commas).
pub fn parse(source: &str) -> Option<Tree> {
    let mut reader = Reader {
        text: source,
        bytes: source.as_bytes(),
        at: 0,
        tree: Tree::default(),
    };
    reader.blank();
    let top = reader.value(None, 0)?;
    reader.blank();
    if reader.at != reader.bytes.len() {
        return None;
    }
    match top {
        PropValue::Node(_) => Some(reader.tree),
        _ => None,
    }
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    tree: Tree,
}

impl Reader<'_> {
    fn blank(&mut self) {
        while self
            .bytes
            .get(self.at)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.bytes.get(self.at) == Some(&byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self, parent: Option<usize>, depth: usize) -> Option<PropValue> {
        if depth > MAX_DEPTH {
            return None;
        }
        match *self.bytes.get(self.at)? {
            b'{' => self.container(parent, depth, NodeKind::Object),
            b'[' => self.container(parent, depth, NodeKind::Array),
            b'"' => self.string().map(PropValue::Str),
            _ => {
                let span = self.scalar()?;
                Some(PropValue::Scalar(span.clone(), self.text[span].to_string()))
            }
        }
    }

    fn container(
        &mut self,
        parent: Option<usize>,
        depth: usize,
        kind: NodeKind,
    ) -> Option<PropValue> {
        let start = self.at;
        self.at += 1;
        let index = self.tree.nodes.len();
        self.tree.nodes.push(Node {
            kind,
            name: String::new(),
            span: start..start,
            parent,
            props: Vec::new(),
            children: Vec::new(),
            texts: Vec::new(),
        });
        if let Some(p) = parent {
            self.tree.nodes[p].children.push(index);
        }
        let close = if kind == NodeKind::Object { b'}' } else { b']' };
        self.blank();
        if !self.eat(close) {
            loop {
                self.blank();
                let key = if kind == NodeKind::Object {
                    if self.bytes.get(self.at) != Some(&b'"') {
                        return None;
                    }
                    let key = self.string()?;
                    self.blank();
                    if !self.eat(b':') {
                        return None;
                    }
                    self.blank();
                    Some(key)
                } else {
                    None
                };
                let value = self.value(Some(index), depth + 1)?;
                self.tree.nodes[index].props.push(Prop { key, value });
                self.blank();
                if self.eat(b',') {
                    continue;
                }
                if self.eat(close) {
                    break;
                }
                return None;
            }
        }
        self.tree.nodes[index].span = start..self.at;
        Some(PropValue::Node(index))
    }

    /// A number, `true`, `false` or `null`.
    fn scalar(&mut self) -> Option<Span> {
        let start = self.at;
        for word in ["true", "false", "null"] {
            if self.text[start..].starts_with(word) {
                self.at += word.len();
                return Some(start..self.at);
            }
        }
        while self
            .bytes
            .get(self.at)
            .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'))
        {
            self.at += 1;
        }
        (self.at > start && self.text[start..self.at].parse::<f64>().is_ok())
            .then_some(start..self.at)
    }

    /// A string literal; the reader stands on its opening quote.
    fn string(&mut self) -> Option<Text> {
        self.at += 1;
        let start = self.at;
        let mut decoded: Vec<(char, usize)> = Vec::new();
        loop {
            let rest = self.text.get(self.at..)?;
            let c = rest.chars().next()?;
            let here = self.at;
            match c {
                '"' => {
                    self.at += 1;
                    return Some(Text {
                        value: decoded_value(&decoded, here),
                        span: start..here,
                    });
                }
                '\\' => {
                    let escape = *self.bytes.get(here + 1)?;
                    self.at += 2;
                    let c = match escape {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return None,
                    };
                    decoded.push((c, here));
                }
                _ => {
                    self.at += c.len_utf8();
                    decoded.push((c, here));
                }
            }
        }
    }

    /// The character of a `\uXXXX` escape (a surrogate pair takes two);
    /// the reader stands after the `u`.
    fn unicode_escape(&mut self) -> Option<char> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first) {
            if self.text.get(self.at..self.at + 2) != Some("\\u") {
                return Some(char::REPLACEMENT_CHARACTER);
            }
            self.at += 2;
            let second = self.hex4()?;
            let code = 0x10000 + ((first - 0xD800) << 10) + second.checked_sub(0xDC00)?;
            return char::from_u32(code);
        }
        Some(char::from_u32(first).unwrap_or(char::REPLACEMENT_CHARACTER))
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.at..self.at + 4)?;
        let code = u32::from_str_radix(digits, 16).ok()?;
        self.at += 4;
        Some(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_map_back_through_escapes() {
        let src = r#"{"url": "https:\/\/api.getgo.com\/oauth\/v2\/token", "n": [1, true, null]}"#;
        let tree = parse(src).unwrap();
        let PropValue::Str(url) = &tree.nodes[0].props[0].value else {
            panic!("a string");
        };
        let text = url.value.text();
        assert_eq!(text, "https://api.getgo.com/oauth/v2/token");
        let at = text.find("api.getgo.com").unwrap();
        let span = url.value.source_of(at..at + 13).unwrap();
        assert_eq!(&src[span], "api.getgo.com");
        let at = text.find("/oauth").unwrap();
        assert_eq!(&src[url.value.source_of(at..at + 6).unwrap()], r"\/oauth");
        assert_eq!(tree.nodes.len(), 2);
    }

    #[test]
    fn anything_but_one_value_is_refused() {
        for bad in [
            "",
            "{",
            r#"{"a": }"#,
            r#"{"a": 1,}"#,
            r#"{"a": 1} x"#,
            "// c\n{}",
            r#""just a string""#,
            r#"{"a": "\x"}"#,
            r#"{"a": "\ud800\u0041"}"#,
        ] {
            assert!(parse(bad).is_none(), "{bad}");
        }
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 2), "]".repeat(MAX_DEPTH + 2));
        assert!(parse(&deep).is_none());
    }
}
