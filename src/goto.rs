//! What GoTo's hosts and URLs look like. Detectors ask this module; front
//! ends never do.

use crate::model::HOLE;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    /// api.getgo.com: REST APIs and the retired OAuth proxies
    GetGo,
    /// api.citrixonline.com: retired before api.getgo.com
    CitrixOnline,
    /// authentication.logmeininc.com: the current auth host
    Authentication,
    /// auth.jive.com: GoTo Connect auth, retired 2021
    JiveAuth,
    /// api.jive.com: GoTo Connect APIs, retired 2025-01-15
    JiveApi,
    /// a company proxy in front of the GoTo auth host (config `extra-auth-hosts`)
    Extra,
}

const HOSTS: &[(&str, Host)] = &[
    ("api.getgo.com", Host::GetGo),
    ("api.citrixonline.com", Host::CitrixOnline),
    ("authentication.logmeininc.com", Host::Authentication),
    ("auth.jive.com", Host::JiveAuth),
    ("api.jive.com", Host::JiveApi),
];

/// Words that show a file is about GoTo (matched case-insensitively).
/// They are also the prefilter's literals: a file without any is not parsed.
pub const CONTEXT_WORDS: &[&str] = &[
    "getgo",
    "citrixonline",
    "logmeininc",
    "logmein",
    "gotowebinar",
    "gotomeeting",
    "gototraining",
    "gotoconnect",
    "gotoassist",
    "goto_webinar",
    "goto_meeting",
    "goto-webinar",
    "goto-meeting",
    "goto.com",
    "jive.com",
    "g2w",
    "g2m",
    "organizer_key",
    "organizerkey",
];

/// Whether an occurrence of a context word at `at..at+len` in `text` counts.
/// Short words (`g2w`, `g2m`) must stand as an identifier part: not preceded
/// by a letter or digit, not followed by a digit.
pub fn context_word_counts(text: &[u8], at: usize, len: usize) -> bool {
    if len > 3 {
        return true;
    }
    let before = at.checked_sub(1).and_then(|i| text.get(i)).copied();
    let after = text.get(at + len).copied();
    !before.is_some_and(|b| b.is_ascii_alphanumeric()) && !after.is_some_and(|b| b.is_ascii_digit())
}

/// Whether `text` holds a word that shows it is about GoTo.
pub fn mentions_goto(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    CONTEXT_WORDS.iter().any(|w| {
        lower
            .match_indices(w)
            .any(|(at, _)| context_word_counts(lower.as_bytes(), at, w.len()))
    })
}

/// A URL found in a resolved string, with ranges into that string's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlHit {
    pub host: Host,
    /// the host name as written
    pub host_range: Range<usize>,
    /// where the URL starts: the scheme, `//`, or the host
    pub start: usize,
    /// the scheme (`https`, `http`) when present
    pub scheme: Option<Range<usize>>,
    /// path after the host and port, up to `?`, `#`, a hole or the end
    pub path_range: Range<usize>,
    /// `?` position when a query follows
    pub query_start: Option<usize>,
    /// end of the URL
    pub end: usize,
    /// a hole follows the host or interrupts the path: the path is not known
    pub path_incomplete: bool,
}

impl UrlHit {
    /// The path in lower case, trailing `/` removed.
    pub fn path_lower(&self, text: &str) -> String {
        let p = text.get(self.path_range.clone()).unwrap_or("");
        p.trim_end_matches('/').to_ascii_lowercase()
    }
    pub fn is_auth(&self, text: &str) -> bool {
        let path = self.path_lower(text);
        match self.host {
            Host::GetGo | Host::CitrixOnline | Host::Authentication => {
                path == "/oauth" || path.starts_with("/oauth/")
            }
            Host::JiveAuth => true,
            Host::Extra => true,
            Host::JiveApi => false,
        }
    }
    /// The last path segment (lower case).
    pub fn last_segment(&self, text: &str) -> String {
        let path = self.path_lower(text);
        path.rsplit('/').next().unwrap_or("").to_string()
    }
    pub fn is_token_endpoint(&self, text: &str) -> bool {
        if !self.is_auth(text) || self.path_incomplete {
            return false;
        }
        matches!(self.last_segment(text).as_str(), "access_token" | "token")
    }
    pub fn is_authorize_endpoint(&self, text: &str) -> bool {
        if !self.is_auth(text) || self.path_incomplete {
            return false;
        }
        matches!(self.last_segment(text).as_str(), "authorize" | "grant")
    }
}

