//! Which language the strings are in: the state's `settings.language`, applied to every
//! `t!` at once (the window on each change of the state, the CLI once it has loaded the
//! state), the system's language on first run, and English plurals.

use crate::model::Language;

/// Makes `language` the language of every string from now on (a no-op when it already is).
pub fn use_language(language: Language) {
    if *rust_i18n::locale() != *language.locale() {
        rust_i18n::set_locale(language.locale());
    }
}

/// The language strings are in now.
pub fn current_language() -> Language {
    Language::for_tag(&rust_i18n::locale())
}

/// The system's language (`sys-locale`), for a first run: Chinese systems read Simplified
/// Chinese, every other system English.
pub fn system_language() -> Language {
    sys_locale::get_locale().map_or(Language::English, |tag| Language::for_tag(&tag))
}

/// Whether `count` is one thing (takes the singular in English).
pub fn is_one(count: impl TryInto<u64>) -> bool {
    matches!(count.try_into(), Ok(1))
}

/// The key of a sentence about `count` things: `key` (the plural, "3 days"), or `key` with
/// `_one` ("1 day") when `count` is one. Both exist in every locale; in Chinese they read the
/// same.
#[macro_export]
macro_rules! plural_key {
    ($key:literal, $count:expr) => {
        if $crate::text::is_one($count) {
            concat!($key, "_one")
        } else {
            $key
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_tags_read_as_one_of_the_two_languages() {
        for tag in ["zh-CN", "zh_CN.UTF-8", "zh-Hans-CN", "zh-TW", "ZH"] {
            assert_eq!(Language::for_tag(tag), Language::SimplifiedChinese, "{tag}");
        }
        for tag in ["en-US", "en_GB.UTF-8", "de-DE", "C", "", "POSIX"] {
            assert_eq!(Language::for_tag(tag), Language::English, "{tag}");
        }
    }

    #[test]
    fn one_thing_takes_the_singular_key() {
        assert_eq!(
            crate::plural_key!("trips.uncovered", 1_u32),
            "trips.uncovered_one"
        );
        assert_eq!(
            crate::plural_key!("trips.uncovered", 0_u32),
            "trips.uncovered"
        );
        assert_eq!(
            crate::plural_key!("trips.uncovered", 2_usize),
            "trips.uncovered"
        );
        assert_eq!(
            crate::plural_key!("trips.uncovered", -1_i64),
            "trips.uncovered"
        );
    }
}
