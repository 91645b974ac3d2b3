use super::*;

fn xml(src: &str) -> FileModel {
    lower(src, Format::Xml)
}

fn json(src: &str) -> FileModel {
    lower(src, Format::Json)
}

const CONNECTOR: &str = r#"<?xml version="1.0"?>
<!-- sample connector -->
<connector id="meetings">
  <auth kind="oauth2">
    <http verb="POST" url="{base}/oauth/token?scope=a&amp;b=1">
      <headers>
        <param name="Authorization" value="Basic {basicCredentials}"/>
      </headers>
      <param name="grant_type" value="refresh_token"/>
      <param name="refresh_token" in="query">{refreshToken}</param>
    </http>
    <extract name="accessToken" path="$['access_token']"/>
    <extract name="refreshToken" path="$.refresh_token" default="{refreshToken}"/>
  </auth>
  <operation name="list">
    <http method="get" href="https://api.example.com/v1/items"/>
    <path>$.items</path>
  </operation>
</connector>
"#;

const COLLECTION: &str = r#"{
  "item": [
    {
      "request": {
        "method": "post",
        "header": [
          { "key": "Content-Type", "value": "application/x-www-form-urlencoded" },
          { "key": "X-Old", "value": "1", "disabled": true }
        ],
        "url": { "raw": "{{tokenUrl}}", "query": [{ "key": "client_id", "value": "x" }] },
        "body": {
          "mode": "raw",
          "raw": "grant_type=authorization_code&code={{code}}&client_secret=s\u0065cret"
        }
      }
    },
    { "request": { "method": "GET", "url": "https://api.example.com/me?x=1", "auth": { "type": "basic" } } }
  ]
}
"#;

#[test]
fn xml_requests_take_their_parameters_headers_and_placeholders() {
    let m = xml(CONNECTOR);
    assert_eq!(m.http_requests.len(), 2);
    let token = &m.http_requests[0];
    assert_eq!(token.method, Some(Method::Post));
    let url = token.url.as_ref().unwrap();
    assert!(url.text().starts_with(HOLE));
    assert_eq!(url.display(), "{base}/oauth/token?scope=a&b=1");
    assert!(token.basic_auth);
    let keys = |entries: &[Entry]| entries.iter().map(|e| e.key.clone()).collect::<Vec<_>>();
    assert_eq!(keys(&token.headers), ["Authorization"]);
    assert_eq!(keys(&token.body), ["grant_type"]);
    assert_eq!(keys(&token.query), ["refresh_token"]);
    assert_eq!(token.body_kind, Some(BodyKind::Form));
    let key_span = token.body[0].key_span.clone().unwrap();
    assert_eq!(&CONNECTOR[key_span], "grant_type");
    // the method as written, for messages and fixes
    let MethodSource::Explicit { span } = &token.method_source else {
        panic!("explicit method");
    };
    assert_eq!(&CONNECTOR[span.clone()], "POST");
    // the second request's own parameters only
    let list = &m.http_requests[1];
    assert_eq!(list.method, Some(Method::Get));
    assert!(list.query.is_empty() && list.body.is_empty());
    // the text lines are still there for the host rules
    assert_eq!(
        m.strings,
        super::super::text::lower(CONNECTOR, TextKind::Xml).strings
    );
    assert!(m.text_only);
}

#[test]
fn jsonpath_reads_come_from_the_request_beside_them() {
    let m = xml(CONNECTOR);
    let reads: Vec<(&str, Option<&str>, bool, &Origin, ReadKind)> = m
        .field_reads
        .iter()
        .map(|r| {
            (
                &CONNECTOR[r.span.clone()],
                r.assigned_to.as_deref(),
                r.guarded,
                &r.origin,
                r.kind,
            )
        })
        .collect();
    assert_eq!(
        reads,
        [
            (
                "access_token",
                Some("accessToken"),
                false,
                &Origin::Response(0),
                ReadKind::Subscript
            ),
            (
                "refresh_token",
                Some("refreshToken"),
                true,
                &Origin::Response(0),
                ReadKind::Member
            ),
            // a `<path>` names no target of its own
            ("items", None, false, &Origin::Response(1), ReadKind::Member),
        ]
    );
}