fn is_host_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_'
}

/// Characters that end a URL in running text.
pub fn ends_url(c: u8) -> bool {
    matches!(
        c,
        b' ' | b'\t'
            | b'\r'
            | b'\n'
            | b'"'
            | b'\''
            | b'`'
            | b'<'
            | b'>'
            | b')'
            | b']'
            | b'\\'
            | b'|'
    )
}

/// Every GoTo URL in `text` (the resolved text of a string value, or a
/// stretch of a text file). `extra_hosts` are lower-case host names.
pub fn find_urls(text: &str, extra_hosts: &[String]) -> Vec<UrlHit> {
    let lower = text.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut hits = Vec::new();
    let extra: Vec<(&str, Host)> = extra_hosts
        .iter()
        .map(|h| (h.as_str(), Host::Extra))
        .collect();
    for (name, host) in HOSTS.iter().copied().chain(extra) {
        if name.is_empty() {
            continue;
        }
        let mut from = 0;
        while let Some(found) = lower.get(from..).and_then(|s| s.find(name)) {
            let at = from + found;
            from = at + name.len();
            // `//api…` and `\/\/api…` are fine; `xapi.getgo.com` is not
            let before_ok = at == 0 || !is_host_char(bytes[at - 1]);
            let end_host = at + name.len();
            let after_ok = bytes.get(end_host).is_none_or(|&b| !is_host_char(b));
            if !before_ok || !after_ok {
                continue;
            }
            hits.push(parse_after_host(text, bytes, host, at..end_host));
        }
    }
    hits.sort_by_key(|h| h.start);
    hits
}

fn parse_after_host(text: &str, bytes: &[u8], host: Host, host_range: Range<usize>) -> UrlHit {
    // scheme and `//` before the host
    let mut start = host_range.start;
    let mut scheme = None;
    if text.get(..start).is_some_and(|s| s.ends_with("//")) {
        start -= 2;
        // compare bytes: the text before may hold multi-byte characters
        let head = &text.as_bytes()[..start];
        for s in ["https:", "http:"] {
            if head.len() >= s.len()
                && head[head.len() - s.len()..].eq_ignore_ascii_case(s.as_bytes())
            {
                let sc = start - s.len();
                scheme = Some(sc..start - 1);
                start = sc;
                break;
            }
        }
    }
    let mut i = host_range.end;
    // port
    if bytes.get(i) == Some(&b':') {
        let mut j = i + 1;
        while bytes.get(j).is_some_and(|b| b.is_ascii_digit()) {
            j += 1;
        }
        if j > i + 1 {
            i = j;
        }
    }
    let path_start = i;
    let hole = HOLE as u8;
    let mut path_incomplete = false;
    while let Some(&b) = bytes.get(i) {
        if b == b'?' || b == b'#' || ends_url(b) {
            break;
        }
        if b == hole {
            path_incomplete = true;
            break;
        }
        i += 1;
    }
    let path_range = path_start..i;
    let mut query_start = None;
    if bytes.get(i) == Some(&b'?') {
        query_start = Some(i);
    }
    // the URL goes on through the query (holes allowed in values)
    let mut end = i;
    if !path_incomplete {
        while let Some(&b) = bytes.get(end) {
            if ends_url(b) {
                break;
            }
            end += 1;
        }
    }
    UrlHit {
        host,
        host_range,
        start,
        scheme,
        path_range,
        query_start,
        end,
        path_incomplete,
    }
}

/// A `key=value` pair of a query or form string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryParam {
    pub key: String,
    pub key_range: Range<usize>,
    pub value: String,
    pub value_range: Range<usize>,
}

