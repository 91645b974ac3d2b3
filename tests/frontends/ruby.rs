//! Unit-level checks of the ruby front end's model.

mod tests {
    use crate::common::{at, keys, method_span, read, string_from, url};
    use gotolint::lang::ruby::lower;
    use gotolint::model::*;

    #[test]
    fn literals_quotes_and_escapes() {
        let src = "a = 'it\\'s'\nb = \"x\\u002Fy\\/\"\nc = %q(raw \\n)\nd = %Q(i#{v})\n";
        let m = lower(src);
        assert!(!m.parse_errors);
        assert_eq!(string_from(&m, src, "'it\\'s'").text(), "it's");
        let b = string_from(&m, src, "\"x\\u002Fy\\/\"");
        assert_eq!(b.text(), "x/y/");
        assert_eq!(at(src, &b.source_of(1..2).unwrap()), "\\u002F");
        assert_eq!(at(src, &b.source_of(3..4).unwrap()), "\\/");
        assert_eq!(string_from(&m, src, "%q(raw \\n)").text(), "raw \\n");
        assert_eq!(string_from(&m, src, "%Q(i#{v})").display(), "i{v}");
    }

    #[test]
    fn interpolation_heredocs_and_concatenation() {
        let src = r##"BASE = "https://api.getgo.com"
a = "#{BASE}/oauth/v2/token"
b = BASE + "/oauth" << "/authorize"
c = <<~URL.strip
  #{BASE}/oauth/access_token
URL
"##;
        let m = lower(src);
        let a = string_from(&m, src, "\"#{BASE}/oauth/v2/token\"");
        assert_eq!(a.text(), "https://api.getgo.com/oauth/v2/token");
        let p = a.text().find("/oauth").unwrap();
        assert_eq!(at(src, &a.source_of(p..p + 6).unwrap()), "/oauth");
        let host = a.source_of(8..21).unwrap();
        assert!(src[..host.start].starts_with("BASE = \""));
        let b = string_from(&m, src, "BASE + \"/oauth\" << \"/authorize\"");
        assert_eq!(b.text(), "https://api.getgo.com/oauth/authorize");
        let c = m
            .strings
            .iter()
            .find(|s| s.text().contains("access_token"))
            .unwrap();
        assert_eq!(c.text(), "https://api.getgo.com/oauth/access_token");
    }

    #[test]
    fn format_and_percent() {
        let src = r##"BASE = "https://api.getgo.com"
a = format("%s/oauth/%s?n=%d%%", BASE, "token", 3)
b = "%s/oauth/v2/token" % BASE
c = "%<b>s/oauth/%{p}" % { b: BASE, p: "authorize" }
"##;
        let m = lower(src);
        let a = m
            .strings
            .iter()
            .find(|s| at(src, &s.span).starts_with("format"))
            .unwrap();
        assert_eq!(a.text(), "https://api.getgo.com/oauth/token?n=3%");
        let b = m
            .strings
            .iter()
            .find(|s| at(src, &s.span).starts_with("\"%s"))
            .unwrap();
        assert_eq!(b.text(), "https://api.getgo.com/oauth/v2/token");
        let c = m
            .strings
            .iter()
            .find(|s| at(src, &s.span).starts_with("\"%<"))
            .unwrap();
        assert_eq!(c.text(), "https://api.getgo.com/oauth/authorize");
    }

    #[test]
    fn constants_ivars_and_uri_helpers() {
        let src = r##"module G2W
  HOST = "https://api.getgo.com"
end

class Client
  def initialize
    @token_url = G2W::HOST + "/oauth/v2/token"
  end

  def urls
    a = URI.join(G2W::HOST, "/oauth/authorize").to_s
    b = URI.join("https://api.getgo.com/oauth/v2/", "token")
    c = @token_url
    d = File.join(G2W::HOST, "oauth")
    e = ["https://api.getgo.com", "oauth", "token"].join("/")
  end
end
"##;
        let m = lower(src);
        let texts: Vec<String> = m.strings.iter().map(|s| s.text()).collect();
        for want in [
            "https://api.getgo.com/oauth/v2/token",
            "https://api.getgo.com/oauth/authorize",
            "https://api.getgo.com/oauth",
            "https://api.getgo.com/oauth/token",
        ] {
            assert!(texts.iter().any(|t| t == want), "{want} in {texts:?}");
        }
        let b = string_from(
            &m,
            src,
            "URI.join(\"https://api.getgo.com/oauth/v2/\", \"token\")",
        );
        assert_eq!(b.text(), "https://api.getgo.com/oauth/v2/token");
    }