#[test]
fn a_path_with_no_request_of_its_own_is_not_read() {
    // two requests, neither a token request: whose response is not known
    let two = r#"<c><a method="get" url="https://x.example/a"/><b method="get" url="https://x.example/b"/><v path="$.organizer_key"/></c>"#;
    assert!(xml(two).field_reads.is_empty());
    // of two, the one token request
    let token = r#"<c><a method="post" url="https://x.example/oauth/token"/><b method="get" url="https://x.example/b"/><v path="$.organizer_key"/></c>"#;
    assert_eq!(xml(token).field_reads[0].origin, Origin::Response(0));
    // no request at all
    assert!(xml(r#"<c><v path="$.organizer_key"/></c>"#)
        .field_reads
        .is_empty());
    // a method alone, or a URL alone, is no request
    assert!(xml(r#"<c method="get"><u url="https://x.example"/></c>"#)
        .http_requests
        .is_empty());
    // a relative `path` is no URL
    assert!(xml(r#"<c method="get" path="/a/b"/>"#)
        .http_requests
        .is_empty());
}

#[test]
fn postman_requests_read_raw_urls_bodies_and_headers() {
    let m = json(COLLECTION);
    assert_eq!(m.http_requests.len(), 2);
    let token = &m.http_requests[0];
    assert_eq!(token.method, Some(Method::Post));
    assert_eq!(token.url.as_ref().unwrap().display(), "{{tokenUrl}}");
    assert_eq!(token.headers.len(), 1, "a disabled header is not sent");
    // the URL has no query written: the list stands for it
    assert_eq!(token.query[0].key, "client_id");
    assert_eq!(token.body_kind, Some(BodyKind::Form));
    let body: Vec<(String, String)> = token
        .body
        .iter()
        .map(|e| {
            (
                COLLECTION[e.key_span.clone().unwrap()].to_string(),
                e.value.as_ref().map(|v| v.display()).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        body,
        [
            ("grant_type".into(), "authorization_code".into()),
            ("code".into(), String::new()),
            ("client_secret".into(), "secret".into()),
        ]
    );
    let api = &m.http_requests[1];
    assert!(api.basic_auth);
    assert!(api.query.is_empty(), "the raw URL carries the query");
}

#[test]
fn raw_json_bodies_map_keys_through_escapes() {
    let src = r#"{"method": "POST", "url": "https://h.example/oauth/token", "body": {"mode": "raw", "raw": "{\"grant_type\": \"password\", \"client_id\": \"{{id}}\"}", "options": {"raw": {"language": "json"}}}}"#;
    let m = json(src);
    let r = &m.http_requests[0];
    assert_eq!(r.body_kind, Some(BodyKind::Json));
    let keys: Vec<&str> = r
        .body
        .iter()
        .map(|e| &src[e.key_span.clone().unwrap()])
        .collect();
    assert_eq!(keys, ["grant_type", "client_id"]);
    assert_eq!(r.body[0].value.as_ref().unwrap().text(), "password");
    assert!(
        r.body[1].value.is_none(),
        "a placeholder is not a known value"
    );
}

#[test]
fn jsonpaths_name_their_first_field() {
    for (path, field) in [
        ("$.organizer_key", "organizer_key"),
        (" $.data.organizer_key ", "data"),
        ("$['refresh_token']", "refresh_token"),
        ("$[\"a-b\"].c", "a-b"),
    ] {
        let (name, range, _) = jsonpath_field(path).unwrap();
        assert_eq!(name, field);
        assert_eq!(&path[range], field);
    }
    for not in [
        "$",
        "$.",
        "$..a",
        "$.a b",
        "$[0]",
        "a.b",
        "$['a'",
        "price $.5",
    ] {
        assert!(jsonpath_field(not).is_none(), "{not}");
    }
}

#[test]
fn placeholders_are_holes_and_braces_are_not() {
    let value = |s: &str| {
        let decoded: Vec<(char, usize)> = s.char_indices().map(|(i, c)| (c, i)).collect();
        decoded_value(&decoded, s.len())
    };
    let v = value("a{{ x }}b${y}c{z.w}d");
    assert_eq!(v.display(), "a{{x}}b{y}c{z.w}d");
    assert_eq!(v.pieces.len(), 7);
    let Piece::Hole { src, .. } = &v.pieces[1] else {
        panic!("a hole");
    };
    assert_eq!(src.clone(), 1..8);
    for plain in ["{\"a\": 1}", "{ }", "{{ }}", "{}", "a}b{", "{1x}"] {
        assert!(value(plain).is_plain(), "{plain}");
    }
    assert!(value("").is_plain());
}

/// Cut a document at every character: the front end never panics, and
/// the lines of a document it cannot read are the text front end's alone.
#[test]
fn truncated_documents_fall_back_to_their_lines() {
    for (src, format, kind) in [
        (CONNECTOR, Format::Xml, TextKind::Xml),
        (COLLECTION, Format::Json, TextKind::Json),
    ] {
        let mut parsed = 0;
        for (cut, _) in src.char_indices() {
            let part = &src[..cut];
            let m = lower(part, format);
            let text = super::super::text::lower(part, kind);
            assert_eq!(m.strings, text.strings, "{part}");
            assert_eq!(m.comments, text.comments);
            if !m.http_requests.is_empty() {
                parsed += 1;
            }
            for r in &m.http_requests {
                assert!(r.span.end <= part.len());
            }
        }
        // only a whole document (bar blanks after it) parses
        assert!(parsed <= 2, "{parsed} truncated documents parsed");
    }
}

#[test]
fn html_and_vue_stay_plain_markup() {
    use super::super::Language;
    use std::path::Path;
    for (name, kind) in [
        ("a.xml", TextKind::Xml),
        ("web.config", TextKind::Xml),
        ("c.postman_collection.json", TextKind::Json),
        ("a.html", TextKind::Markup),
        ("a.vue", TextKind::Markup),
        ("a.svg", TextKind::Markup),
    ] {
        assert_eq!(Language::from_path(Path::new(name)), Language::Text(kind));
    }
}
