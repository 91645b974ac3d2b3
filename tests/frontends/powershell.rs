//! Unit-level checks of the PowerShell front end's model.

mod tests {
    use crate::common::{at, keys, method_span, read, string_from, url};
    use gotolint::lang::powershell::lower;
    use gotolint::lang::{self, Language};
    use gotolint::model::*;

    #[test]
    fn quotes_escapes_and_here_strings() {
        let src = "$a = 'it''s'\n$b = \"tab`there `\"q`\" `$x\"\n$c = @'\nraw $x `n\n'@\n$d = @\"\nline $name\n\"@\n";
        let m = lower(src);
        assert!(!m.parse_errors);
        let a = string_from(&m, src, "'it''s'");
        assert_eq!(a.text(), "it's");
        assert_eq!(at(src, &a.source_of(0..2).unwrap()), "it");
        let b = string_from(&m, src, "\"tab`there `\"q`\" `$x\"");
        assert_eq!(b.text(), "tab\there \"q\" $x");
        assert_eq!(at(src, &b.source_of(3..4).unwrap()), "`t");
        assert_eq!(
            string_from(&m, src, "@'\nraw $x `n\n'@").text(),
            "raw $x `n"
        );
        assert_eq!(
            string_from(&m, src, "@\"\nline $name\n\"@").display(),
            "line {$name}"
        );
    }

    #[test]
    fn variables_concatenation_and_the_format_operator() {
        let src = r#"$script:Base = 'https://api.getgo.com'
$a = "$Base/oauth/v2/token"
$b = $script:Base + '/oauth' + "/access_token"
$c = "{0}/oauth/{1}?x={{y}}" -f $Base, 'authorize'
$d = "$($Base)/G2W"
$twice = 'a'
$twice = 'b'
$e = "$twice/x"
$k = 'Basic ' + [Convert]::ToBase64String($b)
"#;
        let m = lower(src);
        let a = string_from(&m, src, "\"$Base/oauth/v2/token\"");
        assert_eq!(a.text(), "https://api.getgo.com/oauth/v2/token");
        let host = a.source_of(8..21).unwrap();
        assert!(src[..host.start].ends_with("$script:Base = 'https://"));
        assert_eq!(at(src, &host), "api.getgo.com");
        let b = string_from(&m, src, "$script:Base + '/oauth' + \"/access_token\"");
        assert_eq!(b.text(), "https://api.getgo.com/oauth/access_token");
        let c = string_from(&m, src, "\"{0}/oauth/{1}?x={{y}}\" -f $Base, 'authorize'");
        assert_eq!(c.text(), "https://api.getgo.com/oauth/authorize?x={y}");
        assert_eq!(
            string_from(&m, src, "\"$($Base)/G2W\"").text(),
            "https://api.getgo.com/G2W"
        );
        // a variable assigned twice is not known
        assert_eq!(string_from(&m, src, "\"$twice/x\"").display(), "{$twice}/x");
        let k = string_from(&m, src, "'Basic ' + [Convert]::ToBase64String($b)");
        assert_eq!(k.display(), "Basic {[Convert]::ToBase64String($b)}");
    }

