//! Unit-level checks of the shell front end's model.

mod tests {
    use crate::common::keys;
    use gotolint::lang::shell::*;
    use gotolint::model::*;
    use gotolint::sema::limits::MAX_PIECES;

    fn at<'a>(src: &'a str, s: &Span) -> &'a str {
        &src[s.clone()]
    }

    fn url(r: &HttpRequest) -> String {
        r.url.as_ref().map(|u| u.text()).unwrap_or_default()
    }

    fn entry<'a>(e: &'a [Entry], key: &str) -> &'a Entry {
        e.iter()
            .find(|e| e.key == key)
            .unwrap_or_else(|| panic!("no entry {key}"))
    }

    fn value(e: &Entry) -> String {
        e.value.as_ref().map(|v| v.text()).unwrap_or_default()
    }

    fn method_span<'a>(src: &'a str, r: &HttpRequest) -> (&'static str, &'a str) {
        match &r.method_source {
            MethodSource::Explicit { span } => ("explicit", at(src, span)),
            MethodSource::Default { span } => ("default", at(src, span)),
            MethodSource::Unknown => ("unknown", ""),
        }
    }

    /// The string value whose span is exactly `written`.
    fn string<'a>(m: &'a FileModel, src: &str, written: &str) -> &'a StrValue {
        m.strings
            .iter()
            .find(|s| at(src, &s.span) == written)
            .unwrap_or_else(|| panic!("no string {written}"))
    }

    fn texts(m: &FileModel) -> Vec<String> {
        m.strings.iter().map(|s| s.text()).collect()
    }

    #[test]
    fn variables_resolve_from_earlier_assignments() {
        let src = "BASE=\"https://api.example.com\"\n\
                   export TOKEN_URL=$BASE/oauth/v2/token\n\
                   readonly AUTH='https://auth.example.com/authorize'\n\
                   curl \"$BASE\"/oauth/v2/token\n";
        let m = lower(src);
        assert!(!m.parse_errors);
        let v = string(&m, src, "$BASE/oauth/v2/token");
        assert_eq!(v.text(), "https://api.example.com/oauth/v2/token");
        // the variable's piece points at its definition, the literal at itself
        let host = v.text().find("api.example").unwrap();
        assert_eq!(
            at(src, &v.source_of(host..host + 15).unwrap()),
            "api.example.com"
        );
        let path = v.text().find("/oauth").unwrap();
        let span = v.source_of(path..v.text().len()).unwrap();
        assert_eq!(at(src, &span), "/oauth/v2/token");
        assert!(span.start > src.find("export").unwrap());
        assert_eq!(
            string(&m, src, "\"$BASE\"/oauth/v2/token").text(),
            "https://api.example.com/oauth/v2/token"
        );
        assert!(texts(&m).contains(&"https://auth.example.com/authorize".to_string()));
        assert_eq!(
            url(&m.http_requests[0]),
            "https://api.example.com/oauth/v2/token"
        );
    }

    #[test]
    fn last_assignment_before_use_wins_and_locals_stay_local() {
        let src = "U=https://one.example.com\n\
                   curl $U/a\n\
                   U=https://two.example.com\n\
                   curl $U/b\n\
                   f() { local U=https://three.example.com; curl \"$U/c\"; }\n\
                   curl \"$U/d\"\n";
        let m = lower(src);
        let urls: Vec<String> = m.http_requests.iter().map(url).collect();
        assert_eq!(
            urls,
            vec![
                "https://one.example.com/a",
                "https://two.example.com/b",
                "https://three.example.com/c",
                "https://two.example.com/d",
            ]
        );
    }

    #[test]
    fn a_global_set_after_the_function_that_reads_it_resolves() {
        let src = "get() { curl -s \"$TOKEN_URL\"; }\nTOKEN_URL=https://a.example.com/token\nget\n";
        let m = lower(src);
        assert_eq!(url(&m.http_requests[0]), "https://a.example.com/token");
        // outside a function, a later assignment is not seen
        let m = lower("curl \"$U/x\"\nU=https://a.example.com\n");
        assert_eq!(m.http_requests[0].url.as_ref().unwrap().display(), "{U}/x");
    }

    #[test]
    fn unknown_variables_become_named_holes() {
        let src = "curl \"$API_BASE/oauth/token?client_id=${CLIENT_ID}\"\n";
        let m = lower(src);
        let u = m.http_requests[0].url.as_ref().unwrap();
        assert_eq!(u.display(), "{API_BASE}/oauth/token?client_id={CLIENT_ID}");
        assert!(u.text().starts_with(HOLE));
        let Piece::Hole { src: s, name } = &u.pieces[0] else {
            panic!("hole expected")
        };
        assert_eq!(name, "API_BASE");
        assert_eq!(at(src, s), "$API_BASE");
    }

    #[test]
    fn a_variable_holding_a_command_result_is_a_hole_named_after_it() {
        let src = "TOKEN=$(cat token.txt)\ncurl -H \"Authorization: Bearer $TOKEN\" https://x.example.com\n";
        let m = lower(src);
        let h = entry(&m.http_requests[0].headers, "Authorization");
        assert_eq!(h.value.as_ref().unwrap().display(), "Bearer {TOKEN}");
    }

    #[test]
    fn parameter_defaults_apply_when_the_variable_is_unknown() {
        let src = "HOST=\"${GOTO_HOST:-https://api.example.com}\"\n\
                   USER_NAME=\"${USER_NAME:-ops@example.com}\"\n\
                   curl \"$HOST/oauth/token\"\n\
                   KNOWN=https://k.example.com\n\
                   curl \"${KNOWN:-https://default.example.com}/x\"\n";
        let m = lower(src);
        assert_eq!(
            url(&m.http_requests[0]),
            "https://api.example.com/oauth/token"
        );
        assert_eq!(
            string(&m, src, "\"${USER_NAME:-ops@example.com}\"").text(),
            "ops@example.com"
        );
        assert_eq!(url(&m.http_requests[1]), "https://k.example.com/x");
        // the default the known variable left out is still a string of the file
        let d = string(&m, src, "https://default.example.com");
        assert_eq!(d.text(), "https://default.example.com");
    }

    #[test]
    fn quoting_and_escapes_decode_with_spans_back_to_source() {
        let src = "echo \"say \\\"hi\\\" to \\$HOME\" 'raw $X \\n' $'https:\\x2F\\x2Fa.example.com' plain\\ word\n";
        let m = lower(src);
        let dq = string(&m, src, "\"say \\\"hi\\\" to \\$HOME\"");
        assert_eq!(dq.text(), "say \"hi\" to $HOME");
        let t = dq.text();
        let q = t.find("\"hi").unwrap();
        assert_eq!(at(src, &dq.source_of(q..q + 1).unwrap()), "\\\"");
        assert_eq!(string(&m, src, "'raw $X \\n'").text(), "raw $X \\n");
        let ansi = string(&m, src, "$'https:\\x2F\\x2Fa.example.com'");
        assert_eq!(ansi.text(), "https://a.example.com");
        let h = ansi.text().find("a.example").unwrap();
        assert_eq!(
            at(src, &ansi.source_of(h..h + 13).unwrap()),
            "a.example.com"
        );
        assert_eq!(string(&m, src, "plain\\ word").text(), "plain word");
    }

    #[test]
    fn heredoc_lines_are_strings_and_comments_are_not() {
        let src = "# see https://old.example.com/oauth/\nBASE=https://api.example.com\ncat <<EOF > cfg\ntoken_url: $BASE/oauth/token\n\nauthorize: https://auth.example.com/authorize\nEOF\ncat <<'RAW'\nliteral $BASE\nRAW\n";
        let m = lower(src);
        let t = texts(&m);
        assert!(t.contains(&"token_url: https://api.example.com/oauth/token".to_string()));
        assert!(t.contains(&"authorize: https://auth.example.com/authorize".to_string()));
        assert!(t.contains(&"literal $BASE".to_string()));
        assert!(!t.iter().any(|s| s.contains("old.example.com")));
        let line = m
            .strings
            .iter()
            .find(|s| s.text().starts_with("token_url"))
            .unwrap();
        assert_eq!(at(src, &line.span), "token_url: $BASE/oauth/token");
        assert_eq!(m.comments.len(), 1);
        assert_eq!(
            at(src, &m.comments[0]),
            "# see https://old.example.com/oauth/"
        );
    }

    #[test]
    fn curl_form_body_entries_point_into_the_word() {
        let src = "curl -X POST https://a.example.com/token -d 'grant_type=password&user_id=u1&password=p'\n";
        let m = lower(src);
        let r = &m.http_requests[0];
        assert_eq!(r.library, "curl");
        assert_eq!(r.method, Some(Method::Post));
        assert_eq!(method_span(src, r), ("explicit", "POST"));
        assert_eq!(r.body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&r.body), vec!["grant_type", "user_id", "password"]);
        let g = entry(&r.body, "grant_type");
        assert_eq!(value(g), "password");
        let ks = g.key_span.clone().unwrap();
        assert_eq!(at(src, &ks), "grant_type");
        assert_eq!(ks.start, src.find("grant_type").unwrap());
        assert_eq!(at(src, g.value_span.as_ref().unwrap()), "password");
        assert_eq!(at(src, &g.span), "grant_type=password");
        let u = entry(&r.body, "user_id");
        assert_eq!(at(src, u.key_span.as_ref().unwrap()), "user_id");
        assert_eq!(
            at(src, r.body_span.as_ref().unwrap()),
            "'grant_type=password&user_id=u1&password=p'"
        );
        // body entries are also entries of the file
        assert_eq!(keys(&m.entries), vec!["grant_type", "user_id", "password"]);
    }

    #[test]
    fn curl_json_body_and_content_type_header() {
        let src = "curl https://a.example.com/token -H 'Content-Type: application/json' -d '{\"grant_type\":\"password\", \"client_id\": \"x1\", \"n\": 3, \"o\": {\"a\": 1}}'\n";
        let m = lower(src);
        let r = &m.http_requests[0];
        assert_eq!(r.method, Some(Method::Post));
        assert_eq!(method_span(src, r), ("default", "curl"));
        assert_eq!(r.body_kind, Some(BodyKind::Json));
        assert_eq!(keys(&r.body), vec!["grant_type", "client_id", "n", "o"]);
        let c = entry(&r.body, "client_id");
        assert_eq!(at(src, c.key_span.as_ref().unwrap()), "client_id");
        assert_eq!(value(c), "x1");
        let vs = c.value.as_ref().unwrap().source_of(0..2).unwrap();
        assert_eq!(at(src, &vs), "x1");
        assert_eq!(at(src, c.value_span.as_ref().unwrap()), "\"x1\"");
        assert_eq!(value(entry(&r.body, "n")), "3");
        assert!(entry(&r.body, "o").value.is_none());
        let h = entry(&r.headers, "Content-Type");
        assert_eq!(at(src, h.key_span.as_ref().unwrap()), "Content-Type");
        assert_eq!(value(h), "application/json");
        assert_eq!(at(src, h.value_span.as_ref().unwrap()), "application/json");
        assert!(r.rewrite_hints.is_empty());
    }

    #[test]
    fn json_built_from_spliced_quotes_keeps_key_spans() {
        let src = "curl -s https://a.example.com/t --data-raw '{\"grant_type\":\"password\",\"user_id\":\"'\"$U\"'\"}'\n";
        let m = lower(src);
        let r = &m.http_requests[0];
        assert_eq!(r.body_kind, Some(BodyKind::Json));
        let u = entry(&r.body, "user_id");
        assert_eq!(at(src, u.key_span.as_ref().unwrap()), "user_id");
        assert_eq!(u.value.as_ref().unwrap().display(), "{U}");
    }

    #[test]
    fn curl_method_defaults_get_and_json() {
        let src = "curl https://a.example.com/x\n\
                   curl -d a=b https://a.example.com/x\n\
                   curl -G -d grant_type=password --data-urlencode 'user_id=u' https://a.example.com/x\n\
                   curl --json '{\"a\":\"b\"}' https://a.example.com/x\n\
                   curl -I https://a.example.com/x\n\
                   curl -X \"$M\" https://a.example.com/x\n\
                   curl -T f.txt https://a.example.com/x\n";
        let m = lower(src);
        let r = &m.http_requests;
        assert_eq!(r[0].method, Some(Method::Get));
        assert_eq!(method_span(src, &r[0]), ("default", "curl"));
        assert_eq!(r[0].body_kind, None);
        assert_eq!(r[1].method, Some(Method::Post));
        assert_eq!(method_span(src, &r[1]), ("default", "curl"));
        assert_eq!(r[2].method, Some(Method::Get));
        assert_eq!(method_span(src, &r[2]), ("explicit", "-G"));
        assert_eq!(r[2].body_kind, None);
        assert!(r[2].body.is_empty());
        assert_eq!(keys(&r[2].query), vec!["grant_type", "user_id"]);
        assert_eq!(r[3].body_kind, Some(BodyKind::Json));
        assert_eq!(keys(&r[3].body), vec!["a"]);
        assert_eq!(r[4].method, Some(Method::Head));
        assert_eq!(r[5].method, None);
        assert_eq!(r[5].method_source, MethodSource::Unknown);
        assert_eq!(r[6].method, Some(Method::Put));
    }

    #[test]
    fn combined_options_and_inline_values() {
        let src = "curl -sSLXPOST https://a.example.com/1\n\
                   curl --request=PATCH https://a.example.com/2\n\
                   curl -dgrant_type=password -d user_id=u https://a.example.com/3\n\
                   curl -fsS -X POST -H'Accept: application/json' https://a.example.com/4\n";
        let m = lower(src);
        let r = &m.http_requests;
        assert_eq!(r[0].method, Some(Method::Post));
        assert_eq!(method_span(src, &r[0]), ("explicit", "POST"));
        assert_eq!(url(&r[0]), "https://a.example.com/1");
        assert_eq!(r[1].method, Some(Method::Patch));
        assert_eq!(method_span(src, &r[1]), ("explicit", "PATCH"));
        assert_eq!(keys(&r[2].body), vec!["grant_type", "user_id"]);
        let g = entry(&r[2].body, "grant_type");
        assert_eq!(at(src, g.key_span.as_ref().unwrap()), "grant_type");
        assert_eq!(at(src, g.value_span.as_ref().unwrap()), "password");
        assert_eq!(
            at(src, r[2].body_span.as_ref().unwrap()),
            "grant_type=password -d user_id=u"
        );
        assert_eq!(value(entry(&r[3].headers, "Accept")), "application/json");
        assert_eq!(url(&r[3]), "https://a.example.com/4");
    }

    #[test]
    fn continuation_lines_and_any_option_order() {
        let src = "curl \\\n  --data 'grant_type=refresh_token' \\\n  --header \"Content-Type: application/x-www-form-urlencoded\" \\\n  --user \"$ID:$SECRET\" \\\n  --url https://a.example.com/token \\\n  --request POST\n";
        let m = lower(src);
        assert_eq!(m.http_requests.len(), 1);
        let r = &m.http_requests[0];
        assert_eq!(url(r), "https://a.example.com/token");
        assert_eq!(method_span(src, r), ("explicit", "POST"));
        assert!(r.basic_auth);
        assert_eq!(r.body_kind, Some(BodyKind::Form));
        assert_eq!(at(src, &r.span), src.trim_end());
    }

    #[test]
    fn unquoted_variables_split_into_arguments() {
        let src =
            "OPTS=\"-s -X POST -u id:secret\"\nGET_FLAG=-G\nU=\"https://a.example.com/3 x\"\n\
                   curl $OPTS https://a.example.com/1\n\
                   curl $GET_FLAG -d grant_type=x https://a.example.com/2\n\
                   curl \"$U\"\n\
                   curl $U\n";
        let m = lower(src);
        let r = &m.http_requests;
        assert_eq!(r[0].method, Some(Method::Post));
        assert_eq!(method_span(src, &r[0]), ("explicit", "POST"));
        assert!(r[0].basic_auth);
        assert_eq!(url(&r[0]), "https://a.example.com/1");
        assert_eq!(r[1].method, Some(Method::Get));
        assert_eq!(method_span(src, &r[1]), ("explicit", "$GET_FLAG"));
        // the `-G` is not written in the command: no local rewrite
        assert!(r[1].rewrite_hints.is_empty());
        assert_eq!(keys(&r[1].query), vec!["grant_type"]);
        // a quoted expansion is one word, an unquoted one splits
        assert_eq!(url(&r[2]), "https://a.example.com/3 x");
        assert_eq!(url(&r[3]), "https://a.example.com/3");
    }

    #[test]
    fn option_lines_after_a_lost_continuation_belong_to_the_request() {
        let src = "curl --request POST\n--url \"https://a.example.com/oauth/token\" \\\n--header \"Content-Type: application/x-www-form-urlencoded\" \\\n--data \"grant_type=refresh_token&refresh_token=x\"\necho done\n";
        let m = lower(src);
        assert_eq!(m.http_requests.len(), 1);
        let r = &m.http_requests[0];
        assert_eq!(url(r), "https://a.example.com/oauth/token");
        assert_eq!(method_span(src, r), ("explicit", "POST"));
        assert_eq!(keys(&r.body), vec!["grant_type", "refresh_token"]);
        assert!(at(src, &r.span).ends_with("refresh_token=x\""));
        let names: Vec<&str> = m.calls.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, vec!["echo"]);
    }

    #[test]
    fn basic_auth_from_user_option_or_header() {
        let src = "curl -u id:secret https://a.example.com/1\n\
                   curl -H 'Authorization: Basic YWJjOmRlZg==' https://a.example.com/2\n\
                   curl -H \"Authorization: Bearer $T\" https://a.example.com/3\n\
                   curl --digest -u a:b https://a.example.com/4\n";
        let m = lower(src);
        let b: Vec<bool> = m.http_requests.iter().map(|r| r.basic_auth).collect();
        assert_eq!(b, vec![true, true, false, false]);
        let h = entry(&m.http_requests[1].headers, "Authorization");
        assert_eq!(value(h), "Basic YWJjOmRlZg==");
    }

    #[test]
    fn query_entries_come_from_the_url() {
        let src = "TOKEN_URL=https://a.example.com/oauth/access_token\ncurl \"$TOKEN_URL?grant_type=password&user_id=$U&client_id=c1#frag\"\n";
        let m = lower(src);
        let r = &m.http_requests[0];
        assert_eq!(keys(&r.query), vec!["grant_type", "user_id", "client_id"]);
        let c = entry(&r.query, "client_id");
        assert_eq!(at(src, c.key_span.as_ref().unwrap()), "client_id");
        assert_eq!(value(c), "c1");
        assert_eq!(
            entry(&r.query, "user_id").value.as_ref().unwrap().display(),
            "{U}"
        );
        assert_eq!(method_span(src, r), ("default", "curl"));
    }

    #[test]
    fn requests_inside_substitutions_pipelines_and_wrappers() {
        let src = "R=$(curl -s https://a.example.com/1)\n\
                   curl https://a.example.com/2 | jq .\n\
                   if curl -sf https://a.example.com/3; then echo ok; fi\n\
                   get() {\n  sudo -E curl https://a.example.com/4\n}\n\
                   command curl https://a.example.com/5\n\
                   env -i A=b timeout 10 /usr/bin/curl https://a.example.com/6\n\
                   echo \"$(curl https://a.example.com/7)\"\n\
                   command -v curl\n";
        let m = lower(src);
        let urls: Vec<String> = m.http_requests.iter().map(url).collect();
        assert_eq!(
            urls,
            (1..=7)
                .map(|i| format!("https://a.example.com/{i}"))
                .collect::<Vec<_>>()
        );
        // the curl word, not the wrapper, is the default method's span
        assert_eq!(method_span(src, &m.http_requests[3]), ("default", "curl"));
        assert_eq!(
            method_span(src, &m.http_requests[5]),
            ("default", "/usr/bin/curl")
        );
    }

    #[test]
    fn data_urlencode_form_and_stdin_bodies() {
        let src = "curl https://a.example.com/t --data-urlencode grant_type=password --data-urlencode 'user_id@users.txt' --data-urlencode 'plain'\n\
                   curl https://a.example.com/f -F grant_type=password -F file=@x.bin\n\
                   curl https://a.example.com/s -H 'Content-Type: application/json' -d @- <<EOF\n{\"grant_type\": \"password\"}\nEOF\n\
                   curl https://a.example.com/h -d @- <<< 'grant_type=client_credentials'\n\
                   curl https://a.example.com/file -d @body.txt\n";
        let m = lower(src);
        let r = &m.http_requests;
        assert_eq!(keys(&r[0].body), vec!["grant_type", "user_id"]);
        assert_eq!(value(entry(&r[0].body, "grant_type")), "password");
        assert!(entry(&r[0].body, "user_id").value.is_none());
        assert_eq!(r[0].body_kind, Some(BodyKind::Form));
        assert_eq!(r[1].body_kind, Some(BodyKind::Multipart));
        assert_eq!(keys(&r[1].body), vec!["grant_type", "file"]);
        assert_eq!(r[2].body_kind, Some(BodyKind::Json));
        let g = entry(&r[2].body, "grant_type");
        assert_eq!(at(src, g.key_span.as_ref().unwrap()), "grant_type");
        assert_eq!(value(g), "password");
        assert_eq!(value(entry(&r[3].body, "grant_type")), "client_credentials");
        assert_eq!(r[4].body_kind, Some(BodyKind::Form));
        assert!(r[4].body.is_empty());
        assert_eq!(r[4].method, Some(Method::Post));
    }

    #[test]
    fn rewrite_hints_are_local_edits() {
        let src = "curl \"https://a.example.com/token?grant_type=x\"\n\
                   curl -X GET https://a.example.com/token\n\
                   curl -G -d grant_type=x https://a.example.com/token\n\
                   curl -X POST https://a.example.com/token -H 'Content-Type: application/json' -d 'grant_type=x&code=y'\n\
                   curl -X POST https://a.example.com/token -H 'Content-Type: application/json' -d '{\"grant_type\":\"x\"}'\n";
        let m = lower(src);
        let r = &m.http_requests;
        let hint = |i: usize, kind: RewriteKind| {
            r[i].rewrite_hints.iter().find(|h| h.kind == kind).map(|h| {
                h.edits
                    .iter()
                    .map(|(s, t)| (at(src, s).to_string(), s.start, t.clone()))
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(
            hint(0, RewriteKind::ToPost),
            Some(vec![("".to_string(), 4, " -X POST".to_string())])
        );
        let h1 = hint(1, RewriteKind::ToPost).unwrap();
        assert_eq!((h1[0].0.as_str(), h1[0].2.as_str()), ("GET", "POST"));
        let h2 = hint(2, RewriteKind::ToPost).unwrap();
        assert_eq!((h2[0].0.as_str(), h2[0].2.as_str()), ("-G ", ""));
        let h3 = hint(3, RewriteKind::ToForm).unwrap();
        assert_eq!(
            (h3[0].0.as_str(), h3[0].2.as_str()),
            ("application/json", "application/x-www-form-urlencoded")
        );
        assert_eq!(r[3].body_kind, Some(BodyKind::Json));
        assert_eq!(hint(4, RewriteKind::ToForm), None);
        assert_eq!(hint(3, RewriteKind::ToPost), None);
    }

    #[test]
    fn wget_requests() {
        let src = "wget -qO- --post-data=\"grant_type=password&user_id=$U\" https://a.example.com/token\n\
                   wget --method=DELETE --header='Authorization: Bearer x' https://a.example.com/r\n\
                   wget -q https://a.example.com/get -O out.json\n";
        let m = lower(src);
        let r = &m.http_requests;
        assert_eq!(r[0].library, "wget");
        assert_eq!(r[0].method, Some(Method::Post));
        assert_eq!(method_span(src, &r[0]), ("default", "wget"));
        assert_eq!(r[0].body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&r[0].body), vec!["grant_type", "user_id"]);
        assert_eq!(
            at(src, entry(&r[0].body, "user_id").key_span.as_ref().unwrap()),
            "user_id"
        );
        assert_eq!(url(&r[0]), "https://a.example.com/token");
        assert_eq!(r[1].method, Some(Method::Delete));
        assert_eq!(method_span(src, &r[1]), ("explicit", "DELETE"));
        assert_eq!(keys(&r[1].headers), vec!["Authorization"]);
        assert_eq!(r[2].method, Some(Method::Get));
        assert_eq!(url(&r[2]), "https://a.example.com/get");
    }

    #[test]
    fn httpie_requests() {
        let src = "http POST https://a.example.com/token grant_type=password user_id=u Accept:application/json\n\
                   http --form -a id:secret https://a.example.com/token grant_type=refresh_token\n\
                   https a.example.com/me q==1\n\
                   http -A bearer -a tok GET https://a.example.com/x\n";
        let m = lower(src);
        let r = &m.http_requests;
        assert_eq!(r[0].library, "httpie");
        assert_eq!(method_span(src, &r[0]), ("explicit", "POST"));
        assert_eq!(r[0].body_kind, Some(BodyKind::Json));
        assert_eq!(keys(&r[0].body), vec!["grant_type", "user_id"]);
        let g = entry(&r[0].body, "grant_type");
        assert_eq!(at(src, g.key_span.as_ref().unwrap()), "grant_type");
        assert_eq!(value(g), "password");
        assert_eq!(value(entry(&r[0].headers, "Accept")), "application/json");
        assert!(r[0]
            .rewrite_hints
            .iter()
            .any(|h| h.kind == RewriteKind::ToForm));
        assert_eq!(r[1].body_kind, Some(BodyKind::Form));
        assert_eq!(r[1].method, Some(Method::Post));
        assert_eq!(method_span(src, &r[1]), ("default", "http"));
        assert!(r[1].basic_auth);
        assert_eq!(r[2].method, Some(Method::Get));
        assert_eq!(url(&r[2]), "a.example.com/me");
        assert_eq!(keys(&r[2].query), vec!["q"]);
        assert!(!r[3].basic_auth);
        assert_eq!(method_span(src, &r[3]), ("explicit", "GET"));
    }

    #[test]
    fn jq_reads_follow_the_response_through_variables_and_pipes() {
        let src = "TOKEN_JSON=$(curl -s -X POST \"$TOKEN_URL\" -d grant_type=password)\n\
                   echo \"$TOKEN_JSON\" | jq -r .organizer_key\n\
                   jq -r '.account_key' <<< \"$TOKEN_JSON\"\n\
                   curl -s https://a.example.com/t | jq -r '.[\"email\"]'\n\
                   curl -s https://a.example.com/t -o token.json\n\
                   jq -r .version token.json\n\
                   jq -r .platform < token.json\n\
                   printf '%s' \"$TOKEN_JSON\" | tee /dev/stderr | jq .firstName\n\
                   jq -n '.lastName'\n\
                   jq .x other.json\n";
        let m = lower(src);
        let reads: Vec<(&str, &str, ReadKind, Origin)> = m
            .field_reads
            .iter()
            .map(|f| (f.field.as_str(), at(src, &f.span), f.kind, f.origin.clone()))
            .collect();
        assert_eq!(
            reads,
            vec![
                (
                    "organizer_key",
                    "organizer_key",
                    ReadKind::Member,
                    Origin::Response(0)
                ),
                (
                    "account_key",
                    "account_key",
                    ReadKind::Member,
                    Origin::Response(0)
                ),
                ("email", "email", ReadKind::Subscript, Origin::Response(1)),
                ("version", "version", ReadKind::Member, Origin::Response(2)),
                (
                    "platform",
                    "platform",
                    ReadKind::Member,
                    Origin::Response(2)
                ),
                (
                    "firstName",
                    "firstName",
                    ReadKind::Member,
                    Origin::Response(0)
                ),
                ("lastName", "lastName", ReadKind::Member, Origin::Unknown),
                ("x", "x", ReadKind::Member, Origin::Unknown),
            ]
        );
    }

    #[test]
    fn jq_guards_fallbacks_and_assignment_targets() {
        let src = "RESP=$(curl -s -X POST https://a.example.com/token -d grant_type=refresh_token)\n\
                   REFRESH_TOKEN=$(echo \"$RESP\" | jq -r .refresh_token)\n\
                   RT2=$(echo \"$RESP\" | jq -r '.refresh_token // empty')\n\
                   RT3=\"$(jq -r \".refresh_token // \\\"$RT3\\\"\" <<< \"$RESP\")\"\n\
                   RT4=$(jq -r --arg old \"$RT4\" '.refresh_token // $old' <<< \"$RESP\")\n\
                   echo \"$RESP\" | jq -r 'select(.refresh_token != null) | .refresh_token'\n\
                   echo \"$RESP\" | jq -r 'if has(\"refresh_token\") then .refresh_token else empty end'\n\
                   BOTH=$(echo \"$RESP\" | jq -r '.access_token, .refresh_token')\n";
        let m = lower(src);
        let rt: Vec<(bool, Option<&str>, bool)> = m
            .field_reads
            .iter()
            .filter(|f| f.field == "refresh_token")
            .map(|f| (f.guarded, f.assigned_to.as_deref(), f.fallback_is_target))
            .collect();
        assert_eq!(
            rt,
            vec![
                (false, Some("REFRESH_TOKEN"), false),
                (true, Some("RT2"), false),
                (true, Some("RT3"), true),
                (true, Some("RT4"), true),
                (true, None, false),
                (true, None, false),
                (true, None, false),
                (false, None, false),
            ]
        );
        assert!(m
            .field_reads
            .iter()
            .all(|f| f.field != "refresh_token" || f.origin == Origin::Response(0)));
    }

    #[test]
    fn jq_nested_reads_and_non_reads() {
        let src = "curl -s https://a.example.com/t | jq -r '.data.organizer_key, {k: .email}, $ENV.HOME, \"\\(.firstName) x\", .[0], 1.5'\n";
        let m = lower(src);
        let reads: Vec<(&str, bool, &str)> = m
            .field_reads
            .iter()
            .map(|f| {
                (
                    f.field.as_str(),
                    f.origin == Origin::Response(0),
                    f.receiver.as_str(),
                )
            })
            .collect();
        assert_eq!(
            reads,
            vec![
                ("data", true, "."),
                ("organizer_key", false, ".data"),
                ("email", true, "."),
                ("HOME", false, "$ENV"),
                ("firstName", true, "."),
            ]
        );
    }

    #[test]
    fn function_summaries_and_token_calls_give_origins() {
        let src =
            "fetch() {\n  curl -s -X POST https://a.example.com/token -d grant_type=password\n}\n\
                   TOKEN=$(fetch)\n\
                   echo \"$TOKEN\" | jq -r .organizer_key\n\
                   get_token | jq -r .account_key\n";
        let m = lower(src);
        assert_eq!(m.field_reads[0].origin, Origin::Response(0));
        let call = m.calls.iter().position(|c| c.name == "get_token").unwrap();
        assert_eq!(m.field_reads[1].origin, Origin::TokenCall(call));
        assert_eq!(at(src, &m.calls[call].name_span), "get_token");
    }

    #[test]
    fn read_and_loop_variables_are_not_known() {
        let src = "read -r -p 'User: ' GOTO_USER\nfor u in a b; do curl \"https://a.example.com/$u\"; done\ncurl -d \"user_id=$GOTO_USER\" https://a.example.com/t\n";
        let m = lower(src);
        assert_eq!(
            m.http_requests[0].url.as_ref().unwrap().display(),
            "https://a.example.com/{u}"
        );
        assert_eq!(
            entry(&m.http_requests[1].body, "user_id")
                .value
                .as_ref()
                .unwrap()
                .display(),
            "{GOTO_USER}"
        );
        let src = "R=$(cat)\nread -r R\necho \"$R\" | jq .organizer_key\n";
        assert_eq!(lower(src).field_reads[0].origin, Origin::Input);
    }

    #[test]
    fn arrays_of_arguments_are_spliced() {
        let src = "ARGS=(-X POST -H 'Content-Type: application/json')\nARGS+=(-d '{\"grant_type\":\"password\"}')\ncurl \"${ARGS[@]}\" https://a.example.com/token\n";
        let m = lower(src);
        let r = &m.http_requests[0];
        assert_eq!(method_span(src, r), ("explicit", "POST"));
        assert_eq!(r.body_kind, Some(BodyKind::Json));
        assert_eq!(keys(&r.body), vec!["grant_type"]);
        assert_eq!(url(r), "https://a.example.com/token");
    }

    #[test]
    fn other_commands_are_calls() {
        let src = "jq -r .a f.json\ngrep -q token \"$F\"\nrefresh_token \"$X\"\n";
        let m = lower(src);
        let names: Vec<&str> = m.calls.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, vec!["jq", "grep", "refresh_token"]);
        assert_eq!(m.calls[1].args.len(), 3);
        assert_eq!(m.calls[1].args[1].as_ref().unwrap().text(), "token");
        assert!(m.http_requests.is_empty());
    }

    #[test]
    fn parse_errors_only_when_nothing_useful_was_lowered() {
        // an error and nothing but strings: the text scanner does as well
        let m = lower("URL=\"https://a.example.com/x\nif then fi )\n");
        assert!(m.parse_errors);
        // an error, but requests were lowered: keep the model
        let src = "curl -X POST https://a.example.com/token -d grant_type=password\nfi ) ( esac https://b.example.com/oauth/\n";
        let m = lower(src);
        assert!(!m.parse_errors);
        assert_eq!(m.http_requests.len(), 1);
        assert!(texts(&m)
            .iter()
            .any(|t| t.contains("https://b.example.com/oauth/")));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let mut src = String::from("X=");
        for _ in 0..3000 {
            src.push_str("$(echo ");
        }
        src.push_str("https://a.example.com");
        for _ in 0..3000 {
            src.push(')');
        }
        src.push('\n');
        let _ = lower(&src);
        let _ = lower(&"(".repeat(10_000));
        let _ = lower(&"$(".repeat(10_000));
        let _ = lower(&"{ ".repeat(10_000));
        let mut e = String::from("A=\"");
        for _ in 0..2000 {
            e.push_str("${A:-");
        }
        e.push('x');
        e.push_str(&"}".repeat(2000));
        e.push_str("\"\ncurl \"$A\"\n");
        let m = lower(&e);
        assert_eq!(m.http_requests.len(), 1);
        // a chain of variables deeper than the cap ends in a hole
        let mut chain = String::from("V0=https://a.example.com\n");
        for i in 1..200 {
            chain.push_str(&format!("V{i}=\"$V{}/x\"\n", i - 1));
        }
        chain.push_str("curl \"$V199\"\n");
        let m = lower(&chain);
        assert!(m.http_requests[0].url.as_ref().unwrap().has_holes());
    }

    #[test]
    fn doubling_variables_stay_bounded() {
        let mut src = String::from("A0=abcdefgh\n");
        for i in 1..40 {
            src.push_str(&format!("A{i}=\"$A{}$A{}\"\n", i - 1, i - 1));
        }
        src.push_str("curl \"https://a.example.com/$A39\"\n");
        let m = lower(&src);
        let u = m.http_requests[0].url.as_ref().unwrap();
        assert!(u.pieces.len() <= MAX_PIECES);
    }

    #[test]
    fn garbage_does_not_panic() {
        let inputs = [
            "",
            "\u{feff}",
            "\"unterminated",
            "'unterminated",
            "$'\\x\\u\\U\\c",
            "curl -",
            "curl --",
            "curl -X",
            "curl -d",
            "curl -H",
            "curl -H ''",
            "curl -H ':'",
            "curl -d '{\"a\":'",
            "curl -d '{\"a'",
            "curl -d '{'",
            "jq '.[\"a'",
            "jq '.\"a'",
            "jq -r",
            "http",
            "http : ;",
            "wget --post-data",
            "cat <<EOF\n$(",
            "${",
            "${A:-",
            "${#}",
            "$((1+))",
            "é=ü curl \"${é:-ü}\"",
            "curl $'\\u{1}\\x01' \u{1}",
            "\u{1}\u{1}=\u{1}",
            "a=(\nb\n",
            "case x in *) ;; esac; [[ a =~ b ]]; f() (curl x)",
        ];
        for s in inputs {
            let _ = lower(s);
        }
        let mut bytes = String::new();
        for i in 0..4000u32 {
            bytes.push(char::from_u32((i * 7919) % 0x250).unwrap_or('x'));
        }
        let _ = lower(&bytes);
    }
}