/// Parse `a=b&c=d` pairs of `text[range]`. Returns `None` when a hole sits
/// where a key could be (the set of keys is not known).
pub fn parse_query(text: &str, range: Range<usize>) -> Option<Vec<QueryParam>> {
    let s = text.get(range.clone())?;
    let mut out = Vec::new();
    let mut at = range.start;
    for part in s.split('&') {
        let part_start = at;
        at += part.len() + 1;
        if part.is_empty() {
            continue;
        }
        let (key, value, value_off) = match part.find('=') {
            Some(eq) => (&part[..eq], &part[eq + 1..], eq + 1),
            None => (part, "", part.len()),
        };
        if key.contains(HOLE) {
            return None;
        }
        out.push(QueryParam {
            key: key.to_string(),
            key_range: part_start..part_start + key.len(),
            value: value.to_string(),
            value_range: part_start + value_off..part_start + part.len(),
        });
    }
    Some(out)
}

/// `grant_type=password`-style pairs anywhere in a string: the key must start
/// the string or follow `?`, `&`, or whitespace.
pub fn find_form_pairs(text: &str) -> Vec<QueryParam> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(found) = text.get(i..).and_then(|s| s.find('=')) {
        let eq = i + found;
        i = eq + 1;
        let mut k = eq;
        while k > 0 && (bytes[k - 1].is_ascii_alphanumeric() || bytes[k - 1] == b'_') {
            k -= 1;
        }
        if k == eq {
            continue;
        }
        let key_ok = k == 0
            || matches!(
                bytes[k - 1],
                b'?' | b'&' | b' ' | b'\n' | b'\t' | b'"' | b'\''
            );
        if !key_ok {
            continue;
        }
        let mut v = eq + 1;
        while v < bytes.len()
            && !matches!(bytes[v], b'&' | b' ' | b'\n' | b'\t' | b'"' | b'\'' | b'#')
        {
            v += 1;
        }
        out.push(QueryParam {
            key: text[k..eq].to_string(),
            key_range: k..eq,
            value: text[eq + 1..v].to_string(),
            value_range: eq + 1..v,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_hosts_with_schemes_and_paths() {
        let t = "see https://API.getgo.com/oauth/v2/token?x=1 and //api.getgo.com/G2W/rest";
        let hits = find_urls(t, &[]);
        assert_eq!(hits.len(), 2);
        assert_eq!(
            &t[hits[0].start..hits[0].end],
            "https://API.getgo.com/oauth/v2/token?x=1"
        );
        assert_eq!(&t[hits[0].path_range.clone()], "/oauth/v2/token");
        assert!(hits[0].is_token_endpoint(t));
        assert_eq!(&t[hits[1].start..hits[1].host_range.end], "//api.getgo.com");
        assert!(!hits[1].is_auth(t));
    }

    #[test]
    fn host_must_stand_alone() {
        assert!(find_urls("https://xapi.getgo.com/oauth/", &[]).is_empty());
        assert!(find_urls("https://api.getgo.com.evil.org/oauth/", &[]).is_empty());
    }

    #[test]
    fn hole_in_path_marks_incomplete() {
        let t = format!("https://api.getgo.com{HOLE}");
        let hits = find_urls(&t, &[]);
        assert!(hits[0].path_incomplete);
    }

    #[test]
    fn query_pairs() {
        let t = "a?client_id=1&response_type=code";
        let q = parse_query(t, 2..t.len()).unwrap();
        assert_eq!(q[1].key, "response_type");
        assert_eq!(&t[q[1].value_range.clone()], "code");
        let h = format!("a?{HOLE}&x=1");
        assert!(parse_query(&h, 2..h.len()).is_none());
    }

    #[test]
    fn form_pairs_in_body_strings() {
        let p = find_form_pairs("grant_type=password&user_id=u&password=p");
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].value, "password");
        assert!(find_form_pairs("x_grant_type=password")[0].key == "x_grant_type");
    }
}
