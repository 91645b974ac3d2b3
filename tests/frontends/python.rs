//! Unit-level checks of the python front end's model.

mod tests {
    use crate::common::{at, keys, method_span, read, string_from, url};
    use gotolint::lang::python::lower;
    use gotolint::model::*;

    #[test]
    fn concatenation_and_module_constants() {
        let src = "BASE = \"https://api.getgo.com\"\nTOKEN = BASE + \"/oauth/v2/token\"\n";
        let m = lower(src);
        let v = string_from(&m, src, "BASE + \"/oauth/v2/token\"");
        assert_eq!(v.text(), "https://api.getgo.com/oauth/v2/token");
        // substituted pieces keep the definition's span
        let host = v.text().find("api.getgo.com").unwrap();
        let sp = v.source_of(host..host + 13).unwrap();
        assert_eq!(at(src, &sp), "api.getgo.com");
        assert!(sp.end < src.find("TOKEN").unwrap());
        // the definition is emitted on its own too
        assert_eq!(
            string_from(&m, src, "\"https://api.getgo.com\"").text(),
            "https://api.getgo.com"
        );
        assert!(!m.parse_errors);
    }

    #[test]
    fn implicit_concatenation_prefixes_and_triple_quotes() {
        let src = "U = (\"https://api.getgo.com\"\n     r'/oauth\\d' b\"/v2\" u'/x' rb\"/y\" '''/z''' \"\"\"/w\"\"\")\n";
        let m = lower(src);
        let v = m
            .strings
            .iter()
            .find(|s| s.text().starts_with("https"))
            .unwrap();
        assert_eq!(v.text(), "https://api.getgo.com/oauth\\d/v2/x/y/z/w");
        assert_eq!(m.strings.len(), 1);
    }

    #[test]
    fn fstrings_keep_literal_spans_and_make_holes() {
        let src = "BASE = 'https://api.getgo.com'\ndef f(version):\n    return f\"{BASE}/oauth/{version}/token{{x}}\"\n";
        let m = lower(src);
        let v = m
            .strings
            .iter()
            .find(|s| s.text().contains("/token"))
            .unwrap();
        assert_eq!(
            v.display(),
            "https://api.getgo.com/oauth/{version}/token{x}"
        );
        let t = v.text();
        let i = t.find("/oauth/").unwrap();
        assert_eq!(at(src, &v.source_of(i..i + 7).unwrap()), "/oauth/");
        assert!(v.has_holes());
        let hole = v
            .pieces
            .iter()
            .find(|p| matches!(p, Piece::Hole { .. }))
            .unwrap();
        if let Piece::Hole { src: s, name } = hole {
            assert_eq!(name, "version");
            assert_eq!(at(src, s), "version");
        }
    }

    #[test]
    fn escapes_are_decoded_with_offset_table() {
        let src = "U = \"https:\\x2F\\x2Fapi.getgo.com\\u002Foauth\\n\"\n";
        let m = lower(src);
        let v = &m.strings[0];
        assert_eq!(v.text(), "https://api.getgo.com/oauth\n");
        let i = v.text().find("api").unwrap();
        assert_eq!(at(src, &v.source_of(i..i + 3).unwrap()), "api");
        let slash = v.text().find("/oauth").unwrap();
        assert_eq!(at(src, &v.source_of(slash..slash + 1).unwrap()), "\\u002F");
    }

    #[test]
    fn percent_and_format_methods() {
        let src = r#"BASE = "https://api.getgo.com"
A = "%s/oauth/v2/token" % BASE
B = "{}/oauth/v2/token".format(BASE)
C = "{base}/oauth/{v}/token".format(base=BASE, v="v2")
D = "%(b)s/oauth/authorize?x=%d" % {"b": BASE, "n": 1}
E = "{0}/a/{0}".format(BASE)
"#;
        let m = lower(src);
        let get = |pre: &str| {
            m.strings
                .iter()
                .find(|s| at(src, &s.span).starts_with(pre))
                .unwrap()
                .display()
        };
        assert_eq!(get("\"%s"), "https://api.getgo.com/oauth/v2/token");
        assert_eq!(get("\"{}"), "https://api.getgo.com/oauth/v2/token");
        assert_eq!(get("\"{base}"), "https://api.getgo.com/oauth/v2/token");
        assert!(get("\"%(b)s").starts_with("https://api.getgo.com/oauth/authorize?x="));
        assert_eq!(
            get("\"{0}"),
            "https://api.getgo.com/a/https://api.getgo.com"
        );
    }

