//! Unit-level checks of the go front end's model.

mod tests {
    use crate::common::{at, keys, method_span, string_from, url};
    use gotolint::lang::go::lower;
    use gotolint::model::*;

    fn read<'a>(m: &'a FileModel, field: &str, kind: ReadKind) -> &'a FieldRead {
        m.field_reads
            .iter()
            .find(|r| r.field == field && r.kind == kind)
            .unwrap_or_else(|| panic!("no {kind:?} read of {field}"))
    }

    fn wrap(body: &str) -> String {
        format!("package p\n\nfunc f(ctx context.Context, user, pass string) {{\n{body}\n}}\n")
    }

    #[test]
    fn literals_escapes_and_raw_strings() {
        let src = "package p\n\nvar a = \"x\\u002Fy\\n\"\nvar b = `raw\\n`\n";
        let m = lower(src);
        assert!(!m.parse_errors);
        let a = string_from(&m, src, "\"x\\u002Fy\\n\"");
        assert_eq!(a.text(), "x/y\n");
        // the decoded `/` maps back to the whole escape
        assert_eq!(at(src, &a.source_of(1..2).unwrap()), "\\u002F");
        assert_eq!(at(src, &a.source_of(0..1).unwrap()), "x");
        let b = string_from(&m, src, "`raw\\n`");
        assert_eq!(b.text(), "raw\\n");
        assert_eq!(at(src, &b.source_of(0..5).unwrap()), "raw\\n");
    }

    #[test]
    fn constants_vars_and_concatenation() {
        let src = r#"package p

const (
	Base  = "https://api.getgo.com"
	Other = "x"
)

var tokenURL = Base + "/oauth/v2/token"

func f(x string) string {
	u := tokenURL + "?a=" + x
	return u
}
"#;
        let m = lower(src);
        let t = string_from(&m, src, "Base + \"/oauth/v2/token\"");
        assert_eq!(t.text(), "https://api.getgo.com/oauth/v2/token");
        // the base's piece points at the constant's definition
        let host = t.source_of(8..21).unwrap();
        assert_eq!(at(src, &host), "api.getgo.com");
        assert!(src[..host.start].ends_with("Base  = \"https://"));
        let u = string_from(&m, src, "tokenURL + \"?a=\" + x");
        assert_eq!(u.display(), "https://api.getgo.com/oauth/v2/token?a={x}");
        assert!(m.strings.iter().any(|s| s.text() == "x"));
    }

    #[test]
    fn sprintf_join_and_trim() {
        let src = r#"package p

const base = "https://api.getgo.com/oauth"

func f(id string, n int) {
	a := fmt.Sprintf("%s/v2/token?client_id=%v&n=%d&pct=100%%&h=%x", base, id, n, n)
	b := strings.Join([]string{base, "v2", "authorize"}, "/")
	c := strings.TrimSuffix(base+"/", "/") + "/access_token"
	_, _, _ = a, b, c
}
"#;
        let m = lower(src);
        let a = m
            .strings
            .iter()
            .find(|s| at(src, &s.span).starts_with("fmt.Sprintf"))
            .unwrap();
        assert_eq!(
            a.display(),
            "https://api.getgo.com/oauth/v2/token?client_id={id}&n={n}&pct=100%&h={n}"
        );
        let q = a.text().find('?').unwrap();
        assert_eq!(at(src, &a.source_of(q..q + 1).unwrap()), "?");
        let b = m
            .strings
            .iter()
            .find(|s| at(src, &s.span).starts_with("strings.Join"))
            .unwrap();
        assert_eq!(b.text(), "https://api.getgo.com/oauth/v2/authorize");
        let c = m
            .strings
            .iter()
            .find(|s| at(src, &s.span).starts_with("strings.Trim"))
            .unwrap();
        assert_eq!(c.text(), "https://api.getgo.com/oauth/access_token");
    }

    #[test]
    fn url_values_encode_to_query_pieces_and_entries() {
        let src = wrap(
            r#"	q := url.Values{"client_id": {"abc"}, "redirect_uri": []string{"https://x/cb"}}
	v := url.Values{}
	v.Set("grant_type", "password")
	v.Add("scope", "a")
	v.Set("grant_type", "refresh_token")
	a := "https://api.getgo.com/oauth/authorize?" + q.Encode()
	b := base + "/token?" + v.Encode()"#,
        );
        let m = lower(&src);
        let a = m
            .strings
            .iter()
            .find(|s| at(&src, &s.span).starts_with("\"https://api"))
            .unwrap();
        assert_eq!(
            a.text(),
            "https://api.getgo.com/oauth/authorize?client_id=abc&redirect_uri=https://x/cb"
        );
        let k = a.text().find("client_id").unwrap();
        assert_eq!(at(&src, &a.source_of(k..k + 9).unwrap()), "client_id");
        let b = m
            .strings
            .iter()
            .find(|s| at(&src, &s.span).starts_with("base"))
            .unwrap();
        // Set replaces, Add appends, keys sorted as Encode sorts them
        assert_eq!(b.display(), "{base}/token?grant_type=refresh_token&scope=a");
        let ents: Vec<(&str, String)> = m
            .entries
            .iter()
            .map(|e| {
                (
                    e.key.as_str(),
                    e.value.as_ref().map(|v| v.text()).unwrap_or_default(),
                )
            })
            .collect();
        assert!(ents.contains(&("client_id", "abc".to_string())));
        assert!(ents.contains(&("grant_type", "password".to_string())));
        assert!(ents.contains(&("scope", "a".to_string())));
        let gt = m.entries.iter().find(|e| e.key == "grant_type").unwrap();
        assert_eq!(at(&src, gt.key_span.as_ref().unwrap()), "grant_type");
        assert_eq!(at(&src, &gt.span), "v.Set(\"grant_type\", \"password\")");
    }

    #[test]
    fn url_objects_and_string() {
        let src = wrap(
            r#"	u, _ := url.Parse("https://api.getgo.com/oauth/v2/authorize")
	q := u.Query()
	q.Set("client_id", "abc")
	u.RawQuery = q.Encode()
	s := u.String()
	w := &url.URL{Scheme: "https", Host: "api.getgo.com", Path: "/oauth/authorize"}
	t := w.String()"#,
        );
        let m = lower(&src);
        let s = string_from(&m, &src, "u.String()");
        assert_eq!(
            s.text(),
            "https://api.getgo.com/oauth/v2/authorize?client_id=abc"
        );
        let t = string_from(&m, &src, "w.String()");
        assert_eq!(t.text(), "https://api.getgo.com/oauth/authorize");
    }

    #[test]
    fn map_struct_and_config_entries() {
        let src = r#"package p

var conf = &oauth2.Config{
	ClientID:     "id",
	ClientSecret: "s3cr3t-value",
	Endpoint: oauth2.Endpoint{
		AuthURL:  "https://api.getgo.com/oauth/v2/authorize",
		TokenURL: "https://api.getgo.com/oauth/v2/token",
	},
}

var m = map[string]string{"grant_type": "password", "user_id": "u"}

func f() { store["k"] = "v" }
"#;
        let m = lower(src);
        let k = keys(&m.entries);
        for want in [
            "ClientID",
            "ClientSecret",
            "Endpoint",
            "AuthURL",
            "TokenURL",
            "grant_type",
            "user_id",
        ] {
            assert!(k.contains(&want), "{want} in {k:?}");
        }
        assert!(!k.contains(&"k"));
        let tu = m.entries.iter().find(|e| e.key == "TokenURL").unwrap();
        assert_eq!(
            tu.value.as_ref().unwrap().text(),
            "https://api.getgo.com/oauth/v2/token"
        );
        assert_eq!(at(src, tu.key_span.as_ref().unwrap()), "TokenURL");
        let ep = m.entries.iter().find(|e| e.key == "Endpoint").unwrap();
        assert!(ep.value.is_none());
    }

    #[test]
    fn net_http_get_post_postform() {
        let src = wrap(
            r#"	http.Get("https://api.getgo.com/oauth/v2/token?grant_type=password")
	http.Post(tokenURL, "application/json", bytes.NewBufferString(`{"a":1}`))
	form := url.Values{"grant_type": {"password"}, "user_id": {user}}
	resp, err := http.PostForm("https://api.getgo.com/oauth/access_token", form)
	client := &http.Client{}
	client.PostForm("https://x/y", url.Values{"a": {"b"}})"#,
        );
        let m = lower(&src);
        assert_eq!(m.http_requests.len(), 4);
        let g = &m.http_requests[0];
        assert_eq!(g.method, Some(Method::Get));
        assert_eq!(method_span(&src, g), "Get");
        assert!(matches!(g.method_source, MethodSource::Explicit { .. }));
        assert_eq!(keys(&g.query), vec!["grant_type"]);
        let p = &m.http_requests[1];
        assert_eq!(p.method, Some(Method::Post));
        assert_eq!(p.body_kind, Some(BodyKind::Json));
        assert_eq!(p.headers[0].key, "Content-Type");
        assert_eq!(
            p.headers[0].value.as_ref().unwrap().text(),
            "application/json"
        );
        assert_eq!(
            at(&src, p.body_span.as_ref().unwrap()),
            "bytes.NewBufferString(`{\"a\":1}`)"
        );
        let f = &m.http_requests[2];
        assert_eq!(f.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&f.body), vec!["grant_type", "user_id"]);
        assert_eq!(url(f), "https://api.getgo.com/oauth/access_token");
        assert_eq!(method_span(&src, f), "PostForm");
        assert_eq!(url(&m.http_requests[3]), "https://x/y");
        assert_eq!(m.http_requests[3].library, "net/http");
    }

    #[test]
    fn new_request_headers_basic_auth_and_do() {
        let src = wrap(
            r#"	form := url.Values{}
	form.Set("grant_type", "authorization_code")
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, tokenURL, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(id, secret)
	resp, err := http.DefaultClient.Do(req)
	r2, _ := http.NewRequest("GET", "https://api.getgo.com/oauth/v2/token?grant_type=refresh_token", nil)
	r2.Header.Add("Authorization", "Basic "+enc)"#,
        );
        let m = lower(&src);
        assert_eq!(m.http_requests.len(), 2);
        let r = &m.http_requests[0];
        assert_eq!(r.method, Some(Method::Post));
        assert_eq!(method_span(&src, r), "http.MethodPost");
        assert!(at(&src, &r.span).starts_with("http.NewRequestWithContext("));
        assert_eq!(r.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&r.body), vec!["grant_type"]);
        assert_eq!(
            at(&src, r.body_span.as_ref().unwrap()),
            "strings.NewReader(form.Encode())"
        );
        assert!(r.basic_auth);
        assert_eq!(keys(&r.headers), vec!["Content-Type"]);
        let g = &m.http_requests[1];
        assert_eq!(g.method, Some(Method::Get));
        assert_eq!(method_span(&src, g), "\"GET\"");
        assert!(g.body_kind.is_none());
        assert!(g.basic_auth);
        assert_eq!(
            read(&m, "Header", ReadKind::Member).origin,
            Origin::Response(0)
        );
        assert!(m.calls.iter().any(|c| c.name == "Do"));
    }

    #[test]
    fn json_marshal_bodies() {
        let src = r#"package p

type TokenRequest struct {
	GrantType string `json:"grant_type"`
	UserID    string `json:"user_id"`
}

func f(user string) {
	payload, _ := json.Marshal(map[string]string{"grant_type": "password"})
	req, _ := http.NewRequest(http.MethodPost, tokenURL, bytes.NewBuffer(payload))
	b, _ := json.Marshal(TokenRequest{GrantType: "password", UserID: user})
	http.Post(tokenURL, "application/json", bytes.NewReader(b))
}
"#;
        let m = lower(src);
        let r = &m.http_requests[0];
        assert_eq!(r.body_kind, Some(BodyKind::Json));
        assert_eq!(keys(&r.body), vec!["grant_type"]);
        let p = &m.http_requests[1];
        assert_eq!(p.body_kind, Some(BodyKind::Json));
        // struct fields under their JSON names, keys pointing at the tags
        assert_eq!(keys(&p.body), vec!["grant_type", "user_id"]);
        let uid = &p.body[1];
        assert_eq!(at(src, uid.key_span.as_ref().unwrap()), "user_id");
        assert!(src[..uid.key_span.as_ref().unwrap().start].ends_with("`json:\""));
    }

    #[test]
    fn oauth2_library_calls() {
        let src = r#"package p

import "golang.org/x/oauth2"

const tokenURL = "https://api.getgo.com/oauth/v2/token"

var conf = oauth2.Config{
	ClientID: "id",
	Endpoint: oauth2.Endpoint{AuthURL: "https://api.getgo.com/oauth/v2/authorize", TokenURL: tokenURL},
}

func f(ctx context.Context, code string) {
	tok, err := conf.PasswordCredentialsToken(ctx, "u", "p")
	t2, err := conf.Exchange(ctx, code)
	ts := conf.TokenSource(ctx, t2)
	fresh, err := ts.Token()
	_ = oauth2.ReuseTokenSource(t2, ts)
	link := conf.AuthCodeURL("state")
}
"#;
        let m = lower(src);
        let reqs: Vec<&HttpRequest> = m.http_requests.iter().collect();
        assert_eq!(reqs.len(), 3);
        for r in &reqs {
            assert_eq!(r.library, "oauth2");
            assert_eq!(r.method, Some(Method::Post));
            assert!(matches!(r.method_source, MethodSource::Default { .. }));
            assert_eq!(url(r), "https://api.getgo.com/oauth/v2/token");
            assert_eq!(r.body[0].key, "grant_type");
            assert!(r.body[0].key_span.is_none());
            assert!(r.basic_auth);
        }
        let grants: Vec<String> = reqs
            .iter()
            .map(|r| r.body[0].value.as_ref().unwrap().text())
            .collect();
        assert_eq!(
            grants,
            vec!["password", "authorization_code", "refresh_token"]
        );
        assert_eq!(method_span(src, reqs[0]), "PasswordCredentialsToken");
        for name in [
            "PasswordCredentialsToken",
            "Exchange",
            "TokenSource",
            "AuthCodeURL",
        ] {
            assert!(m.calls.iter().any(|c| c.name == name), "{name}");
        }
        // the library refreshes: visible as refresh calls
        assert_eq!(
            m.calls.iter().filter(|c| c.name == "refresh_token").count(),
            2
        );
    }

    #[test]
    fn resty_chains() {
        let src = r#"package p

import "github.com/go-resty/resty/v2"

type Tok struct {
	OrganizerKey string `json:"organizer_key"`
}

func f(user string) {
	client := resty.New().SetBaseURL("https://api.getgo.com")
	var tok Tok
	resp, err := client.R().
		SetBasicAuth("id", "secret").
		SetFormData(map[string]string{"grant_type": "password", "user_id": user}).
		SetResult(&tok).
		Post("/oauth/v2/token")
	key := tok.OrganizerKey
	req := client.R()
	req.SetHeader("Content-Type", "application/json")
	req.SetBody(map[string]string{"grant_type": "refresh_token"})
	r2, _ := req.Get("/oauth/v2/token")
}
"#;
        let m = lower(src);
        assert_eq!(m.http_requests.len(), 2);
        let p = &m.http_requests[0];
        assert_eq!(p.library, "resty");
        assert_eq!(p.method, Some(Method::Post));
        assert_eq!(method_span(src, p), "Post");
        assert_eq!(url(p), "https://api.getgo.com/oauth/v2/token");
        assert_eq!(p.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&p.body), vec!["grant_type", "user_id"]);
        assert!(p.basic_auth);
        let g = &m.http_requests[1];
        assert_eq!(g.method, Some(Method::Get));
        assert_eq!(g.body_kind, Some(BodyKind::Json));
        assert_eq!(keys(&g.headers), vec!["Content-Type"]);
        let r = read(&m, "organizer_key", ReadKind::Member);
        assert_eq!(r.origin, Origin::Response(0));
        assert!(m.type_uses.iter().any(|u| u.type_name == "Tok"));
        let joined: Vec<&StrValue> = m
            .strings
            .iter()
            .filter(|s| s.text() == "https://api.getgo.com/oauth/v2/token")
            .collect();
        assert_eq!(joined.len(), 2);
        assert_eq!(at(src, &joined[0].span), "\"/oauth/v2/token\"");
    }

    #[test]
    fn response_origins_and_reads() {
        let src = r#"package p

import "golang.org/x/oauth2"

type Tok struct {
	AccessToken  string `json:"access_token"`
	OrganizerKey string `json:"organizer_key"`
}

func f(ctx context.Context, code string) {
	resp, err := http.PostForm(tokenURL, url.Values{"grant_type": {"password"}})
	body, _ := io.ReadAll(resp.Body)
	var tok Tok
	json.Unmarshal(body, &tok)
	a := tok.OrganizerKey
	var m map[string]interface{}
	json.NewDecoder(resp.Body).Decode(&m)
	b := m["account_key"]
	t, err := conf.Exchange(ctx, code)
	c := t.Extra("organizer_key")
}
"#;
        let m = lower(src);
        let ok = read(&m, "organizer_key", ReadKind::Member);
        assert_eq!(ok.origin, Origin::Response(0));
        assert_eq!(at(src, &ok.span), "OrganizerKey");
        assert_eq!(ok.assigned_to.as_deref(), Some("a"));
        let ak = read(&m, "account_key", ReadKind::Subscript);
        assert_eq!(ak.origin, Origin::Response(0));
        assert_eq!(ak.receiver, "m");
        let ex = read(&m, "organizer_key", ReadKind::Get);
        assert_eq!(ex.origin, Origin::Response(1));
        assert_eq!(m.http_requests[1].library, "oauth2");
        assert!(m
            .type_uses
            .iter()
            .any(|u| u.type_name == "Tok" && u.origin == Origin::Response(0)));
    }

    #[test]
    fn guards_assertions_and_targets() {
        let src = r#"package p

type Tok struct {
	RefreshToken string `json:"refresh_token"`
}

func (c *Client) f() {
	resp, _ := http.PostForm(tokenURL, url.Values{"grant_type": {"refresh_token"}})
	var tok Tok
	json.NewDecoder(resp.Body).Decode(&tok)
	if tok.RefreshToken != "" {
		c.refreshToken = tok.RefreshToken
	}
	c.other = tok.RefreshToken
	var m map[string]interface{}
	json.NewDecoder(resp.Body).Decode(&m)
	if v, ok := m["refresh_token"]; ok {
		c.rt = v.(string)
	}
	c.rt2 = m["refresh_token"].(string)
	c.rt3 = cmp.Or(tok.RefreshToken, c.rt3)
}
"#;
        let m = lower(src);
        let reads: Vec<&FieldRead> = m
            .field_reads
            .iter()
            .filter(|r| r.field == "refresh_token" && r.kind != ReadKind::Declaration)
            .collect();
        let by_target = |t: &str| {
            *reads
                .iter()
                .find(|r| r.assigned_to.as_deref() == Some(t))
                .unwrap_or_else(|| panic!("no read assigned to {t}"))
        };
        assert!(by_target("c.refreshToken").guarded);
        let other = by_target("c.other");
        assert!(!other.guarded);
        assert_eq!(other.origin, Origin::Response(0));
        let comma_ok = by_target("v");
        assert!(comma_ok.guarded && !comma_ok.asserted);
        let asserted = by_target("c.rt2");
        assert!(asserted.asserted && !asserted.guarded);
        assert_eq!(asserted.kind, ReadKind::Subscript);
        let or = by_target("c.rt3");
        assert!(or.guarded && or.fallback_is_target);
    }

    #[test]
    fn typed_fields_and_declaration_reads() {
        let src = r#"package p

type TokenResponse struct {
	AccessToken  string  `json:"access_token"`
	RefreshToken *string `json:"refresh_token"`
	ExpiresIn    int     `json:"expires_in,omitempty"`
	OrganizerKey string  `json:"organizer_key"`
	Internal     string  `json:"-"`
	Plain        string
}

type NotJSON struct {
	A string
}

func (c *Client) token() (*TokenResponse, error) {
	resp, err := c.http.Do(req)
	var t TokenResponse
	err = json.NewDecoder(resp.Body).Decode(&t)
	return &t, err
}
"#;
        let m = lower(src);
        let f: Vec<(&str, bool)> = m
            .typed_fields
            .iter()
            .map(|t| (t.field.as_str(), t.optional))
            .collect();
        assert_eq!(
            f,
            vec![
                ("access_token", false),
                ("refresh_token", true),
                ("expires_in", true),
                ("organizer_key", false),
                ("Plain", false),
            ]
        );
        let ok = m
            .typed_fields
            .iter()
            .find(|t| t.field == "organizer_key")
            .unwrap();
        assert_eq!(at(src, &ok.span), "OrganizerKey");
        assert_eq!(ok.type_name, "TokenResponse");
        assert_eq!(ok.sibling_fields[0], "TokenResponse");
        assert!(ok.sibling_fields.contains(&"refresh_token".to_string()));
        assert!(!m.typed_fields.iter().any(|t| t.type_name == "NotJSON"));
    }

    #[test]
    fn stored_fields_and_function_summaries() {
        let src = r#"package p

type Tok struct {
	OrganizerKey string `json:"organizer_key"`
}

type Client struct {
	token *Tok
}

func (c *Client) login() (*Tok, error) {
	resp, err := http.PostForm(tokenURL, url.Values{"grant_type": {"password"}})
	var t Tok
	json.NewDecoder(resp.Body).Decode(&t)
	c.token = &t
	return &t, nil
}

func (c *Client) key() string {
	return c.token.OrganizerKey
}

func use(c *Client) string {
	t, _ := c.login()
	return t.OrganizerKey
}
"#;
        let m = lower(src);
        let reads: Vec<&FieldRead> = m
            .field_reads
            .iter()
            .filter(|r| r.field == "organizer_key" && r.kind == ReadKind::Member)
            .collect();
        assert_eq!(reads.len(), 2);
        for r in reads {
            assert_eq!(r.origin, Origin::Response(0), "{}", r.receiver);
        }
        assert!(m
            .type_uses
            .iter()
            .any(|u| u.type_name == "Tok" && u.origin == Origin::Response(0)));
    }

    #[test]
    fn other_origins() {
        let src = r#"package p

func handler(w http.ResponseWriter, r *http.Request, p map[string]string) {
	code := r.FormValue("code")
	env := os.Getenv("GOTO_SECRET")
	a := r.Form["organizer_key"]
	b := p["organizer_key"]
	lit := map[string]string{"organizer_key": "x"}
	c := lit["organizer_key"]
	d := cfg.OrganizerKey
}
"#;
        let m = lower(src);
        let subs: Vec<&FieldRead> = m
            .field_reads
            .iter()
            .filter(|r| r.field == "organizer_key")
            .collect();
        let origin = |recv: &str| {
            subs.iter()
                .find(|r| r.receiver == recv)
                .unwrap()
                .origin
                .clone()
        };
        assert_eq!(origin("r.Form"), Origin::Input);
        assert_eq!(origin("p"), Origin::Param);
        assert_eq!(origin("lit"), Origin::Literal);
        let d = m.field_reads.iter().find(|r| r.receiver == "cfg").unwrap();
        assert_eq!(d.origin, Origin::Config);
        let code = m.calls.iter().find(|c| c.name == "FormValue").unwrap();
        assert_eq!(code.args[0].as_ref().unwrap().text(), "code");
        let env = m.calls.iter().find(|c| c.name == "Getenv").unwrap();
        assert_eq!(env.callee, "os.Getenv");
    }

    #[test]
    fn comments_and_parse_errors() {
        let src = "// gotolint: ignore\npackage p /* block */\n";
        let m = lower(src);
        assert_eq!(m.comments.len(), 2);
        assert_eq!(at(src, &m.comments[1]), "/* block */");
        assert!(!m.parse_errors);
        assert!(lower("package p\nfunc f( {\n").parse_errors);
    }

    #[test]
    fn every_literal_is_in_some_string() {
        let src = r#"package p

var base = "https://api.getgo.com"
var d = map[string]string{"k": fmt.Sprintf("%s/%s", base, "x"), "u": strings.Join([]string{"a", "b"}, "/")}

func f() {
	http.Post(base+"/oauth", "text/plain", strings.NewReader(url.Values{"a": {"b"}}.Encode()))
	fmt.Sprintf("%s", "unused", "extra")
}
"#;
        let m = lower(src);
        let mut i = 0;
        let mut literals = Vec::new();
        while let Some(q) = src[i..].find('"') {
            let s = i + q + 1;
            let e = s + src[s..].find('"').unwrap();
            // format strings are kept as the literal parts around their verbs
            if !src[s..e].contains('%') {
                literals.push(s..e);
            }
            i = e + 1;
        }
        for lit in literals {
            let covered = m.strings.iter().any(|v| {
                v.pieces.iter().any(|p| match p {
                    Piece::Lit { src: Some(s), .. } => s.start <= lit.start && lit.end <= s.end,
                    _ => false,
                })
            });
            assert!(covered, "{:?}", &src[lit]);
        }
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let open = format!("package p\nvar x = {}\n", "(".repeat(10_000));
        assert!(lower(&open).parse_errors);
        let closed = format!(
            "package p\nvar x = {}\"a\"{}\n",
            "(".repeat(10_000),
            ")".repeat(10_000)
        );
        let _ = lower(&closed);
        let lits = format!(
            "package p\nvar x = {}{}\n",
            "[]interface{}{".repeat(3_000),
            "}".repeat(3_000)
        );
        let _ = lower(&lits);
        let chain = format!("package p\nvar x = \"a\"{}\n", " + \"b\"".repeat(3_000));
        let m = lower(&chain);
        assert!(m.strings[0].text().starts_with("abbb"));
        let calls = format!(
            "package p\nvar x = {}y{}\n",
            "f(".repeat(3_000),
            ")".repeat(3_000)
        );
        let _ = lower(&calls);
        let blocks = format!(
            "package p\nfunc f() {{\n{}\n{}\n}}\n",
            "if a {".repeat(3_000),
            "}".repeat(3_000)
        );
        let _ = lower(&blocks);
        let exp: String = std::iter::once("package p\nconst A0 = \"x\"\n".to_string())
            .chain((1..100).map(|i| format!("const A{i} = A{} + A{}\n", i - 1, i - 1)))
            .collect();
        let _ = lower(&exp);
        let sel = format!("package p\nvar x = a{}\n", ".b".repeat(10_000));
        let _ = lower(&sel);
        let sprintf = format!(
            "package p\nvar x = {}\"a\"{}\n",
            "fmt.Sprintf(\"%s/\", ".repeat(2_000),
            ")".repeat(2_000)
        );
        let _ = lower(&sprintf);
        // self-referencing encoded values
        let cyc = "package p\nfunc f() {\n\tv := url.Values{}\n\tv.Set(\"a\", v.Encode())\n\tv.Set(\"b\", \"x?\"+v.Encode())\n\t_ = v.Encode()\n}\n";
        let m = lower(cyc);
        assert!(!m.strings.is_empty());
    }

    #[test]
    fn small_stacks_are_enough() {
        let src = format!(
            "package p\nvar x = {}\"a\"{}\nconst B = {}\"b\"{}\n",
            "fmt.Sprintf(\"%s/\", ".repeat(500),
            ")".repeat(500),
            "(".repeat(5_000),
            ")".repeat(5_000)
        );
        let t = std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || lower(&src).strings.len())
            .unwrap();
        assert!(t.join().unwrap() > 0);
    }

    /// The edits of request `i`'s rewrite of `kind` as (source, replacement).
    fn hint(src: &str, m: &FileModel, i: usize, kind: RewriteKind) -> Vec<(String, String)> {
        m.http_requests[i]
            .rewrite_hints
            .iter()
            .filter(|h| h.kind == kind)
            .flat_map(|h| h.edits.iter())
            .map(|(s, t)| (at(src, s).to_string(), t.clone()))
            .collect()
    }

    #[test]
    fn client_credentials_move_to_basic_where_a_statement_can_carry_them() {
        let src = r#"package p

import (
	"net/http"
	"net/url"
	"os"
	"strings"

	"golang.org/x/oauth2"
)

var conf = oauth2.Config{
	ClientID:     os.Getenv("ID"),
	ClientSecret: os.Getenv("SECRET"),
	Endpoint:     oauth2.Endpoint{TokenURL: tokenURL, AuthStyle: oauth2.AuthStyleInParams},
}

func a(ctx context.Context, code string) { conf.Exchange(ctx, code) }

func b(id, secret, rt string) {
	form := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}, "client_id": {id}, "client_secret": {secret}}
	req, err := http.NewRequest("POST", tokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded") // form
	http.DefaultClient.Do(req)
}

