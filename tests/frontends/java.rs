//! Unit-level checks of the java front end's model.

mod tests {
    use crate::common::{at, keys, method_span, read_in_code as read, string_from, url};
    use gotolint::lang::java::*;
    use gotolint::model::*;

    #[test]
    fn literals_escapes_and_text_blocks() {
        let src = "class A {\n  String a = \"x\\ty\\u0041\";\n  String b = \"\"\"\n      {\n        \"k\": \"v\"  \n      }\n      \"\"\";\n}\n";
        let m = lower(src);
        assert!(!m.parse_errors);
        let a = string_from(&m, src, "\"x\\ty\\u0041\"");
        assert_eq!(a.text(), "x\tyA");
        assert_eq!(at(src, &a.source_of(3..4).unwrap()), "\\u0041");
        let b = m
            .strings
            .iter()
            .find(|s| s.text().starts_with('{'))
            .unwrap();
        assert_eq!(b.text(), "{\n  \"k\": \"v\"\n}\n");
        let k = b.text().find("\"k\"").unwrap();
        assert_eq!(at(src, &b.source_of(k..k + 3).unwrap()), "\"k\"");
    }

    #[test]
    fn concatenation_constants_and_this_fields() {
        let src = r#"
class Urls { static final String HOST = "https://auth.example.com"; }
class A {
    private static final String ROOT = Urls.HOST + "/oauth";
    private final String tokenUrl;
    private String twice = "a";
    A() { this.tokenUrl = ROOT + "/token"; twice = "b"; }
    String all() { return tokenUrl + "?x=" + A.ROOT + twice; }
}"#;
        let m = lower(src);
        let v = string_from(&m, src, "tokenUrl + \"?x=\" + A.ROOT + twice");
        assert_eq!(
            v.display(),
            "https://auth.example.com/oauth/token?x=https://auth.example.com/oauth{twice}"
        );
        let host = v.text().find("auth.example.com").unwrap();
        let s = v.source_of(host..host + 16).unwrap();
        assert_eq!(src[..s.start].matches('\n').count(), 1);
    }