    #[test]
    fn class_attributes_and_self_attributes() {
        let src = r#"class Api:
    TOKEN_URL = "https://api.getgo.com/oauth/v2/token"
    def __init__(self):
        self.base = "https://api.getgo.com"
        self.twice = "a"
    def a(self):
        self.twice = "b"
        return self.TOKEN_URL + "?m=self"
    @classmethod
    def b(cls):
        return cls.TOKEN_URL + "?m=cls"
    def c(self):
        return Api.TOKEN_URL + "?m=class"
    def d(self):
        return self.base + "/G2W" + self.twice
"#;
        let m = lower(src);
        for suffix in ["self", "cls", "class"] {
            let want = format!("https://api.getgo.com/oauth/v2/token?m={suffix}");
            assert!(m.strings.iter().any(|s| s.text() == want), "{want}");
        }
        let d = m
            .strings
            .iter()
            .find(|s| s.display().contains("/G2W"))
            .unwrap();
        assert_eq!(d.display(), "https://api.getgo.com/G2W{self.twice}");
    }

    #[test]
    fn dict_constants_read_by_key() {
        let src = r#"BASE = "https://api.getgo.com"
URLS = {"token": BASE + "/oauth/v2/token", "nested": {"auth": "/oauth/v2/authorize"}}
import requests
requests.post(URLS["token"])
requests.get(BASE + URLS["nested"]["auth"])
"#;
        let m = lower(src);
        assert_eq!(
            url(&m.http_requests[0]),
            "https://api.getgo.com/oauth/v2/token"
        );
        assert_eq!(
            url(&m.http_requests[1]),
            "https://api.getgo.com/oauth/v2/authorize"
        );
    }

    #[test]
    fn urljoin_forms() {
        let src = r#"import urllib.parse
from urllib import parse
from urllib.parse import urljoin
BASE = "https://api.getgo.com/G2W/rest/"
A = urljoin(BASE, "/oauth/v2/token")
B = urllib.parse.urljoin(BASE, "organizers")
C = parse.urljoin("https://api.getgo.com", "oauth/access_token")
"#;
        let m = lower(src);
        let a = string_from(&m, src, "urljoin(BASE, \"/oauth/v2/token\")");
        assert_eq!(a.text(), "https://api.getgo.com/oauth/v2/token");
        let b = string_from(&m, src, "urllib.parse.urljoin(BASE, \"organizers\")");
        assert_eq!(b.text(), "https://api.getgo.com/G2W/rest/organizers");
        let c = m
            .strings
            .iter()
            .find(|s| at(src, &s.span).starts_with("parse.urljoin"))
            .unwrap();
        assert_eq!(c.text(), "https://api.getgo.com/oauth/access_token");
    }

    #[test]
    fn urlencode_pieces_and_entries() {
        let src = r#"from urllib.parse import urlencode
import urllib.parse
U = "https://api.getgo.com/oauth/v2/token?" + urlencode({"grant_type": "password", "user_id": USER})
V = urllib.parse.urlencode([("grant_type", "refresh_token")])
"#;
        let m = lower(src);
        let u = m
            .strings
            .iter()
            .find(|s| s.text().contains("grant_type=password"))
            .unwrap();
        assert_eq!(
            u.display(),
            "https://api.getgo.com/oauth/v2/token?grant_type=password&user_id={USER}"
        );
        let i = u.text().find("grant_type").unwrap();
        assert_eq!(at(src, &u.source_of(i..i + 10).unwrap()), "grant_type");
        assert!(u
            .pieces
            .iter()
            .any(|p| matches!(p, Piece::Lit { text, src: None, .. } if text == "=")));
        assert!(m.entries.iter().any(|e| e.key == "user_id"));
        let v = m
            .strings
            .iter()
            .find(|s| s.text() == "grant_type=refresh_token")
            .unwrap();
        assert_eq!(
            at(src, &v.span),
            "urllib.parse.urlencode([(\"grant_type\", \"refresh_token\")])"
        );
    }

    #[test]
    fn composites_are_maximal() {
        let src = "A = \"%s/%s\" % (\"https://api.getgo.com\", \"oauth\")\nB = \"/\".join([\"x\", \"y\"])\nC = urlencode({\"k\": \"v\"})\n";
        let m = lower(src);
        assert_eq!(m.strings.len(), 3, "{:?}", m.strings);
        assert_eq!(m.strings[0].text(), "https://api.getgo.com/oauth");
        assert_eq!(m.strings[1].text(), "x/y");
        assert_eq!(m.strings[2].text(), "k=v");
    }

    #[test]
    fn join_of_literal_list() {
        let src = "BASE = 'https://api.getgo.com'\nU = ''.join([BASE, '/oauth', '/v2/token'])\nV = '/'.join((BASE, 'oauth'))\n";
        let m = lower(src);
        assert!(m
            .strings
            .iter()
            .any(|s| s.text() == "https://api.getgo.com/oauth/v2/token"));
        assert!(m
            .strings
            .iter()
            .any(|s| s.text() == "https://api.getgo.com/oauth"));
    }

