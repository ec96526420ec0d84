//! The two languages are complete: `assets/locales/en.yml` and `zh-CN.yml` have exactly the
//! same keys, no empty value, the same placeholders in each pair; and the bundled CJK font has
//! a glyph for every character of the Chinese strings, of the pickers' Chinese country and
//! currency names, and of the fixture's names.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};

mod common;

/// A locale file as its flat `key: "text"` pairs.
fn locale(name: &str) -> BTreeMap<String, String> {
    let path = format!("{}/assets/locales/{name}.yml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// The `%{name}` placeholders of `text`, with how often each appears.
fn placeholders(text: &str) -> BTreeMap<&str, usize> {
    let mut found = BTreeMap::new();
    let mut rest = text;
    while let Some(start) = rest.find("%{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else { break };
        *found.entry(&after[..end]).or_insert(0) += 1;
        rest = &after[end + 1..];
    }
    found
}

#[test]
fn both_languages_have_the_same_keys() {
    let (en, zh) = (locale("en"), locale("zh-CN"));
    let en_keys: BTreeSet<_> = en.keys().collect();
    let zh_keys: BTreeSet<_> = zh.keys().collect();
    let only_en: Vec<_> = en_keys.difference(&zh_keys).collect();
    let only_zh: Vec<_> = zh_keys.difference(&en_keys).collect();
    assert!(only_en.is_empty(), "keys with no Chinese: {only_en:?}");
    assert!(only_zh.is_empty(), "keys with no English: {only_zh:?}");
    assert!(
        en.len() > 400,
        "the window's strings are all there ({})",
        en.len()
    );
}

#[test]
fn no_string_is_empty() {
    for name in ["en", "zh-CN"] {
        let empty: Vec<_> = locale(name)
            .into_iter()
            .filter(|(_, text)| text.trim().is_empty())
            .map(|(key, _)| key)
            .collect();
        assert!(empty.is_empty(), "{name}: empty strings {empty:?}");
    }
}

#[test]
fn each_pair_has_the_same_placeholders() {
    let (en, zh) = (locale("en"), locale("zh-CN"));
    let mut wrong = Vec::new();
    for (key, english) in &en {
        let Some(chinese) = zh.get(key) else { continue };
        if placeholders(english) != placeholders(chinese) {
            wrong.push(format!("{key}: {english:?} / {chinese:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "placeholders differ:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_chinese_strings_are_chinese() {
    // A key left in English would pass the other tests: most Chinese strings hold a CJK
    // character (the rest are names, codes and formats such as "eSIM" or "%{code}").
    let zh = locale("zh-CN");
    let cjk = zh
        .values()
        .filter(|text| text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
        .count();
    assert!(
        cjk * 10 >= zh.len() * 9,
        "{cjk} of {} strings hold Chinese",
        zh.len()
    );
}

#[test]
fn the_bundled_font_has_every_character_of_the_chinese_strings_and_the_fixtures_names() {
    let font = std::fs::read(format!(
        "{}/assets/fonts/NotoSansSC-subset.otf",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let face = ttf_parser::Face::parse(&font, 0).unwrap();
    let mut text: String = locale("zh-CN").into_values().collect();
    let traveller = common::fixture("traveller.ron");
    text.push_str(&std::fs::read_to_string(traveller).unwrap());
    // The pickers' Chinese country and currency names.
    let names = format!("{}/assets/names/zh-CN.json", env!("CARGO_MANIFEST_DIR"));
    text.push_str(&std::fs::read_to_string(names).unwrap());
    let missing: BTreeSet<char> = text
        .chars()
        .filter(|c| !c.is_control())
        .filter(|c| face.glyph_index(*c).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "the bundled font lacks {} characters: {}",
        missing.len(),
        missing.iter().collect::<String>()
    );
}