    #[test]
    fn requests_with_parameters_defaults_and_aliases() {
        let src = r#"$u = 'https://api.getgo.com/oauth/v2/token'
$r1 = Invoke-RestMethod -Uri $u -Method Post -Body @{ grant_type = 'refresh_token'; refresh_token = $rt } -Headers @{ Authorization = "Basic $b64" }
$r2 = irm $u -Body @{ grant_type = 'password'; client_id = $id }
$r3 = iwr -Url $u -Method:GET
Invoke-WebRequest -Uri $u -Method Post -Body "grant_type=authorization_code&code=$code" -UseBasicParsing
"#;
        let m = lower(src);
        assert!(!m.parse_errors);
        let r = &m.http_requests;
        assert_eq!(r.len(), 4);
        assert_eq!(r[0].library, "Invoke-RestMethod");
        assert_eq!(r[0].method, Some(Method::Post));
        assert_eq!(method_span(src, &r[0]), "Post");
        assert_eq!(url(&r[0]), "https://api.getgo.com/oauth/v2/token");
        assert_eq!(r[0].body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&r[0].body), ["grant_type", "refresh_token"]);
        assert!(r[0].basic_auth);
        // no -Method: GET, and a hashtable body is the query string
        assert_eq!(r[1].method, Some(Method::Get));
        assert!(matches!(r[1].method_source, MethodSource::Default { .. }));
        assert_eq!(method_span(src, &r[1]), "irm");
        assert_eq!(keys(&r[1].query), ["grant_type", "client_id"]);
        assert!(r[1].body.is_empty());
        assert_eq!(r[2].library, "Invoke-WebRequest");
        assert_eq!(r[2].method, Some(Method::Get));
        assert_eq!(method_span(src, &r[2]), "GET");
        assert_eq!(url(&r[2]), "https://api.getgo.com/oauth/v2/token");
        // a switch parameter takes no value
        assert_eq!(r[3].body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&r[3].body), ["grant_type", "code"]);
    }

    #[test]
    fn json_bodies_and_splatting() {
        let src = r#"$body = @{ grant_type = 'authorization_code'; code = $Code } | ConvertTo-Json
Invoke-RestMethod -Uri $u -Method Post -Body $body
Invoke-RestMethod -Uri $u -Method Post -Body (ConvertTo-Json @{ client_id = $id })
Invoke-RestMethod -Uri $u -Method Post -Body @{ a = 1 } -ContentType 'application/json'
$params = [ordered]@{
    Method  = 'Post'
    Uri     = 'https://api.getgo.com/oauth/v2/token'
    Body    = @{ grant_type = 'refresh_token' }
}
$params['Headers'] = @{ Authorization = "Basic $basic" }
$resp = Invoke-RestMethod @params -ContentType 'application/x-www-form-urlencoded'
"#;
        let m = lower(src);
        let r = &m.http_requests;
        assert_eq!(r[0].body_kind, Some(BodyKind::Json));
        assert_eq!(keys(&r[0].body), ["grant_type", "code"]);
        assert_eq!(r[1].body_kind, Some(BodyKind::Json));
        assert_eq!(keys(&r[1].body), ["client_id"]);
        assert_eq!(r[2].body_kind, Some(BodyKind::Json));
        // the JSON content type of a hashtable body is rewritten to the form type
        let to_form = r[2]
            .rewrite_hints
            .iter()
            .find(|h| h.kind == RewriteKind::ToForm)
            .expect("a form rewrite");
        assert_eq!(at(src, &to_form.edits[0].0), "application/json");
        assert_eq!(r[3].method, Some(Method::Post));
        assert_eq!(method_span(src, &r[3]), "Post");
        assert_eq!(url(&r[3]), "https://api.getgo.com/oauth/v2/token");
        assert_eq!(r[3].body_kind, Some(BodyKind::Form));
        assert_eq!(keys(&r[3].body), ["grant_type"]);
        assert!(r[3].basic_auth, "a header added after the literal counts");
    }

    #[test]
    fn a_get_becomes_a_post_by_its_method_parameter() {
        let src = "$r = Invoke-RestMethod -Uri $u -Method Get -Body @{ a = 'b' }\n$s = irm $u\n";
        let model = lang::lower(Language::PowerShell, src);
        let explicit = &model.http_requests[0].rewrite_hints;
        assert_eq!(explicit[0].kind, RewriteKind::ToPost);
        assert_eq!(at(src, &explicit[0].edits[0].0), "Get");
        assert_eq!(explicit[0].edits[0].1, "Post");
        let default = &model.http_requests[1].rewrite_hints;
        assert_eq!(default[0].kind, RewriteKind::ToPost);
        assert_eq!(default[0].edits[0].1, " -Method Post");
        assert_eq!(default[0].edits[0].0.start, src.find("irm").unwrap() + 3);
    }

    #[test]
    fn response_reads_origins_guards_and_stores() {
        let src = r#"function Get-Token {
    param($Code)
    return Invoke-RestMethod -Uri $u -Method Post -Body @{ code = $Code }
}
$resp = Invoke-RestMethod -Uri $u -Method Post -Body @{ grant_type = 'refresh_token' }
$script:RefreshToken = $resp.refresh_token
$local = $resp.refresh_token
if ($resp.refresh_token) { $config.refresh_token = $resp.refresh_token }
$resp.refresh_token | Set-Content -Path $file
$t = Get-Token -Code $c
$t.organizer_key
$w = (Invoke-WebRequest -Uri $u).Content | ConvertFrom-Json
$w['account_key']
$p = $env:TOKENS
$p.organizer_key
$t.ContainsKey('account_key')
"#;
        let m = lang::lower(Language::PowerShell, src);
        assert!(!m.parse_errors);
        let rt: Vec<&FieldRead> = m
            .field_reads
            .iter()
            .filter(|r| r.field == "refresh_token")
            .collect();
        assert_eq!(rt.len(), 5);
        assert_eq!(rt[0].origin, Origin::Response(1));
        assert_eq!(rt[0].assigned_to.as_deref(), Some("$script:RefreshToken"));
        assert!(rt[0].absence.target_outlives_call);
        assert!(!rt[0].guarded);
        assert_eq!(rt[1].assigned_to.as_deref(), Some("$local"));
        assert!(!rt[1].absence.target_outlives_call);
        assert!(rt[2].guarded && rt[3].guarded);
        assert_eq!(rt[3].assigned_to.as_deref(), Some("$config.refresh_token"));
        assert!(rt[4]
            .assigned_to
            .as_deref()
            .unwrap()
            .starts_with("Set-Content"));
        assert!(rt[4].absence.target_outlives_call);
        let ok = read(&m, "organizer_key");
        assert_eq!(
            ok.origin,
            Origin::Response(0),
            "through the function's return"
        );
        assert_eq!(ok.receiver, "$t");
        let ak = read(&m, "account_key");
        assert_eq!(ak.kind, ReadKind::Subscript);
        assert_eq!(ak.origin, Origin::Response(2));
        let env = m
            .field_reads
            .iter()
            .filter(|r| r.field == "organizer_key")
            .nth(1)
            .unwrap();
        assert_eq!(env.origin, Origin::Config);
        let presence = m
            .field_reads
            .iter()
            .find(|r| r.kind == ReadKind::Presence)
            .unwrap();
        assert_eq!(presence.field, "account_key");
        assert_eq!(presence.origin, Origin::Response(0));
        // the assignment target is not a read
        assert!(!m
            .field_reads
            .iter()
            .any(|r| at(src, &r.span) == "refresh_token" && r.receiver == "$config"));
    }

    #[test]
    fn entries_calls_comments_and_errors() {
        let src = "# one\n<# two\n#>\n$h = @{ 'client_secret' = 'abc'; \"Content-Type\" = 'x'; n = 1 }\nWrite-Host -Object 'hi' $x\n$s.SetRefreshToken('v')\n";
        let m = lower(src);
        assert_eq!(m.comments.len(), 2);
        assert_eq!(keys(&m.entries), ["client_secret", "Content-Type", "n"]);
        assert_eq!(
            at(src, m.entries[0].key_span.as_ref().unwrap()),
            "client_secret"
        );
        assert_eq!(m.entries[0].value.as_ref().unwrap().text(), "abc");
        assert!(m.entries[2].value.is_none());
        let w = m.calls.iter().find(|c| c.name == "Write-Host").unwrap();
        assert_eq!(keys(&w.kwargs), ["object"]);
        assert_eq!(w.args.len(), 1);
        let s = m
            .calls
            .iter()
            .find(|c| c.name == "SetRefreshToken")
            .unwrap();
        assert_eq!(s.callee, "s.SetRefreshToken");
        assert!(lower("$x = @{ a = \n").parse_errors);
    }

    #[test]
    fn a_partly_parsed_script_keeps_what_was_recovered() {
        // `??` (PowerShell 7) is not in the grammar
        let src = "$resp = Invoke-RestMethod -Uri $u -Method Post -Body @{ grant_type = 'refresh_token' }\n$script:RefreshToken = $resp.refresh_token\n$x = $y ?? 'https://api.getgo.com/oauth/v2/token'\n";
        let m = lower(src);
        assert!(!m.parse_errors);
        assert_eq!(m.http_requests.len(), 1);
        assert_eq!(read(&m, "refresh_token").origin, Origin::Response(0));
        assert!(m
            .strings
            .iter()
            .any(|s| s.text().contains("https://api.getgo.com/oauth/v2/token")));
    }

    #[test]
    fn deep_nesting_and_garbage_never_panic() {
        for src in [
            format!("$a = {}'x'{}", "(".repeat(5000), ")".repeat(5000)),
            format!("$a = {}", "@{ a = ".repeat(3000)),
            "$a = \"$(\"$(\"$(".repeat(500),
            "@'\n".to_string(),
            "\"`".to_string(),
            "irm @p -Body".to_string(),
            "$a = $a + $a\n$b = \"$a$a$a\"".to_string(),
        ] {
            let _ = lower(&src);
        }
    }
}