    #[test]
    fn entries_from_dicts_kwargs_and_pairs() {
        let src = r#"d = {"grant_type": "password", 'client_id': cid, "n": 1}
e = dict(grant_type="refresh_token")
f(code=code, scope="x")
p = [("grant_type", "authorization_code"), ("code", c)]
store["written"] = "x"
"#;
        let m = lower(src);
        let ks = keys(&m.entries);
        for k in ["grant_type", "client_id", "n", "code", "scope"] {
            assert!(ks.contains(&k), "{k}");
        }
        assert!(!ks.contains(&"written"));
        let gt = m.entries.iter().find(|e| e.key == "grant_type").unwrap();
        assert_eq!(at(src, gt.key_span.as_ref().unwrap()), "grant_type");
        assert_eq!(gt.value.as_ref().unwrap().text(), "password");
        assert_eq!(at(src, &gt.span), "\"grant_type\": \"password\"");
        let kw = m
            .entries
            .iter()
            .find(|e| e.key == "grant_type" && e.value.as_ref().unwrap().text() == "refresh_token")
            .unwrap();
        assert_eq!(at(src, kw.key_span.as_ref().unwrap()), "grant_type");
        let n = m.entries.iter().find(|e| e.key == "n").unwrap();
        assert!(n.value.is_none());
        let pair = m
            .entries
            .iter()
            .find(|e| {
                e.key == "grant_type" && e.value.as_ref().unwrap().text() == "authorization_code"
            })
            .unwrap();
        assert_eq!(
            at(src, &pair.span),
            "(\"grant_type\", \"authorization_code\")"
        );
    }