    #[test]
    fn query_encoding() {
        let src = r##"a = URI.encode_www_form(client_id: id, response_type: "code")
b = URI.encode_www_form({ "state" => s, "scope" => "x" })
h = { z: "1", a: "2" }
c = "https://api.getgo.com/oauth/authorize?" + h.to_query
d = URI.encode_www_form([["grant_type", "password"]])
"##;
        let m = lower(src);
        let a = m
            .strings
            .iter()
            .find(|s| at(src, &s.span).starts_with("URI.encode_www_form(c"))
            .unwrap();
        assert_eq!(a.display(), "client_id={id}&response_type=code");
        let k = a.text().find("response_type").unwrap();
        assert_eq!(at(src, &a.source_of(k..k + 13).unwrap()), "response_type");
        let b = m
            .strings
            .iter()
            .find(|s| at(src, &s.span).starts_with("URI.encode_www_form({"))
            .unwrap();
        assert_eq!(b.display(), "state={s}&scope=x");
        let c = m
            .strings
            .iter()
            .find(|s| at(src, &s.span).starts_with("\"https"))
            .unwrap();
        // to_query sorts keys
        assert_eq!(c.text(), "https://api.getgo.com/oauth/authorize?a=2&z=1");
        let d = m
            .strings
            .iter()
            .find(|s| at(src, &s.span).starts_with("URI.encode_www_form(["))
            .unwrap();
        assert_eq!(d.text(), "grant_type=password");
        assert!(m.entries.iter().any(|e| e.key == "grant_type"
            && e.value.as_ref().map(|v| v.text()) == Some("password".to_string())));
    }

    #[test]
    fn hash_and_keyword_entries() {
        let src = r##"a = { grant_type: "password", "user_id" => u, :scope => "x", "k": "v" }
req.set_form_data("client_id" => "abc")
call(client_secret: "s3cr3t")
store["k"] = "v"
"##;
        let m = lower(src);
        let k = keys(&m.entries);
        assert_eq!(
            k,
            vec![
                "grant_type",
                "user_id",
                "scope",
                "k",
                "client_id",
                "client_secret"
            ]
        );
        let gt = &m.entries[0];
        assert_eq!(at(src, gt.key_span.as_ref().unwrap()), "grant_type");
        assert_eq!(at(src, gt.value_span.as_ref().unwrap()), "\"password\"");
        let uid = &m.entries[1];
        assert_eq!(at(src, uid.key_span.as_ref().unwrap()), "user_id");
        assert!(uid.value.as_ref().unwrap().has_holes());
        let sc = &m.entries[2];
        assert_eq!(at(src, sc.key_span.as_ref().unwrap()), "scope");
    }

