//! XML templates read with quick-xml: elements become nodes of a [`Tree`],
//! attributes their properties, character data their texts. quick-xml
//! hands out slices of the text it reads, so each attribute value and text
//! is placed by its address in the source; entities (`&amp;`, `&#47;`) are
//! decoded here, each decoded character pointing at the entity it came from.

use super::{decoded_value, Node, NodeKind, Prop, PropValue, Text, Tree};
use crate::model::Span;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

/// The element tree of a well-formed XML document; `None` when the reader
/// reports an error or an element is left open.
pub fn parse(source: &str) -> Option<Tree> {
    let mut reader = Reader::from_str(source);
    let mut tree = Tree::default();
    let mut open: Vec<usize> = Vec::new();
    // character data and entity references in a row form one text
    let mut run: Option<Span> = None;
    loop {
        let start = usize::try_from(reader.buffer_position()).ok()?;
        let event = reader.read_event().ok()?;
        let end = usize::try_from(reader.buffer_position()).ok()?;
        if !matches!(event, Event::Text(_) | Event::GeneralRef(_)) {
            if let (Some(text), Some(&parent)) = (run.take(), open.last()) {
                let value = decode_entities(source, text.clone());
                tree.nodes[parent].texts.push(Text { value, span: text });
            }
        }
        match event {
            Event::Eof => break,
            // a tag must start where the reader stood: spans rest on it
            Event::Start(_) | Event::Empty(_)
                if !source.get(start..).is_some_and(|s| s.starts_with('<')) =>
            {
                return None
            }
            Event::Start(e) => {
                let index = element(source, &mut tree, &e, start..end, open.last().copied())?;
                open.push(index);
            }
            Event::Empty(e) => {
                element(source, &mut tree, &e, start..end, open.last().copied())?;
            }
            Event::End(_) => {
                let index = open.pop()?;
                tree.nodes[index].span.end = end;
            }
            Event::Text(_) | Event::GeneralRef(_) => {
                run = Some(run.map_or(start..end, |r| r.start..end));
            }
            Event::CData(_) => {
                // `<![CDATA[` … `]]>`: the content is taken as written
                let content = start + 9..end.saturating_sub(3);
                if let (Some(text), Some(&parent)) = (source.get(content.clone()), open.last()) {
                    let decoded: Vec<(char, usize)> = text
                        .char_indices()
                        .map(|(i, c)| (c, content.start + i))
                        .collect();
                    let value = decoded_value(&decoded, content.end);
                    tree.nodes[parent].texts.push(Text {
                        value,
                        span: content,
                    });
                }
            }
            _ => {}
        }
    }
    open.is_empty().then_some(tree)
}

/// Where a slice that quick-xml handed out lies in `source`.
fn offset_in(source: &str, slice: &[u8]) -> Option<Span> {
    let start = (slice.as_ptr() as usize).checked_sub(source.as_ptr() as usize)?;
    let end = start + slice.len();
    (end <= source.len() && source.is_char_boundary(start) && source.is_char_boundary(end))
        .then_some(start..end)
}

fn element(
    source: &str,
    tree: &mut Tree,
    e: &BytesStart<'_>,
    span: Span,
    parent: Option<usize>,
) -> Option<usize> {
    let name = String::from_utf8_lossy(e.local_name().into_inner()).to_ascii_lowercase();
    let mut props = Vec::new();
    let mut attributes = e.attributes();
    attributes.with_checks(false);
    for attribute in attributes {
        let attribute = attribute.ok()?;
        let key_span = offset_in(source, attribute.key.local_name().into_inner())?;
        let value_span = offset_in(source, &attribute.value)?;
        let key = Text {
            value: decode_entities(source, key_span.clone()),
            span: key_span,
        };
        let value = Text {
            value: decode_entities(source, value_span.clone()),
            span: value_span,
        };
        props.push(Prop {
            key: Some(key),
            value: PropValue::Str(value),
        });
    }
    let index = tree.nodes.len();
    tree.nodes.push(Node {
        kind: NodeKind::Element,
        name,
        span,
        parent,
        props,
        children: Vec::new(),
        texts: Vec::new(),
    });
    if let Some(p) = parent {
        tree.nodes[p].children.push(index);
    }
    Some(index)
}

/// The text of `source[span]` with the predefined and numeric entities
/// decoded; an entity that is not one of those stays as written.
fn decode_entities(source: &str, span: Span) -> crate::model::StrValue {
    let text = source.get(span.clone()).unwrap_or("");
    let mut decoded: Vec<(char, usize)> = Vec::with_capacity(text.len());
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        let here = span.start + at;
        if c == '&' {
            if let Some((entity, len)) = entity(&text[at..]) {
                decoded.push((entity, here));
                at += len;
                continue;
            }
        }
        decoded.push((c, here));
        at += c.len_utf8();
    }
    decoded_value(&decoded, span.end)
}

/// The character an entity at the start of `text` stands for, and its length.
fn entity(text: &str) -> Option<(char, usize)> {
    let end = text.get(..12.min(text.len()))?.find(';')?;
    let name = &text[1..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_and_entities_map_back() {
        let src = "<c>\n  <http method=\"get\" uri=\"https://h.example/t?a=1&amp;client_id=x\"/>\n  <p>$.a &amp; b</p>\n</c>\n";
        let tree = parse(src).unwrap();
        assert_eq!(tree.nodes.len(), 3);
        let http = &tree.nodes[1];
        assert_eq!(http.name, "http");
        assert_eq!(
            &src[http.span.clone()],
            &src[6..src.find("/>").unwrap() + 2]
        );
        let PropValue::Str(uri) = &http.props[1].value else {
            panic!("an attribute");
        };
        let text = uri.value.text();
        assert_eq!(text, "https://h.example/t?a=1&client_id=x");
        let at = text.find("client_id").unwrap();
        assert_eq!(&src[uri.value.source_of(at..at + 9).unwrap()], "client_id");
        let amp = text.find('&').unwrap();
        assert_eq!(&src[uri.value.source_of(amp..amp + 1).unwrap()], "&amp;");
        let p = &tree.nodes[2];
        assert_eq!(p.texts[0].value.text(), "$.a & b");
        assert_eq!(tree.nodes[0].children, vec![1, 2]);
        assert_eq!(&src[tree.nodes[0].span.clone()], src.trim_end());
    }

    #[test]
    fn malformed_documents_are_refused() {
        for bad in [
            "<a>",
            "<a></b>",
            "<a x=\"1></a>",
            "<a x=\"1\" x=2/>",
            "</a>",
        ] {
            assert!(parse(bad).is_none(), "{bad}");
        }
    }
}
