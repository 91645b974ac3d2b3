//! Unit-level checks of the csharp front end's model.

mod tests {
    use crate::common::{at, keys, method_span, read_in_code as read, string_from, url};
    use gotolint::lang::csharp::*;
    use gotolint::model::*;

    #[test]
    fn literals_verbatim_raw_and_escapes() {
        let src = "class A {\n  string a = \"x\\ty\\u0041\";\n  string b = @\"c:\\dir\"\"q\";\n  string c = \"\"\"\n      raw \"text\"\n        two\n      \"\"\";\n}\n";
        let m = lower(src);
        assert!(!m.parse_errors);
        let a = string_from(&m, src, "\"x\\ty\\u0041\"");
        assert_eq!(a.text(), "x\tyA");
        // the decoded `A` maps back to the whole escape
        let s = a.source_of(3..4).unwrap();
        assert_eq!(at(src, &s), "\\u0041");
        let b = string_from(&m, src, "@\"c:\\dir\"\"q\"");
        assert_eq!(b.text(), "c:\\dir\"q");
        let c = m
            .strings
            .iter()
            .find(|s| s.text().starts_with("raw"))
            .unwrap();
        assert_eq!(c.text(), "raw \"text\"\n  two");
        let s = c.source_of(0..3).unwrap();
        assert_eq!(at(src, &s), "raw");
    }