    #[test]
    fn net_http_requests() {
        let src = r##"TOKEN_URL = "https://api.getgo.com/oauth/v2/token"
def login(user, pass)
  res = Net::HTTP.post_form(URI(TOKEN_URL), "grant_type" => "password", "user_id" => user)
  Net::HTTP.get(URI("#{TOKEN_URL}?grant_type=refresh_token"))
  uri = URI(TOKEN_URL)
  req = Net::HTTP::Post.new(uri)
  req.set_form_data(grant_type: "authorization_code", code: code)
  req["Content-Type"] = "application/json"
  req.basic_auth(ID, SECRET)
  res2 = Net::HTTP.start(uri.host, uri.port, use_ssl: true) { |http| http.request(req) }
  res2.body
  Net::HTTP.start(uri.host, uri.port) do |http|
    http.post(uri.path, { a: 1 }.to_json, "Content-Type" => "application/json")
  end
end
"##;
        let m = lower(src);
        assert_eq!(m.http_requests.len(), 4);
        let pf = &m.http_requests[0];
        assert_eq!(pf.library, "net/http");
        assert_eq!(pf.method, Some(Method::Post));
        assert_eq!(method_span(src, pf), "post_form");
        assert_eq!(url(pf), "https://api.getgo.com/oauth/v2/token");
        assert_eq!(pf.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&pf.body), vec!["grant_type", "user_id"]);
        let g = &m.http_requests[1];
        assert_eq!(g.method, Some(Method::Get));
        assert_eq!(method_span(src, g), "get");
        assert_eq!(keys(&g.query), vec!["grant_type"]);
        let p = &m.http_requests[2];
        assert_eq!(method_span(src, p), "Post");
        assert_eq!(p.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&p.body), vec!["grant_type", "code"]);
        assert_eq!(keys(&p.headers), vec!["Content-Type"]);
        assert!(p.basic_auth);
        let s = &m.http_requests[3];
        assert_eq!(url(s), "https://api.getgo.com/oauth/v2/token");
        assert_eq!(s.body_kind, Some(BodyKind::Json));
        assert_eq!(keys(&s.body), vec!["a"]);
        let r2 = m.field_reads.iter().find(|r| r.receiver == "res2").unwrap();
        assert_eq!(r2.origin, Origin::Response(2));
    }

    #[test]
    fn httparty_requests_and_classes() {
        let src = r##"class G2WApi
  include HTTParty
  base_uri "https://api.getgo.com"

  def self.token(code)
    post("/oauth/v2/token", body: { grant_type: "authorization_code", code: code }, basic_auth: { username: ID, password: SECRET })
  end

  def refresh
    self.class.post("/oauth/v2/token", body: { grant_type: "refresh_token" }.to_json, headers: { "Content-Type" => "application/json" })
  end
end

HTTParty.get("https://api.getgo.com/oauth/access_token", query: { grant_type: "password", user_id: u })
G2WApi.post("/oauth/token", body: "grant_type=password&user_id=#{u}")
"##;
        let m = lower(src);
        assert_eq!(m.http_requests.len(), 4);
        let a = &m.http_requests[0];
        assert_eq!(a.library, "httparty");
        assert_eq!(url(a), "https://api.getgo.com/oauth/v2/token");
        assert_eq!(a.body_kind, Some(BodyKind::Form));
        assert!(a.basic_auth);
        let b = &m.http_requests[1];
        assert_eq!(b.body_kind, Some(BodyKind::Json));
        assert_eq!(keys(&b.body), vec!["grant_type"]);
        assert_eq!(
            at(src, b.body_span.as_ref().unwrap()),
            "{ grant_type: \"refresh_token\" }.to_json"
        );
        let c = &m.http_requests[2];
        assert_eq!(c.method, Some(Method::Get));
        assert_eq!(keys(&c.query), vec!["grant_type", "user_id"]);
        // a path joined with base_uri is also a string value where the path is
        let joined = m
            .strings
            .iter()
            .find(|s| s.text() == "https://api.getgo.com/oauth/v2/token")
            .unwrap();
        assert_eq!(at(src, &joined.span), "\"/oauth/v2/token\"");
        let d = &m.http_requests[3];
        assert_eq!(url(d), "https://api.getgo.com/oauth/token");
        assert_eq!(d.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&d.body), vec!["grant_type", "user_id"]);
        let k = &d.body[1];
        assert_eq!(at(src, k.key_span.as_ref().unwrap()), "user_id");
    }

    #[test]
    fn faraday_and_rest_client() {
        let src = r##"conn = Faraday.new(url: "https://api.getgo.com/oauth/v2") do |f|
  f.request :json
  f.response :json
end
conn.post("token", { grant_type: "password" })
form = Faraday.new("https://api.getgo.com") { |f| f.request :url_encoded }
form.post("/oauth/token") do |req|
  req.body = { grant_type: "refresh_token" }
  req.headers["Authorization"] = "Basic #{enc}"
end
Faraday.post("https://api.getgo.com/oauth/token", "grant_type=password")
RestClient.post("https://api.getgo.com/oauth/token", { grant_type: "password" }, { content_type: :json })
RestClient::Request.execute(method: :get, url: "https://api.getgo.com/oauth/token", user: ID, password: SECRET)
"##;
        let m = lower(src);
        assert_eq!(m.http_requests.len(), 5);
        let a = &m.http_requests[0];
        assert_eq!(a.library, "faraday");
        assert_eq!(url(a), "https://api.getgo.com/oauth/v2/token");
        assert_eq!(a.body_kind, Some(BodyKind::Json));
        let b = &m.http_requests[1];
        assert_eq!(url(b), "https://api.getgo.com/oauth/token");
        assert_eq!(b.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&b.body), vec!["grant_type"]);
        assert!(b.basic_auth);
        let c = &m.http_requests[2];
        assert_eq!(c.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&c.body), vec!["grant_type"]);
        let d = &m.http_requests[3];
        assert_eq!(d.library, "rest-client");
        assert_eq!(d.headers[0].key, "Content-Type");
        assert_eq!(d.headers[0].value.as_ref().unwrap().text(), "json");
        let e = &m.http_requests[4];
        assert_eq!(e.method, Some(Method::Get));
        assert_eq!(method_span(src, e), ":get");
        assert!(e.basic_auth);
    }

    #[test]
    fn http_rb_chains() {
        let src = r##"HTTP.basic_auth(user: ID, pass: SECRET).post("https://api.getgo.com/oauth/v2/token", form: { grant_type: "password" })
HTTP.headers("Content-Type" => "application/json").post(TOKEN_URL, json: { grant_type: "refresh_token" })
HTTP.get("https://api.getgo.com/oauth/access_token", params: { grant_type: "password" })
"##;
        let m = lower(src);
        assert_eq!(m.http_requests.len(), 3);
        let a = &m.http_requests[0];
        assert_eq!(a.library, "http.rb");
        assert_eq!(a.method, Some(Method::Post));
        assert_eq!(a.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&a.body), vec!["grant_type"]);
        assert!(a.basic_auth);
        let b = &m.http_requests[1];
        assert_eq!(b.body_kind, Some(BodyKind::Json));
        assert_eq!(keys(&b.headers), vec!["Content-Type"]);
        let c = &m.http_requests[2];
        assert_eq!(c.method, Some(Method::Get));
        assert_eq!(method_span(src, c), "get");
        assert_eq!(keys(&c.query), vec!["grant_type"]);
    }

    #[test]
    fn oauth2_gem() {
        let src = r##"client = OAuth2::Client.new(ID, SECRET, site: "https://api.getgo.com", token_url: "/oauth/v2/token", authorize_url: "/oauth/v2/authorize")
token = client.password.get_token(user, pass)
key = token.params["organizer_key"]
t2 = client.auth_code.get_token(code, redirect_uri: CALLBACK)
rt = t2.refresh_token
fresh = t2.refresh!
defaults = OAuth2::Client.new(ID, SECRET, site: "https://api.getgo.com")
"##;
        let m = lower(src);
        let joined: Vec<String> = m.strings.iter().map(|s| s.text()).collect();
        for want in [
            "https://api.getgo.com/oauth/v2/token",
            "https://api.getgo.com/oauth/v2/authorize",
            "https://api.getgo.com/oauth/token",
            "https://api.getgo.com/oauth/authorize",
        ] {
            assert!(joined.iter().any(|t| t == want), "{want}");
        }
        let tok = m
            .strings
            .iter()
            .find(|s| s.text() == "https://api.getgo.com/oauth/v2/token")
            .unwrap();
        assert_eq!(at(src, &tok.source_of(21..30).unwrap()), "/oauth/v2");
        assert_eq!(m.http_requests.len(), 2);
        let p = &m.http_requests[0];
        assert_eq!(p.library, "oauth2");
        assert_eq!(p.method, Some(Method::Post));
        assert!(matches!(p.method_source, MethodSource::Default { .. }));
        assert_eq!(url(p), "https://api.getgo.com/oauth/v2/token");
        assert_eq!(p.body[0].key, "grant_type");
        assert!(p.body[0].key_span.is_none());
        assert_eq!(p.body[0].value.as_ref().unwrap().text(), "password");
        let g = &m.http_requests[1];
        assert_eq!(
            g.body[0].value.as_ref().unwrap().text(),
            "authorization_code"
        );
        assert_eq!(keys(&g.body), vec!["grant_type", "redirect_uri"]);
        let ok = read(&m, "organizer_key");
        let i = match ok.origin {
            Origin::TokenCall(i) => i,
            ref o => panic!("{o:?}"),
        };
        assert_eq!(m.calls[i].name, "get_token");
        let rt = read(&m, "refresh_token");
        assert!(matches!(rt.origin, Origin::TokenCall(_)));
        assert!(m.calls.iter().any(|c| c.name == "refresh!"));
        assert!(m.calls.iter().any(|c| c.name == "refresh_token"));
    }

    #[test]
    fn response_origins_and_reads() {
        let src = r##"class Conn
  def fetch_tokens
    res = HTTParty.post(URL, body: { grant_type: "password" })
    data = JSON.parse(res.body)
    @token = data
    data["organizer_key"]
  end

  def key
    @token["organizer_key"]
  end

  def parsed
    r = HTTParty.post(URL, body: { grant_type: "password" })
    r.parsed_response["account_key"]
  end

  def summary
    fetch_tokens.fetch("email")
  end

  def other(params)
    params["organizer_key"]
  end
end

x = ENV["GOTO_SECRET"]
y = params[:organizer_key]
"##;
        let m = lower(src);
        let reads: Vec<&FieldRead> = m
            .field_reads
            .iter()
            .filter(|r| r.field == "organizer_key")
            .collect();
        assert_eq!(reads[0].origin, Origin::Response(0));
        assert_eq!(reads[0].kind, ReadKind::Subscript);
        assert_eq!(reads[1].receiver, "@token");
        assert_eq!(reads[1].origin, Origin::Response(0));
        assert_eq!(reads[2].origin, Origin::Param);
        assert_eq!(reads[3].origin, Origin::Input);
        assert_eq!(read(&m, "account_key").origin, Origin::Response(1));
        let email = read(&m, "email");
        assert_eq!(email.kind, ReadKind::Subscript);
        assert_eq!(email.origin, Origin::Response(0));
        assert_eq!(read(&m, "GOTO_SECRET").origin, Origin::Config);
    }

    #[test]
    fn guards_and_assignment_targets() {
        let src = r##"def refresh
  data = JSON.parse(Net::HTTP.post_form(URI(URL), grant_type: "refresh_token").body)
  @a = data["refresh_token"]
  @b = data["refresh_token"] || @b
  @c = data.fetch("refresh_token", @c)
  @d = data.fetch("refresh_token")
  @e = data.dig("refresh_token")
  self.f = data["refresh_token"] if data["refresh_token"]
  if data.key?("refresh_token")
    @g = data["refresh_token"]
  end
  account.update!(refresh_token: data["refresh_token"])
  update!(refresh_token: data["refresh_token"])
end
"##;
        let m = lower(src);
        let by = |t: &str| {
            m.field_reads
                .iter()
                .find(|r| r.field == "refresh_token" && r.assigned_to.as_deref() == Some(t))
                .unwrap_or_else(|| panic!("no read assigned to {t}"))
        };
        let a = by("@a");
        assert!(!a.guarded);
        assert_eq!(a.origin, Origin::Response(0));
        assert_eq!(a.kind, ReadKind::Subscript);
        let b = by("@b");
        assert!(b.guarded && b.fallback_is_target);
        let c = by("@c");
        assert!(c.guarded && c.kind == ReadKind::Get && c.fallback_is_target);
        let d = by("@d");
        assert!(!d.guarded && d.kind == ReadKind::Subscript);
        assert!(by("@e").guarded);
        assert!(by("self.f").guarded);
        assert!(by("@g").guarded);
        assert!(!by("account.update!(refresh_token: …)").guarded);
        assert!(!by("update!(refresh_token: …)").guarded);
    }

    #[test]
    fn rewrite_hints() {
        let src = r##"HTTParty.get(TOKEN_URL, query: { grant_type: "refresh_token" })
HTTParty.post(TOKEN_URL, body: { grant_type: "password" }.to_json)
conn = Faraday.new(url: "https://api.getgo.com")
conn.get("/oauth/token", grant_type: "refresh_token")
"##;
        let m = lower(src);
        let edits = |i: usize, k: RewriteKind| -> Vec<(String, String)> {
            m.http_requests[i]
                .rewrite_hints
                .iter()
                .filter(|h| h.kind == k)
                .flat_map(|h| h.edits.iter())
                .map(|(s, t)| (at(src, s).to_string(), t.clone()))
                .collect()
        };
        assert_eq!(
            edits(0, RewriteKind::ToPost),
            vec![
                ("get".to_string(), "post".to_string()),
                ("query".to_string(), "body".to_string())
            ]
        );
        assert_eq!(
            edits(1, RewriteKind::ToForm),
            vec![(".to_json".to_string(), String::new())]
        );
        assert_eq!(
            edits(2, RewriteKind::ToPost),
            vec![("get".to_string(), "post".to_string())]
        );
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
    fn client_credentials_move_to_basic() {
        let src = r##"client = OAuth2::Client.new(ID, SECRET, site: "https://authentication.logmeininc.com", token_url: "/oauth/token", auth_scheme: :request_body)
client.auth_code.get_token(code, redirect_uri: CALLBACK)
req = Net::HTTP::Post.new(uri)
req.set_form_data("grant_type" => "refresh_token", "client_id" => ID, "client_secret" => SECRET) # form
signed = Net::HTTP::Post.new(uri)
signed.set_form_data("grant_type" => "refresh_token", "client_id" => ID, "client_secret" => SECRET)
signed.basic_auth(ID, SECRET)
RestClient::Request.execute(method: :post, url: TOKEN_URL, payload: { grant_type: "client_credentials", client_id: ID, client_secret: SECRET })
RestClient::Request.execute(method: :post, url: TOKEN_URL, user: ID, payload: { client_id: ID, client_secret: SECRET })
"##;
        let m = lower(src);
        let g = &m.http_requests[0];
        assert!(!g.basic_auth);
        let id = g.body.iter().find(|e| e.key == "client_id").unwrap();
        assert_eq!(at(src, id.key_span.as_ref().unwrap()), "ID");
        assert_eq!(
            hint(src, &m, 0, RewriteKind::BasicAuth),
            vec![(":request_body".to_string(), ":basic_auth".to_string())]
        );
        assert_eq!(
            hint(src, &m, 1, RewriteKind::BasicAuth),
            vec![
                (
                    ", \"client_id\" => ID, \"client_secret\" => SECRET".to_string(),
                    String::new()
                ),
                (String::new(), "; req.basic_auth(ID, SECRET)".to_string()),
            ]
        );
        // Basic is sent already: nothing to draft
        assert!(hint(src, &m, 2, RewriteKind::BasicAuth).is_empty());
        assert_eq!(
            hint(src, &m, 3, RewriteKind::BasicAuth),
            vec![
                (
                    ", client_id: ID, client_secret: SECRET".to_string(),
                    String::new()
                ),
                (String::new(), ", user: ID, password: SECRET".to_string()),
            ]
        );
        // a user is given already
        assert!(hint(src, &m, 4, RewriteKind::BasicAuth).is_empty());
    }

    #[test]
    fn json_bodies_become_forms_with_their_label() {
        let src = r##"req = Net::HTTP::Post.new(uri)
req["Content-Type"] = "application/json"
req.body = { grant_type: "refresh_token", refresh_token: rt }.to_json
other = Net::HTTP::Post.new(uri)
other.content_type = JSON_TYPE
other.body = JSON.generate(grant_type: "refresh_token")
HTTParty.post(TOKEN_URL, body: { code: code }.to_json, headers: { "Content-Type" => "application/json" })
conn = Faraday.new(url: HOST) do |f|
  f.request :json
end
conn.post("/oauth/token", { grant_type: "refresh_token" })
shared = Faraday.new(url: HOST) do |f|
  f.request :json
end
shared.post("/oauth/token", { grant_type: "refresh_token" })
shared.post("/G2W/rest/v2/things", { name: "x" })
JSON_HEADERS = { "Content-Type" => "application/json" }
labelled = Net::HTTP::Post.new(uri, JSON_HEADERS)
labelled.body = { grant_type: "refresh_token" }.to_json
"##;
        let m = lower(src);
        assert_eq!(
            hint(src, &m, 0, RewriteKind::ToForm),
            vec![
                (String::new(), "URI.encode_www_form(".to_string()),
                (".to_json".to_string(), ")".to_string()),
                (
                    "\"application/json\"".to_string(),
                    "\"application/x-www-form-urlencoded\"".to_string()
                ),
            ]
        );
        // a content type held in a constant: no rewrite
        assert!(hint(src, &m, 1, RewriteKind::ToForm).is_empty());
        assert_eq!(
            hint(src, &m, 2, RewriteKind::ToForm),
            vec![
                (".to_json".to_string(), String::new()),
                (
                    "\"application/json\"".to_string(),
                    "\"application/x-www-form-urlencoded\"".to_string()
                ),
            ]
        );
        assert_eq!(
            hint(src, &m, 3, RewriteKind::ToForm),
            vec![(":json".to_string(), ":url_encoded".to_string())]
        );
        // the connection also sends other requests: its middleware stays
        assert!(hint(src, &m, 4, RewriteKind::ToForm).is_empty());
        // the label is a constant other requests may share: it stays, and
        // so does the body
        let labelled = m
            .http_requests
            .iter()
            .position(|r| at(src, &r.span).contains("JSON_HEADERS"))
            .unwrap();
        assert!(hint(src, &m, labelled, RewriteKind::ToForm).is_empty());
    }

    #[test]
    fn library_data_moves_httparty_credentials_and_queries() {
        use gotolint::lang::Language;
        let src = r##"HTTParty.post(TOKEN_URL, body: { grant_type: "authorization_code", code: code, client_id: ID, client_secret: SECRET })
HTTParty.post("#{TOKEN_URL}?grant_type=refresh_token&refresh_token=#{rt}", headers: { "Accept" => "application/json" })
HTTParty.post('#{TOKEN_URL}?grant_type=refresh_token&refresh_token=#{rt}')
HTTParty.post(TOKEN_URL, body: { client_id: ID, client_secret: SECRET }, basic_auth: { username: ID, password: SECRET })
"##;
        let m = gotolint::lang::lower(Language::Ruby, src);
        assert_eq!(
            hint(src, &m, 0, RewriteKind::BasicAuth),
            vec![
                (
                    ", client_id: ID, client_secret: SECRET".to_string(),
                    String::new()
                ),
                (
                    String::new(),
                    ", basic_auth: { username: ID, password: SECRET }".to_string()
                ),
            ]
        );
        assert_eq!(
            hint(src, &m, 1, RewriteKind::QueryToForm),
            vec![
                (
                    "?grant_type=refresh_token&refresh_token=#{rt}".to_string(),
                    String::new()
                ),
                (
                    String::new(),
                    ", body: \"grant_type=refresh_token&refresh_token=#{rt}\"".to_string()
                ),
            ]
        );
        // single quotes do not interpolate: moved into double quotes they would
        assert!(hint(src, &m, 2, RewriteKind::QueryToForm).is_empty());
        assert!(hint(src, &m, 3, RewriteKind::BasicAuth).is_empty());
    }

    #[test]
    fn comments_and_parse_errors() {
        let src = "# gotolint: ignore\nx = 1 # trailing\n";
        let m = lower(src);
        assert_eq!(m.comments.len(), 2);
        assert_eq!(at(src, &m.comments[1]), "# trailing");
        assert!(!m.parse_errors);
        assert!(lower("def f(\n  x = = 1\n").parse_errors);
    }

    #[test]
    fn every_literal_is_in_some_string() {
        let src = r##"BASE = "https://api.getgo.com"
D = { "k" => "#{BASE}/#{x['inner']}", "u" => URI.join("https://a.b/c/d", "/e") }
HTTParty.post(BASE + "/oauth", body: { "a" => "b" }).parsed_response["key"]
q = URI.encode_www_form("x" => "y")
"##;
        let m = lower(src);
        let mut i = 0;
        let mut literals = Vec::new();
        while let Some(q) = src[i..].find('"') {
            let s = i + q + 1;
            let Some(len) = src[s..].find('"') else { break };
            let e = s + len;
            if !src[s..e].contains('#') && !src[s..e].contains('{') {
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
        assert!(m.strings.iter().any(|v| v.text() == "inner"));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let open = format!("x = {}\n", "[".repeat(10_000));
        assert!(lower(&open).parse_errors);
        let closed = format!("x = {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        let _ = lower(&closed);
        let parens = format!("x = {}'a'{}\n", "(".repeat(5_000), " + 'b')".repeat(5_000));
        let _ = lower(&parens);
        let chain = format!("x = 'a'{}\n", " + 'b'".repeat(3_000));
        let m = lower(&chain);
        assert!(m.strings[0].text().starts_with("abbb"));
        let calls = format!("x = {}y{}\n", "f(".repeat(3_000), ")".repeat(3_000));
        let _ = lower(&calls);
        let interp = format!("x = {}{}\n", "\"#{".repeat(2_000), "}\"".repeat(2_000));
        let _ = lower(&interp);
        let exp: String = std::iter::once("A0 = 'x'\n".to_string())
            .chain((1..100).map(|i| format!("A{i} = A{} + A{}\n", i - 1, i - 1)))
            .collect();
        let _ = lower(&exp);
        let chain_calls = format!("x = a{}\n", ".b".repeat(10_000));
        let _ = lower(&chain_calls);
        let formats = format!(
            "x = {}'a'{}\n",
            "format('%s/', ".repeat(2_000),
            ")".repeat(2_000)
        );
        let _ = lower(&formats);
        let cyc = "q = URI.encode_www_form(a: q)\nh = { a: h.to_query }\nx = h.to_query\n";
        let _ = lower(cyc);
    }

    #[test]
    fn small_stacks_are_enough() {
        let src = format!(
            "x = {}'a'{}\nB = {}'b'{}\n",
            "format('%s/', ".repeat(500),
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

    #[test]
    fn garbage_does_not_panic() {
        let samples = [
            "",
            "\u{feff}x = 'é'\n",
            "\"#{",
            "<<~EOS\n",
            "x = <<-A + <<-B\na\nA\nb\nB\n",
            "x = \"\\",
            "HTTParty.post(",
            "class (:\n  def",
            "format()\nURI.join()\nURI.encode_www_form()\n[].join\n'%<' % {}\n'%{' % x",
            "\u{0}\u{1}\u{ffff}\"\\x\\u12\\u{110000}\\777\"",
            "Net::HTTP.start() { |http| http.post() }\nreq = Net::HTTP::Post.new\nreq.body = \nreq[] = 1",
            "OAuth2::Client.new(site:).password.get_token\nx.refresh!(1, 2)",
        ];
        for s in samples {
            let _ = lower(s);
        }
        let mut seed = 12345u64;
        let alphabet: Vec<char> = "()[]{}'\"\\#%<~ |:=.,+&@\n\t abcxyzdefend0123é$*"
            .chars()
            .collect();
        for _ in 0..30 {
            let mut s = String::new();
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
