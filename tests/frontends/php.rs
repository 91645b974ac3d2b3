//! Unit-level checks of the php front end's model.

mod tests {
    use crate::common::{at, keys, method_span, read, string_from, url};
    use gotolint::lang::php::lower;
    use gotolint::model::*;

    fn is_explicit(r: &HttpRequest) -> bool {
        matches!(r.method_source, MethodSource::Explicit { .. })
    }

    fn edits<'a>(src: &'a str, r: &HttpRequest, kind: RewriteKind) -> Vec<(&'a str, String)> {
        r.rewrite_hints
            .iter()
            .filter(|h| h.kind == kind)
            .flat_map(|h| h.edits.iter().map(|(s, t)| (at(src, s), t.clone())))
            .collect()
    }

    #[test]
    fn concatenation_and_constants() {
        let src = r#"<?php
define('G2W_BASE', 'https://api.getgo.com');
const OAUTH = G2W_BASE . '/oauth';
class Api extends Base {
    const TOKEN = OAUTH . '/v2/token';
    public function a() { return self::TOKEN . '?a=1'; }
    public function b() { return static::TOKEN . '?b=1'; }
}
$c = Api::TOKEN . '?c=1';
"#;
        let m = lower(src);
        assert!(!m.parse_errors);
        let v = string_from(&m, src, "self::TOKEN . '?a=1'");
        assert_eq!(v.text(), "https://api.getgo.com/oauth/v2/token?a=1");
        let host = v.text().find("api.getgo.com").unwrap();
        let sp = v.source_of(host..host + 13).unwrap();
        assert_eq!(at(src, &sp), "api.getgo.com");
        assert!(sp.end < src.find("const OAUTH").unwrap());
        assert_eq!(
            string_from(&m, src, "static::TOKEN . '?b=1'").text(),
            "https://api.getgo.com/oauth/v2/token?b=1"
        );
        assert_eq!(
            string_from(&m, src, "Api::TOKEN . '?c=1'").text(),
            "https://api.getgo.com/oauth/v2/token?c=1"
        );
        // definitions are emitted on their own too
        assert_eq!(
            string_from(&m, src, "'https://api.getgo.com'").text(),
            "https://api.getgo.com"
        );
        assert_eq!(string_from(&m, src, "'G2W_BASE'").text(), "G2W_BASE");
    }

    #[test]
    fn interpolation_heredoc_and_nowdoc() {
        let src = "<?php\nclass A {\n  private $base = 'https://api.getgo.com';\n  function f($v, $o) {\n    $a = \"{$this->base}/oauth/$v/token\";\n    $b = \"${v}x{$o->p}\";\n    $h = <<<EOT\n      {$this->base}/oauth/v2/authorize\n      EOT;\n    $n = <<<'NOW'\n    raw $v\n    NOW;\n  }\n}\n";
        let m = lower(src);
        let a = string_from(&m, src, "\"{$this->base}/oauth/$v/token\"");
        assert_eq!(a.display(), "https://api.getgo.com/oauth/{$v}/token");
        let t = a.text();
        let at_oauth = t.find("/oauth/").unwrap();
        assert_eq!(
            at(src, &a.source_of(at_oauth..at_oauth + 7).unwrap()),
            "/oauth/"
        );
        let b = m
            .strings
            .iter()
            .find(|s| s.display().contains("x{$o->p}"))
            .unwrap();
        assert_eq!(b.display(), "{${v}}x{$o->p}");
        let h = m
            .strings
            .iter()
            .find(|s| s.text().ends_with("/authorize"))
            .unwrap();
        // the closing marker's indentation is removed
        assert_eq!(h.text(), "https://api.getgo.com/oauth/v2/authorize");
        let i = h.text().find("/oauth").unwrap();
        assert_eq!(at(src, &h.source_of(i..i + 6).unwrap()), "/oauth");
        let n = m
            .strings
            .iter()
            .find(|s| s.text().starts_with("raw"))
            .unwrap();
        assert_eq!(n.text(), "raw $v");
        assert!(n.is_plain());
    }

    #[test]
    fn escapes_are_decoded_with_offset_table() {
        let src = "<?php\n$a = \"https:\\x2F/api.getgo.com/oauth/v2/token\\n\";\n$b = 'it\\'s';\n";
        let m = lower(src);
        let a = m
            .strings
            .iter()
            .find(|s| s.text().contains("getgo"))
            .unwrap();
        assert_eq!(a.text(), "https://api.getgo.com/oauth/v2/token\n");
        let slash = a.source_of(6..7).unwrap();
        assert_eq!(at(src, &slash), "\\x2F");
        let i = a.text().find("/token").unwrap();
        assert_eq!(at(src, &a.source_of(i..i + 6).unwrap()), "/token");
        let b = m
            .strings
            .iter()
            .find(|s| s.text().starts_with("it"))
            .unwrap();
        assert_eq!(b.text(), "it's");
    }

    #[test]
    fn sprintf_and_vsprintf() {
        let src = "<?php\ndefine('BASE', 'https://api.getgo.com');\n$a = sprintf('%s/oauth/%s?x=%d&p=%%', BASE, 'token', 5);\n$b = sprintf('%2$s/oauth/%1$s', 'authorize', BASE);\n$c = vsprintf('%s/oauth/%s', [BASE, $ver]);\n";
        let m = lower(src);
        assert_eq!(
            string_from(
                &m,
                src,
                "sprintf('%s/oauth/%s?x=%d&p=%%', BASE, 'token', 5)"
            )
            .text(),
            "https://api.getgo.com/oauth/token?x=5&p=%"
        );
        let b = string_from(&m, src, "sprintf('%2$s/oauth/%1$s', 'authorize', BASE)");
        assert_eq!(b.text(), "https://api.getgo.com/oauth/authorize");
        let i = b.text().find("/oauth/").unwrap();
        assert_eq!(at(src, &b.source_of(i..i + 7).unwrap()), "/oauth/");
        assert_eq!(
            string_from(&m, src, "vsprintf('%s/oauth/%s', [BASE, $ver])").display(),
            "https://api.getgo.com/oauth/{$ver}"
        );
    }

    #[test]
    fn http_build_query_and_add_query_arg() {
        let src = "<?php\n$q = 'https://api.getgo.com/oauth/v2/authorize?' . http_build_query(['client_id' => $id, 'response_type' => 'code']);\n$w = add_query_arg(array('grant_type' => 'password', 'user_id' => $u), 'https://api.getgo.com/oauth/access_token');\n$x = add_query_arg('state', $s, 'https://a.b/c?d=1');\n";
        let m = lower(src);
        let q = m
            .strings
            .iter()
            .find(|s| s.text().contains("authorize"))
            .unwrap();
        assert_eq!(
            q.display(),
            "https://api.getgo.com/oauth/v2/authorize?client_id={$id}&response_type=code"
        );
        let t = q.text();
        let k = t.find("response_type").unwrap();
        assert_eq!(at(src, &q.source_of(k..k + 13).unwrap()), "response_type");
        assert!(q.source_of(k + 13..k + 14).is_none(), "`=` is synthetic");
        let w = m
            .strings
            .iter()
            .find(|s| s.text().contains("access_token"))
            .unwrap();
        assert_eq!(
            w.display(),
            "https://api.getgo.com/oauth/access_token?grant_type=password&user_id={$u}"
        );
        let x = m.strings.iter().find(|s| s.text().contains("a.b")).unwrap();
        assert_eq!(x.display(), "https://a.b/c?d=1&state={$s}");
        // the array entries are there once each
        let e = m.entries.iter().find(|e| e.key == "user_id").unwrap();
        assert_eq!(at(src, e.key_span.as_ref().unwrap()), "user_id");
        assert_eq!(
            m.entries.iter().filter(|e| e.key == "grant_type").count(),
            1
        );
    }

    #[test]
    fn properties_and_concat_assignments() {
        let src = "<?php\nclass C {\n  private $host = 'https://api.getgo.com';\n  private $tokenUrl = null;\n  private $twice = 'a';\n  function __construct() { $this->tokenUrl = $this->host . '/oauth/v2/token'; $this->twice = 'b'; }\n  function f() {\n    $u = $this->host;\n    $u .= '/oauth';\n    $u .= '/access_token';\n    return [$this->tokenUrl . '?1', $u . '?2', $this->twice . '?3', self::$s . '?4'];\n  }\n  public static $s = 'https://s.example';\n}\n";
        let m = lower(src);
        assert_eq!(
            string_from(&m, src, "$this->tokenUrl . '?1'").text(),
            "https://api.getgo.com/oauth/v2/token?1"
        );
        assert_eq!(
            string_from(&m, src, "$u . '?2'").text(),
            "https://api.getgo.com/oauth/access_token?2"
        );
        assert_eq!(
            string_from(&m, src, "$this->twice . '?3'").display(),
            "{$this->twice}?3"
        );
        assert_eq!(
            string_from(&m, src, "self::$s . '?4'").text(),
            "https://s.example?4"
        );
    }

    #[test]
    fn entries_from_arrays_named_args_and_strings() {
        let src = "<?php\n$a = ['grant_type' => 'password', \"user_id\" => $u, 'n' => 1, 'body' => ['x' => 'y'], 'v'];\n$b = array('k' => 'v');\nf(grant_type: 'code');\n$s = 'grant_type=refresh_token&client_id=abc';\n['access_token' => $at] = $data;\n$store['k2'] = 'v2';\n";
        let m = lower(src);
        assert_eq!(
            keys(&m.entries),
            vec![
                "grant_type",
                "user_id",
                "n",
                "body",
                "x",
                "k",
                "grant_type",
                "grant_type",
                "client_id"
            ]
        );
        let g = &m.entries[0];
        assert_eq!(at(src, g.key_span.as_ref().unwrap()), "grant_type");
        assert_eq!(g.value.as_ref().unwrap().text(), "password");
        assert_eq!(at(src, &g.span), "'grant_type' => 'password'");
        assert_eq!(at(src, m.entries[1].key_span.as_ref().unwrap()), "user_id");
        assert!(m.entries[2].value.is_none());
        assert!(m.entries[3].value.is_none());
        let named = &m.entries[6];
        assert_eq!(at(src, named.key_span.as_ref().unwrap()), "grant_type");
        assert_eq!(named.value.as_ref().unwrap().text(), "code");
        let cid = &m.entries[8];
        assert_eq!(at(src, cid.key_span.as_ref().unwrap()), "client_id");
        assert_eq!(at(src, cid.value_span.as_ref().unwrap()), "abc");
    }

    #[test]
    fn wordpress_requests() {
        let src = r#"<?php
$r1 = wp_remote_post('https://api.getgo.com/oauth/v2/token', array(
    'headers' => array('Authorization' => 'Basic ' . base64_encode("$id:$secret"), 'Content-Type' => 'application/x-www-form-urlencoded'),
    'body' => array('grant_type' => 'authorization_code', 'code' => $code),
));
$r2 = wp_remote_get('https://api.getgo.com/oauth/access_token?grant_type=password');
$args = ['method' => 'POST', 'body' => wp_json_encode(['grant_type' => 'refresh_token'])];
$args['headers'] = ['Content-Type' => 'application/json'];
$r3 = wp_remote_request($url, $args);
$r4 = wp_safe_remote_request('https://a.b/c', ['body' => 'grant_type=password&user_id=x']);
"#;
        let m = lower(src);
        let r = &m.http_requests;
        assert_eq!(r.len(), 4);
        assert_eq!(r[0].library, "wordpress");
        assert_eq!(r[0].method, Some(Method::Post));
        assert_eq!(method_span(src, &r[0]), "wp_remote_post");
        assert!(is_explicit(&r[0]));
        assert_eq!(url(&r[0]), "https://api.getgo.com/oauth/v2/token");
        assert_eq!(r[0].body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&r[0].body), vec!["grant_type", "code"]);
        assert_eq!(
            at(src, r[0].body[0].key_span.as_ref().unwrap()),
            "grant_type"
        );
        assert_eq!(keys(&r[0].headers), vec!["Authorization", "Content-Type"]);
        assert!(r[0].basic_auth);
        assert!(at(src, r[0].body_span.as_ref().unwrap()).starts_with("array('grant_type'"));

        assert_eq!(r[1].method, Some(Method::Get));
        assert_eq!(method_span(src, &r[1]), "wp_remote_get");
        // parameters in the URL: switching the method alone would not help
        assert!(r[1].rewrite_hints.is_empty());
        let src2 = "<?php\nwp_remote_get($token_url, ['headers' => []]);\n";
        let m2 = lower(src2);
        assert_eq!(
            edits(src2, &m2.http_requests[0], RewriteKind::ToPost),
            vec![("get", "post".to_string())]
        );

        assert_eq!(r[2].method, Some(Method::Post));
        assert_eq!(method_span(src, &r[2]), "POST");
        assert_eq!(r[2].body_kind, Some(BodyKind::Json));
        assert_eq!(keys(&r[2].body), vec!["grant_type"]);
        assert_eq!(keys(&r[2].headers), vec!["Content-Type"]);
        assert_eq!(
            edits(src, &r[2], RewriteKind::ToForm),
            vec![("wp_json_encode", "http_build_query".to_string())]
        );

        assert_eq!(r[3].method, Some(Method::Get));
        assert!(matches!(r[3].method_source, MethodSource::Default { .. }));
        assert_eq!(method_span(src, &r[3]), "wp_safe_remote_request");
        assert_eq!(r[3].body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&r[3].body), vec!["grant_type", "user_id"]);
        assert_eq!(at(src, r[3].body[1].key_span.as_ref().unwrap()), "user_id");
    }

    #[test]
    fn guzzle_clients() {
        let src = r#"<?php
use GuzzleHttp\Client;
class S {
    private $client;
    public function __construct() { $this->client = new Client(['base_uri' => 'https://api.getgo.com/oauth/v2/', 'headers' => ['Accept' => 'application/json']]); }
    public function a($code) {
        return $this->client->post('token', ['json' => ['grant_type' => 'authorization_code', 'code' => $code], 'auth' => [$id, $secret]]);
    }
    public function b() {
        $c = new \GuzzleHttp\Client();
        $c->request('POST', 'https://api.getgo.com/oauth/v2/token', ['form_params' => ['grant_type' => 'refresh_token']]);
        $c->get('https://api.getgo.com/oauth/access_token', ['query' => ['grant_type' => 'password']]);
        $c->postAsync('/x', ['body' => 'a=b']);
    }
    public function c(Client $http) { return $http->get('/oauth/token'); }
}
"#;
        let m = lower(src);
        let r = &m.http_requests;
        assert_eq!(r.len(), 5);
        assert!(r.iter().all(|x| x.library == "guzzle"));
        assert_eq!(url(&r[0]), "https://api.getgo.com/oauth/v2/token");
        assert_eq!(method_span(src, &r[0]), "post");
        assert_eq!(r[0].body_kind, Some(BodyKind::Json));
        assert_eq!(keys(&r[0].body), vec!["grant_type", "code"]);
        assert_eq!(keys(&r[0].headers), vec!["Accept"]);
        assert!(r[0].basic_auth);
        assert_eq!(
            edits(src, &r[0], RewriteKind::ToForm),
            vec![("json", "form_params".to_string())]
        );
        assert_eq!(r[1].method, Some(Method::Post));
        assert_eq!(method_span(src, &r[1]), "POST");
        assert_eq!(r[1].body_kind, Some(BodyKind::Form));
        assert_eq!(r[2].method, Some(Method::Get));
        assert_eq!(keys(&r[2].query), vec!["grant_type"]);
        assert_eq!(
            edits(src, &r[2], RewriteKind::ToPost),
            vec![
                ("get", "post".to_string()),
                ("query", "form_params".to_string())
            ]
        );
        assert_eq!(r[3].method, Some(Method::Post));
        assert_eq!(r[3].body_kind, Some(BodyKind::Form));
        assert_eq!(url(&r[4]), "/oauth/token");
    }

    #[test]
    fn psr7_requests_sent_by_a_client() {
        let src = r#"<?php
use GuzzleHttp\Psr7\Request;
$req = new Request('POST', 'https://api.getgo.com/oauth/v2/token', ['Content-Type' => 'application/x-www-form-urlencoded'], http_build_query(['grant_type' => 'refresh_token']));
$res = $client->send($req);
$t = json_decode((string) $res->getBody(), true)['refresh_token'];
"#;
        let m = lower(src);
        let r = &m.http_requests[0];
        assert_eq!(r.method, Some(Method::Post));
        assert_eq!(method_span(src, r), "POST");
        assert_eq!(url(r), "https://api.getgo.com/oauth/v2/token");
        assert_eq!(r.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&r.body), vec!["grant_type"]);
        assert_eq!(read(&m, "refresh_token").origin, Origin::Response(0));
    }

    #[test]
    fn curl_handles() {
        let src = r#"<?php
function a($data) {
    $ch = curl_init();
    curl_setopt($ch, CURLOPT_URL, 'https://api.getgo.com/oauth/v2/token');
    curl_setopt($ch, CURLOPT_POST, 1);
    curl_setopt($ch, CURLOPT_POSTFIELDS, http_build_query(['grant_type' => 'password', 'user_id' => $u]));
    curl_setopt($ch, CURLOPT_HTTPHEADER, ['Content-Type: application/json', 'Authorization: Basic ' . $b]);
    $raw = curl_exec($ch);
    return json_decode($raw, true);
}
function b() {
    $ch = curl_init('https://api.getgo.com/oauth/access_token?grant_type=password');
    curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_USERPWD => "$id:$secret"]);
    return curl_exec($ch);
}
function c($d) {
    $h = array();
    $h[] = 'Content-Type: application/json';
    $ch = curl_init('https://x.example/t');
    curl_setopt($ch, CURLOPT_HTTPHEADER, $h);
    curl_setopt($ch, CURLOPT_CUSTOMREQUEST, 'GET');
    curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode($d));
    curl_exec($ch);
    $ch = curl_init('https://y.example/t');
    curl_setopt($ch, CURLOPT_POSTFIELDS, ['a' => 'b']);
    curl_exec($ch);
}
"#;
        let m = lower(src);
        let r = &m.http_requests;
        assert_eq!(r.len(), 4);
        assert_eq!(r[0].library, "curl");
        assert_eq!(url(&r[0]), "https://api.getgo.com/oauth/v2/token");
        assert_eq!(r[0].method, Some(Method::Post));
        assert_eq!(method_span(src, &r[0]), "1");
        assert!(at(src, &r[0].span).starts_with("curl_init()"));
        assert!(at(src, &r[0].span).ends_with("curl_exec($ch)"));
        assert_eq!(r[0].body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&r[0].body), vec!["grant_type", "user_id"]);
        assert_eq!(keys(&r[0].headers), vec!["Content-Type", "Authorization"]);
        let ct = &r[0].headers[0];
        assert_eq!(at(src, ct.key_span.as_ref().unwrap()), "Content-Type");
        assert_eq!(at(src, ct.value_span.as_ref().unwrap()), "application/json");
        assert!(r[0].basic_auth);

        assert_eq!(r[1].method, Some(Method::Get));
        assert!(matches!(r[1].method_source, MethodSource::Default { .. }));
        assert_eq!(method_span(src, &r[1]), "curl_init");
        assert!(r[1].basic_auth);

        assert_eq!(r[2].method, Some(Method::Get));
        assert_eq!(method_span(src, &r[2]), "GET");
        assert_eq!(keys(&r[2].headers), vec!["Content-Type"]);
        assert_eq!(r[2].body_kind, Some(BodyKind::Json));
        assert_eq!(
            edits(src, &r[2], RewriteKind::ToPost),
            vec![("GET", "POST".to_string())]
        );
        assert_eq!(
            edits(src, &r[2], RewriteKind::ToForm),
            vec![("json_encode", "http_build_query".to_string())]
        );
        assert_eq!(r[3].method, Some(Method::Post));
        assert_eq!(method_span(src, &r[3]), "CURLOPT_POSTFIELDS");
        assert_eq!(r[3].body_kind, Some(BodyKind::Form));
        assert_eq!(url(&r[3]), "https://y.example/t");
    }

    #[test]
    fn laravel_http_facade() {
        let src = r#"<?php
use Illuminate\Support\Facades\Http;
$a = Http::withBasicAuth($id, $secret)->asForm()->post('https://api.getgo.com/oauth/v2/token', ['grant_type' => 'authorization_code']);
$b = Http::post('https://api.getgo.com/oauth/v2/token', ['grant_type' => 'refresh_token']);
$c = Http::withHeaders(['Content-Type' => 'application/json'])->get('https://api.getgo.com/oauth/access_token', ['grant_type' => 'password']);
$p = Http::withToken($t)->baseUrl('https://api.getgo.com/G2W/rest/v2');
$d = $p->get('/organizers');
"#;
        let m = lower(src);
        let r = &m.http_requests;
        assert_eq!(r.len(), 4);
        assert!(r.iter().all(|x| x.library == "laravel"));
        assert_eq!(r[0].body_kind, Some(BodyKind::Form));
        assert!(r[0].basic_auth);
        assert_eq!(method_span(src, &r[0]), "post");
        assert!(at(src, &r[0].span).starts_with("Http::withBasicAuth"));
        assert!(r[0].rewrite_hints.is_empty());
        assert_eq!(r[1].body_kind, Some(BodyKind::Json));
        assert_eq!(keys(&r[1].body), vec!["grant_type"]);
        assert_eq!(
            edits(src, &r[1], RewriteKind::ToForm),
            vec![("", "asForm()->".to_string())]
        );
        assert_eq!(r[2].method, Some(Method::Get));
        assert_eq!(keys(&r[2].query), vec!["grant_type"]);
        assert_eq!(keys(&r[2].headers), vec!["Content-Type"]);
        assert_eq!(
            edits(src, &r[2], RewriteKind::ToPost),
            vec![("get", "asForm()->post".to_string())]
        );
        assert_eq!(url(&r[3]), "https://api.getgo.com/organizers");
    }

    #[test]
    fn file_get_contents_with_a_stream_context() {
        let src = r#"<?php
$ctx = stream_context_create(['http' => ['method' => 'POST', 'header' => "Content-Type: application/x-www-form-urlencoded\r\nAuthorization: Basic $b\r\n", 'content' => http_build_query(['grant_type' => 'password'])]]);
$t = json_decode(file_get_contents('https://api.getgo.com/oauth/v2/token', false, $ctx), true);
$g = file_get_contents('https://api.getgo.com/oauth/access_token?grant_type=password');
$in = json_decode(file_get_contents('php://input'), true);
$cfg = file_get_contents(__DIR__ . '/config.json');
"#;
        let m = lower(src);
        let r = &m.http_requests;
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].method, Some(Method::Post));
        assert_eq!(method_span(src, &r[0]), "POST");
        assert_eq!(r[0].body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&r[0].body), vec!["grant_type"]);
        assert_eq!(keys(&r[0].headers), vec!["Content-Type", "Authorization"]);
        assert!(r[0].basic_auth);
        assert_eq!(r[1].method, Some(Method::Get));
        assert_eq!(method_span(src, &r[1]), "file_get_contents");
        assert!(matches!(r[1].method_source, MethodSource::Default { .. }));
        let src2 = "<?php\n$in = json_decode(file_get_contents('php://input'), true);\n$x = $in['code'];\n";
        let m2 = lower(src2);
        assert_eq!(read(&m2, "code").origin, Origin::Input);
    }

    #[test]
    fn response_origins() {
        let src = r#"<?php
use GuzzleHttp\Client;
use Illuminate\Support\Facades\Http;
function wp() {
    $res = wp_remote_post('https://api.getgo.com/oauth/v2/token', ['body' => []]);
    $obj = json_decode(wp_remote_retrieve_body($res));
    $arr = json_decode(wp_remote_retrieve_body($res), true);
    return [$obj->organizer_key, $arr['account_key']];
}
function guzzle(Client $c) {
    $r = $c->post('https://api.getgo.com/oauth/v2/token');
    $a = json_decode($r->getBody(), true)['email'];
    $b = json_decode((string) $r->getBody())->firstName;
    $d = json_decode($r->getBody()->getContents(), true);
    return $d['lastName'];
}
function laravel() {
    $res = Http::asForm()->post('https://api.getgo.com/oauth/v2/token', []);
    $x = $res->json()['version'];
    $y = $res->json('platform');
    return $res['account_type'];
}
function curl() {
    $ch = curl_init('https://api.getgo.com/oauth/v2/token');
    $raw = curl_exec($ch);
    $data = json_decode($raw, true);
    return $data['refresh_token'];
}
"#;
        let m = lower(src);
        assert_eq!(m.http_requests.len(), 4);
        for (f, i) in [
            ("organizer_key", 0),
            ("account_key", 0),
            ("email", 1),
            ("firstName", 1),
            ("lastName", 1),
            ("version", 2),
            ("platform", 2),
            ("account_type", 2),
            ("refresh_token", 3),
        ] {
            assert_eq!(read(&m, f).origin, Origin::Response(i), "{f}");
        }
        assert_eq!(read(&m, "organizer_key").kind, ReadKind::Member);
        assert_eq!(read(&m, "account_key").kind, ReadKind::Subscript);
        assert_eq!(read(&m, "platform").kind, ReadKind::Get);
        assert_eq!(read(&m, "account_type").receiver, "$res");
    }

    #[test]
    fn storage_and_summaries() {
        let src = r#"<?php
class Api {
    private $token;
    private function fetch() {
        $r = wp_remote_post('https://api.getgo.com/oauth/v2/token', []);
        return json_decode(wp_remote_retrieve_body($r), true);
    }
    public function connect() {
        $data = $this->fetch();
        update_option('g2w_token', $data);
        set_transient('g2w_t', $data, 3600);
        $this->token = $data;
        $_SESSION['g2w'] = $data;
        Cache::put('g2w.cache', $data);
    }
    public function a() { return $this->token['organizer_key']; }
    public function b() { $t = get_option('g2w_token'); return $t['account_key']; }
    public function c() { return get_transient('g2w_t')['email']; }
    public function d() { return $_SESSION['g2w']['firstName']; }
    public function e() { return Cache::get('g2w.cache')['lastName']; }
    public function f() { return get_option('other_key')['version']; }
    public function g($p) { return [$p['platform'], $_POST['code'], getenv('X')['y'], $this->token->account_type]; }
}
"#;
        let m = lower(src);
        for f in [
            "organizer_key",
            "account_key",
            "email",
            "firstName",
            "lastName",
            "account_type",
        ] {
            assert_eq!(read(&m, f).origin, Origin::Response(0), "{f}");
        }
        assert_eq!(read(&m, "version").origin, Origin::Config);
        assert_eq!(read(&m, "platform").origin, Origin::Param);
        assert_eq!(read(&m, "code").origin, Origin::Input);
        assert_eq!(read(&m, "y").origin, Origin::Config);
        assert_eq!(read(&m, "organizer_key").receiver, "$this->token");
    }

    #[test]
    fn arrays_filled_by_writes() {
        let src = r#"<?php
function save() {
    $r = wp_remote_post('https://api.getgo.com/oauth/v2/token', ['body' => []]);
    $json = json_decode($r['body'], true);
    $info = array();
    $info['organizer_key'] = $json['organizer_key'];
    update_option('g2w_settings', $info);
}
function key() {
    $s = get_option('g2w_settings');
    return $s['account_key'];
}
function headers() {
    $h = array();
    $h[] = 'Content-Type: application/json';
    $h[] = 'Accept: application/json';
    return wp_remote_post('https://a.example/x', ['headers' => $h, 'body' => '{}']);
}
"#;
        let m = lower(src);
        assert_eq!(read(&m, "account_key").origin, Origin::Response(0));
        let r = &m.http_requests[1];
        assert_eq!(keys(&r.headers), vec!["Content-Type", "Accept"]);
        assert_eq!(r.body_kind, Some(BodyKind::Json));
    }

    #[test]
    fn guards_and_assignment_targets() {
        let src = r#"<?php
class T {
    function r() {
        $d = json_decode(wp_remote_retrieve_body(wp_remote_post('https://api.getgo.com/oauth/v2/token', [])), true);
        $this->refresh_token = $d['refresh_token'];
        $this->rt2 = $d['rt2'] ?? $this->rt2;
        $this->rt3 = isset($d['rt3']) ? $d['rt3'] : $this->rt3;
        if (!empty($d['rt4'])) { $x = $d['rt4']; }
        if (array_key_exists('rt5', $d)) { $y = $d['rt5']; }
        $z = isset($d['rt6']) && $d['rt6'];
        update_option('g2w_rt7', $d['rt7'] ?? get_option('g2w_rt7'));
        $o = json_decode('{}');
        if (isset($o->rt8)) { $w = $o->rt8; }
        $v = $d['rt9'] ?: 'none';
    }
}
"#;
        let m = lower(src);
        let r = read(&m, "refresh_token");
        assert!(!r.guarded);
        assert_eq!(r.assigned_to.as_deref(), Some("$this->refresh_token"));
        assert!(!r.fallback_is_target);
        let r2 = read(&m, "rt2");
        assert!(r2.guarded && r2.fallback_is_target);
        assert_eq!(r2.assigned_to.as_deref(), Some("$this->rt2"));
        // isset() is a presence test: a read of its own kind, beside the value read
        let r3: Vec<&FieldRead> = m
            .field_reads
            .iter()
            .filter(|r| r.field == "rt3" && r.kind != ReadKind::Presence)
            .collect();
        assert_eq!(r3.len(), 1);
        assert!(r3[0].guarded && r3[0].fallback_is_target);
        assert_eq!(
            m.field_reads
                .iter()
                .filter(|r| r.field == "rt3" && r.kind == ReadKind::Presence)
                .count(),
            1
        );
        for f in ["rt4", "rt5", "rt6", "rt8", "rt9"] {
            assert!(
                m.field_reads
                    .iter()
                    .filter(|r| r.field == f && r.kind != ReadKind::Presence)
                    .all(|r| r.guarded),
                "{f}"
            );
        }
        let r7 = read(&m, "rt7");
        assert!(r7.guarded && r7.fallback_is_target);
        assert_eq!(r7.assigned_to.as_deref(), Some("update_option('g2w_rt7')"));
        // writes are not reads
        let src2 = "<?php\n$d['a'] = 1;\n$d['b']['c'] = 2;\n$o->e = 3;\nunset($d['f']);\n";
        assert!(lower(src2).field_reads.is_empty());
    }

    #[test]
    fn destructuring_reads() {
        let src = "<?php\n$r = wp_remote_post('https://api.getgo.com/oauth/v2/token');\n$d = json_decode(wp_remote_retrieve_body($r), true);\n['access_token' => $at, 'organizer_key' => $ok] = $d;\n";
        let m = lower(src);
        let r = read(&m, "organizer_key");
        assert_eq!(r.kind, ReadKind::Destructure);
        assert_eq!(r.origin, Origin::Response(0));
        assert_eq!(at(src, &r.span), "organizer_key");
        assert_eq!(r.assigned_to.as_deref(), Some("$ok"));
    }

    #[test]
    fn calls_and_token_calls() {
        let src = r#"<?php
$provider = new \League\OAuth2\Client\Provider\GenericProvider(['clientId' => 'x']);
$token = $provider->getAccessToken('authorization_code', ['code' => $_GET['code']]);
$v = $token->getValues()['organizer_key'];
$n = Http::withToken($t)->timeout(5);
strtolower('A');
\GuzzleHttp\json_decode('{}');
"#;
        let m = lower(src);
        let c = m.calls.iter().find(|c| c.name == "getAccessToken").unwrap();
        assert_eq!(c.callee, "provider.getAccessToken");
        assert_eq!(at(src, &c.name_span), "getAccessToken");
        assert_eq!(c.args[0].as_ref().unwrap().text(), "authorization_code");
        assert!(c.args[1].is_none());
        let i = m
            .calls
            .iter()
            .position(|c| c.name == "getAccessToken")
            .unwrap();
        assert_eq!(read(&m, "organizer_key").origin, Origin::TokenCall(i));
        assert!(m.calls.iter().any(|c| c.callee == "Http.withToken.timeout"));
        assert!(m.calls.iter().any(|c| c.callee == "strtolower"));
        let q = m.calls.iter().find(|c| c.name == "json_decode").unwrap();
        assert_eq!(q.callee, "GuzzleHttp.json_decode");
        assert_eq!(at(src, &q.name_span), "json_decode");
    }

    #[test]
    fn comments_html_and_parse_errors() {
        let src = "<html><a href=\"https://api.getgo.com/oauth/authorize?client_id=x\">go</a>\n<?php\n// one\n# two\n/* three */\n$x = 1; ?>\n";
        let m = lower(src);
        assert_eq!(m.comments.len(), 3);
        assert_eq!(at(src, &m.comments[2]), "/* three */");
        assert!(m.strings.iter().any(|s| s
            .text()
            .contains("https://api.getgo.com/oauth/authorize?client_id=x")));
        assert!(!m.parse_errors);
        assert!(lower("<?php\nfunction f( { $x = ;\n").parse_errors);
    }

    #[test]
    fn every_literal_is_in_some_string() {
        let src = r#"<?php
define("BASE", "https://api.getgo.com");
$d = ["k" => "{$x['inner']}", "u" => sprintf("%s/x", "unused", "extra")];
wp_remote_post(BASE . "/oauth", ["body" => ["a" => "b"]]);
$q = http_build_query(["c" => "d"]) . "tail";
echo rtrim("abc/", "/");
"#;
        let m = lower(src);
        let mut i = 0;
        let mut literals = Vec::new();
        while let Some(q) = src[i..].find('"') {
            let s = i + q + 1;
            let e = s + src[s..].find('"').unwrap();
            if !src[s..e].contains('{') {
                literals.push(s..e);
            }
            i = e + 1;
        }
        for lit in literals {
            if lit.is_empty() {
                continue;
            }
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
        let open = format!("<?php\n$x = {};\n", "[".repeat(10_000));
        assert!(lower(&open).parse_errors);
        let closed = format!(
            "<?php\n$x = {}{};\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        );
        let _ = lower(&closed);
        let parens = format!(
            "<?php\n$x = {}'a'{};\n",
            "(".repeat(10_000),
            " . 'b')".repeat(10_000)
        );
        let _ = lower(&parens);
        let chain = format!("<?php\n$x = 'a'{};\n", " . 'b'".repeat(5_000));
        let m = lower(&chain);
        assert!(m.strings[0].text().starts_with("abbb"));
        let calls = format!(
            "<?php\n$x = {}$y{};\n",
            "f(".repeat(5_000),
            ")".repeat(5_000)
        );
        let _ = lower(&calls);
        let deep_parens = format!(
            "<?php\n$x = 'a' . {}$y{};\n",
            "(".repeat(10_000),
            ")".repeat(10_000)
        );
        let _ = lower(&deep_parens);
        let members = format!("<?php\n$x = $a{};\n", "->b".repeat(10_000));
        let _ = lower(&members);
        let subs = format!("<?php\n$x = $a{};\n", "['k']".repeat(10_000));
        let _ = lower(&subs);
        let exp: String = std::iter::once("<?php\ndefine('A0', 'x');\n".to_string())
            .chain((1..100).map(|i| format!("define('A{i}', A{} . A{});\n", i - 1, i - 1)))
            .collect();
        let _ = lower(&exp);
        let vars: String = std::iter::once("<?php\n$a0 = 'x';\n".to_string())
            .chain((1..200).map(|i| format!("$a{i} = $a{} . $a{};\n", i - 1, i - 1)))
            .collect();
        let _ = lower(&vars);
    }

    #[test]
    fn garbage_does_not_panic() {
        let samples = [
            "",
            "<?php",
            "\u{feff}<?php $x = 'é';",
            "<?php $x = \"\\",
            "<?php $x = <<<EOT\n",
            "<?php $x = <<<'A'\nb\n",
            "<?php wp_remote_post(",
            "<?php curl_setopt($ch, CURLOPT_URL",
            "<?php sprintf('%', ); sprintf('%5$s'); vsprintf('%s', $x); add_query_arg(); http_build_query();",
            "<?php Http::post()->get()->json(); $c->request(); new Client(",
            "<?php \"\\u{110000}\\u{\\x\\0\\777\"; '\\",
            "<?php class { const = ; function ( {",
            "<?php [$a, [$b, 'k' => $c]] = $d; list(, $e) = $f;",
            "<?php $a .= ; $b ??= $c; $$d = 1; ${'e'} = 2;",
        ];
        for s in samples {
            let _ = lower(s);
        }
        let mut seed = 12345u64;
        let alphabet: Vec<char> = "()[]{}'\"\\$-><=.,;:?%&!@ \n\tabcxyz0123é#/*"
            .chars()
            .collect();
        for _ in 0..30 {
            let mut s = String::from("<?php ");
            for _ in 0..2_000 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            let _ = lower(&s);
        }
    }
}
