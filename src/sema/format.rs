//! Format strings, read once for every language: the printf family (Go
//! `fmt.Sprintf`, Java `String.format`, PHP `sprintf`, Python `%`, Ruby
//! `format`) and the brace family (C# `string.Format`, PowerShell `-f`,
//! Python `str.format`).
//!
//! A dialect says which directives a language has; the reader walks the
//! format's text, copies the literal parts with their source offsets, and
//! asks the front end for the value of each directive. The front end knows
//! its arguments (positional, named, a dict), the reader knows the syntax.

use std::ops::Range;

use crate::model::Piece;
use crate::sema::pieces::{pieces_text, slice_pieces};

/// Which argument a directive reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arg<'t> {
    /// The argument at this index (0-based), counted or written out
    /// (`%2$s`, `{1}`).
    Pos(usize),
    /// A named argument (`%(name)s`, `%<name>s`, `%{name}`, `{name}`).
    Name(&'t str),
    /// A conversion that reads no argument (Java `%n`).
    None,
}

/// One directive of a format string, as the reader found it.
#[derive(Clone, Debug)]
pub struct Directive<'t> {
    pub arg: Arg<'t>,
    /// The conversion (`s`, `d`, `q`…); `0` for one that has none (Ruby's
    /// `%{name}`). For a brace field, `0`.
    pub conv: u8,
    /// No flags, width or precision (`%s`, not `%-5s`).
    pub plain: bool,
    /// What follows the argument in a brace field (`:N`, `!r`, `,-5`).
    pub spec: &'t str,
    /// The directive's text (`%-5s`, `{0}`).
    pub text: &'t str,
    /// Where the directive is in the format's text.
    pub at: Range<usize>,
}

/// The printf directives of one language.
pub struct Printf {
    /// The bytes that may stand between `%` and the conversion: flags,
    /// width, precision and length modifiers.
    pub flags: &'static [u8],
    /// The conversions; `None` when any byte is read as one.
    pub convs: Option<&'static [u8]>,
    /// Conversions that read no argument.
    pub no_arg: &'static [u8],
    /// `%2$s`: an explicit argument number.
    pub numbered: bool,
    /// `%(name)s` (Python).
    pub paren_names: bool,
    /// `%<name>s` and `%{name}` (Ruby).
    pub angle_names: bool,
    /// `%'*10s`: a padding character after a quote (PHP).
    pub quoted_pad: bool,
}

impl Printf {
    /// A dialect whose directives take `flags` between `%` and the
    /// conversion, read any byte as a conversion and number, name or pad
    /// nothing; the methods below add what a language's dialect has.
    pub const fn new(flags: &'static [u8]) -> Printf {
        Printf {
            flags,
            convs: None,
            no_arg: b"",
            numbered: false,
            paren_names: false,
            angle_names: false,
            quoted_pad: false,
        }
    }

    /// Only `convs` are conversions.
    pub const fn convs(self, convs: &'static [u8]) -> Printf {
        Printf {
            convs: Some(convs),
            ..self
        }
    }

    /// `no_arg` conversions read no argument (`%n`).
    pub const fn no_arg(self, no_arg: &'static [u8]) -> Printf {
        Printf { no_arg, ..self }
    }

    /// `%2$s` numbers its argument.
    pub const fn numbered(self) -> Printf {
        Printf {
            numbered: true,
            ..self
        }
    }

    /// `%(name)s` names its argument.
    pub const fn paren_names(self) -> Printf {
        Printf {
            paren_names: true,
            ..self
        }
    }

    /// `%<name>s` and `%{name}` name their argument.
    pub const fn angle_names(self) -> Printf {
        Printf {
            angle_names: true,
            ..self
        }
    }

    /// `%'*10s` pads with the character after a quote.
    pub const fn quoted_pad(self) -> Printf {
        Printf {
            quoted_pad: true,
            ..self
        }
    }