    #[test]
    fn requests_module_calls() {
        let src = r#"import requests
from requests.auth import HTTPBasicAuth
TOKEN = "https://api.getgo.com/oauth/v2/token"
requests.post(TOKEN, data={"grant_type": "password", "user_id": u}, auth=(cid, secret))
requests.request("GET", TOKEN, params={"a": "b"}, headers={"Accept": "application/json"})
requests.put(TOKEN, json={"k": "v"}, auth=HTTPBasicAuth(cid, secret))
requests.post(TOKEN, files={"f": fh})
"#;
        let m = lower(src);
        assert_eq!(m.http_requests.len(), 4);
        let r = &m.http_requests[0];
        assert_eq!(r.library, "requests");
        assert_eq!(r.method, Some(Method::Post));
        assert_eq!(method_span(src, r), "post");
        assert_eq!(url(r), "https://api.getgo.com/oauth/v2/token");
        assert_eq!(r.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&r.body), ["grant_type", "user_id"]);
        assert_eq!(
            at(src, r.body_span.as_ref().unwrap()),
            "{\"grant_type\": \"password\", \"user_id\": u}"
        );
        assert!(r.basic_auth);
        let r = &m.http_requests[1];
        assert_eq!(r.method, Some(Method::Get));
        assert_eq!(method_span(src, r), "\"GET\"");
        assert_eq!(keys(&r.query), ["a"]);
        assert_eq!(keys(&r.headers), ["Accept"]);
        assert!(!r.basic_auth);
        let r = &m.http_requests[2];
        assert_eq!(r.body_kind, Some(BodyKind::Json));
        assert!(r.basic_auth);
        assert_eq!(m.http_requests[3].body_kind, Some(BodyKind::Multipart));
        // HTTP requests are not repeated in calls
        assert!(!m.calls.iter().any(|c| c.name == "post"));
    }

    #[test]
    fn requests_sessions() {
        let src = r#"import requests
class C:
    def __init__(self):
        self.session = requests.Session()
    def go(self):
        return self.session.post("https://api.getgo.com/oauth/v2/token", data="grant_type=password&user_id=x")
def f():
    session = requests.session()
    session.request("POST", "https://api.getgo.com/a", data="not a form")
    with requests.Session() as s:
        s.get("https://api.getgo.com/b")
"#;
        let m = lower(src);
        assert_eq!(m.http_requests.len(), 3);
        let r = &m.http_requests[0];
        assert_eq!(method_span(src, r), "post");
        assert_eq!(r.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&r.body), ["grant_type", "user_id"]);
        let gt = &r.body[0];
        assert_eq!(at(src, gt.key_span.as_ref().unwrap()), "grant_type");
        assert_eq!(at(src, gt.value_span.as_ref().unwrap()), "password");
        assert_eq!(m.http_requests[1].method, Some(Method::Post));
        assert_eq!(m.http_requests[1].body_kind, Some(BodyKind::Raw));
        assert_eq!(url(&m.http_requests[2]), "https://api.getgo.com/b");
    }

    #[test]
    fn data_variable_bound_to_dict() {
        let src = r#"import requests
def f(u, p):
    payload = {"grant_type": "password", "user_id": u, "password": p}
    r = requests.post("https://api.getgo.com/oauth/access_token", data=payload)
    other = requests.post("https://x", data=unknown)
"#;
        let m = lower(src);
        let r = &m.http_requests[0];
        assert_eq!(r.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&r.body), ["grant_type", "user_id", "password"]);
        assert_eq!(at(src, r.body_span.as_ref().unwrap()), "payload");
        assert_eq!(m.http_requests[1].body_kind, Some(BodyKind::Unknown));
    }

    #[test]
    fn httpx_clients_and_base_url() {
        let src = r#"import httpx
httpx.post("https://api.getgo.com/oauth/v2/token", data={"grant_type": "client_credentials"})
client = httpx.Client(base_url="https://api.getgo.com")
client.post("/oauth/v2/token", json={"grant_type": "password"})
async def g():
    async with httpx.AsyncClient(base_url="https://api.getgo.com/") as ac:
        r = await ac.post("/oauth/v2/token")
        return r.json()["organizer_key"]
"#;
        let m = lower(src);
        assert_eq!(m.http_requests.len(), 3);
        assert!(m.http_requests.iter().all(|r| r.library == "httpx"));
        assert_eq!(
            url(&m.http_requests[1]),
            "https://api.getgo.com/oauth/v2/token"
        );
        assert_eq!(m.http_requests[1].body_kind, Some(BodyKind::Json));
        assert_eq!(
            url(&m.http_requests[2]),
            "https://api.getgo.com/oauth/v2/token"
        );
        assert_eq!(read(&m, "organizer_key").origin, Origin::Response(2));
    }

    #[test]
    fn aiohttp_nested_async_with() {
        let src = r#"import aiohttp
async def t(u, p):
    async with aiohttp.ClientSession() as s:
        async with s.post("https://api.getgo.com/oauth/v2/token", data={"grant_type": "password"}, auth=aiohttp.BasicAuth(u, p)) as resp:
            data = await resp.json()
            return data["account_key"]
"#;
        let m = lower(src);
        let r = &m.http_requests[0];
        assert_eq!(r.library, "aiohttp");
        assert_eq!(method_span(src, r), "post");
        assert_eq!(r.body_kind, Some(BodyKind::Form));
        assert!(r.basic_auth);
        assert_eq!(read(&m, "account_key").origin, Origin::Response(0));
    }

    #[test]
    fn urllib_requests() {
        let src = r#"import json
import urllib.request
from urllib.parse import urlencode
from urllib.request import Request, urlopen
urllib.request.urlopen("https://api.getgo.com/G2W/rest/organizers")
urlopen("https://api.getgo.com/oauth/v2/token", payload)
def tok(d):
    body = urlencode({"grant_type": "password", "user_id": d}).encode()
    req = Request("https://api.getgo.com/oauth/access_token", data=body, method="POST", headers={"Accept": "application/json"})
    with urlopen(req) as f:
        return json.loads(f.read())["organizer_key"]
"#;
        let m = lower(src);
        assert_eq!(m.http_requests.len(), 3);
        let r = &m.http_requests[0];
        assert_eq!(
            (r.library.as_str(), r.method),
            ("urllib", Some(Method::Get))
        );
        assert!(matches!(r.method_source, MethodSource::Default { .. }));
        assert_eq!(method_span(src, r), "urlopen");
        assert_eq!(m.http_requests[1].method, Some(Method::Post));
        let r = &m.http_requests[2];
        assert_eq!(r.method, Some(Method::Post));
        assert_eq!(method_span(src, r), "\"POST\"");
        assert_eq!(r.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&r.body), ["grant_type", "user_id"]);
        assert_eq!(keys(&r.headers), ["Accept"]);
        assert_eq!(read(&m, "organizer_key").origin, Origin::Response(2));
    }

    #[test]
    fn requests_oauthlib_token_calls() {
        let src = r#"from requests_oauthlib import OAuth2Session
from oauthlib.oauth2 import LegacyApplicationClient
TOKEN_URL = "https://api.getgo.com/oauth/v2/token"
def f(cid, secret, u, p):
    oauth = OAuth2Session(client=LegacyApplicationClient(client_id=cid))
    token = oauth.fetch_token(token_url=TOKEN_URL, username=u, password=p, client_id=cid, client_secret=secret)
    key = token["organizer_key"]
    new = oauth.refresh_token(TOKEN_URL, refresh_token=token["refresh_token"])
    web = OAuth2Session(cid)
    web.fetch_token(TOKEN_URL, code=c, include_client_id=True, client_secret=secret)
"#;
        let m = lower(src);
        assert_eq!(m.http_requests.len(), 3);
        let r = &m.http_requests[0];
        assert_eq!(r.library, "requests_oauthlib");
        assert_eq!(r.method, Some(Method::Post));
        assert!(matches!(r.method_source, MethodSource::Default { .. }));
        assert_eq!(url(r), "https://api.getgo.com/oauth/v2/token");
        assert_eq!(
            keys(&r.body),
            [
                "grant_type",
                "username",
                "password",
                "client_id",
                "client_secret"
            ]
        );
        let gt = &r.body[0];
        assert!(gt.key_span.is_none());
        assert_eq!(gt.value.as_ref().unwrap().text(), "password");
        assert_eq!(at(src, &gt.span), "LegacyApplicationClient(client_id=cid)");
        assert!(r.basic_auth);
        let r = &m.http_requests[1];
        assert_eq!(r.body[0].value.as_ref().unwrap().text(), "refresh_token");
        let r = &m.http_requests[2];
        assert_eq!(
            r.body[0].value.as_ref().unwrap().text(),
            "authorization_code"
        );
        assert!(!r.basic_auth);
        // recorded as calls too, and the token origin points at them
        let i = m
            .calls
            .iter()
            .position(|c| c.callee == "oauth.fetch_token")
            .unwrap();
        assert_eq!(m.calls[i].name, "fetch_token");
        assert_eq!(read(&m, "organizer_key").origin, Origin::TokenCall(i));
    }

    #[test]
    fn response_origins() {
        let src = r#"import json, requests
r = requests.post("https://api.getgo.com/oauth/v2/token")
a = r.json()["organizer_key"]
data = r.json()
b = data["account_key"]
c = data.get("access_token")
unknown_client.get("https://api.getgo.com/x")
d = json.loads(r.text)["expires_in"]
e = data.refresh_token
"#;
        let m = lower(src);
        for f in [
            "organizer_key",
            "account_key",
            "access_token",
            "expires_in",
            "refresh_token",
        ] {
            assert_eq!(read(&m, f).origin, Origin::Response(0), "{f}");
        }
        assert_eq!(read(&m, "organizer_key").kind, ReadKind::Subscript);
        assert_eq!(read(&m, "access_token").kind, ReadKind::Get);
        assert_eq!(read(&m, "refresh_token").kind, ReadKind::Member);
        assert_eq!(read(&m, "account_key").receiver, "data");
        assert!(!m.field_reads.iter().any(|r| r.field.contains("://")));
        let ok = read(&m, "organizer_key");
        assert_eq!(at(src, &ok.span), "organizer_key");
        assert_eq!(ok.receiver, "r.json()");
    }

    #[test]
    fn stored_tokens_and_function_summaries() {
        let src = r#"import requests
class G:
    def login(self):
        r = requests.post("https://api.getgo.com/oauth/v2/token")
        self.token = r.json()
    def key(self):
        return self.token["organizer_key"]
    def get_token(self):
        r = requests.post("https://api.getgo.com/oauth/access_token")
        return r.json()
    def use(self):
        tok = self.get_token()
        return tok["account_key"]
def fetch():
    resp = requests.get("https://api.getgo.com/x")
    return resp.json()
def main():
    t = fetch()
    print(t["access_token"])
"#;
        let m = lower(src);
        assert_eq!(read(&m, "organizer_key").origin, Origin::Response(0));
        assert_eq!(read(&m, "account_key").origin, Origin::Response(1));
        assert_eq!(read(&m, "access_token").origin, Origin::Response(2));
        // a local get_token is followed, not taken for a library token call
        assert!(!m
            .field_reads
            .iter()
            .any(|r| matches!(r.origin, Origin::TokenCall(_))));
    }

    #[test]
    fn other_origins() {
        let src = r#"import os
from flask import request
from django.conf import settings as django_settings
def view(param):
    a = request.form["f1"]
    b = request.json["f2"]
    c = request.args.get("f3")
    d = request.POST["f4"]
    e = input("x")
    f = e["f5"]
    g = os.environ["f6"]
    h = os.getenv("X")["f7"]
    i = settings.f8
    i2 = django_settings.f8b
    j = config["f9"]
    k = param["f10"]
    lit = {"a": 1}
    l = lit["f11"]
"#;
        let m = lower(src);
        for f in ["f1", "f2", "f3", "f4", "f5"] {
            assert_eq!(read(&m, f).origin, Origin::Input, "{f}");
        }
        for f in ["f6", "f7", "f8", "f8b", "f9"] {
            assert_eq!(read(&m, f).origin, Origin::Config, "{f}");
        }
        assert_eq!(read(&m, "f10").origin, Origin::Param);
        assert_eq!(read(&m, "f11").origin, Origin::Literal);
    }

    #[test]
    fn guards_and_assignment_targets() {
        let src = r#"import requests
class T:
    def refresh(self):
        d = requests.post("https://api.getgo.com/oauth/v2/token").json()
        self.refresh_token = d["refresh_token"]
        self.rt = d.get("rt", self.rt)
        a = d["f_if"] if "f_if" in d else None
        b = d.get("f_or") or self.b
        if "f_in" in d:
            c = d["f_in"]
        if d.get("f_get"):
            e = d["f_get"]
        if d["f_sub"]:
            g = d["f_sub"]
        h = d.get("plain")
"#;
        let m = lower(src);
        let rt = read(&m, "refresh_token");
        assert!(!rt.guarded);
        assert_eq!(rt.assigned_to.as_deref(), Some("self.refresh_token"));
        assert_eq!(rt.origin, Origin::Response(0));
        let r2 = read(&m, "rt");
        assert!(r2.guarded && r2.fallback_is_target);
        assert_eq!(r2.assigned_to.as_deref(), Some("self.rt"));
        let b = read(&m, "f_or");
        assert!(b.guarded);
        assert_eq!(b.assigned_to.as_deref(), Some("b"));
        assert!(!b.fallback_is_target);
        for f in ["f_if", "f_in", "f_get", "f_sub"] {
            let inner = m
                .field_reads
                .iter()
                .rfind(|r| r.field == f && r.kind != ReadKind::Presence)
                .unwrap();
            assert!(inner.guarded, "{f}");
        }
        // the `in` tests are reads of their own kind
        for f in ["f_if", "f_in"] {
            let tests: Vec<&FieldRead> = m
                .field_reads
                .iter()
                .filter(|r| r.field == f && r.kind == ReadKind::Presence)
                .collect();
            assert_eq!(tests.len(), 1, "{f}");
            assert_eq!(tests[0].origin, Origin::Response(0));
        }
        assert!(!read(&m, "plain").guarded);
    }

    /// The request a call site makes: the one whose span is that call.
    fn request_at<'a>(m: &'a FileModel, src: &str, call: &str) -> &'a HttpRequest {
        m.http_requests
            .iter()
            .find(|r| at(src, &r.span) == call)
            .unwrap_or_else(|| panic!("no request at {call:?}"))
    }

    #[test]
    fn wrappers_are_lowered_per_call_site() {
        let src = r#"import requests
BASE = "https://api.getgo.com"
ID = "abc"

def call(method, path, params=None, verb_default="x"):
    return requests.request(method, BASE + path, params=params).json()

class Api:
    def __init__(self):
        self.base = "https://api.getgo.com"
        self.s = requests.Session()

    def _send(self, method, path, **kwargs):
        return self.s.request(method, f"{self.base}{path}", **kwargs).json()

    def code(self, c):
        t = self._send("GET", "/oauth/v2/token", params={"code": c, "client_id": ID})
        return t["organizer_key"]

    def refresh(self, rt):
        return self._send(path="/oauth/v2/token", method="POST", data={"refresh_token": rt}, auth=(ID, "s"))

def module_level():
    return call("GET", "/oauth/v2/token", {"grant_type": "password"})

def same():
    return call(method, path)
"#;
        let m = lower(src);
        // positional arguments, `**kwargs` forwarding, and an f-string base
        let code = request_at(
            &m,
            src,
            r#"self._send("GET", "/oauth/v2/token", params={"code": c, "client_id": ID})"#,
        );
        assert_eq!(url(code), "https://api.getgo.com/oauth/v2/token");
        assert_eq!(code.method, Some(Method::Get));
        assert_eq!(keys(&code.query), ["code", "client_id"]);
        // the method is reported at the caller's literal, and the POST
        // rewrite edits the caller, never the wrapper
        assert_eq!(method_span(src, code), "\"GET\"");
        let wrapper = src.find("def _send").unwrap()..src.find("def code").unwrap();
        assert!(!code.rewrite_hints.is_empty());
        assert!(code
            .rewrite_hints
            .iter()
            .flat_map(|h| &h.edits)
            .all(|(sp, _)| sp.end <= wrapper.start || sp.start >= wrapper.end));
        // the base's host keeps the span of its definition
        let u = code.url.as_ref().unwrap();
        let host = u.text().find("api.getgo.com").unwrap();
        let sp = u.source_of(host..host + 13).unwrap();
        assert!(
            sp.start < src.find("self.s =").unwrap() && sp.start > src.find("__init__").unwrap()
        );
        // the call's result is that request's response
        let i = m.http_requests.iter().position(|r| r == code).unwrap();
        assert_eq!(read(&m, "organizer_key").origin, Origin::Response(i));
        // keyword arguments by name
        let refresh = m
            .http_requests
            .iter()
            .find(|r| at(src, &r.span).starts_with("self._send(path="))
            .unwrap();
        assert_eq!(refresh.method, Some(Method::Post));
        assert_eq!(keys(&refresh.body), ["refresh_token"]);
        assert!(refresh.basic_auth);
        // a module-level wrapper: `BASE + path`, a positional argument for a
        // parameter with a default
        let ml = request_at(
            &m,
            src,
            r#"call("GET", "/oauth/v2/token", {"grant_type": "password"})"#,
        );
        assert_eq!(url(ml), "https://api.getgo.com/oauth/v2/token");
        assert_eq!(keys(&ml.query), ["grant_type"]);
        // a call that says nothing new is not a request of its own
        assert!(!m
            .http_requests
            .iter()
            .any(|r| at(src, &r.span) == "call(method, path)"));
        // the wrappers' own requests stay as they were
        assert!(m
            .http_requests
            .iter()
            .any(|r| url(r) == "https://api.getgo.com{path}" && r.method.is_none()));
    }

    #[test]
    fn a_wrapper_that_picks_the_library_call_by_method() {
        let src = r#"import requests
URL = "https://api.getgo.com/oauth/v2/token"
def send(method, data):
    if method == "GET":
        return requests.get(URL, params=data).json()
    return requests.post(URL, data=data).json()

def go():
    return send("POST", {"grant_type": "refresh_token"})
"#;
        let m = lower(src);
        let at_call: Vec<&HttpRequest> = m
            .http_requests
            .iter()
            .filter(|r| at(src, &r.span).starts_with("send("))
            .collect();
        assert_eq!(at_call.len(), 1);
        assert_eq!(at_call[0].method, Some(Method::Post));
        assert_eq!(keys(&at_call[0].body), ["grant_type"]);
    }

    #[test]
    fn a_helper_parameter_holds_what_its_callers_pass() {
        let src = r#"import requests
URL = "https://api.getgo.com/oauth/v2/token"
class C:
    def login(self, code):
        t = requests.post(URL, data={"grant_type": "authorization_code", "code": code}).json()
        self._save(t)

    def refresh(self):
        r = requests.post(URL, data={"grant_type": "refresh_token", "refresh_token": self.rt}).json()
        self._save(r)

    def _save(self, data):
        self.rt = data["refresh_token"]

def show(user):
    return user["organizer_key"]

show({"organizer_key": "x"})
show(load())
"#;
        let m = lower(src);
        // every caller passes a token response: the refresh one counts
        let refresh = m
            .http_requests
            .iter()
            .position(|r| r.body.iter().any(|e| e.key == "refresh_token"))
            .unwrap();
        assert_eq!(read(&m, "refresh_token").origin, Origin::Response(refresh));
        // a parameter some caller fills with something else stays a parameter
        assert_eq!(read(&m, "organizer_key").origin, Origin::Param);
    }

    #[test]
    fn setters_store_and_presence_tests_are_reads() {
        let src = r#"import requests
def refresh(store, rt):
    r = requests.post("https://api.getgo.com/oauth/v2/token", data={"refresh_token": rt}).json()
    store.set_refresh_token(r.get("refresh_token"))
    store.set_access_token(r.get("refresh_token"))
    store.set_refresh_token(r.get("refresh_token"), True)
    if "organizer_key" in r or "email" not in r:
        pass
    ok = hasattr(r, "account_key") and r.has_key("firstName")
    skip = "organizer_key" in ("organizer_key", "email")
"#;
        let m = lower(src);
        let rts: Vec<&FieldRead> = m
            .field_reads
            .iter()
            .filter(|r| r.field == "refresh_token")
            .collect();
        assert_eq!(rts.len(), 3);
        assert_eq!(
            rts[0].assigned_to.as_deref(),
            Some("store.set_refresh_token(…)")
        );
        // a setter of another field, or with two arguments, stores nothing
        assert_eq!(rts[1].assigned_to, None);
        assert_eq!(rts[2].assigned_to, None);
        for f in ["organizer_key", "email", "account_key", "firstName"] {
            let r = read(&m, f);
            assert_eq!(r.kind, ReadKind::Presence, "{f}");
            assert_eq!(r.origin, Origin::Response(0), "{f}");
            assert_eq!(r.receiver, "r");
        }
        // a membership test of a literal tuple is not a read
        assert_eq!(
            m.field_reads
                .iter()
                .filter(|r| r.field == "organizer_key")
                .count(),
            1
        );
    }

    #[test]
    fn typed_models() {
        let src = r#"from typing import TypedDict, NotRequired, Optional
from dataclasses import dataclass
from pydantic import BaseModel, Field
class A(TypedDict, total=False):
    access_token: str
class B(TypedDict):
    access_token: str
    refresh_token: NotRequired[str]
@dataclass
class C:
    access_token: str
    expires_in: int = 3600
class D(BaseModel):
    access_token: str
    refresh_token: Optional[str]
    account_key: str | None
    org: str = Field(..., alias="organizer_key")
    scope: str = "x"
class NotAModel:
    x: int
"#;
        let m = lower(src);
        let f = |t: &str, n: &str| {
            m.typed_fields
                .iter()
                .find(|x| x.type_name == t && x.field == n)
                .unwrap_or_else(|| panic!("{t}.{n}"))
        };
        assert!(f("A", "access_token").optional);
        assert!(!f("B", "access_token").optional);
        assert!(f("B", "refresh_token").optional);
        assert!(!f("C", "access_token").optional);
        assert!(f("C", "expires_in").optional);
        assert!(!f("D", "access_token").optional);
        assert!(f("D", "refresh_token").optional);
        assert!(f("D", "account_key").optional);
        assert!(!f("D", "organizer_key").optional);
        assert_eq!(at(src, &f("D", "organizer_key").span), "org");
        assert!(f("D", "scope").optional);
        assert_eq!(
            f("B", "access_token").sibling_fields,
            ["B", "access_token", "refresh_token"]
        );
        assert!(!m.typed_fields.iter().any(|t| t.type_name == "NotAModel"));
    }

    #[test]
    fn type_uses_and_declaration_reads() {
        let src = r#"import requests
from typing import TypedDict, cast
class Tok(TypedDict):
    organizer_key: str
def f():
    r = requests.post("https://api.getgo.com/oauth/v2/token")
    a = Tok(**r.json())
    b = Tok.model_validate(r.json())
    c = Tok.parse_obj(r.json())
    d = cast(Tok, r.json())
    e: Tok = r.json()
"#;
        let m = lower(src);
        assert_eq!(m.type_uses.len(), 5);
        assert!(m
            .type_uses
            .iter()
            .all(|u| u.type_name == "Tok" && u.origin == Origin::Response(0)));
        let d = m
            .field_reads
            .iter()
            .find(|r| r.kind == ReadKind::Declaration)
            .unwrap();
        assert_eq!(d.field, "organizer_key");
        assert_eq!(d.origin, Origin::Response(0));
    }

    #[test]
    fn rewrite_hints() {
        let src = r#"import requests, json
requests.get("https://api.getgo.com/oauth/v2/token", params={"grant_type": "password"})
requests.post("https://api.getgo.com/oauth/v2/token", json={"grant_type": "password"})
requests.post("https://api.getgo.com/oauth/v2/token", data=json.dumps(body))
"#;
        let m = lower(src);
        let edits = |i: usize, k: RewriteKind| -> Vec<(String, String)> {
            m.http_requests[i]
                .rewrite_hints
                .iter()
                .find(|h| h.kind == k)
                .unwrap()
                .edits
                .iter()
                .map(|(s, t)| (at(src, s).to_string(), t.clone()))
                .collect()
        };
        assert_eq!(
            edits(0, RewriteKind::ToPost),
            [
                ("get".to_string(), "post".to_string()),
                ("params".to_string(), "data".to_string())
            ]
        );
        assert_eq!(
            edits(1, RewriteKind::ToForm),
            [("json".to_string(), "data".to_string())]
        );
        assert_eq!(m.http_requests[2].body_kind, Some(BodyKind::Json));
        assert_eq!(
            edits(2, RewriteKind::ToForm),
            [("json.dumps(body)".to_string(), "body".to_string())]
        );
    }

    #[test]
    fn comments_and_parse_errors() {
        let src = "# gotolint: ignore\nx = 1  # trailing\n";
        let m = lower(src);
        assert_eq!(m.comments.len(), 2);
        assert_eq!(at(src, &m.comments[1]), "# trailing");
        assert!(!m.parse_errors);
        assert!(lower("def f(:\n  x = = 1\n").parse_errors);
    }

    #[test]
    fn every_literal_is_in_some_string() {
        let src = r#"import requests
BASE = "https://api.getgo.com"
D = {"k": f"{BASE}/{x['inner']}", "u": urljoin("https://a.b/c/d", "/e")}
requests.post(BASE + "/oauth", data={"a": "b"}).json()["key"]
"#;
        let m = lower(src);
        let mut i = 0;
        let mut literals = Vec::new();
        while let Some(q) = src[i..].find('"') {
            let s = i + q + 1;
            let e = s + src[s..].find('"').unwrap();
            if !src[..s - 1].ends_with('f') {
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
        let exp: String = std::iter::once("A0 = 'x'\n".to_string())
            .chain((1..100).map(|i| format!("A{i} = A{} + A{}\n", i - 1, i - 1)))
            .collect();
        let _ = lower(&exp);
    }

    #[test]
    fn garbage_does_not_panic() {
        let samples = [
            "",
            "\u{feff}x = 'é'\n",
            "f'{",
            "'''",
            "x = \"\\",
            "requests.post(",
            "class (:\n  def",
            "x = f\"{a!r:{b}}\" % {} .format(**k)",
            "urljoin()\nurlencode()\n''.join()\n'%(' % x\n'{' .format()\n'{0[1]}'.format(a)",
            "\u{0}\u{1}\u{ffff}\"\\x\\u12\\U0001\\N{",
            "async with aiohttp.ClientSession() as s:\n async with s.post() as r:\n  r.json()[",
        ];
        for s in samples {
            let _ = lower(s);
        }
        let mut seed = 12345u64;
        let alphabet: Vec<char> = "()[]{}'\"\\frbu #:=.,+%\n\t abcxyz0123é$@*"
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
