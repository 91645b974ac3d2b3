//! Unit-level checks of the rust front end's model.

mod tests {
    use gotolint::lang::rust::*;
    use gotolint::model::*;

    fn at<'a>(src: &'a str, sp: &Span) -> &'a str {
        &src[sp.clone()]
    }

    fn texts(m: &FileModel) -> Vec<String> {
        m.strings.iter().map(|s| s.display()).collect()
    }

    fn string<'a>(m: &'a FileModel, text: &str) -> &'a StrValue {
        m.strings
            .iter()
            .find(|s| s.text() == text)
            .unwrap_or_else(|| panic!("no string {text:?} in {:?}", texts(m)))
    }

    /// Source text of each literal piece of a value.
    fn piece_srcs(src: &str, v: &StrValue) -> Vec<String> {
        v.pieces
            .iter()
            .map(|p| match p {
                Piece::Lit { src: Some(s), .. } => src_str(src, s),
                Piece::Lit {
                    src: None, text, ..
                } => format!("<{text}>"),
                Piece::Hole { name, .. } => format!("{{{name}}}"),
            })
            .collect()
    }

    fn src_str(src: &str, s: &Span) -> String {
        src[s.clone()].to_string()
    }

    fn read<'a>(m: &'a FileModel, field: &str, kind: ReadKind) -> &'a FieldRead {
        m.field_reads
            .iter()
            .find(|r| r.field == field && r.kind == kind)
            .unwrap_or_else(|| panic!("no {kind:?} read of {field}: {:#?}", m.field_reads))
    }

    fn lower_ok(src: &str) -> FileModel {
        let m = lower(src);
        assert!(!m.parse_errors, "parse errors");
        m
    }

    #[test]
    fn literal_kinds_and_escapes() {
        let src = r####"
const A: &str = "https:\x2F/api.getgo.com\x2Foauth\u{2F}v2\n";
const B: &str = r#"https://api.getgo.com/"raw""#;
const C: &[u8] = b"grant_type=password";
"####;
        let m = lower_ok(src);
        let a = string(&m, "https://api.getgo.com/oauth/v2\n");
        // an escaped char maps back to its escape sequence
        let t = a.text();
        let k = t.find("oauth").unwrap();
        assert_eq!(at(src, &a.source_of(k - 1..k).unwrap()), "\\x2F");
        assert_eq!(at(src, &a.source_of(k..k + 5).unwrap()), "oauth");
        assert_eq!(
            at(src, &a.span),
            r#""https:\x2F/api.getgo.com\x2Foauth\u{2F}v2\n""#
        );
        assert_eq!(at(src, &a.source_of(0..8).unwrap()), "https:\\x2F/");
        let b = string(&m, "https://api.getgo.com/\"raw\"");
        assert_eq!(piece_srcs(src, b), vec!["https://api.getgo.com/\"raw\""]);
        assert!(matches!(
            &b.pieces[0],
            Piece::Lit {
                map: OffsetMap::Identity,
                ..
            }
        ));
        let c = string(&m, "grant_type=password");
        assert_eq!(piece_srcs(src, c), vec!["grant_type=password"]);
    }

    #[test]
    fn format_positional_inline_named() {
        let src = r#"
const BASE: &str = "https://api.getgo.com";
fn f(base: &str) {
    let a = format!("{}/oauth/v2/token", BASE);
    let b = format!("{BASE}/oauth/authorize");
    let c = format!("{b}/oauth/access_token", b = BASE);
    let d = format!("{}/x?y={:?}", base, 1);
}
"#;
        let m = lower_ok(src);
        let a = string(&m, "https://api.getgo.com/oauth/v2/token");
        assert_eq!(
            piece_srcs(src, a),
            vec!["https://api.getgo.com", "/oauth/v2/token"]
        );
        assert_eq!(at(src, &a.span), r#"format!("{}/oauth/v2/token", BASE)"#);
        // the literal inside the macro maps to its exact bytes
        let t = a.text();
        let k = t.find("/oauth").unwrap();
        let sp = a.source_of(k..k + 6).unwrap();
        assert_eq!(at(src, &sp), "/oauth");
        assert_eq!(&src[sp.start - 3..sp.start], "\"{}");
        let b = string(&m, "https://api.getgo.com/oauth/authorize");
        assert_eq!(
            piece_srcs(src, b),
            vec!["https://api.getgo.com", "/oauth/authorize"]
        );
        string(&m, "https://api.getgo.com/oauth/access_token");
        let d = m
            .strings
            .iter()
            .find(|s| s.display().starts_with("{base}/x?y="))
            .unwrap();
        assert!(d.has_holes());
        assert_eq!(d.display(), "{base}/x?y={1}");
    }

    #[test]
    fn format_brace_escapes() {
        let src = r#"fn f(v: &str) { let s = format!("{{\"grant_type\": \"{}\"}}", v); }"#;
        let m = lower_ok(src);
        let s = m
            .strings
            .iter()
            .find(|s| s.display().contains("grant_type"))
            .unwrap();
        assert_eq!(s.display(), "{\"grant_type\": \"{v}\"}");
        let t = s.text();
        let k = t.find("grant_type").unwrap();
        assert_eq!(at(src, &s.source_of(k..k + 10).unwrap()), "grant_type");
        // `{{` maps to both braces
        assert_eq!(at(src, &s.source_of(0..1).unwrap()), "{{");
    }

    #[test]
    fn literals_inside_other_macros() {
        let src = r#"
fn f() {
    let u = concat!("https://api.getgo.com", "/oauth/v2/token");
    println!("calling {}", "https://api.getgo.com/oauth/authorize");
    let v = vec![("grant_type", "password")];
    my_macro!(foo("https://api.getgo.com/admin"), "x" => "y");
    tracing::info!(target: "gotolint", "token {}", u);
}
"#;
        let m = lower_ok(src);
        let u = string(&m, "https://api.getgo.com/oauth/v2/token");
        assert_eq!(
            piece_srcs(src, u),
            vec!["https://api.getgo.com", "/oauth/v2/token"]
        );
        string(&m, "calling https://api.getgo.com/oauth/authorize");
        string(&m, "https://api.getgo.com/admin");
        string(&m, "y");
        string(&m, "gotolint");
        string(&m, "token https://api.getgo.com/oauth/v2/token");
        assert!(m.entries.iter().any(|e| e.key == "grant_type"
            && e.value.as_ref().map(|v| v.text()) == Some("password".into())));
    }

    #[test]
    fn constants_and_associated_constants() {
        let src = r#"
static HOST: &str = "https://api.getgo.com";
struct Client;
impl Client {
    const TOKEN_URL: &'static str = "https://api.getgo.com/oauth/v2/token";
    const OTHER: &'static str = Self::TOKEN_URL;
    fn a(&self) { let x = format!("{}|{}", Self::TOKEN_URL, Client::TOKEN_URL); }
}
fn b() { let y = format!("{}/oauth/access_token", HOST); }
"#;
        let m = lower_ok(src);
        let x = string(
            &m,
            "https://api.getgo.com/oauth/v2/token|https://api.getgo.com/oauth/v2/token",
        );
        assert_eq!(
            piece_srcs(src, x),
            vec![
                "https://api.getgo.com/oauth/v2/token",
                "|",
                "https://api.getgo.com/oauth/v2/token"
            ]
        );
        string(&m, "https://api.getgo.com/oauth/access_token");
    }

    #[test]
    fn locals_conversions_and_concatenation() {
        let src = r#"
fn f(p: &str) {
    let base = String::from("https://api.getgo.com");
    let a = base.clone() + "/oauth/v2/token";
    let b = "https://api.getgo.com".to_string() + "/oauth/authorize";
    let c: String = "/admin".into();
    let d = "x".to_owned() + p;
    let mut url = String::from("https://api.getgo.com");
    url.push_str("/oauth/access_token");
    let e = format!("{}", url);
    let twice = "a";
    let twice = "b";
    let g = format!("{}", twice);
}
"#;
        let m = lower_ok(src);
        let a = string(&m, "https://api.getgo.com/oauth/v2/token");
        assert_eq!(
            piece_srcs(src, a),
            vec!["https://api.getgo.com", "/oauth/v2/token"]
        );
        string(&m, "https://api.getgo.com/oauth/authorize");
        assert!(texts(&m).contains(&"x{p}".to_string()));
        let e = string(&m, "https://api.getgo.com/oauth/access_token");
        assert_eq!(e.pieces.len(), 2);
        // a name bound twice is not resolved
        assert!(texts(&m).contains(&"{twice}".to_string()));
    }

    #[test]
    fn url_parse_and_join() {
        let src = r#"
fn f() -> Result<(), url::ParseError> {
    let a = Url::parse("https://api.getgo.com/admin/rest/")?.join("oauth/v2/token")?;
    let b = Url::parse("https://api.getgo.com/admin/rest/v1")?.join("/oauth/v2/token")?;
    let c = url::Url::parse("https://api.getgo.com").unwrap().join("oauth/access_token").unwrap();
    let d = Url::parse("x?y://z")?.join("/w")?;
    let e = Url::parse("https://h/a/b?q=1#f")?.join("c")?;
    Ok(())
}
"#;
        let m = lower_ok(src);
        let a = string(&m, "https://api.getgo.com/admin/rest/oauth/v2/token");
        assert_eq!(
            piece_srcs(src, a),
            vec!["https://api.getgo.com/admin/rest/", "oauth/v2/token"]
        );
        let b = string(&m, "https://api.getgo.com/oauth/v2/token");
        assert_eq!(
            piece_srcs(src, b),
            vec!["https://api.getgo.com", "/oauth/v2/token"]
        );
        let c = string(&m, "https://api.getgo.com/oauth/access_token");
        assert_eq!(
            piece_srcs(src, c),
            vec!["https://api.getgo.com", "</>", "oauth/access_token"]
        );
        string(&m, "x?y://z/w");
        string(&m, "https://h/a/c");
    }

    #[test]
    fn entries_from_pairs_maps_and_json() {
        let src = r#"
fn f(user: &str) {
    let form = [("grant_type", "password"), ("username", user)];
    let v = vec![("client_id", "abc")];
    let mut map = HashMap::new();
    map.insert("refresh_token", "rt");
    let body = serde_json::json!({"grant_type": "client_credentials", "scope": {"a": 1}});
}
"#;
        let m = lower_ok(src);
        let e = m.entries.iter().find(|e| e.key == "grant_type").unwrap();
        assert_eq!(at(src, e.key_span.as_ref().unwrap()), "grant_type");
        assert_eq!(e.value.as_ref().unwrap().text(), "password");
        assert_eq!(at(src, &e.span), r#"("grant_type", "password")"#);
        let u = m.entries.iter().find(|e| e.key == "username").unwrap();
        assert!(u.value.is_none());
        assert_eq!(at(src, u.value_span.as_ref().unwrap()), "user");
        assert!(m.entries.iter().any(|e| e.key == "client_id"));
        let r = m.entries.iter().find(|e| e.key == "refresh_token").unwrap();
        assert_eq!(r.value.as_ref().unwrap().text(), "rt");
        let j = m
            .entries
            .iter()
            .find(|e| {
                e.key == "grant_type" && e.value.as_ref().unwrap().text() == "client_credentials"
            })
            .unwrap();
        assert_eq!(at(src, j.key_span.as_ref().unwrap()), "grant_type");
        assert_eq!(at(src, &j.span), r#""grant_type": "client_credentials""#);
        assert!(m.entries.iter().any(|e| e.key == "a"));
    }

    #[test]
    fn reqwest_get_function() {
        let src = r#"
async fn f() -> reqwest::Result<()> {
    let body = reqwest::get("https://api.getgo.com/oauth/v2/token").await?.text().await?;
    Ok(())
}
"#;
        let m = lower_ok(src);
        assert_eq!(m.http_requests.len(), 1);
        let r = &m.http_requests[0];
        assert_eq!(r.library, "reqwest");
        assert_eq!(r.method, Some(Method::Get));
        let MethodSource::Explicit { span } = &r.method_source else {
            panic!("{:?}", r.method_source)
        };
        assert_eq!(at(src, span), "get");
        assert_eq!(
            r.url.as_ref().unwrap().text(),
            "https://api.getgo.com/oauth/v2/token"
        );
        // the POST twin goes through a client and sends the built request
        assert_eq!(r.rewrite_hints.len(), 1);
        let edits = &r.rewrite_hints[0].edits;
        assert_eq!(at(src, &edits[0].0), "reqwest::get");
        assert_eq!(edits[0].1, "reqwest::Client::new().post");
        assert_eq!(edits[1].1, ".send()");
        assert_eq!(edits[1].0.start, src.find(".await").unwrap());
    }

    #[test]
    fn reqwest_client_form_chain() {
        let src = r#"
const TOKEN_URL: &str = "https://api.getgo.com/oauth/v2/token";
async fn f(id: &str, secret: &str, user: &str) -> anyhow::Result<()> {
    let client = reqwest::Client::builder().timeout(d).build()?;
    let params = [("grant_type", "password"), ("username", user)];
    let resp = client
        .post(TOKEN_URL)
        .header("Accept", "application/json")
        .basic_auth(id, Some(secret))
        .form(&params)
        .send()
        .await?;
    Ok(())
}
"#;
        let m = lower_ok(src);
        assert_eq!(m.http_requests.len(), 1);
        let r = &m.http_requests[0];
        assert_eq!(r.library, "reqwest");
        assert_eq!(r.method, Some(Method::Post));
        let MethodSource::Explicit { span } = &r.method_source else {
            panic!()
        };
        assert_eq!(at(src, span), "post");
        let url = r.url.as_ref().unwrap();
        assert_eq!(url.text(), "https://api.getgo.com/oauth/v2/token");
        assert_eq!(
            piece_srcs(src, url),
            vec!["https://api.getgo.com/oauth/v2/token"]
        );
        assert_eq!(r.body_kind, Some(BodyKind::Form));
        assert_eq!(at(src, r.body_span.as_ref().unwrap()), "&params");
        let keys: Vec<&str> = r.body.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, vec!["grant_type", "username"]);
        assert_eq!(at(src, r.body[0].key_span.as_ref().unwrap()), "grant_type");
        assert!(r.basic_auth);
        assert_eq!(r.headers[0].key, "Accept");
        assert!(at(src, &r.span).starts_with("client\n        .post(TOKEN_URL)"));
        assert!(at(src, &r.span).ends_with(".send()"));
        // the request-starting call is not repeated in calls
        assert!(!m.calls.iter().any(|c| c.name == "post"));
    }

    #[test]
    fn reqwest_get_json_with_hints() {
        let src = r#"
async fn f(c: &reqwest::Client) {
    let mut body = HashMap::new();
    body.insert("grant_type", "password");
    let r = c.get("https://api.getgo.com/oauth/v2/token").query(&[("a", "b")]).json(&body).send().await;
    let s = c.request(reqwest::Method::GET, "https://api.getgo.com/x").send().await;
}
"#;
        let m = lower_ok(src);
        let r = &m.http_requests[0];
        assert_eq!(r.method, Some(Method::Get));
        assert_eq!(r.body_kind, Some(BodyKind::Json));
        assert_eq!(r.body.len(), 1);
        assert_eq!(r.body[0].key, "grant_type");
        assert_eq!(r.query[0].key, "a");
        let post = r
            .rewrite_hints
            .iter()
            .find(|h| h.kind == RewriteKind::ToPost)
            .unwrap();
        assert_eq!(at(src, &post.edits[0].0), "get");
        assert_eq!(post.edits[0].1, "post");
        assert_eq!(at(src, &post.edits[1].0), "query");
        let form = r
            .rewrite_hints
            .iter()
            .find(|h| h.kind == RewriteKind::ToForm)
            .unwrap();
        assert_eq!(at(src, &form.edits[0].0), "json");
        assert_eq!(form.edits[0].1, "form");
        let s = &m.http_requests[1];
        assert_eq!(s.method, Some(Method::Get));
        let MethodSource::Explicit { span } = &s.method_source else {
            panic!()
        };
        assert_eq!(at(src, span), "GET");
    }

    #[test]
    fn reqwest_string_body_and_split_chain() {
        let src = r#"
async fn f(http: reqwest::blocking::Client, user: &str) {
    let req = http
        .post("https://api.getgo.com/oauth/access_token")
        .body(format!("grant_type=password&user_id={}", user));
    let resp = req.send().unwrap();
    let v: serde_json::Value = resp.json().unwrap();
    let k = &v["organizer_key"];
}
"#;
        let m = lower_ok(src);
        let r = &m.http_requests[0];
        assert_eq!(r.body_kind, Some(BodyKind::Form));
        assert_eq!(r.body[0].key, "grant_type");
        assert_eq!(at(src, r.body[0].key_span.as_ref().unwrap()), "grant_type");
        assert_eq!(r.body[0].value.as_ref().unwrap().text(), "password");
        assert_eq!(r.body[1].key, "user_id");
        assert!(r.body[1].value.as_ref().unwrap().has_holes());
        let k = read(&m, "organizer_key", ReadKind::Subscript);
        assert_eq!(k.origin, Origin::Response(0));
        assert_eq!(k.receiver, "v");
        assert_eq!(at(src, &k.span), "organizer_key");
    }

    #[test]
    fn urlencoded_bodies_and_destructuring() {
        let src = r#"
async fn f(c: &reqwest::Client, user: &str) -> anyhow::Result<()> {
    let body = form_urlencoded::Serializer::new(String::new())
        .append_pair("grant_type", "password")
        .append_pair("username", user)
        .finish();
    let r = c.post("https://api.getgo.com/oauth/v2/token").body(body).send().await?;
    let TokenResponse { refresh_token, .. } = r.json().await?;
    let p = [("grant_type", "refresh_token")];
    let s = c.post("https://api.getgo.com/oauth/v2/token").body(serde_urlencoded::to_string(&p)?).send().await?;
    Ok(())
}
"#;
        let m = lower_ok(src);
        let a = &m.http_requests[0];
        assert_eq!(a.body_kind, Some(BodyKind::Form));
        let keys: Vec<&str> = a.body.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, vec!["grant_type", "username"]);
        assert!(m.entries.iter().any(|e| e.key == "username"));
        let d = read(&m, "refresh_token", ReadKind::Destructure);
        assert_eq!(d.origin, Origin::Response(0));
        assert!(m.type_uses.contains(&TypeUse {
            type_name: "TokenResponse".into(),
            origin: Origin::Response(0)
        }));
        let b = &m.http_requests[1];
        assert_eq!(b.body_kind, Some(BodyKind::Form));
        assert_eq!(b.body[0].value.as_ref().unwrap().text(), "refresh_token");
    }

    #[test]
    fn ureq_requests() {
        let src = r#"
fn f() -> Result<(), ureq::Error> {
    let a = ureq::post("https://api.getgo.com/oauth/v2/token")
        .set("Authorization", "Basic abc")
        .send_form(&[("grant_type", "refresh_token"), ("refresh_token", "x")])?;
    let agent = ureq::agent();
    let b = agent.get("https://api.getgo.com/admin/rest/v1/me").call()?;
    let c = agent.post("https://api.getgo.com/x").send_json(ureq::json!({"k": "v"}))?;
    let tok: Token = a.into_json()?;
    Ok(())
}
"#;
        let m = lower_ok(src);
        assert_eq!(m.http_requests.len(), 3);
        let a = &m.http_requests[0];
        assert_eq!(a.library, "ureq");
        assert_eq!(a.method, Some(Method::Post));
        assert_eq!(a.body_kind, Some(BodyKind::Form));
        assert_eq!(a.body.len(), 2);
        assert_eq!(a.headers[0].key, "Authorization");
        let b = &m.http_requests[1];
        assert_eq!(b.method, Some(Method::Get));
        assert_eq!(b.rewrite_hints[0].kind, RewriteKind::ToPost);
        let c = &m.http_requests[2];
        assert_eq!(c.body_kind, Some(BodyKind::Json));
        assert_eq!(c.body[0].key, "k");
        assert!(m.type_uses.contains(&TypeUse {
            type_name: "Token".into(),
            origin: Origin::Response(0)
        }));
    }

    #[test]
    fn oauth2_v4_exchange_password() {
        let src = r#"
fn client() -> BasicClient {
    BasicClient::new(
        ClientId::new("id".to_string()),
        Some(ClientSecret::new("secret".to_string())),
        AuthUrl::new("https://api.getgo.com/oauth/v2/authorize".to_string()).unwrap(),
        Some(TokenUrl::new("https://api.getgo.com/oauth/v2/token".to_string()).unwrap()),
    )
}
async fn login(c: &BasicClient) -> anyhow::Result<()> {
    let c = client();
    let token = c
        .exchange_password(&ResourceOwnerUsername::new("u".into()), &ResourceOwnerPassword::new("p".into()))
        .request_async(async_http_client)
        .await?;
    let rt = token.refresh_token().unwrap();
    let ok = token.extra_fields().organizer_key.clone();
    Ok(())
}
"#;
        let m = lower_ok(src);
        assert_eq!(m.http_requests.len(), 1);
        let r = &m.http_requests[0];
        assert_eq!(r.library, "oauth2");
        assert_eq!(r.method, Some(Method::Post));
        let MethodSource::Default { span } = &r.method_source else {
            panic!()
        };
        assert_eq!(at(src, span), "exchange_password");
        assert_eq!(
            r.url.as_ref().unwrap().text(),
            "https://api.getgo.com/oauth/v2/token"
        );
        assert_eq!(r.body[0].key, "grant_type");
        assert!(r.body[0].key_span.is_none());
        assert_eq!(r.body[0].value.as_ref().unwrap().text(), "password");
        assert_eq!(
            at(src, r.body[0].value_span.as_ref().unwrap()),
            "exchange_password"
        );
        assert!(r.basic_auth);
        let ci = m
            .calls
            .iter()
            .position(|c| c.name == "exchange_password")
            .unwrap();
        assert_eq!(m.calls[ci].callee, "c.exchange_password");
        let rt = read(&m, "refresh_token", ReadKind::Member);
        assert_eq!(rt.origin, Origin::TokenCall(ci));
        assert!(rt.asserted);
        assert_eq!(rt.assigned_to.as_deref(), Some("rt"));
        let ok = read(&m, "organizer_key", ReadKind::Member);
        assert_eq!(ok.origin, Origin::TokenCall(ci));
        assert_eq!(ok.receiver, "token.extra_fields()");
    }

    #[test]
    fn oauth2_v5_builder_and_grants() {
        let src = r#"
async fn f(code: AuthorizationCode, rt: RefreshToken) {
    let client = BasicClient::new(ClientId::new("x".into()))
        .set_auth_uri(AuthUrl::new("https://api.getgo.com/oauth/v2/authorize".into()).unwrap())
        .set_token_uri(TokenUrl::new(format!("{}/oauth/v2/token", "https://api.getgo.com")).unwrap());
    let http = reqwest::Client::new();
    let t = client.exchange_code(code).add_extra_param("organizer", "1").request_async(&http).await.unwrap();
    let t2 = client.exchange_refresh_token(&rt).request_async(&http).await.unwrap();
    if let Some(r) = t2.refresh_token() { store(r); }
}
"#;
        let m = lower_ok(src);
        assert_eq!(m.http_requests.len(), 2);
        let a = &m.http_requests[0];
        assert_eq!(
            a.url.as_ref().unwrap().text(),
            "https://api.getgo.com/oauth/v2/token"
        );
        assert_eq!(
            a.body[0].value.as_ref().unwrap().text(),
            "authorization_code"
        );
        assert_eq!(a.body[1].key, "organizer");
        assert!(!a.basic_auth);
        let b = &m.http_requests[1];
        assert_eq!(b.body[0].value.as_ref().unwrap().text(), "refresh_token");
        let ci = m
            .calls
            .iter()
            .position(|c| c.name == "exchange_refresh_token")
            .unwrap();
        let r = read(&m, "refresh_token", ReadKind::Member);
        assert_eq!(r.origin, Origin::TokenCall(ci));
        assert!(r.guarded);
    }

    #[test]
    fn calls_are_recorded() {
        let src = r#"
fn f(oauth: &OAuth) {
    let t = oauth.fetch_token("https://api.getgo.com/oauth/v2/token", 3);
    let n = BasicClient::new(ClientId::new("a".into()));
    let x = t.access_token;
}
"#;
        let m = lower_ok(src);
        let c = m.calls.iter().find(|c| c.name == "fetch_token").unwrap();
        assert_eq!(c.callee, "oauth.fetch_token");
        assert_eq!(at(src, &c.name_span), "fetch_token");
        assert_eq!(c.args.len(), 2);
        assert_eq!(
            c.args[0].as_ref().unwrap().text(),
            "https://api.getgo.com/oauth/v2/token"
        );
        assert!(c.args[1].is_none());
        assert!(m.calls.iter().any(|c| c.callee == "BasicClient.new"));
        assert!(m.calls.iter().any(|c| c.callee == "ClientId.new"));
        // the result of a token API call carries its origin
        let ci = m
            .calls
            .iter()
            .position(|c| c.name == "fetch_token")
            .unwrap();
        assert_eq!(
            read(&m, "access_token", ReadKind::Member).origin,
            Origin::TokenCall(ci)
        );
    }

    #[test]
    fn reads_of_typed_and_untyped_responses() {
        let src = r#"
async fn f(client: &Client) -> anyhow::Result<()> {
    let resp = client.post("https://api.getgo.com/oauth/v2/token").form(&p).send().await?;
    let tok: TokenResponse = resp.json().await?;
    let a = tok.organizer_key;
    let resp2 = client.post("https://api.getgo.com/oauth/v2/token").send().await?;
    let v: serde_json::Value = resp2.json().await?;
    let b = v["account_key"].as_str();
    let c = v.get("refresh_token");
    let h = resp2.headers().get("x-request-id");
    let resp3 = client.get("https://api.getgo.com/x").send().await?;
    let body = resp3.text().await?;
    let t3 = serde_json::from_str::<Other>(&body)?;
    let d = t3.expires_in;
    Ok(())
}
"#;
        let m = lower_ok(src);
        let a = read(&m, "organizer_key", ReadKind::Member);
        assert_eq!(a.origin, Origin::Response(0));
        assert_eq!(a.receiver, "tok");
        let b = read(&m, "account_key", ReadKind::Subscript);
        assert_eq!(b.origin, Origin::Response(1));
        let c = read(&m, "refresh_token", ReadKind::Get);
        assert_eq!(c.origin, Origin::Response(1));
        assert_eq!(at(src, &c.span), "refresh_token");
        assert_eq!(
            read(&m, "x-request-id", ReadKind::Get).origin,
            Origin::Unknown
        );
        let d = read(&m, "expires_in", ReadKind::Member);
        assert_eq!(d.origin, Origin::Response(2));
        assert!(m.type_uses.contains(&TypeUse {
            type_name: "TokenResponse".into(),
            origin: Origin::Response(0)
        }));
        assert!(m.type_uses.contains(&TypeUse {
            type_name: "Other".into(),
            origin: Origin::Response(2)
        }));
        assert!(!m.type_uses.iter().any(|t| t.type_name == "Value"));
    }

    #[test]
    fn guarded_asserted_and_assigned() {
        let src = r#"
impl Api {
    async fn refresh(&mut self, tok: Tok) {
        let tok = self.http.post("https://api.getgo.com/oauth/v2/token").send().await.unwrap().json::<Tok>().await.unwrap();
        self.refresh_token = tok.refresh_token.clone().unwrap_or(self.refresh_token.clone());
        let a = tok.access_token.unwrap_or_else(|| old());
        let b = tok.scope.expect("scope");
        if let Some(x) = tok.organizer_key { use_it(x); }
        let c = tok.account_key.or(None);
        self.expires = tok.expires_in;
    }
}
"#;
        let m = lower_ok(src);
        let rt = read(&m, "refresh_token", ReadKind::Member);
        assert_eq!(rt.receiver, "tok");
        assert_eq!(rt.origin, Origin::Response(0));
        assert!(rt.guarded && !rt.asserted);
        assert_eq!(rt.assigned_to.as_deref(), Some("self.refresh_token"));
        assert!(rt.fallback_is_target);
        let a = read(&m, "access_token", ReadKind::Member);
        assert!(a.guarded);
        assert!(!a.fallback_is_target);
        let b = read(&m, "scope", ReadKind::Member);
        assert!(b.asserted && !b.guarded);
        assert!(read(&m, "organizer_key", ReadKind::Member).guarded);
        assert!(read(&m, "account_key", ReadKind::Member).guarded);
        let e = read(&m, "expires_in", ReadKind::Member);
        assert!(!e.guarded);
        assert_eq!(e.assigned_to.as_deref(), Some("self.expires"));
        assert!(m.type_uses.contains(&TypeUse {
            type_name: "Tok".into(),
            origin: Origin::Response(0)
        }));
    }

    #[test]
    fn presence_checks_guard_reads_in_their_block() {
        let src = r#"
fn f(c: &reqwest::blocking::Client) {
    let t: Tok = c.post("https://api.getgo.com/oauth/v2/token").send().unwrap().json().unwrap();
    if t.refresh_token.is_some() {
        save(t.refresh_token.unwrap());
    }
    save(t.refresh_token.unwrap());
    let Tok { organizer_key, .. } = t;
}
"#;
        let m = lower_ok(src);
        let rts: Vec<&FieldRead> = m
            .field_reads
            .iter()
            .filter(|r| r.field == "refresh_token" && r.kind == ReadKind::Member)
            .collect();
        assert_eq!(rts.len(), 3);
        assert!(rts[0].guarded); // the test itself
        assert!(rts[1].guarded && rts[1].asserted);
        assert!(!rts[2].guarded && rts[2].asserted);
        let d = read(&m, "organizer_key", ReadKind::Destructure);
        assert_eq!(d.origin, Origin::Response(0));
        assert_eq!(d.receiver, "t");
    }

    #[test]
    fn function_summaries_carry_origins() {
        let src = r#"
struct GoTo { http: reqwest::Client, token: Option<Tok> }
impl GoTo {
    async fn fetch_token(&self) -> anyhow::Result<Tok> {
        let r = self.http.post(TOKEN_URL).form(&[("grant_type", "password")]).send().await?;
        Ok(r.json().await?)
    }
    async fn run(&mut self) -> anyhow::Result<()> {
        let t = self.fetch_token().await?;
        let k = t.organizer_key;
        self.token = Some(self.fetch_token().await?);
        Ok(())
    }
    fn key(&self) -> String {
        self.token.as_ref().unwrap().account_key.clone()
    }
}
"#;
        let m = lower_ok(src);
        assert_eq!(m.http_requests.len(), 1);
        assert_eq!(
            read(&m, "organizer_key", ReadKind::Member).origin,
            Origin::Response(0)
        );
        // stored on self, read elsewhere
        assert_eq!(
            read(&m, "account_key", ReadKind::Member).origin,
            Origin::Response(0)
        );
        // the return type of the summarised function is a use of the type
        assert!(m.type_uses.contains(&TypeUse {
            type_name: "Tok".into(),
            origin: Origin::Response(0)
        }));
    }

    #[test]
    fn typed_fields_with_serde_renames() {
        let src = r#"
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenResponse {
    pub access_token: String,
    pub refresh_token: Option<String>,
    #[serde(rename = "organizer_key", alias = "organizerKey")]
    pub organizer_key: String,
    #[serde(default)]
    pub account_key: String,
    #[serde(skip)]
    pub local: u8,
}
#[derive(Serialize)]
struct NotDeserialized { a: String }
async fn f(c: &reqwest::Client) {
    let t = c.post("https://api.getgo.com/oauth/v2/token").send().await.unwrap().json::<TokenResponse>().await.unwrap();
}
"#;
        let m = lower_ok(src);
        let names: Vec<&str> = m.typed_fields.iter().map(|t| t.field.as_str()).collect();
        assert_eq!(
            names,
            vec!["accessToken", "refreshToken", "organizer_key", "accountKey"]
        );
        let rt = &m.typed_fields[1];
        assert!(rt.optional);
        assert_eq!(rt.type_name, "TokenResponse");
        assert_eq!(at(src, &rt.span), "refresh_token");
        assert!(!m.typed_fields[0].optional);
        assert!(m.typed_fields[3].optional);
        assert_eq!(
            rt.sibling_fields,
            vec![
                "TokenResponse",
                "accessToken",
                "refreshToken",
                "organizer_key",
                "accountKey"
            ]
        );
        // declared fields of a type used for a response are reads of it
        let d = read(&m, "organizer_key", ReadKind::Declaration);
        assert_eq!(d.origin, Origin::Response(0));
        assert!(!d.guarded);
        assert!(read(&m, "refreshToken", ReadKind::Declaration).guarded);
    }

    #[test]
    fn rename_all_rules() {
        assert_eq!(rename_all("camelCase", "organizer_key"), "organizerKey");
        assert_eq!(rename_all("PascalCase", "organizer_key"), "OrganizerKey");
        assert_eq!(rename_all("kebab-case", "organizer_key"), "organizer-key");
        assert_eq!(rename_all("SCREAMING_SNAKE_CASE", "a_b"), "A_B");
        assert_eq!(rename_all("snake_case", "a_b"), "a_b");
    }

    #[test]
    fn comments_are_found() {
        let src = "// one\nfn f() { let s = \"// not\"; let r = r#\"/* no */\"#; let c = '/'; let l: &'static str = \"x\"; }\n/* a /* nested */ b */\n/// doc\nfn g() {}\n";
        let m = lower_ok(src);
        let cs: Vec<&str> = m.comments.iter().map(|c| at(src, c)).collect();
        assert_eq!(cs, vec!["// one", "/* a /* nested */ b */", "/// doc"]);
        // doc comments are not strings
        assert!(!texts(&m).iter().any(|t| t.contains("doc")));
    }

    #[test]
    fn parse_errors_are_reported() {
        let m = lower("fn f( { let x = \"https://api.getgo.com/oauth/v2/token\"; // c\n");
        assert!(m.parse_errors);
        assert_eq!(m.comments.len(), 1);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let parens = format!(
            "fn f() {{ let x = {}1{}; }}",
            "(".repeat(10_000),
            ")".repeat(10_000)
        );
        assert!(lower(&parens).parse_errors);
        let open = "(".repeat(10_000);
        assert!(lower(&open).parse_errors);
        let generics = format!("type T = {}u8{};", "Vec<".repeat(5_000), ">".repeat(5_000));
        assert!(lower(&generics).parse_errors);
        let unary = format!("fn f() {{ let x = {}1; }}", "-".repeat(50_000));
        assert!(lower(&unary).parse_errors);
        let chain = format!("fn f() {{ a{}; }}", ".b()".repeat(20_000));
        assert!(lower(&chain).parse_errors);
        let index = format!("fn f() {{ a{}; }}", "[0]".repeat(20_000));
        assert!(lower(&index).parse_errors);
        let elses = format!("fn f() {{ if a {{}} {} }}", "else if a {} ".repeat(20_000));
        assert!(lower(&elses).parse_errors);
        // within the bounds, deep but fine
        let ok = format!(
            "fn f() {{ let x = {}\"a\"{}; }}",
            "(".repeat(500),
            ")".repeat(500)
        );
        let m = lower(&ok);
        assert!(!m.parse_errors);
        assert_eq!(m.strings[0].text(), "a");
        let plus = format!("fn f() {{ let x = \"a\"{}; }}", " + \"b\"".repeat(1_500));
        let m = lower(&plus);
        assert!(!m.parse_errors);
        assert_eq!(m.strings[0].text().len(), 1_501);
    }

    #[test]
    fn garbage_does_not_panic() {
        let samples = [
            "",
            "\"",
            "r#\"",
            "'",
            "/*",
            "b'",
            "fn f() { \"\\u{ZZZZ}\" }",
            "fn f() { \"\\x\" }",
            "\u{feff}",
            "#!",
            "#![",
            "fn f() { format!(\"{\", x); format!(\"}\"); format!(\"{:.*}\"); }",
            "fn f() { json!({\"a\": }); json!({: 1}); vec![;]; my!(,,); }",
            "fn f() { x.join(); Url::parse(); TokenUrl::new(); BasicClient::new(); }",
            "\u{0}\u{1}\u{7f}é€😀",
        ];
        for s in samples {
            let _ = lower(s);
        }
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let alphabet: Vec<char> = "(){}[]<>\"'#!r/\\*.,;:=+-&|?é€ abfnx0".chars().collect();
        for _ in 0..200 {
            let mut s = String::new();
            for _ in 0..200 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                s.push(alphabet[(x % alphabet.len() as u64) as usize]);
            }
            let _ = lower(&s);
        }
    }

    #[test]
    fn multibyte_text_keeps_spans() {
        let src = "// héllo wörld €€€\nconst A: &str = \"ünï\\ncödé https://api.getgo.com/oauth/v2/token\";\nfn f() { let s = format!(\"😀{}/oauth/v2/token\", \"€\"); }\n";
        let m = lower_ok(src);
        let a = m
            .strings
            .iter()
            .find(|s| s.text().starts_with("ünï"))
            .unwrap();
        let t = a.text();
        let k = t.find("https").unwrap();
        assert_eq!(
            at(src, &a.source_of(k..t.len()).unwrap()),
            "https://api.getgo.com/oauth/v2/token"
        );
        assert_eq!(
            at(src, &a.source_of(0..t.find('\n').unwrap()).unwrap()),
            "ünï"
        );
        let f = string(&m, "😀€/oauth/v2/token");
        assert_eq!(piece_srcs(src, f), vec!["😀", "€", "/oauth/v2/token"]);
        assert_eq!(at(src, &m.comments[0]), "// héllo wörld €€€");
    }

    #[test]
    fn bom_and_shebang_keep_offsets() {
        let src = "\u{feff}#!/usr/bin/env run-cargo-script\nfn main() { let u = \"https://api.getgo.com\"; }\n";
        let m = lower_ok(src);
        let u = string(&m, "https://api.getgo.com");
        assert_eq!(at(src, &u.span), "\"https://api.getgo.com\"");
    }

    #[test]
    fn every_literal_appears() {
        let src = r#"
#[derive(Deserialize)]
struct T { #[serde(rename = "organizer_key")] k: String }
fn f(x: &str) {
    match x { "password" => {}, _ => {} }
    let s = format!("{}", x);
    other!{ weird tokens "https://api.getgo.com/oauth/v2/token" => @ }
}
"#;
        let m = lower_ok(src);
        for t in [
            "organizer_key",
            "password",
            "{}",
            "https://api.getgo.com/oauth/v2/token",
        ] {
            string(&m, t);
        }
    }
}
