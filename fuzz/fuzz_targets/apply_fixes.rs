//! The edit applier on arbitrary text and edit sets: never panics, never
//! produces anything but the non-overlapping subset applied.
#![no_main]
use gotolint::fix::apply_non_overlapping;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (String, Vec<(u16, u16, String)>)| {
    let (text, raw) = input;
    let edits: Vec<_> = raw
        .into_iter()
        .map(|(a, b, s)| {
            let (a, b) = (a.min(b) as usize, a.max(b) as usize);
            (a..b, s)
        })
        .collect();
    let (out, applied) = apply_non_overlapping(&text, &edits);
    assert!(applied <= edits.len());
    if applied == 0 {
        assert_eq!(out, text);
    }
});