    /// The directive that starts at `at` (a `%` that is not `%%`): its end,
    /// its argument (`None` for the next one), conversion and plainness.
    fn parse<'t>(&self, t: &'t str, at: usize) -> Option<(usize, Option<Arg<'t>>, u8, bool)> {
        let b = t.as_bytes();
        let mut j = at + 1;
        let mut arg = None;
        if self.angle_names && b.get(j) == Some(&b'{') {
            let close = t.get(j + 1..)?.find('}')? + j + 1;
            return Some((close + 1, Some(Arg::Name(&t[j + 1..close])), 0, true));
        }
        let open = b.get(j).copied();
        if (self.paren_names && open == Some(b'(')) || (self.angle_names && open == Some(b'<')) {
            let closer = if open == Some(b'(') { ')' } else { '>' };
            let close = t.get(j + 1..)?.find(closer)? + j + 1;
            arg = Some(Arg::Name(&t[j + 1..close]));
            j = close + 1;
        } else if self.numbered {
            let digits = b[j..].iter().take_while(|c| c.is_ascii_digit()).count();
            if digits > 0 && b.get(j + digits) == Some(&b'$') {
                let n: usize = t[j..j + digits].parse().ok()?;
                arg = Some(Arg::Pos(n.saturating_sub(1)));
                j += digits + 1;
            }
        }
        let flags_from = j;
        while let Some(&c) = b.get(j) {
            if self.quoted_pad && c == b'\'' {
                j += 2;
            } else if self.flags.contains(&c) {
                j += 1;
            } else {
                break;
            }
        }
        let conv = *b.get(j)?;
        if !conv.is_ascii() || self.convs.is_some_and(|cs| !cs.contains(&conv)) {
            return None;
        }
        if self.no_arg.contains(&conv) {
            arg = Some(Arg::None);
        }
        Some((j + 1, arg, conv, j == flags_from))
    }
}

/// Fill the printf directives of `fmt` into `out`: the literal text as it
/// is (`%%` read as one `%`), each directive by `value`. `value` returns
/// false for a directive this call does not fill; its text then stays as
/// written. Arguments are counted over the directives that read the next
/// one.
pub fn printf(
    fmt: &[Piece],
    dialect: &Printf,
    out: &mut Vec<Piece>,
    mut value: impl FnMut(&Directive, &mut Vec<Piece>) -> bool,
) {
    let text = pieces_text(fmt);
    let b = text.as_bytes();
    let (mut lit, mut i, mut next) = (0usize, 0usize, 0usize);
    while i < b.len() {
        if b[i] != b'%' {
            i += 1;
            continue;
        }
        if b.get(i + 1) == Some(&b'%') {
            literal(fmt, lit, i + 1, out);
            i += 2;
            lit = i;
            continue;
        }
        let Some((end, arg, conv, plain)) = dialect.parse(&text, i) else {
            i += 1;
            continue;
        };
        let d = Directive {
            arg: arg.unwrap_or(Arg::Pos(next)),
            conv,
            plain,
            spec: "",
            text: &text[i..end],
            at: i..end,
        };
        let before = out.len();
        literal(fmt, lit, i, out);
        if !value(&d, out) {
            out.truncate(before);
            i += 1;
            continue;
        }
        if arg.is_none() {
            next += 1;
        }
        i = end;
        lit = end;
    }
    literal(fmt, lit, b.len(), out);
}

/// The brace fields of one language.
pub struct Braces {
    /// What ends a field's argument (`,` and `:` in .NET; `!` and `:` in
    /// Python).
    pub ends: &'static [char],
    /// `{}` (the next argument) and `{name}` (Python). Without it only a
    /// number is a field.
    pub auto_and_names: bool,
}

/// .NET composite formatting (C# `string.Format`, PowerShell `-f`):
/// `{0}`, `{1,-5:N}`.
pub const COMPOSITE: Braces = Braces {
    ends: &[',', ':'],
    auto_and_names: false,
};

/// Fill the brace fields of `fmt` into `out`: the literal text as it is
/// (`{{` and `}}` read as one brace), each field by `value`. A `{` without
/// an argument the dialect knows stays text.
pub fn braces(
    fmt: &[Piece],
    dialect: &Braces,
    out: &mut Vec<Piece>,
    mut value: impl FnMut(&Directive, &mut Vec<Piece>),
) {
    let text = pieces_text(fmt);
    let b = text.as_bytes();
    let (mut lit, mut i, mut auto) = (0usize, 0usize, 0usize);
    while i < b.len() {
        let c = b[i];
        if (c == b'{' || c == b'}') && b.get(i + 1) == Some(&c) {
            literal(fmt, lit, i + 1, out);
            i += 2;
            lit = i;
            continue;
        }
        if c != b'{' {
            i += 1;
            continue;
        }
        let Some(close) = text[i + 1..].find('}').map(|j| i + 1 + j) else {
            break;
        };
        let inner = &text[i + 1..close];
        let name_end = inner.find(dialect.ends).unwrap_or(inner.len());
        let name = inner[..name_end].trim();
        let arg = if let Ok(n) = name.parse::<usize>() {
            Arg::Pos(n)
        } else if !dialect.auto_and_names {
            i += 1;
            continue;
        } else if name.is_empty() {
            auto += 1;
            Arg::Pos(auto - 1)
        } else {
            Arg::Name(name)
        };
        literal(fmt, lit, i, out);
        let d = Directive {
            arg,
            conv: 0,
            plain: true,
            spec: &inner[name_end..],
            text: &text[i..=close],
            at: i..close + 1,
        };
        value(&d, out);
        i = close + 1;
        lit = i;
    }
    literal(fmt, lit, b.len(), out);
}