func c(id, secret string) {
	form := url.Values{}
	form.Set("grant_type", "client_credentials")
	form.Set("client_id", id)
	form.Set("client_secret", secret)
	log.Println(form)
	req, _ := http.NewRequest("POST", tokenURL, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
}

func d(id, secret string) {
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret}}
	req, _ := http.NewRequest("POST", tokenURL, strings.NewReader(form.Encode()))
	http.DefaultClient.Do(req)
}
"#;
        let m = lower(src);
        // the auth style sends the credentials as parameters: they are
        // entries of the body, at the config's keys
        let a = &m.http_requests[0];
        assert!(!a.basic_auth);
        let id = a.body.iter().find(|e| e.key == "client_id").unwrap();
        assert_eq!(at(src, id.key_span.as_ref().unwrap()), "ClientID");
        assert!(a.body.iter().any(|e| e.key == "client_secret"));
        assert_eq!(
            hint(src, &m, 0, RewriteKind::BasicAuth),
            vec![(
                "AuthStyleInParams".to_string(),
                "AuthStyleInHeader".to_string()
            )]
        );
        let b = hint(src, &m, 1, RewriteKind::BasicAuth);
        assert_eq!(b.len(), 2, "{b:?}");
        assert_eq!(
            b[0],
            (
                ", \"client_id\": {id}, \"client_secret\": {secret}".to_string(),
                String::new()
            )
        );
        assert_eq!(
            b[1],
            (String::new(), "; req.SetBasicAuth(id, secret)".to_string())
        );
        // the values are also logged: removing them would change that
        assert!(hint(src, &m, 2, RewriteKind::BasicAuth).is_empty());
        // nothing uses the request before it is sent: no statement to join
        assert!(hint(src, &m, 3, RewriteKind::BasicAuth).is_empty());
    }

    #[test]
    fn flat_string_maps_marshalled_as_json_become_forms() {
        let src = r#"package p

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
)