    #[test]
    fn interpolation_keeps_literal_spans_and_makes_holes() {
        let src = r#"class A {
    const string Base = "https://api.example.com";
    string Url(string id) => $"{Base}/oauth/v2/token?client_id={id}&x={{y}}";
}"#;
        let m = lower(src);
        let v = m
            .strings
            .iter()
            .find(|s| s.text().contains("client_id"))
            .unwrap();
        assert_eq!(
            v.display(),
            "https://api.example.com/oauth/v2/token?client_id={id}&x={y}"
        );
        let t = v.text();
        // the host comes from the constant's definition
        let host = t.find("api.example.com").unwrap();
        let s = v.source_of(host..host + 15).unwrap();
        assert_eq!(at(src, &s), "api.example.com");
        assert_eq!(src[..s.start].matches('\n').count(), 1);
        let q = t.find('?').unwrap();
        assert_eq!(at(src, &v.source_of(q..q + 1).unwrap()), "?");
        assert!(v
            .pieces
            .iter()
            .any(|p| matches!(p, Piece::Hole { name, .. } if name == "id")));
        // verbatim and raw interpolation
        let src2 = "class A { const string B = \"h\"; string a = $@\"{B}\\x\"\"y\"; string b = $\"\"\"\n    {B}/z\n    \"\"\"; }";
        let m2 = lower(src2);
        assert!(m2.strings.iter().any(|s| s.text() == "h\\x\"y"));
        assert!(
            m2.strings.iter().any(|s| s.text() == "h/z"),
            "{:?}",
            m2.strings.iter().map(|s| s.text()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn constants_fields_properties_and_concatenation() {
        let src = r#"
static class Urls { public const string Host = "https://auth.example.com"; }
class A {
    static readonly string Root = Urls.Host + "/oauth";
    public string TokenUrl { get; } = Root + "/token";
    private readonly string _authorize = "/authorize";
    private string _once;
    public A() { _once = "/once"; }
    string All() => TokenUrl + _authorize + this._once + nameof(All);
}"#;
        let m = lower(src);
        let v = string_from(&m, src, "TokenUrl + _authorize + this._once + nameof(All)");
        assert_eq!(
            v.text(),
            "https://auth.example.com/oauth/token/authorize/onceAll"
        );
        assert!(v.is_plain());
        // definitions are their own values too
        assert!(m
            .strings
            .iter()
            .any(|s| at(src, &s.span) == "\"https://auth.example.com\""));
        let twice = "class A { string u = \"a\"; void M() { u = \"b\"; var x = u + \"/c\"; } }";
        let m = lower(twice);
        let v = string_from(&m, twice, "u + \"/c\"");
        assert_eq!(v.display(), "{u}/c");
    }

    #[test]
    fn string_format_and_uri_join() {
        let src = r#"class A {
    const string Base = "https://auth.example.com/oauth/";
    string F(string id) => string.Format("{0}token?client_id={1}&a={{b}}", Base, id);
    Uri U() => new Uri(new Uri(Base), "authorize");
    Uri V() => new Uri(new Uri("https://h.example.com/a/b"), "/c");
}"#;
        let m = lower(src);
        let f = m
            .strings
            .iter()
            .find(|s| s.text().contains("client_id"))
            .unwrap();
        assert_eq!(
            f.display(),
            "https://auth.example.com/oauth/token?client_id={id}&a={b}"
        );
        assert!(m
            .strings
            .iter()
            .any(|s| s.text() == "https://auth.example.com/oauth/authorize"));
        assert!(m
            .strings
            .iter()
            .any(|s| s.text() == "https://h.example.com/c"));
    }

    #[test]
    fn entries_from_dictionaries_pairs_and_anonymous_objects() {
        let src = r#"class A { void M(string u, string id) {
    var d = new Dictionary<string, string> { { "grant_type", "password" }, ["user_id"] = u };
    var l = new List<KeyValuePair<string, string>> { new KeyValuePair<string, string>("scope", "all") };
    var o = new { grant_type = "refresh_token", client_id = id, u };
    request.AddParameter("code", "xyz");
    var nope = store["k"];
} }"#;
        let m = lower(src);
        assert_eq!(
            keys(&m.entries),
            vec![
                "grant_type",
                "user_id",
                "scope",
                "grant_type",
                "client_id",
                "u",
                "code"
            ]
        );
        let g = &m.entries[0];
        assert_eq!(at(src, g.key_span.as_ref().unwrap()), "grant_type");
        assert_eq!(g.value.as_ref().unwrap().text(), "password");
        assert_eq!(at(src, &g.span), "{ \"grant_type\", \"password\" }");
        let anon = &m.entries[3];
        assert_eq!(at(src, anon.key_span.as_ref().unwrap()), "grant_type");
        assert_eq!(at(src, &anon.span), "grant_type = \"refresh_token\"");
        assert!(m.entries[5].value.is_none());
    }

    #[test]
    fn httpclient_post_get_and_base_address() {
        let src = r#"class A {
    private readonly HttpClient _http;
    public A(HttpClient http) {
        _http = http;
        _http.BaseAddress = new Uri("https://auth.example.com/");
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "abc");
    }
    async Task M(string u) {
        var form = new Dictionary<string, string> { { "grant_type", "password" } };
        form.Add("username", u);
        var r = await _http.PostAsync("oauth/token", new FormUrlEncodedContent(form));
        var g = await _http.GetAsync("https://other.example.com/x?a=1");
    }
}"#;
        let m = lower(src);
        assert_eq!(m.http_requests.len(), 2);
        let p = &m.http_requests[0];
        assert_eq!(p.library, "HttpClient");
        assert_eq!(p.method, Some(Method::Post));
        assert_eq!(method_span(src, p), "PostAsync");
        assert_eq!(url(p), "https://auth.example.com/oauth/token");
        assert_eq!(p.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&p.body), vec!["grant_type", "username"]);
        assert!(p.basic_auth);
        assert_eq!(
            at(src, p.body_span.as_ref().unwrap()),
            "new FormUrlEncodedContent(form)"
        );
        let g = &m.http_requests[1];
        assert_eq!(g.method, Some(Method::Get));
        assert_eq!(method_span(src, g), "GetAsync");
        assert_eq!(url(g), "https://other.example.com/x?a=1");
        // the joined URL is a string expression of its own
        let j = string_from(&m, src, "\"oauth/token\"");
        assert_eq!(j.text(), "https://auth.example.com/oauth/token");
        let host = j.source_of(8..24).unwrap();
        assert_eq!(src[..host.start].matches('\n').count(), 4);
    }

    #[test]
    fn send_async_with_request_message() {
        let src = r#"class A { async Task M(HttpClient client, string json) {
    var msg = new HttpRequestMessage(HttpMethod.Post, "https://auth.example.com/oauth/token")
    {
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
    };
    msg.Headers.Authorization = new AuthenticationHeaderValue("Basic", "abc");
    msg.Headers.Add("X-Trace", "1");
    var r = await client.SendAsync(msg);
    var d = await client.SendAsync(new HttpRequestMessage { RequestUri = new Uri("https://h.example.com/q") });
} }"#;
        let m = lower(src);
        assert_eq!(m.http_requests.len(), 2);
        let r = &m.http_requests[0];
        assert_eq!(r.method, Some(Method::Post));
        assert_eq!(method_span(src, r), "Post");
        assert_eq!(url(r), "https://auth.example.com/oauth/token");
        assert_eq!(r.body_kind, Some(BodyKind::Json));
        let ct = r.headers.iter().find(|h| h.key == "Content-Type").unwrap();
        let ct_text = ct.value.as_ref().unwrap().text();
        let span = ct
            .value
            .as_ref()
            .unwrap()
            .source_of(0..ct_text.len())
            .unwrap();
        assert_eq!(at(src, &span), "application/json");
        assert!(r.basic_auth);
        assert!(r.headers.iter().any(|h| h.key == "X-Trace"));
        let d = &m.http_requests[1];
        assert_eq!(d.method, Some(Method::Get));
        assert!(matches!(d.method_source, MethodSource::Default { .. }));
        assert_eq!(url(d), "https://h.example.com/q");
    }

    #[test]
    fn json_content_kinds() {
        let src = r#"class A { async Task M(HttpClient client) {
    var a = await client.PostAsJsonAsync("https://h.example.com/a", new { grant_type = "x" });
    var b = await client.PostAsync("https://h.example.com/b", JsonContent.Create(new { code = "y" }));
    var c = await client.PostAsync("https://h.example.com/c", new StringContent(JsonConvert.SerializeObject(new { k = 1 })));
    var d = await client.PostAsync("https://h.example.com/d", new StringContent("a=1&b=2", Encoding.UTF8, "application/x-www-form-urlencoded"));
} }"#;
        let m = lower(src);
        let kinds: Vec<_> = m.http_requests.iter().map(|r| r.body_kind).collect();
        assert_eq!(
            kinds,
            vec![
                Some(BodyKind::Json),
                Some(BodyKind::Json),
                Some(BodyKind::Json),
                Some(BodyKind::Form)
            ]
        );
        assert_eq!(keys(&m.http_requests[0].body), vec!["grant_type"]);
        assert_eq!(keys(&m.http_requests[1].body), vec!["code"]);
        assert_eq!(keys(&m.http_requests[2].body), vec!["k"]);
        let d = &m.http_requests[3];
        assert_eq!(keys(&d.body), vec!["a", "b"]);
        assert_eq!(at(src, d.body[1].key_span.as_ref().unwrap()), "b");
    }

    #[test]
    fn restsharp_requests() {
        let src = r#"class A {
    void M(string id, string secret, object body) {
        var client = new RestClient("https://auth.example.com/oauth");
        client.Authenticator = new HttpBasicAuthenticator(id, secret);
        var request = new RestRequest("token", Method.POST);
        request.AddParameter("grant_type", "client_credentials");
        var response = client.Execute<TokenResponse>(request);
        var options = new RestClientOptions("https://h.example.com/") { Authenticator = new HttpBasicAuthenticator(id, secret) };
        var c2 = new RestClient(options);
        var r2 = new RestRequest("/v1/things");
        r2.AddQueryParameter("q", "1");
        var x = c2.ExecuteAsync(r2);
        var r3 = new RestRequest("json", Method.Post);
        r3.AddJsonBody(new { grant_type = "password" });
        c2.PostAsync(r3);
    }
}"#;
        let m = lower(src);
        assert_eq!(m.http_requests.len(), 3);
        let a = &m.http_requests[0];
        assert_eq!(a.library, "RestSharp");
        assert_eq!(url(a), "https://auth.example.com/oauth/token");
        assert_eq!(a.method, Some(Method::Post));
        assert_eq!(method_span(src, a), "POST");
        assert_eq!(a.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&a.body), vec!["grant_type"]);
        assert!(a.basic_auth);
        assert_eq!(at(src, &a.span), "client.Execute<TokenResponse>(request)");
        let b = &m.http_requests[1];
        assert_eq!(url(b), "https://h.example.com/v1/things");
        assert_eq!(b.method, Some(Method::Get));
        assert!(matches!(b.method_source, MethodSource::Default { .. }));
        assert_eq!(keys(&b.query), vec!["q"]);
        assert!(b.basic_auth);
        let c = &m.http_requests[2];
        assert_eq!(method_span(src, c), "PostAsync");
        assert_eq!(c.body_kind, Some(BodyKind::Json));
        assert_eq!(keys(&c.body), vec!["grant_type"]);
        // the execution is a request, not another call
        assert!(!m
            .calls
            .iter()
            .any(|c| c.name == "Execute" || c.name == "AddParameter"));
    }

    #[test]
    fn identity_model_token_requests() {
        let src = r#"class A { async Task M(HttpClient client, string u, string pw) {
    var r = await client.RequestPasswordTokenAsync(new PasswordTokenRequest
    {
        Address = "https://auth.example.com/oauth/token",
        ClientId = "id",
        UserName = u,
        Password = pw,
    });
} }"#;
        let m = lower(src);
        assert_eq!(m.http_requests.len(), 1);
        let r = &m.http_requests[0];
        assert_eq!(r.library, "IdentityModel");
        assert_eq!(url(r), "https://auth.example.com/oauth/token");
        assert_eq!(keys(&r.body), vec!["grant_type", "username", "password"]);
        assert_eq!(r.body[0].value.as_ref().unwrap().text(), "password");
        assert!(r.basic_auth);
        assert_eq!(method_span(src, r), "RequestPasswordTokenAsync");
    }

    #[test]
    fn webclient_and_webrequest() {
        let src = r#"class A { void M(NameValueCollection nvc) {
    using var wc = new WebClient();
    wc.Headers[HttpRequestHeader.ContentType] = "application/json";
    var a = wc.UploadValues("https://h.example.com/token", "POST", new NameValueCollection { { "grant_type", "password" } });
    var b = wc.DownloadString("https://h.example.com/me");
    var c = wc.UploadString("https://h.example.com/j", "{}");
    var req = (HttpWebRequest)WebRequest.Create("https://h.example.com/w");
    req.Method = "POST";
    using var resp = req.GetResponse();
} }"#;
        let m = lower(src);
        assert_eq!(m.http_requests.len(), 4);
        let a = &m.http_requests[0];
        assert_eq!(a.method, Some(Method::Post));
        assert_eq!(method_span(src, a), "POST");
        assert_eq!(a.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&a.body), vec!["grant_type"]);
        let b = &m.http_requests[1];
        assert_eq!(b.method, Some(Method::Get));
        assert_eq!(method_span(src, b), "DownloadString");
        let c = &m.http_requests[2];
        assert_eq!(c.body_kind, Some(BodyKind::Json));
        assert!(matches!(c.method_source, MethodSource::Default { .. }));
        let w = &m.http_requests[3];
        assert_eq!(w.library, "HttpWebRequest");
        assert_eq!(w.method, Some(Method::Post));
        assert_eq!(url(w), "https://h.example.com/w");
    }

    #[test]
    fn response_origins_and_type_uses() {
        let src = r#"
public class TokenResponse {
    [JsonProperty("organizer_key")] public string OrganizerKey { get; set; }
    [JsonPropertyName("refresh_token")] public string? RefreshToken { get; set; }
}
class A {
    async Task M(HttpClient client) {
        var res = await client.PostAsync("https://h.example.com/token", null);
        var json = await res.Content.ReadAsStringAsync();
        var tok = JsonConvert.DeserializeObject<TokenResponse>(json);
        var key = tok.OrganizerKey;
        var jo = JObject.Parse(json);
        var a = jo["account_key"];
        var b = jo.Value<string>("email");
        var c = (string)jo["scope"];
        var typed = await res.Content.ReadFromJsonAsync<TokenResponse>();
        var r = typed.RefreshToken;
    }
}"#;
        let m = lower(src);
        assert_eq!(read(&m, "organizer_key").origin, Origin::Response(0));
        assert_eq!(at(src, &read(&m, "organizer_key").span), "OrganizerKey");
        assert_eq!(read(&m, "account_key").kind, ReadKind::Subscript);
        assert_eq!(read(&m, "account_key").origin, Origin::Response(0));
        assert_eq!(read(&m, "email").kind, ReadKind::Get);
        assert_eq!(read(&m, "scope").assigned_to.as_deref(), Some("c"));
        assert_eq!(read(&m, "refresh_token").origin, Origin::Response(0));
        assert!(m
            .type_uses
            .iter()
            .any(|u| u.type_name == "TokenResponse" && u.origin == Origin::Response(0)));
        // declaration reads of the used model
        assert!(m
            .field_reads
            .iter()
            .any(|r| r.kind == ReadKind::Declaration && r.field == "refresh_token" && r.guarded));
    }

    #[test]
    fn guards_assignment_targets_and_assertions() {
        let src = r#"
class Tok { [JsonProperty("refresh_token")] public string RefreshToken { get; set; } }
class A {
    private string _rt;
    void M(Tok tok) {
        _rt = tok.RefreshToken ?? _rt;
        this._rt = tok.RefreshToken;
        if (tok.RefreshToken != null) { _rt = tok.RefreshToken; }
        if (!string.IsNullOrEmpty(tok.RefreshToken)) _rt = tok.RefreshToken;
        var x = tok.RefreshToken!;
        if (tok.RefreshToken is null) return;
        var y = tok.RefreshToken;
    }
}"#;
        let m = lower(src);
        let reads: Vec<&FieldRead> = m
            .field_reads
            .iter()
            .filter(|r| r.field == "refresh_token" && r.kind == ReadKind::Member)
            .collect();
        let first = reads[0];
        assert!(first.guarded);
        // `_rt` is the object's field: it reads as `this._rt`
        assert_eq!(first.assigned_to.as_deref(), Some("this._rt"));
        assert!(first.fallback_is_target);
        assert_eq!(first.origin, Origin::Param);
        let second = reads[1];
        assert!(!second.guarded);
        assert_eq!(second.assigned_to.as_deref(), Some("this._rt"));
        // the reads inside `if (tok.RefreshToken != null)` and IsNullOrEmpty
        assert!(reads[3].guarded && reads[3].assigned_to.as_deref() == Some("this._rt"));
        assert!(reads[5].guarded);
        assert!(reads[6].asserted);
        // after an early return on a null check
        assert!(reads.last().unwrap().guarded);
    }

    #[test]
    fn stored_origins_and_method_summaries() {
        let src = r#"
class A {
    private JObject _token;
    private async Task<JObject> FetchAsync() {
        var r = await _http.PostAsync("https://h.example.com/oauth/token", null);
        return JObject.Parse(await r.Content.ReadAsStringAsync());
    }
    async Task Login() { _token = await FetchAsync(); }
    string Key() => (string)_token["organizer_key"];
    string Key2() => (string)this._token["account_key"];
}"#;
        let m = lower(src);
        assert_eq!(read(&m, "organizer_key").origin, Origin::Response(0));
        assert_eq!(read(&m, "account_key").origin, Origin::Response(0));
    }

    #[test]
    fn other_origins() {
        let src = r#"
class A {
    private readonly IConfiguration _config;
    void M([FromBody] Login body, string p) {
        var a = _config["GoTo:ClientId"];
        var b = Environment.GetEnvironmentVariable("X");
        var c = body.UserId;
        var d = p.Length;
        var e = new { organizer_key = "1" }.organizer_key;
    }
}"#;
        let m = lower(src);
        assert_eq!(read(&m, "GoTo:ClientId").origin, Origin::Config);
        assert_eq!(read(&m, "UserId").origin, Origin::Input);
        assert_eq!(read(&m, "Length").origin, Origin::Param);
        assert_eq!(read(&m, "organizer_key").origin, Origin::Literal);
    }

    #[test]
    fn typed_models() {
        let src = r#"
public class TokenResponse {
    [JsonProperty("access_token")] public required string AccessToken { get; set; }
    [JsonProperty(PropertyName = "refresh_token")] public string RefreshToken { get; set; }
    [JsonPropertyName("expires_in")] public int? ExpiresIn { get; set; }
    public string Scope { get; set; } = "";
    [JsonIgnore] public string Local { get; set; }
    public string Computed => AccessToken;
}
public record Me([property: JsonPropertyName("id"), JsonRequired] string Id, string? Email = null);
public class Service { public string Name { get; set; } public void Run() { } }
"#;
        let m = lower(src);
        let t: Vec<(&str, &str, bool)> = m
            .typed_fields
            .iter()
            .map(|f| (f.type_name.as_str(), f.field.as_str(), f.optional))
            .collect();
        assert_eq!(
            t,
            vec![
                // only a member deserialization cannot do without is required:
                // `required` or `[JsonRequired]`; a missing plain member is null
                ("TokenResponse", "access_token", false),
                ("TokenResponse", "refresh_token", true),
                ("TokenResponse", "expires_in", true),
                ("TokenResponse", "Scope", true),
                ("Me", "id", false),
                ("Me", "Email", true),
            ]
        );
        assert_eq!(
            m.typed_fields[0].sibling_fields,
            vec![
                "TokenResponse",
                "access_token",
                "refresh_token",
                "expires_in",
                "Scope"
            ]
        );
        assert_eq!(at(src, &m.typed_fields[1].span), "RefreshToken");
    }

    #[test]
    fn calls_are_recorded() {
        let src =
            r#"class A { void M() { var t = oauth.GetToken("x"); Log.Info("y", level: "z"); } }"#;
        let m = lower(src);
        let c = m.calls.iter().find(|c| c.name == "Info").unwrap();
        assert_eq!(c.callee, "Log.Info");
        assert_eq!(c.args[0].as_ref().unwrap().text(), "y");
        assert_eq!(c.kwargs[0].key, "level");
        assert_eq!(at(src, &c.name_span), "Info");
    }

    #[test]
    fn comments_and_parse_errors() {
        let src = "// one\nclass A { /* two */ }\n";
        let m = lower(src);
        assert_eq!(m.comments.len(), 2);
        assert!(!m.parse_errors);
        assert!(lower("class { void (").parse_errors);
    }

    #[test]
    fn every_literal_is_in_some_string() {
        let src = r#"class A {
    const string B = "https://h.example.com";
    [JsonProperty("k")] public string K { get; set; }
    void M(string x) {
        var a = $"{B}/a" + "b" + string.Format("{0}", "c") + x.Replace("d", "e");
        var n = new Uri(new Uri("f"), "g");
        F("h", @"i", """j""");
    }
}"#;
        let m = lower(src);
        for lit in [
            "\"https://h.example.com\"",
            "\"k\"",
            "\"d\"",
            "\"e\"",
            "\"h\"",
            "@\"i\"",
            "\"\"\"j\"\"\"",
        ] {
            let start = src.find(lit).unwrap();
            let covered = m.strings.iter().any(|s| {
                s.pieces.iter().any(|p| match p {
                    Piece::Lit { src: Some(sp), .. } => {
                        sp.start >= start && sp.end <= start + lit.len()
                    }
                    _ => false,
                }) && s.span.start <= start
                    && s.span.end >= start + lit.len()
            });
            assert!(covered, "{lit} not covered");
        }
        for lit in ["\"b\"", "\"c\"", "\"f\"", "\"g\""] {
            let start = src.find(lit).unwrap();
            assert!(m
                .strings
                .iter()
                .any(|s| s.span.start <= start && s.span.end >= start + lit.len()));
        }
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let mut src = String::from("class A { object x = ");
        src.push_str(&"(".repeat(10_000));
        src.push_str("\"a\"");
        src.push_str(&")".repeat(10_000));
        src.push_str("; }");
        let m = lower(&src);
        assert!(m.strings.iter().any(|s| s.text() == "a"));
        let mut chain = String::from("class A { string x = \"a\"");
        for _ in 0..20_000 {
            chain.push_str(" + \"b\"");
        }
        chain.push_str("; }");
        let m = lower(&chain);
        assert!(!m.strings.is_empty());
        let mut calls = String::from("class A { void M() { x");
        for _ in 0..5_000 {
            calls.push_str(".A()");
        }
        calls.push_str("; } }");
        let _ = lower(&calls);
    }

    #[test]
    fn garbage_does_not_panic() {
        for src in [
            "",
            "}}}{{{",
            "class A { string s = \"unterminated",
            "$\"{",
            "@\"",
            "\"\"\"",
            "class A { void M() { var x = new RestRequest(; client.Execute(",
            "\u{feff}class é { string s = \"ü\\u00\"; }",
            "class A { string a = $\"\"\"\n{x}\n\"\"\"; }",
        ] {
            let _ = lower(src);
        }
    }
}