/// The literal text `a..b` of the format, nothing when it is empty.
fn literal(fmt: &[Piece], a: usize, b: usize, out: &mut Vec<Piece>) {
    if a < b {
        out.extend(slice_pieces(fmt, a, b));
    }
}

/// The source of a directive written in one literal piece of `fmt`.
pub fn source_of(fmt: &[Piece], at: &Range<usize>) -> Option<Range<usize>> {
    match slice_pieces(fmt, at.start, at.end).as_slice() {
        [Piece::Lit { src, .. }] => src.clone(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::lang::{go, java, php, python, ruby};

    fn lit(t: &str) -> Vec<Piece> {
        vec![Piece::Lit {
            text: t.to_string(),
            src: Some(10..10 + t.len()),
            map: crate::model::OffsetMap::Identity,
        }]
    }

    fn shown(p: &[Piece]) -> String {
        p.iter()
            .map(|x| match x {
                Piece::Lit { text, .. } => text.clone(),
                Piece::Hole { name, .. } => format!("{{{name}}}"),
            })
            .collect()
    }

    fn fill(fmt: &str, d: &Printf) -> String {
        let mut out = Vec::new();
        printf(&lit(fmt), d, &mut out, |d, out| {
            let label = match d.arg {
                Arg::Pos(k) => format!("{k}{}", d.conv as char),
                Arg::Name(n) => n.to_string(),
                Arg::None => "none".to_string(),
            };
            out.push(Piece::hole(
                0..0,
                if d.plain { label } else { format!("~{label}") },
            ));
            true
        });
        shown(&out)
    }

    #[test]
    fn printf_counts_arguments_and_keeps_literal_text() {
        assert_eq!(
            fill("%s/oauth/v2/%d?x=%5s&p=100%%", &go::PRINTF),
            "{0s}/oauth/v2/{1d}?x={~2s}&p=100%"
        );
        assert_eq!(fill("trailing %", &go::PRINTF), "trailing %");
    }

    #[test]
    fn printf_numbered_named_and_restricted_conversions() {
        assert_eq!(fill("%2$s-%s-%'*8s %y", &php::PRINTF), "{1s}-{0s}-{~1s} %y");
        assert_eq!(fill("%(host)s/%s", &python::PRINTF), "{host}/{0s}");
        assert_eq!(fill("%{a}/%<b>s/%s", &ruby::PRINTF), "{a}/{b}/{0s}");
        assert_eq!(fill("%s%n%1$s", &java::PRINTF), "{0s}{none}{0s}");
    }

    #[test]
    fn printf_declined_directive_stays_text() {
        let mut out = Vec::new();
        printf(&lit("a%sb%{k}"), &ruby::PRINTF, &mut out, |d, out| {
            if let Arg::Name(n) = d.arg {
                out.push(Piece::synthetic(n.to_uppercase()));
                true
            } else {
                false
            }
        });
        assert_eq!(shown(&out), "a%sbK");
    }

    #[test]
    fn braces_fields_and_escapes() {
        let run = |fmt: &str, d: &Braces| {
            let mut out = Vec::new();
            braces(&lit(fmt), d, &mut out, |d, out| {
                let label = match d.arg {
                    Arg::Pos(k) => format!("{k}{}", d.spec),
                    Arg::Name(n) => format!("{n}{}", d.spec),
                    Arg::None => String::new(),
                };
                out.push(Piece::hole(0..0, label));
            });
            shown(&out)
        };
        assert_eq!(
            run("{0}/x/{1,-5:N}{{y}}{z}", &COMPOSITE),
            "{0}/x/{1,-5:N}{y}{z}"
        );
        assert_eq!(
            run("{}/{}/{host!r}/{0}", &python::BRACES),
            "{0}/{1}/{host!r}/{0}"
        );
        assert_eq!(run("open {", &python::BRACES), "open {");
    }

    #[test]
    fn source_of_a_directive_in_one_literal() {
        let fmt = lit("ab{0}");
        assert_eq!(source_of(&fmt, &(2..5)), Some(12..15));
    }
}