    #[test]
    fn format_join_and_uri_wrappers() {
        let src = r#"class A {
    static final String BASE = "https://auth.example.com";
    String f(String id) { return String.format("%s/oauth/v2/token?client_id=%s&p=100%%", BASE, id); }
    String g() { return "%s/authorize".formatted(BASE); }
    URI u() { return URI.create(BASE + "/x"); }
    URL v() throws Exception { return new URL(new URL(BASE + "/a/b"), "c"); }
}"#;
        let m = lower(src);
        assert!(m.strings.iter().any(
            |s| s.display() == "https://auth.example.com/oauth/v2/token?client_id={id}&p=100%"
        ));
        assert!(m
            .strings
            .iter()
            .any(|s| s.text() == "https://auth.example.com/authorize"));
        assert!(m
            .strings
            .iter()
            .any(|s| s.text() == "https://auth.example.com/x"));
        assert!(m
            .strings
            .iter()
            .any(|s| s.text() == "https://auth.example.com/a/c"));
    }

    #[test]
    fn uri_builders_make_query_pieces() {
        let src = r#"class A {
    static final String AUTH = "https://auth.example.com/oauth/authorize";
    String u(String id) {
        return UriComponentsBuilder.fromHttpUrl(AUTH).queryParam("client_id", id).queryParam("response_type", "code").toUriString();
    }
    HttpUrl h() { return HttpUrl.parse(AUTH).newBuilder().addQueryParameter("state", "s").build(); }
}"#;
        let m = lower(src);
        let v = m
            .strings
            .iter()
            .find(|s| s.text().contains("client_id"))
            .unwrap();
        assert_eq!(
            v.display(),
            "https://auth.example.com/oauth/authorize?client_id={id}&response_type=code"
        );
        let t = v.text();
        let k = t.find("response_type").unwrap();
        assert_eq!(at(src, &v.source_of(k..k + 13).unwrap()), "response_type");
        assert!(m
            .strings
            .iter()
            .any(|s| s.text() == "https://auth.example.com/oauth/authorize?state=s"));
        assert!(keys(&m.entries).contains(&"response_type"));
    }

    #[test]
    fn entries_from_maps_forms_and_pairs() {
        let src = r#"class A { void m(String u) {
    Map<String, String> a = Map.of("grant_type", "password", "user_id", u);
    MultiValueMap<String, String> f = new LinkedMultiValueMap<>();
    f.add("client_id", "x");
    List<NameValuePair> p = List.of(new BasicNameValuePair("scope", "all"));
    RequestBody b = new FormBody.Builder().add("code", "c").build();
    Object i = BodyInserters.fromFormData("state", "s").with("nonce", "n");
    cache.get("k");
} }"#;
        let m = lower(src);
        assert_eq!(
            keys(&m.entries),
            vec![
                "grant_type",
                "user_id",
                "client_id",
                "scope",
                "code",
                "nonce",
                "state"
            ]
        );
        let g = &m.entries[0];
        assert_eq!(at(src, g.key_span.as_ref().unwrap()), "grant_type");
        assert_eq!(g.value.as_ref().unwrap().text(), "password");
        assert_eq!(at(src, &g.span), "\"grant_type\", \"password\"");
    }

    #[test]
    fn rest_template_requests() {
        let src = r#"class A {
    private final RestTemplate restTemplate;
    T m(String id, String secret) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.setBasicAuth(id, secret);
        T t = restTemplate.postForObject("https://h.example.com/oauth/token", new HttpEntity<>(form, headers), T.class);
        HttpHeaders jh = new HttpHeaders();
        jh.setContentType(MediaType.APPLICATION_JSON);
        Map<String, String> body = Map.of("grant_type", "password");
        ResponseEntity<T> r = restTemplate.exchange("https://h.example.com/j", HttpMethod.POST, new HttpEntity<>(body, jh), T.class);
        String s = restTemplate.getForObject("https://h.example.com/g?a=1", String.class);
        return t;
    }
}"#;
        let m = lower(src);
        assert_eq!(m.http_requests.len(), 3);
        let a = &m.http_requests[0];
        assert_eq!(a.library, "RestTemplate");
        assert_eq!(method_span(src, a), "postForObject");
        assert_eq!(a.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&a.body), vec!["grant_type"]);
        assert!(a.basic_auth);
        let b = &m.http_requests[1];
        assert_eq!(b.method, Some(Method::Post));
        assert_eq!(method_span(src, b), "POST");
        assert_eq!(b.body_kind, Some(BodyKind::Json));
        let ct = b.headers.iter().find(|h| h.key == "Content-Type").unwrap();
        assert_eq!(ct.value.as_ref().unwrap().text(), "application/json");
        assert_eq!(
            at(src, ct.value_span.as_ref().unwrap()),
            "MediaType.APPLICATION_JSON"
        );
        let c = &m.http_requests[2];
        assert_eq!(c.method, Some(Method::Get));
        assert_eq!(url(c), "https://h.example.com/g?a=1");
    }

    #[test]
    fn okhttp_and_java_net_http() {
        let src = r#"class A { void m(OkHttpClient client, HttpClient http, String json) throws Exception {
    RequestBody body = RequestBody.create(json, MediaType.parse("application/json"));
    Request r = new Request.Builder().url("https://h.example.com/a").post(body).header("Authorization", Credentials.basic("i", "s")).build();
    Response res = client.newCall(r).execute();
    Request g = new Request.Builder().url("https://h.example.com/b").build();
    client.newCall(g).execute();
    HttpRequest hr = HttpRequest.newBuilder(URI.create("https://h.example.com/c"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&user_id=u"))
        .build();
    HttpResponse<String> hres = http.send(hr, HttpResponse.BodyHandlers.ofString());
} }"#;
        let m = lower(src);
        assert_eq!(m.http_requests.len(), 3);
        let a = &m.http_requests[0];
        assert_eq!(a.library, "okhttp");
        assert_eq!(method_span(src, a), "post");
        assert_eq!(a.body_kind, Some(BodyKind::Json));
        assert!(a.basic_auth);
        let ct = a.headers.iter().find(|h| h.key == "Content-Type").unwrap();
        assert_eq!(
            at(src, ct.value_span.as_ref().unwrap()),
            "\"application/json\""
        );
        assert_eq!(at(src, &a.span), "client.newCall(r).execute()");
        let g = &m.http_requests[1];
        assert_eq!(g.method, Some(Method::Get));
        assert!(matches!(g.method_source, MethodSource::Default { .. }));
        assert_eq!(method_span(src, g), "Request.Builder");
        let h = &m.http_requests[2];
        assert_eq!(h.library, "java.net.http");
        assert_eq!(method_span(src, h), "POST");
        assert_eq!(url(h), "https://h.example.com/c");
        assert_eq!(h.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&h.body), vec!["grant_type", "user_id"]);
        assert_eq!(at(src, h.body[1].key_span.as_ref().unwrap()), "user_id");
    }

    #[test]
    fn apache_and_url_connection() {
        let src = r#"class A { void m(CloseableHttpClient client, String json) throws Exception {
    HttpPost post = new HttpPost("https://h.example.com/token");
    List<NameValuePair> params = new ArrayList<>();
    params.add(new BasicNameValuePair("grant_type", "password"));
    post.setEntity(new UrlEncodedFormEntity(params));
    post.setHeader("Authorization", "Basic abc");
    client.execute(post);
    HttpPost j = new HttpPost("https://h.example.com/j");
    j.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
    client.execute(j);
    HttpGet g = new HttpGet("https://h.example.com/g");
    HttpURLConnection c = (HttpURLConnection) new URL("https://h.example.com/u").openConnection();
    c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
    try (OutputStream os = c.getOutputStream()) { os.write("grant_type=refresh_token".getBytes()); }
    InputStream in = c.getInputStream();
} }"#;
        let m = lower(src);
        assert_eq!(m.http_requests.len(), 4);
        let p = &m.http_requests[0];
        assert_eq!(p.library, "apache-httpclient");
        assert_eq!(method_span(src, p), "HttpPost");
        assert_eq!(p.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&p.body), vec!["grant_type"]);
        assert!(p.basic_auth);
        assert_eq!(at(src, &p.span), "client.execute(post)");
        let j = &m.http_requests[1];
        assert_eq!(j.body_kind, Some(BodyKind::Json));
        let g = &m.http_requests[2];
        assert_eq!(g.method, Some(Method::Get));
        let c = &m.http_requests[3];
        assert_eq!(c.library, "HttpURLConnection");
        assert_eq!(c.method, Some(Method::Post));
        assert_eq!(method_span(src, c), "getOutputStream");
        assert_eq!(c.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&c.body), vec!["grant_type"]);
        let u = "class A { void m() throws Exception { HttpURLConnection c = (HttpURLConnection) new URL(\"https://h.example.com/x\").openConnection(); c.getInputStream(); } }";
        let m = lower(u);
        assert_eq!(m.http_requests[0].method, Some(Method::Get));
        assert_eq!(method_span(u, &m.http_requests[0]), "openConnection");
    }

    #[test]
    fn webclient_chains() {
        let src = r#"class A { Mono<T> m(WebClient webClient) {
    return webClient.post()
        .uri("https://h.example.com/oauth/token")
        .headers(h -> h.setBasicAuth("i", "s"))
        .body(BodyInserters.fromFormData("grant_type", "password").with("user_id", "u"))
        .retrieve()
        .bodyToMono(T.class);
}
Mono<T> n(WebClient webClient) {
    return webClient.post().uri("https://h.example.com/j").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("grant_type", "x")).retrieve().bodyToMono(T.class);
} }"#;
        let m = lower(src);
        assert_eq!(m.http_requests.len(), 2);
        let a = &m.http_requests[0];
        assert_eq!(a.library, "WebClient");
        assert_eq!(method_span(src, a), "post");
        assert_eq!(url(a), "https://h.example.com/oauth/token");
        assert_eq!(a.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&a.body), vec!["grant_type", "user_id"]);
        assert!(a.basic_auth);
        let b = &m.http_requests[1];
        assert_eq!(b.body_kind, Some(BodyKind::Json));
        assert!(m
            .type_uses
            .iter()
            .any(|u| u.type_name == "T" && u.origin == Origin::Response(0)));
    }

    #[test]
    fn response_reads_getters_and_wire_names() {
        let src = r#"
class TokenResponse {
    @JsonProperty("organizer_key") private String organizerKey;
    @JsonProperty("refresh_token") private String refreshToken;
    public String getOrganizerKey() { return organizerKey; }
    public String getRefreshToken() { return refreshToken; }
}
class A {
    private String refreshToken;
    void m(RestTemplate restTemplate, ObjectMapper mapper, OkHttpClient client, Request req) throws Exception {
        TokenResponse t = restTemplate.postForObject("https://h.example.com/token", null, TokenResponse.class);
        String k = t.getOrganizerKey();
        this.refreshToken = t.getRefreshToken();
        String body = client.newCall(req).execute().body().string();
        JsonNode n = mapper.readTree(body);
        String a = n.get("account_key").asText();
        String e = n.path("email").asText();
        JSONObject o = new JSONObject(body);
        String s = o.getString("scope");
        String f = o.optString("firstName");
        TokenResponse u = mapper.readValue(body, TokenResponse.class);
    }
}"#;
        let m = lower(src);
        let k = read(&m, "organizer_key");
        assert_eq!(k.origin, Origin::Response(0));
        assert_eq!(k.kind, ReadKind::Member);
        assert_eq!(at(src, &k.span), "getOrganizerKey");
        let r = read(&m, "refresh_token");
        assert_eq!(r.assigned_to.as_deref(), Some("this.refreshToken"));
        assert!(!r.guarded);
        assert_eq!(read(&m, "account_key").origin, Origin::Response(1));
        assert_eq!(read(&m, "account_key").kind, ReadKind::Get);
        assert_eq!(read(&m, "account_key").assigned_to.as_deref(), Some("a"));
        assert_eq!(read(&m, "email").kind, ReadKind::Get);
        assert_eq!(read(&m, "scope").origin, Origin::Response(1));
        assert!(read(&m, "firstName").guarded);
        assert!(m
            .type_uses
            .iter()
            .any(|u| u.type_name == "TokenResponse" && u.origin == Origin::Response(0)));
        assert!(m
            .type_uses
            .iter()
            .any(|u| u.type_name == "TokenResponse" && u.origin == Origin::Response(1)));
        // without the class in the file, the getter names the property
        let other = "class A { void m(Tok t) { String k = t.getOrganizerKey(); } }";
        assert_eq!(read(&lower(other), "organizerKey").origin, Origin::Param);
    }

    #[test]
    fn guards_and_fallbacks() {
        let src = r#"
class A {
    private String refreshToken;
    void m(Tok t) {
        if (t.getRefreshToken() != null) { this.refreshToken = t.getRefreshToken(); }
        this.refreshToken = Optional.ofNullable(t.getRefreshToken()).orElse(this.refreshToken);
        this.refreshToken = t.getRefreshToken() != null ? t.getRefreshToken() : this.refreshToken;
        this.refreshToken = Objects.requireNonNull(t.getRefreshToken());
        if (t.getRefreshToken() == null) { return; }
        String last = t.getRefreshToken();
    }
}"#;
        let m = lower(src);
        let reads: Vec<&FieldRead> = m
            .field_reads
            .iter()
            .filter(|r| r.field == "refreshToken")
            .collect();
        assert!(reads[1].guarded);
        assert_eq!(reads[1].assigned_to.as_deref(), Some("this.refreshToken"));
        let opt = reads[2];
        assert!(opt.guarded && opt.fallback_is_target);
        let tern = reads[4];
        assert!(tern.guarded && tern.fallback_is_target);
        assert!(reads[5].asserted);
        assert!(reads.last().unwrap().guarded);
    }

    #[test]
    fn stored_origins_summaries_and_other_origins() {
        let src = r#"
class A {
    private JsonNode token;
    @Value("${goto.secret}") private String secret;
    private JsonNode fetch() throws Exception {
        String body = restTemplate.postForObject("https://h.example.com/oauth/token", null, String.class);
        return mapper.readTree(body);
    }
    void login() throws Exception { this.token = fetch(); }
    String key() { return token.get("organizer_key").asText(); }
    void other(@RequestBody Login login, HttpServletRequest request) {
        String a = login.getUserId();
        String b = request.getParameter("k");
        String c = secret.trim();
        String d = System.getenv("X");
        Map<String, String> lit = Map.of("k", "v");
        String e = lit.get("email");
    }
}"#;
        let m = lower(src);
        assert_eq!(read(&m, "organizer_key").origin, Origin::Response(0));
        assert_eq!(read(&m, "userId").origin, Origin::Input);
        assert_eq!(read(&m, "email").origin, Origin::Literal);
    }

    #[test]
    fn typed_models_and_records() {
        let src = r#"
public class TokenResponse {
    @JsonProperty(value = "access_token", required = true) private String accessToken;
    @JsonProperty(value = "refresh_token") private String refreshToken;
    @Nullable @JsonProperty("expires_in") private Long expiresIn;
    private Optional<String> scope;
    @JsonIgnore private String local;
    private static final long serialVersionUID = 1L;
    public String getAccessToken() { return accessToken; }
}
record Me(@JsonProperty("id") String id, String userName) {}
class Service { private String name; void run() {} }
class Getters { private String k; @JsonProperty("wire_k") public String getK() { return k; } }
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
                // Jackson leaves a missing member null unless it is `required = true`
                ("TokenResponse", "access_token", false),
                ("TokenResponse", "refresh_token", true),
                ("TokenResponse", "expires_in", true),
                ("TokenResponse", "scope", true),
                ("Me", "id", true),
                ("Me", "userName", true),
                ("Getters", "wire_k", true),
            ]
        );
        assert_eq!(
            m.typed_fields[0].sibling_fields,
            vec![
                "TokenResponse",
                "access_token",
                "refresh_token",
                "expires_in",
                "scope"
            ]
        );
        assert_eq!(at(src, &m.typed_fields[1].span), "refreshToken");
    }

    #[test]
    fn calls_are_recorded() {
        let src = r#"class A { void m() { log.info("y"); String t = oauth.getToken("x"); } }"#;
        let m = lower(src);
        let c = m.calls.iter().find(|c| c.name == "info").unwrap();
        assert_eq!(c.callee, "log.info");
        assert_eq!(c.args[0].as_ref().unwrap().text(), "y");
        assert_eq!(at(src, &c.name_span), "info");
        let t = m.calls.iter().find(|c| c.name == "getToken").unwrap();
        assert_eq!(t.callee, "oauth.getToken");
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
    static final String B = "https://h.example.com";
    @JsonProperty("k") String k;
    void m(String x) {
        String a = String.format("%s/a", B) + "b" + x.replace("d", "e");
        URL u = new URL(new URL("f"), "g");
        f("h", """
            i""");
    }
}"#;
        let m = lower(src);
        for lit in [
            "\"https://h.example.com\"",
            "\"k\"",
            "\"d\"",
            "\"e\"",
            "\"h\"",
            "\"b\"",
            "\"f\"",
            "\"g\"",
        ] {
            let start = src.find(lit).unwrap();
            assert!(
                m.strings
                    .iter()
                    .any(|s| s.span.start <= start && s.span.end >= start + lit.len()),
                "{lit} not covered"
            );
        }
        assert!(m.strings.iter().any(|s| s.text() == "i"));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let mut src = String::from("class A { Object x = ");
        src.push_str(&"(".repeat(10_000));
        src.push_str("\"a\"");
        src.push_str(&")".repeat(10_000));
        src.push_str("; }");
        let m = lower(&src);
        assert!(m.strings.iter().any(|s| s.text() == "a"));
        let mut chain = String::from("class A { String x = \"a\"");
        for _ in 0..20_000 {
            chain.push_str(" + \"b\"");
        }
        chain.push_str("; }");
        assert!(!lower(&chain).strings.is_empty());
        let mut calls = String::from("class A { void m() { x");
        for _ in 0..5_000 {
            calls.push_str(".a()");
        }
        calls.push_str("; } }");
        let _ = lower(&calls);
    }

    #[test]
    fn garbage_does_not_panic() {
        for src in [
            "",
            "}}}{{{",
            "class A { String s = \"unterminated",
            "\"\"\"",
            "class A { String s = \"\"\"\n   \\",
            "class A { void m() { new Request.Builder().post(; client.newCall(",
            "\u{feff}class é { String s = \"ü\\u00\"; }",
            "class A { String s = \"\\u12\"; char c = '\\u'; }",
        ] {
            let _ = lower(src);
        }
    }
}