func a(code string) {
	payload, _ := json.Marshal(map[string]string{"grant_type": "authorization_code", "code": code})
	http.Post(tokenURL, "application/json", bytes.NewReader(payload))
}

func b(code string) error {
	payload, err := json.Marshal(map[string]string{"grant_type": "authorization_code", "code": code})
	if err != nil {
		return err
	}
	req, _ := http.NewRequest("POST", tokenURL, bytes.NewBuffer(payload))
	req.Header.Set("Content-Type", "application/json")
	return nil
}

func c(code string) {
	payload, _ := json.Marshal(map[string]interface{}{"grant_type": "authorization_code", "code": code})
	http.Post(tokenURL, "application/json", bytes.NewReader(payload))
}

func d(code string) {
	payload, _ := json.Marshal(map[string]string{"grant_type": "authorization_code", "code": code})
	log.Printf("%s", payload)
	http.Post(tokenURL, "application/json", bytes.NewReader(payload))
}
"#;
        let m = lower(src);
        let apply = |i: usize| {
            let mut edits: Vec<(Span, String)> = m.http_requests[i]
                .rewrite_hints
                .iter()
                .filter(|h| h.kind == RewriteKind::JsonToForm)
                .flat_map(|h| h.edits.clone())
                .collect();
            edits.sort_by_key(|e| std::cmp::Reverse(e.0.start));
            let mut out = src.to_string();
            for (s, t) in edits {
                out.replace_range(s, &t);
            }
            out
        };
        let a = apply(0);
        assert!(a.contains("payload := []byte(url.Values{\"grant_type\": {\"authorization_code\"}, \"code\": {code}}.Encode())\n"), "{a}");
        assert!(
            a.contains("http.Post(tokenURL, \"application/x-www-form-urlencoded\","),
            "{a}"
        );
        let b = apply(1);
        assert!(
            b.contains("\"code\": {code}}.Encode()), error(nil)\n"),
            "{b}"
        );
        assert!(
            b.contains("Set(\"Content-Type\", \"application/x-www-form-urlencoded\")"),
            "{b}"
        );
        // values that may not be strings, and a payload used twice: no rewrite
        assert!(hint(src, &m, 2, RewriteKind::JsonToForm).is_empty());
        assert!(hint(src, &m, 3, RewriteKind::JsonToForm).is_empty());
    }

    #[test]
    fn a_query_moves_into_an_empty_form_body() {
        let src = r#"package p

import (
	"net/http"
	"net/url"
	"strings"
)

func f(rt string) {
	http.Post(tokenURL+"?grant_type=refresh_token&refresh_token="+url.QueryEscape(rt), "application/x-www-form-urlencoded", nil)
	http.Post("https://api.getgo.com/oauth/v2/token?grant_type=client_credentials", "application/x-www-form-urlencoded", nil)
	http.Post(tokenURL+"?"+v.Encode(), "application/x-www-form-urlencoded", http.NoBody)
	http.Post(tokenURL+"?grant_type=refresh_token", "application/x-www-form-urlencoded", strings.NewReader("a=b"))
	http.Post(tokenURL+"?grant_type=refresh_token", "application/json", nil)
}
"#;
        let m = lower(src);
        assert_eq!(
            hint(src, &m, 0, RewriteKind::QueryToForm),
            vec![
                (
                    "+\"?grant_type=refresh_token&refresh_token=\"+url.QueryEscape(rt)".to_string(),
                    String::new()
                ),
                (
                    "nil".to_string(),
                    "strings.NewReader(\"grant_type=refresh_token&refresh_token=\"+url.QueryEscape(rt))"
                        .to_string()
                ),
            ]
        );
        assert_eq!(
            hint(src, &m, 1, RewriteKind::QueryToForm),
            vec![
                (
                    "?grant_type=client_credentials\"".to_string(),
                    "\"".to_string()
                ),
                (
                    "nil".to_string(),
                    "strings.NewReader(\"grant_type=client_credentials\")".to_string()
                ),
            ]
        );
        assert_eq!(
            hint(src, &m, 2, RewriteKind::QueryToForm)[1],
            (
                "http.NoBody".to_string(),
                "strings.NewReader(v.Encode())".to_string()
            )
        );
        // a body already, or no form content type: no rewrite
        assert!(hint(src, &m, 3, RewriteKind::QueryToForm).is_empty());
        assert!(hint(src, &m, 4, RewriteKind::QueryToForm).is_empty());
    }

    #[test]
    fn a_stored_refresh_token_is_kept_by_a_guard_on_the_same_line() {
        let src = r#"package p

type Tok struct {
	RefreshToken string `json:"refresh_token"`
	Next         *string `json:"next"`
}

func (c *C) f(m map[string]interface{}, t Tok, rt string) {
	c.rt = m["refresh_token"].(string)
	c.rt = t.RefreshToken
	c.next = *t.Next
	c.rt = load().RefreshToken
	c.rt, c.at = t.RefreshToken, ""
}
"#;
        let m = lower(src);
        let keep: Vec<Vec<String>> = m
            .field_reads
            .iter()
            .map(|r| {
                r.absence
                    .keep_old_value
                    .iter()
                    .map(|e| e.1.clone())
                    .collect()
            })
            .collect();
        // `rt` is a name the statement uses: the new variable takes another
        assert!(keep.contains(&vec![
            "if refreshed, ok := m[\"refresh_token\"].(string); ok { c.rt = refreshed }"
                .to_string()
        ]));
        assert!(keep.contains(&vec![
            "if t.RefreshToken != \"\" { c.rt = t.RefreshToken }".to_string()
        ]));
        assert!(keep.contains(&vec!["if t.Next != nil { c.next = *t.Next }".to_string()]));
        // a receiver that is a call, two targets: nothing drafted
        assert_eq!(keep.iter().filter(|k| !k.is_empty()).count(), 3, "{keep:?}");
    }

    #[test]
    fn garbage_does_not_panic() {
        let samples = [
            "",
            "\u{feff}package p\nvar x = \"é\"\n",
            "package p\nvar x = \"\\",
            "package p\nvar x = `",
            "package p\nfunc f() { http.Post( }",
            "package p\nfunc f() { fmt.Sprintf(\"%\", ) ; fmt.Sprintf() ; strings.Join() }",
            "package p\nfunc f() { url.Values{}.Encode(); x.Set(); req.Header.Set() }",
            "package p\nvar x = \"\\u12\\U0001\\x\\400\\777\"",
            "package p\ntype T struct { A string `json:` }",
            "package p\ntype T struct { A string `json:\"a,` }",
            "package p\nfunc (c *C) f() { conf.Exchange(); ts.Token(); c.x.Do(nil) }",
        ];
        for s in samples {
            let _ = lower(s);
        }
        let mut seed = 12345u64;
        let alphabet: Vec<char> = "(){}[]\"`\\ %sv:=.,+&*\n\tabcxyzfunc0123é$"
            .chars()
            .collect();
        for _ in 0..30 {
            let mut s = String::from("package p\n");
            for _ in 0..2_000 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            let _ = lower(&s);
        }
    }
}
