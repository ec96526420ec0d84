//! Rebuilds when a locale file changes: `rust_i18n::i18n!` reads `assets/locales/` while the
//! crate compiles, and cargo does not know it does.

fn main() {
    println!("cargo:rerun-if-changed=assets/locales");
}
