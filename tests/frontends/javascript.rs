//! Unit-level checks of the javascript front end's model.

mod tests {
    use crate::common::keys;
    use gotolint::lang::javascript::*;
    use gotolint::model::*;

    fn js(s: &str) -> FileModel {
        lower(s, Dialect::JavaScript)
    }
    fn ts(s: &str) -> FileModel {
        lower(s, Dialect::TypeScript)
    }
    fn at<'a>(src: &'a str, sp: &Span) -> &'a str {
        &src[sp.clone()]
    }
    fn url(r: &HttpRequest) -> String {
        r.url.as_ref().expect("url").display()
    }
    fn method_text<'a>(src: &'a str, r: &HttpRequest) -> &'a str {
        match &r.method_source {
            MethodSource::Explicit { span } | MethodSource::Default { span } => at(src, span),
            MethodSource::Unknown => "<unknown>",
        }
    }
    fn val(e: &[Entry], key: &str) -> Option<String> {
        e.iter()
            .find(|e| e.key == key)
            .and_then(|e| e.value.as_ref())
            .map(|v| v.display())
    }
    fn string<'a>(m: &'a FileModel, src: &str, expr: &str) -> &'a StrValue {
        m.strings
            .iter()
            .find(|s| at(src, &s.span) == expr)
            .unwrap_or_else(|| panic!("no string for {expr}"))
    }
    fn read<'a>(m: &'a FileModel, field: &str, recv: &str) -> &'a FieldRead {
        m.field_reads
            .iter()
            .find(|r| r.field == field && r.receiver == recv)
            .unwrap_or_else(|| panic!("no read {recv}.{field}: {:#?}", m.field_reads))
    }

    // ----- strings --------------------------------------------------------

    #[test]
    fn string_concat_resolves_constants_with_their_spans() {
        let src = "const BASE = \"https://api.getgo.com\";\nconst U = BASE + \"/oauth/v2/token\";";
        let m = js(src);
        let s = string(&m, src, "BASE + \"/oauth/v2/token\"");
        assert_eq!(s.text(), "https://api.getgo.com/oauth/v2/token");
        assert_eq!(s.pieces.len(), 2);
        // the first piece points at the constant's definition
        let src0 = s.source_of(0..5).unwrap();
        assert_eq!(at(src, &src0), "https");
        assert!(src0.start < 20);
        // the definition is emitted too
        assert!(m
            .strings
            .iter()
            .any(|s| at(src, &s.span) == "\"https://api.getgo.com\""));
    }

    #[test]
    fn template_literal_parts_and_holes() {
        let src = "const base = 'https://x.com'; const u = `${base}/a/${organizerKey}/b`;";
        let m = js(src);
        let s = string(&m, src, "`${base}/a/${organizerKey}/b`");
        assert_eq!(s.display(), "https://x.com/a/{organizerKey}/b");
        assert!(s.has_holes());
        let lit = s.source_of(13..16).unwrap();
        assert_eq!(at(src, &lit), "/a/");
    }

    #[test]
    fn hole_names_are_shortened() {
        let src =
            "const u = 'https://x/' + someObject.withAVeryLongPropertyName.andAnotherOne.andMore;";
        let m = js(src);
        let s = &m.strings[0];
        match &s.pieces[1] {
            Piece::Hole { name, src: hs } => {
                assert_eq!(name.chars().count(), 40);
                assert_eq!(
                    at(src, hs),
                    "someObject.withAVeryLongPropertyName.andAnotherOne.andMore"
                );
            }
            p => panic!("{p:?}"),
        }
    }

    #[test]
    fn this_member_assigned_once_resolves_twice_is_hole() {
        let src = "class A { constructor() { this.url = 'https://api.getgo.com/oauth/access_token'; this.b = 'x'; }\n\
                   go() { this.b = 'y'; return fetch(this.url + '?a=' + this.b); } }";
        let m = js(src);
        assert_eq!(
            url(&m.http_requests[0]),
            "https://api.getgo.com/oauth/access_token?a={this.b}"
        );
    }

    #[test]
    fn object_constants_by_key() {
        let src = "const URLS = { token: 'https://api.getgo.com/oauth/v2/token', nested: { auth: '/authorize' } };\n\
                   const CONFIG = Object.freeze({ authUrl: 'https://authentication.logmeininc.com/oauth' });\n\
                   const { token: T } = URLS;\n\
                   a(URLS.token); b(CONFIG[\"authUrl\"]); c(URLS.nested.auth); d(T);";
        let m = js(src);
        let arg = |name: &str| {
            m.calls.iter().find(|c| c.name == name).unwrap().args[0]
                .as_ref()
                .map(|v| v.text())
        };
        assert_eq!(arg("a").unwrap(), "https://api.getgo.com/oauth/v2/token");
        assert_eq!(
            arg("b").unwrap(),
            "https://authentication.logmeininc.com/oauth"
        );
        assert_eq!(arg("c").unwrap(), "/authorize");
        assert_eq!(arg("d").unwrap(), "https://api.getgo.com/oauth/v2/token");
    }

    #[test]
    fn name_bound_twice_is_a_hole() {
        let src = "let u = 'https://a'; u = 'https://b'; fetch(u);";
        let m = js(src);
        assert_eq!(url(&m.http_requests[0]), "{u}");
    }

    #[test]
    fn in_file_function_returning_a_string() {
        let src = "function basic(id, secret) { return 'Basic ' + btoa(id + ':' + secret); }\n\
                   function tokenUrl() { return BASE + '/oauth/v2/token'; }\nconst BASE = 'https://api.getgo.com';\n\
                   fetch(tokenUrl(), { method: 'POST', headers: { Authorization: basic(a, b) } });";
        let m = js(src);
        let r = &m.http_requests[0];
        assert_eq!(url(r), "https://api.getgo.com/oauth/v2/token");
        assert!(r.basic_auth);
        assert_eq!(
            val(&r.headers, "Authorization").unwrap(),
            "Basic {btoa(id + ':' + secret)}"
        );
    }

    #[test]
    fn new_url_joins() {
        let src = "const B = 'https://api.getgo.com/oauth/v2/';\n\
                   fetch(new URL('token', B)); fetch(new URL('/oauth/token', 'https://api.getgo.com/x/y')); \
                   fetch(new URL('https://other/p', B).toString());";
        let m = js(src);
        assert_eq!(
            url(&m.http_requests[0]),
            "https://api.getgo.com/oauth/v2/token"
        );
        assert_eq!(
            url(&m.http_requests[1]),
            "https://api.getgo.com/oauth/token"
        );
        assert_eq!(url(&m.http_requests[2]), "https://other/p");
    }

    #[test]
    fn encoded_dicts_to_query_strings() {
        let src = "const qs = require('qs'); const querystring = require('querystring');\n\
                   const a = new URLSearchParams({ grant_type: 'password', username: user }).toString();\n\
                   const b = qs.stringify({ 'grant_type': 'refresh_token' });\n\
                   const c = querystring.stringify({ code });";
        let m = js(src);
        let a = string(
            &m,
            src,
            "new URLSearchParams({ grant_type: 'password', username: user }).toString()",
        );
        assert_eq!(a.display(), "grant_type=password&username={user}");
        // the key keeps its span, `=` is synthetic
        assert_eq!(at(src, &a.source_of(0..10).unwrap()), "grant_type");
        assert_eq!(a.source_of(10..11), None);
        let b = string(&m, src, "qs.stringify({ 'grant_type': 'refresh_token' })");
        assert_eq!(b.text(), "grant_type=refresh_token");
        let c = string(&m, src, "querystring.stringify({ code })");
        assert_eq!(c.display(), "code={code}");
        // one entry per key
        assert!(m.entries.iter().any(
            |e| e.key == "grant_type" && at(src, e.key_span.as_ref().unwrap()) == "grant_type"
        ));
    }

    #[test]
    fn array_join() {
        let src =
            "const H = 'https://api.getgo.com'; const u = [H, 'oauth', 'v2', 'token'].join('/');";
        let m = js(src);
        assert_eq!(
            string(&m, src, "[H, 'oauth', 'v2', 'token'].join('/')").text(),
            "https://api.getgo.com/oauth/v2/token"
        );
    }

    #[test]
    fn escapes_decode_and_map_back() {
        let src = r#"const u = "https:\/\/api.getgo.com\/oauth\/access_token"; const v = 'a\x2Fb\u002Fc\u{2F}d';"#;
        let m = js(src);
        let u = string(&m, src, r#""https:\/\/api.getgo.com\/oauth\/access_token""#);
        assert_eq!(u.text(), "https://api.getgo.com/oauth/access_token");
        let host = u.text().find("api").unwrap();
        assert_eq!(
            at(src, &u.source_of(host..host + 12).unwrap()),
            "api.getgo.co"
        );
        assert_eq!(at(src, &u.source_of(6..7).unwrap()), "\\/");
        assert_eq!(
            string(&m, src, r#"'a\x2Fb\u002Fc\u{2F}d'"#).text(),
            "a/b/c/d"
        );
        let src = r"const r = String.raw`a\/b`;";
        assert_eq!(js(src).strings[0].text(), r"a\/b");
    }

    #[test]
    fn every_literal_is_emitted() {
        let src = "f(x ? 'a' : 'b', `t${g('c')}`, encodeURIComponent('d e'), [1].concat('z'));";
        let m = js(src);
        for lit in ["'a'", "'b'", "'c'", "'d e'", "'z'"] {
            let start = src.find(lit).unwrap() + 1;
            assert!(
                m.strings.iter().any(|s| s.pieces.iter().any(|p| matches!(p,
                    Piece::Lit { src: Some(r), .. } if r.start == start))),
                "{lit} not emitted"
            );
        }
    }

    // ----- entries --------------------------------------------------------

    #[test]
    fn object_entries() {
        let src = "const body = { grant_type: 'password', \"client-id\": ID, code };";
        let m = js(src);
        assert_eq!(keys(&m.entries), ["grant_type", "client-id", "code"]);
        let q = &m.entries[1];
        assert_eq!(at(src, q.key_span.as_ref().unwrap()), "client-id");
        assert_eq!(at(src, q.value_span.as_ref().unwrap()), "ID");
        assert_eq!(at(src, &q.span), "\"client-id\": ID");
        assert_eq!(q.value, None);
        assert_eq!(m.entries[0].value.as_ref().unwrap().text(), "password");
        assert_eq!(m.entries[2].value, None);
        assert_eq!(at(src, m.entries[2].key_span.as_ref().unwrap()), "code");
    }

    #[test]
    fn url_search_params_append_and_set() {
        let src = "const p = new URLSearchParams();\np.append('grant_type', 'password');\np.set('username', u);\nstore['k'] = 'v';";
        let m = js(src);
        assert_eq!(keys(&m.entries), ["grant_type", "username"]);
        assert_eq!(
            at(src, &m.entries[0].span),
            "p.append('grant_type', 'password')"
        );
        assert_eq!(val(&m.entries, "grant_type").unwrap(), "password");
    }

    // ----- fetch --------------------------------------------------------------

    #[test]
    fn fetch_defaults_to_get() {
        let src = "fetch('https://api.getgo.com/admin/rest/v1/me', { headers: { Authorization: 'Bearer ' + t } });";
        let m = js(src);
        let r = &m.http_requests[0];
        assert_eq!(r.library, "fetch");
        assert_eq!(r.method, Some(Method::Get));
        assert!(matches!(r.method_source, MethodSource::Default { .. }));
        assert_eq!(method_text(src, r), "fetch");
        assert_eq!(val(&r.headers, "Authorization").unwrap(), "Bearer {t}");
        assert_eq!(r.body_kind, None);
        assert_eq!(r.rewrite_hints[0].kind, RewriteKind::ToPost);
    }

    #[test]
    fn fetch_post_form_body() {
        let src = "const res = await fetch(TOKEN, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },\n\
                   body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: rt }) });";
        let m = js(src);
        let r = &m.http_requests[0];
        assert_eq!(r.method, Some(Method::Post));
        assert_eq!(method_text(src, r), "'POST'");
        assert_eq!(r.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&r.body), ["grant_type", "refresh_token"]);
        assert!(at(src, r.body_span.as_ref().unwrap()).starts_with("new URLSearchParams("));
        assert_eq!(url(r), "{TOKEN}");
    }

    #[test]
    fn fetch_json_body_and_headers_object() {
        let src = "fetch('https://x/t', { method: 'post', body: JSON.stringify({ grant_type: 'password' }), headers: new Headers({ 'Authorization': 'Basic abc' }) });";
        let m = js(src);
        let r = &m.http_requests[0];
        assert_eq!(r.body_kind, Some(BodyKind::Json));
        assert_eq!(keys(&r.body), ["grant_type"]);
        assert_eq!(keys(&r.headers), ["Authorization"]);
        assert!(r.basic_auth);
    }

    #[test]
    fn fetch_string_body_pairs() {
        let src = "const body = 'grant_type=password&username=' + user;\nfetch(U, { method: 'POST', body });";
        let m = js(src);
        let r = &m.http_requests[0];
        assert_eq!(r.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&r.body), ["grant_type", "username"]);
        assert_eq!(at(src, r.body[0].key_span.as_ref().unwrap()), "grant_type");
        assert_eq!(val(&r.body, "grant_type").unwrap(), "password");
        assert_eq!(val(&r.body, "username").unwrap(), "{user}");
    }

    // ----- axios ----------------------------------------------------------

    #[test]
    fn axios_post_with_qs_is_form() {
        let src = "const qs = require('qs');\naxios.post('https://api.getgo.com/oauth/v2/token', qs.stringify({ grant_type: 'authorization_code', code }), { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, auth: { username: id, password: s } });";
        let m = js(src);
        let r = &m.http_requests[0];
        assert_eq!(r.library, "axios");
        assert_eq!(method_text(src, r), "post");
        assert!(matches!(r.method_source, MethodSource::Explicit { .. }));
        assert_eq!(r.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&r.body), ["grant_type", "code"]);
        assert!(r.basic_auth);
        assert_eq!(keys(&r.headers), ["Content-Type"]);
    }

    #[test]
    fn axios_object_body_is_json_with_to_form_hint() {
        let src = "const payload = { grant_type: 'password' };\naxios.post(U, payload);\naxios.post(U, { a: 1 });\naxios.post(U, new URLSearchParams(payload));";
        let m = js(src);
        assert_eq!(m.http_requests[0].body_kind, Some(BodyKind::Json));
        assert_eq!(keys(&m.http_requests[0].body), ["grant_type"]);
        let h = &m.http_requests[0].rewrite_hints[0];
        assert_eq!(h.kind, RewriteKind::ToForm);
        assert_eq!(h.edits[0].1, "new URLSearchParams(payload)");
        assert_eq!(m.http_requests[1].body_kind, Some(BodyKind::Json));
        assert_eq!(m.http_requests[2].body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&m.http_requests[2].body), ["grant_type"]);
    }

    #[test]
    fn axios_config_forms() {
        let src = "axios({ method: 'post', url: 'https://x/token', data: 'a=b', params: { q: '1' } });\n\
                   axios('https://x/me');\naxios.get('https://x/g', { params: { q: '2' } });\naxios.request({ url: '/r' });";
        let m = js(src);
        let r = &m.http_requests[0];
        assert_eq!(
            (r.method, method_text(src, r)),
            (Some(Method::Post), "'post'")
        );
        assert_eq!(url(r), "https://x/token");
        assert_eq!(r.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&r.query), ["q"]);
        let r = &m.http_requests[1];
        assert_eq!(
            (r.method, method_text(src, r)),
            (Some(Method::Get), "axios")
        );
        assert!(matches!(r.method_source, MethodSource::Default { .. }));
        assert_eq!(val(&m.http_requests[2].query, "q").unwrap(), "2");
        assert_eq!(url(&m.http_requests[3]), "/r");
        assert_eq!(method_text(src, &m.http_requests[3]), "axios.request");
    }

    #[test]
    fn axios_instances_join_base_url() {
        let src = "const api = axios.create({ baseURL: 'https://api.getgo.com/G2W/rest/', headers: { Accept: 'application/json' } });\n\
                   class C { constructor() { this.http = axios.create({ baseURL: 'https://api.getgo.com' }); }\n\
                   list() { return this.http.get('/admin/rest/v1/me'); } }\n\
                   api.get('organizers/1/webinars');\napi.post('https://other.example/abs', {});";
        let m = js(src);
        assert_eq!(m.http_requests.len(), 3);
        assert_eq!(
            url(&m.http_requests[0]),
            "https://api.getgo.com/admin/rest/v1/me"
        );
        assert_eq!(
            url(&m.http_requests[1]),
            "https://api.getgo.com/G2W/rest/organizers/1/webinars"
        );
        assert_eq!(keys(&m.http_requests[1].headers), ["Accept"]);
        assert_eq!(url(&m.http_requests[2]), "https://other.example/abs");
    }

    #[test]
    fn declared_content_type_wins_and_to_form_hints() {
        let src = "axios.post(U, `grant_type=authorization_code&code=${code}`, { headers: { 'Content-Type': 'application/json' } });\n\
                   fetch(U, { method: 'POST', headers: { \"Content-Type\": \"application/json\" }, body: JSON.stringify({ grant_type: 'password' }) });\n\
                   axios.post(U, { a: 1 }, { headers: { 'Content-Type': ct } });";
        let m = js(src);
        let r = &m.http_requests[0];
        assert_eq!(r.body_kind, Some(BodyKind::Json));
        assert_eq!(keys(&r.body), ["grant_type", "code"]);
        let h = &r.rewrite_hints[0];
        assert_eq!(h.kind, RewriteKind::ToForm);
        assert_eq!(h.edits.len(), 1);
        assert_eq!(at(src, &h.edits[0].0), "'application/json'");
        assert_eq!(h.edits[0].1, "'application/x-www-form-urlencoded'");
        let h = &m.http_requests[1].rewrite_hints[0];
        assert_eq!(
            h.edits[0].1,
            "new URLSearchParams({ grant_type: 'password' })"
        );
        assert_eq!(at(src, &h.edits[1].0), "\"application/json\"");
        // a header value that is not a literal: no purely local rewrite
        assert!(m.http_requests[2].rewrite_hints.is_empty());
    }

    // ----- other libraries ------------------------------------------------

    #[test]
    fn got_requests() {
        let src = "import got from 'got';\ngot.post('https://x/token', { form: { grant_type: 'password' }, username: id, password: pw });\n\
                   got('https://x/me', { searchParams: { a: 'b' }, json: { c: 1 }, method: 'PUT' });\ngot('https://x/plain');";
        let m = js(src);
        let r = &m.http_requests[0];
        assert_eq!((r.library.as_str(), method_text(src, r)), ("got", "post"));
        assert_eq!(r.body_kind, Some(BodyKind::Form));
        assert!(r.basic_auth);
        let r = &m.http_requests[1];
        assert_eq!(
            (r.method, r.body_kind),
            (Some(Method::Put), Some(BodyKind::Json))
        );
        assert_eq!(keys(&r.query), ["a"]);
        assert_eq!(m.http_requests[2].method, Some(Method::Get));
        assert_eq!(method_text(src, &m.http_requests[2]), "got");
    }

    #[test]
    fn superagent_chains() {
        let src = "import request from 'superagent';\nrequest.post('https://x/token').type('form').send({ grant_type: 'refresh_token' }).set('Authorization', 'Basic ' + c).then(r => r.body.access_token);\n\
                   superagent.get('https://x/me').query({ a: '1' });";
        let m = js(src);
        let r = &m.http_requests[0];
        assert_eq!(r.library, "superagent");
        assert_eq!(method_text(src, r), "post");
        assert_eq!(r.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&r.body), ["grant_type"]);
        assert_eq!(keys(&r.headers), ["Authorization"]);
        assert!(r.basic_auth);
        assert!(at(src, &r.span).ends_with(".set('Authorization', 'Basic ' + c)"));
        assert_eq!(
            read(&m, "access_token", "r.body").origin,
            Origin::Response(0)
        );
        assert_eq!(keys(&m.http_requests[1].query), ["a"]);
        assert!(!m.calls.iter().any(|c| c.name == "send" || c.name == "type"));
    }

    #[test]
    fn request_library() {
        let src = "const request = require('request');\n\
                   request.post({ url: 'https://x/token', form: { grant_type: 'password' }, auth: { user: id, pass: pw } }, (err, res, body) => { JSON.parse(body).access_token; });\n\
                   request({ method: 'POST', uri: 'https://x/t2', json: { a: 1 } });\nrequest.get('https://x/g');";
        let m = js(src);
        let r = &m.http_requests[0];
        assert_eq!(
            (r.library.as_str(), r.method),
            ("request", Some(Method::Post))
        );
        assert_eq!(r.body_kind, Some(BodyKind::Form));
        assert!(r.basic_auth);
        assert_eq!(
            read(&m, "access_token", "JSON.parse(body)").origin,
            Origin::Response(0)
        );
        let r = &m.http_requests[1];
        assert_eq!(
            (url(r).as_str(), r.body_kind),
            ("https://x/t2", Some(BodyKind::Json))
        );
        assert_eq!(method_text(src, r), "'POST'");
        assert_eq!(method_text(src, &m.http_requests[2]), "get");
    }

    #[test]
    fn node_https_request() {
        let src = "const https = require('https');\nconst data = querystring.stringify({ grant_type: 'password' });\n\
                   const req = https.request({ hostname: 'api.getgo.com', path: '/oauth/access_token', method: 'POST' }, res => {});\n\
                   req.write(data); req.end();\nhttps.get('https://api.getgo.com/x', r => {});\nhttps.request({ host: 'h.example', path: '/p' });";
        let m = js(src);
        let r = &m.http_requests[0];
        assert_eq!(r.library, "https");
        assert_eq!(url(r), "https://api.getgo.com/oauth/access_token");
        assert_eq!(
            (r.method, method_text(src, r)),
            (Some(Method::Post), "'POST'")
        );
        assert_eq!(r.body_kind, Some(BodyKind::Form));
        assert_eq!(at(src, r.body_span.as_ref().unwrap()), "data");
        assert_eq!(method_text(src, &m.http_requests[1]), "get");
        let r = &m.http_requests[2];
        assert!(matches!(r.method_source, MethodSource::Default { .. }));
        assert_eq!(url(r), "https://h.example/p");
    }

    #[test]
    fn xml_http_request() {
        let src = "const xhr = new XMLHttpRequest();\nxhr.open('POST', 'https://x/token');\nxhr.setRequestHeader('Content-Type', 'application/json');\n\
                   xhr.onload = () => { const d = JSON.parse(xhr.responseText); d.organizer_key; };\nxhr.send(JSON.stringify({ a: 1 }));";
        let m = js(src);
        let r = &m.http_requests[0];
        assert_eq!(r.library, "xhr");
        assert_eq!(method_text(src, r), "'POST'");
        assert_eq!(keys(&r.headers), ["Content-Type"]);
        assert_eq!(r.body_kind, Some(BodyKind::Json));
        assert_eq!(read(&m, "organizer_key", "d").origin, Origin::Response(0));
    }

    #[test]
    fn jquery_requests() {
        let src = "$.ajax({ url: 'https://x/token', type: 'POST', data: { grant_type: 'password' }, success: function (data) { data.access_token; } });\n\
                   $.post('https://x/p', { a: '1' });\n$.get('https://x/g', { q: '1' });\n$.ajax({ url: '/d' });";
        let m = js(src);
        let r = &m.http_requests[0];
        assert_eq!(
            (r.library.as_str(), method_text(src, r)),
            ("jquery", "'POST'")
        );
        assert_eq!(r.body_kind, Some(BodyKind::Form));
        assert_eq!(read(&m, "access_token", "data").origin, Origin::Response(0));
        assert_eq!(method_text(src, &m.http_requests[1]), "post");
        assert_eq!(m.http_requests[1].body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&m.http_requests[2].query), ["q"]);
        assert_eq!(m.http_requests[2].body_kind, None);
        assert_eq!(method_text(src, &m.http_requests[3]), "$.ajax");
    }

    // ----- calls ----------------------------------------------------------

    #[test]
    fn calls_are_normalised_and_skip_requests() {
        let src = "const T = 'https://x/t';\noauth2.authorizationCode.getToken({ code, redirect_uri: T });\nthis.client?.refresh('rt', 3);\nfetch(T);";
        let m = js(src);
        let c = m.calls.iter().find(|c| c.name == "getToken").unwrap();
        assert_eq!(c.callee, "oauth2.authorizationCode.getToken");
        assert_eq!(at(src, &c.name_span), "getToken");
        assert_eq!(keys(&c.kwargs), ["code", "redirect_uri"]);
        assert_eq!(val(&c.kwargs, "redirect_uri").unwrap(), "https://x/t");
        let r = m.calls.iter().find(|c| c.name == "refresh").unwrap();
        assert_eq!(r.callee, "this.client.refresh");
        assert_eq!(r.args[0].as_ref().unwrap().text(), "rt");
        assert_eq!(r.args[1], None);
        assert!(!m.calls.iter().any(|c| c.name == "fetch"));
    }

    // ----- field reads ----------------------------------------------------

    #[test]
    fn reads_follow_fetch_and_axios_responses() {
        let src = "async function a() {\n const res = await fetch(U, { method: 'POST' });\n const data = await res.json();\n return data.organizer_key;\n}\n\
                   async function b() { const r = await axios.post(U, p); return r.data.refresh_token; }\n\
                   async function c() { const { access_token, organizer_key: ok } = await (await fetch(U)).json(); }";
        let m = js(src);
        assert_eq!(
            read(&m, "organizer_key", "data").origin,
            Origin::Response(0)
        );
        assert_eq!(
            read(&m, "refresh_token", "r.data").origin,
            Origin::Response(1)
        );
        assert_eq!(read(&m, "data", "r").origin, Origin::Response(1));
        let d = m
            .field_reads
            .iter()
            .find(|r| r.field == "access_token")
            .unwrap();
        assert_eq!(
            (d.kind, d.origin.clone()),
            (ReadKind::Destructure, Origin::Response(2))
        );
        assert_eq!(d.assigned_to.as_deref(), Some("access_token"));
        let ok = m
            .field_reads
            .iter()
            .find(|r| r.field == "organizer_key" && r.kind == ReadKind::Destructure)
            .unwrap();
        assert_eq!(ok.assigned_to.as_deref(), Some("ok"));
    }

    #[test]
    fn reads_through_then_chains() {
        let src = "fetch(U).then(r => r.json()).then(data => console.log(data.organizer_key));\n\
                   axios.get(U).then(({ data }) => data.account_key);";
        let m = js(src);
        assert_eq!(
            read(&m, "organizer_key", "data").origin,
            Origin::Response(0)
        );
        assert_eq!(read(&m, "account_key", "data").origin, Origin::Response(1));
    }

    #[test]
    fn reads_of_stored_members_and_summaries() {
        let src = "class G {\n async getToken() { const res = await axios.post(U, body); const data = res.data; this.tokens = data; return data; }\n\
                   async use() { const t = await this.getToken(); return t.organizer_key + this.tokens.account_key; }\n}";
        let m = js(src);
        assert_eq!(read(&m, "organizer_key", "t").origin, Origin::Response(0));
        assert_eq!(
            read(&m, "account_key", "this.tokens").origin,
            Origin::Response(0)
        );
    }

    #[test]
    fn guarded_asserted_assigned() {
        let src = "async function f() {\n const data = (await axios.post(U, b)).data;\n\
                   this.refreshToken = data.refresh_token;\n\
                   this.refreshToken = data.refresh_token ?? this.refreshToken;\n\
                   if (data.refresh_token) { this.rt = data.refresh_token; }\n\
                   const x = data.access_token || '';\n\
                   const y = data.organizer_key!;\n\
                   if (!data.account_key) { throw new Error('no'); }\n\
                   use(data.account_key);\n}";
        let m = ts(src);
        let rt: Vec<&FieldRead> = m
            .field_reads
            .iter()
            .filter(|r| r.field == "refresh_token")
            .collect();
        assert_eq!(rt.len(), 4);
        assert_eq!(rt[0].origin, Origin::Response(0));
        assert!(!rt[0].guarded);
        assert_eq!(rt[0].assigned_to.as_deref(), Some("this.refreshToken"));
        assert_eq!(rt[0].kind, ReadKind::Member);
        assert!(rt[1].guarded && rt[1].fallback_is_target);
        assert_eq!(rt[1].assigned_to.as_deref(), Some("this.refreshToken"));
        assert!(rt[2].guarded, "the condition itself is a test");
        assert!(rt[3].guarded && !rt[3].fallback_is_target);
        assert_eq!(rt[3].assigned_to.as_deref(), Some("this.rt"));
        let x = read(&m, "access_token", "data");
        assert!(x.guarded && !x.fallback_is_target);
        assert_eq!(x.assigned_to.as_deref(), Some("x"));
        assert!(read(&m, "organizer_key", "data").asserted);
        assert!(m
            .field_reads
            .iter()
            .filter(|r| r.field == "account_key")
            .all(|r| r.guarded));
    }

    #[test]
    fn not_reads_and_read_kinds() {
        let src = "x.a = 1; x.b(); x['c'] = 2; delete x.d; const v = x['e']; const w = params.get('code'); const z = m.get('k', 1);";
        let m = js(src);
        let fields: Vec<&str> = m.field_reads.iter().map(|r| r.field.as_str()).collect();
        assert_eq!(fields, ["e", "code", "k"]);
        assert_eq!(m.field_reads[0].kind, ReadKind::Subscript);
        assert_eq!(at(src, &m.field_reads[0].span), "e");
        assert_eq!(m.field_reads[1].kind, ReadKind::Get);
        assert!(!m.field_reads[1].guarded);
        assert!(m.field_reads[2].guarded);
    }

    #[test]
    fn other_origins() {
        let src = "function h(req, opts) { req.body.refresh_token; opts.x; process.env.CLIENT_ID.length; const o = { a: 1 }; o.a; config.clientSecret; }\n\
                   async function t() { const r = await client.getToken({ code }); r.token; }";
        let m = js(src);
        assert_eq!(read(&m, "refresh_token", "req.body").origin, Origin::Input);
        assert_eq!(read(&m, "x", "opts").origin, Origin::Param);
        assert_eq!(
            read(&m, "length", "process.env.CLIENT_ID").origin,
            Origin::Config
        );
        assert_eq!(read(&m, "a", "o").origin, Origin::Literal);
        assert_eq!(read(&m, "clientSecret", "config").origin, Origin::Config);
        let k = m.calls.iter().position(|c| c.name == "getToken").unwrap();
        assert_eq!(read(&m, "token", "r").origin, Origin::TokenCall(k));
    }

    // ----- TypeScript -----------------------------------------------------

    #[test]
    fn typed_fields_from_interfaces_and_types() {
        let src = "interface TokenResponse { access_token: string; refresh_token?: string; account_key: string | undefined; 'expires_in': number }\n\
                   type Org = { key: string; name: string | null };";
        let m = ts(src);
        let f: Vec<(&str, &str, bool)> = m
            .typed_fields
            .iter()
            .map(|t| (t.type_name.as_str(), t.field.as_str(), t.optional))
            .collect();
        assert_eq!(
            f,
            [
                ("TokenResponse", "access_token", false),
                ("TokenResponse", "refresh_token", true),
                ("TokenResponse", "account_key", true),
                ("TokenResponse", "expires_in", false),
                ("Org", "key", false),
                ("Org", "name", true),
            ]
        );
        assert_eq!(m.typed_fields[0].sibling_fields[0], "TokenResponse");
        assert_eq!(m.typed_fields[0].sibling_fields.len(), 5);
        assert_eq!(at(src, &m.typed_fields[3].span), "expires_in");
    }

    #[test]
    fn type_uses_and_declaration_reads() {
        let src = "interface Tok { refresh_token?: string; organizer_key: string }\n\
                   async function a(): Promise<Tok> { const r = await axios.post<Tok>(U, b); return r.data; }\n\
                   async function b() { const res = await fetch(U); const t: Tok = await res.json(); const u = (await res.json()) as Tok; }\n\
                   async function c() { const res = await fetch(U); return res.json() as Promise<Tok>; }";
        let m = ts(src);
        let uses: Vec<(&str, Origin)> = m
            .type_uses
            .iter()
            .map(|u| (u.type_name.as_str(), u.origin.clone()))
            .collect();
        assert!(uses.contains(&("Tok", Origin::Response(0))));
        assert!(uses.contains(&("Tok", Origin::Response(1))));
        assert!(uses.contains(&("Tok", Origin::Response(2))));
        let decl: Vec<&FieldRead> = m
            .field_reads
            .iter()
            .filter(|r| r.kind == ReadKind::Declaration && r.origin == Origin::Response(0))
            .collect();
        assert_eq!(decl.len(), 2);
        assert_eq!(decl[0].field, "refresh_token");
        assert!(decl[0].guarded);
        assert_eq!(at(src, &decl[1].span), "organizer_key");
    }

    #[test]
    fn ts_enum_and_type_assertion() {
        let src = "enum Urls { TOKEN = 'https://api.getgo.com/oauth/v2/token' }\nconst r = await fetch(Urls.TOKEN);\nconst d = <Tok>(await r.json());";
        let m = ts(src);
        assert_eq!(
            url(&m.http_requests[0]),
            "https://api.getgo.com/oauth/v2/token"
        );
        assert_eq!(m.type_uses[0].type_name, "Tok");
        assert_eq!(m.type_uses[0].origin, Origin::Response(0));
    }

    // ----- parsing --------------------------------------------------------

    #[test]
    fn comments_and_parse_errors() {
        let src = "// one\n/* two */ const a = 1;";
        let m = js(src);
        assert_eq!(m.comments.len(), 2);
        assert_eq!(at(src, &m.comments[0]), "// one");
        assert!(!m.parse_errors);
        assert!(js("const = ;").parse_errors);
    }

    #[test]
    fn jsx_in_js_parses() {
        let src = "const A = () => <div href=\"https://api.getgo.com/oauth/access_token\">{data.organizer_key}</div>;";
        let m = js(src);
        assert!(!m.parse_errors);
        assert!(m
            .strings
            .iter()
            .any(|s| s.text() == "https://api.getgo.com/oauth/access_token"));
        assert!(m.field_reads.iter().any(|r| r.field == "organizer_key"));
    }

    #[test]
    fn tsx_parses() {
        let src =
            "const A = (p: Props): JSX.Element => <span>{(p.tok as Tok).access_token}</span>;";
        let m = lower(src, Dialect::Tsx);
        assert!(!m.parse_errors);
        assert!(m.field_reads.iter().any(|r| r.field == "access_token"));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let src = "[".repeat(10_000);
        let m = js(&src);
        assert!(m.parse_errors);
        let src = format!("x = {}'a'{};", "(".repeat(10_000), ")".repeat(10_000));
        let _ = js(&src);
        let src = format!("u = {};", vec!["a.b"; 20_000].join(" + "));
        let _ = js(&src);
        let src = format!("u = 'x'{};", " + 'y'".repeat(20_000));
        let m = js(&src);
        assert!(!m.strings.is_empty());
        let src = format!("f({}1{});", "g(".repeat(5_000), ")".repeat(5_000));
        let _ = js(&src);
    }

    #[test]
    fn garbage_does_not_panic() {
        let inputs = [
            "",
            "\u{feff}",
            "'unterminated",
            "`unterminated ${a",
            "\"\\u{110000}\\uD800\\x\\u12\"",
            "fetch(",
            "axios.post(`${",
            "a.b.c.d.e.f(((",
            "é'ü\\u00e9' + \"日本\" + `${'😀'}`",
            "}}}}{{{{))))((((",
            "class { this.x = ; } interface",
            "const {a: {b: [c = d]}} = e; ({x} = y);",
            "\0\0\0",
        ];
        for d in [Dialect::JavaScript, Dialect::TypeScript, Dialect::Tsx] {
            for s in inputs {
                let _ = lower(s, d);
            }
            // pseudo-random bytes made into text
            let mut x: u32 = 12345;
            let mut s = String::new();
            for _ in 0..4000 {
                x = x.wrapping_mul(1103515245).wrapping_add(12345);
                let c = char::from_u32((x >> 16) % 0x300).unwrap_or('?');
                s.push(if (x >> 8) % 4 == 0 {
                    "(){}[]'\"`$.+=;"
                        .chars()
                        .nth((x % 15) as usize)
                        .unwrap_or('x')
                } else {
                    c
                });
            }
            let _ = lower(&s, d);
        }
    }

    #[test]
    fn multibyte_text_spans() {
        let src = "const u = 'héllo/日本' + `/${x}/ü`;";
        let m = js(src);
        let s = &m.strings[0];
        assert_eq!(s.display(), "héllo/日本/{x}/ü");
        assert_eq!(at(src, &s.source_of(0..6).unwrap()), "héllo");
    }

    // ----- wrappers, helpers, setters, presence tests ---------------------

    fn req_at<'a>(m: &'a FileModel, src: &str, call: &str) -> &'a HttpRequest {
        m.http_requests
            .iter()
            .find(|r| at(src, &r.span).starts_with(call))
            .unwrap_or_else(|| panic!("no request at {call}: {:#?}", m.http_requests))
    }

    #[test]
    fn a_wrapper_call_is_the_callers_request() {
        let src = r#"
const BASE = "https://api.getgo.com/oauth/v2";
class Client {
  constructor() { this.http = axios.create({ timeout: 5000 }); }
  async send(method, path, options = {}) {
    const res = await this.http.request({ method, url: BASE + path, ...options });
    return res.data;
  }
  async token(code) {
    const data = await this.send("GET", "/token", { params: { code, client_id: "abc" } });
    return data.refresh_token;
  }
}
"#;
        let m = js(src);
        assert_eq!(m.http_requests.len(), 2, "{:#?}", m.http_requests);
        let r = req_at(&m, src, "this.send(");
        assert_eq!(url(r), "https://api.getgo.com/oauth/v2/token");
        assert_eq!(r.method, Some(Method::Get));
        // the method is where the caller wrote it
        assert_eq!(method_text(src, r), "GET");
        assert_eq!(keys(&r.query), vec!["code", "client_id"]);
        assert_eq!(val(&r.query, "client_id").as_deref(), Some("abc"));
        // the base comes from the constant, with its own span
        let base = r.url.as_ref().unwrap().source_of(0..8).unwrap();
        assert_eq!(at(src, &base), "https://");
        assert!(r.rewrite_hints.is_empty());
        // no library's rewrite fits the wrapper's own arguments
        assert_eq!(r.library, "wrapper");
        let k = m
            .http_requests
            .iter()
            .position(|x| std::ptr::eq(x, r))
            .unwrap();
        assert_eq!(
            read(&m, "refresh_token", "data").origin,
            Origin::Response(k)
        );
    }

    #[test]
    fn a_wrapper_call_that_adds_nothing_is_not_a_request() {
        let src = r#"
function post(body) {
  return fetch("https://authentication.logmeininc.com/oauth/token", { method: "POST", body });
}
post(undefined);
"#;
        let m = js(src);
        assert_eq!(m.http_requests.len(), 1);
    }

    #[test]
    fn defaults_and_destructured_options_reach_the_library_call() {
        let src = r#"
const AUTH = "https://authentication.logmeininc.com/oauth";
async function call(path, { method = "POST", data, headers } = {}, verb = "GET") {
  return axios({ method: verb, url: `${AUTH}${path}`, data, headers });
}
call("/token", { data: { grant_type: "refresh_token", refresh_token: rt } });
"#;
        let m = js(src);
        let r = req_at(&m, src, "call(\"/token\"");
        assert_eq!(url(r), "https://authentication.logmeininc.com/oauth/token");
        // `verb` takes its default value
        assert_eq!(r.method, Some(Method::Get));
        assert_eq!(keys(&r.body), vec!["grant_type", "refresh_token"]);
        assert_eq!(r.body_kind, Some(BodyKind::Json));
    }

    #[test]
    fn a_name_defined_twice_is_no_wrapper() {
        let src = r#"
function send(url) { return fetch(url); }
const other = { send(url) { return url; } };
send("https://authentication.logmeininc.com/oauth/token");
"#;
        let m = js(src);
        assert_eq!(m.http_requests.len(), 1);
    }

    #[test]
    fn typescript_wrapper_methods_with_an_options_object() {
        let src = r#"
const API = "https://authentication.logmeininc.com/oauth";
export class GoToAuth {
  private async request<T>(method: string, path: string, init: RequestInit = {}): Promise<T> {
    const res = await fetch(API + path, { ...init, method });
    return (await res.json()) as T;
  }
  async refresh(rt: string): Promise<Tokens> {
    const tokens = await this.request<Tokens>("POST", "/token", {
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ grant_type: "refresh_token", refresh_token: rt }),
    });
    this.store.refresh = tokens.refresh_token;
    return tokens;
  }
}
"#;
        let m = ts(src);
        // the grammar reads `await f<T>(…)` as a call of `await f`
        let r = req_at(&m, src, "await this.request<Tokens>(");
        assert_eq!(url(r), "https://authentication.logmeininc.com/oauth/token");
        assert_eq!(r.method, Some(Method::Post));
        assert_eq!(r.body_kind, Some(BodyKind::Json));
        assert_eq!(keys(&r.body), vec!["grant_type", "refresh_token"]);
        // the body is reported where the caller wrote it, not in the wrapper
        let body = at(src, r.body_span.as_ref().unwrap());
        assert!(body.starts_with("JSON.stringify({ grant_type"), "{body}");
        assert!(matches!(
            read(&m, "refresh_token", "tokens").origin,
            Origin::Response(_)
        ));
    }

    #[test]
    fn a_parameter_holds_what_every_caller_passes() {
        let src = r#"
const URL = "https://authentication.logmeininc.com/oauth/token";
function save(t) { db.put("key", t.organizer_key); }
function show(t) { console.log(t.email); }
async function login(code) {
  const res = await axios.post(URL, new URLSearchParams({ grant_type: "authorization_code", code }));
  save(res.data);
  show(res.data);
  show(loadCached());
}
"#;
        let m = js(src);
        assert!(matches!(
            read(&m, "organizer_key", "t").origin,
            Origin::Response(_)
        ));
        // one caller passes something else: the parameter stays a parameter
        assert_eq!(read(&m, "email", "t").origin, Origin::Param);
    }

    #[test]
    fn a_setter_named_for_the_field_stores_it() {
        let src = r#"
function keep(store, r) {
  store.setRefreshToken(r.refresh_token);
  store.setToken(r.access_token);
  store.setRefreshToken(r.refresh_token, true);
}
"#;
        let m = js(src);
        let rts: Vec<&FieldRead> = m
            .field_reads
            .iter()
            .filter(|r| r.field == "refresh_token")
            .collect();
        assert_eq!(rts.len(), 2);
        assert_eq!(
            rts[0].assigned_to.as_deref(),
            Some("store.setRefreshToken(…)")
        );
        // two arguments: not a plain setter
        assert_eq!(rts[1].assigned_to, None);
        assert_eq!(read(&m, "access_token", "r").assigned_to, None);
    }

    #[test]
    fn presence_tests_are_reads_of_their_own_kind() {
        let src = r#"
function f(data, old) {
  if ("organizer_key" in data) use(data.organizer_key);
  const a = data.hasOwnProperty("account_key");
  const b = Object.hasOwn(data, "email");
  const c = Object.prototype.hasOwnProperty.call(data, "version");
  const rt = "refresh_token" in data ? data.refresh_token : old;
  for (const k in data) use(k);
}
"#;
        let m = js(src);
        let presence: Vec<(&str, &str)> = m
            .field_reads
            .iter()
            .filter(|r| r.kind == ReadKind::Presence)
            .map(|r| (r.field.as_str(), r.receiver.as_str()))
            .collect();
        assert_eq!(
            presence,
            vec![
                ("organizer_key", "data"),
                ("account_key", "data"),
                ("email", "data"),
                ("version", "data"),
                ("refresh_token", "data"),
            ]
        );
        // a read under a presence test of the same field is still guarded
        let guarded = |f: &str| {
            m.field_reads
                .iter()
                .find(|r| r.field == f && r.kind == ReadKind::Member)
                .unwrap_or_else(|| panic!("{f}"))
                .guarded
        };
        assert!(guarded("organizer_key"));
        assert!(guarded("refresh_token"));
    }

    #[test]
    fn a_wrapper_called_by_another_wrapper_is_followed() {
        let src = r#"
const https = require("https");
const HOST = "api.getgo.com";
function send(method, path, body) {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: HOST, path, method }, (res) => resolve(res));
    req.end(body);
  });
}
function post(path, body) { return send("POST", path, body); }
function get(path) { return send("GET", path); }
get("/oauth/v2/token?grant_type=authorization_code&code=abc");
post("/G2W/rest/v2/webinars", "{}");
"#;
        let m = js(src);
        let r = req_at(&m, src, "get(\"/oauth");
        assert_eq!(r.method, Some(Method::Get));
        assert_eq!(method_text(src, r), "get");
        assert!(
            url(r).ends_with("api.getgo.com/oauth/v2/token?grant_type=authorization_code&code=abc")
        );
        assert_eq!(keys(&r.query), vec!["grant_type", "code"]);
        let p = req_at(&m, src, "post(\"/G2W");
        assert_eq!(p.method, Some(Method::Post));
        // the intermediate call sites are requests of their own too
        assert_eq!(req_at(&m, src, "send(\"GET\"").method, Some(Method::Get));
    }

    #[test]
    fn a_wrapper_held_in_a_class_field() {
        let src = r#"
class Auth {
  send = async (url, form) => {
    const res = await fetch(url, { method: "POST", body: form });
    return res.json();
  };
  async refresh(rt) {
    const t = await this.send("https://authentication.logmeininc.com/oauth/token",
      new URLSearchParams({ grant_type: "refresh_token", refresh_token: rt }));
    return t.refresh_token;
  }
}
"#;
        let m = js(src);
        let r = req_at(&m, src, "this.send(");
        assert_eq!(url(r), "https://authentication.logmeininc.com/oauth/token");
        assert_eq!(r.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&r.body), vec!["grant_type", "refresh_token"]);
        assert!(matches!(
            read(&m, "refresh_token", "t").origin,
            Origin::Response(_)
        ));
    }

    #[test]
    fn a_parameter_default_no_call_overrides_is_its_value() {
        let src = r#"
class GoTo {
  constructor(private readonly tokenUrl: string = "https://api.getgo.com/oauth/v2/token") {}
  exchange(code: string) {
    return axios.get(this.tokenUrl, { params: { code } });
  }
}
class Other {
  constructor(base = "https://api.getgo.com/oauth/v2") { this.base = base; }
  exchange(code) { return fetch(`${this.base}/token?code=${code}`); }
}
const o = new Other("https://authentication.logmeininc.com/oauth");
"#;
        let m = ts(src);
        let r = req_at(&m, src, "axios.get(");
        assert_eq!(url(r), "https://api.getgo.com/oauth/v2/token");
        // a `new` in the file passes another base: the default does not hold
        let f = req_at(&m, src, "fetch(");
        assert!(url(f).starts_with("{this.base}/token"), "{}", url(f));
    }
}
