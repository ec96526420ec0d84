//! Small input widgets the editors share: a typed date field with a calendar popup, and
//! searchable ISO 3166-1 country and ISO 4217 currency lists.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{Datelike, Months, NaiveDate, Weekday};
use egui::{Button, Id, Popup, PopupCloseBehavior, Response, ScrollArea, TextEdit, Ui};
use iso_currency::Currency;
use isocountry::CountryCode;
use rust_i18n::t;

use super::labels::{month_name, weekday_short};
use crate::model::Language;
use crate::schedule::first_of_month;

/// How every date is typed and shown: ISO 8601, as in the state file.
pub const DATE_FORMAT: &str = "%Y-%m-%d";

/// How tall the scrolled part of a picker's popup may grow.
const LIST_HEIGHT: f32 = 240.0;

/// Parses a date typed as exactly `YYYY-MM-DD` (chrono alone would also take `2026-1-5`).
pub fn date_from_text(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let shape_ok = text.len() == 10
        && text.bytes().enumerate().all(|(i, byte)| match i {
            4 | 7 => byte == b'-',
            _ => byte.is_ascii_digit(),
        });
    if !shape_ok {
        return None;
    }
    NaiveDate::parse_from_str(text, DATE_FORMAT).ok()
}

/// How a date field's calendar is laid out: the week's first day, and the app's today (which
/// `--today` may pin), marked in the grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CalendarDays {
    pub week_start: Weekday,
    pub today: NaiveDate,
}

/// A `YYYY-MM-DD` text field named by `label`, with a button beside it that opens a month
/// calendar; clicking a day writes it into the field. Returns the text field's response, marked
/// changed when a day was picked.
pub fn date_field_ui(ui: &mut Ui, text: &mut String, label: Id, days: CalendarDays) -> Response {
    ui.horizontal(|ui| {
        let mut response = ui
            .add(
                TextEdit::singleline(text)
                    .desired_width(96.0)
                    .char_limit(10)
                    .hint_text(t!("editors.date.hint").into_owned()),
            )
            .labelled_by(label);
        let button = ui
            .button("\u{2026}")
            .accessible_name(t!("editors.date.calendar"))
            .on_hover_text(t!("editors.date.calendar"));
        let month_id = button.id.with("shown_month");
        if button.clicked() {
            let shown = date_from_text(text).unwrap_or(days.today);
            ui.data_mut(|data| data.insert_temp(month_id, first_of_month(shown)));
        }
        let picked = Popup::from_toggle_button_response(&button)
            .close_behavior(PopupCloseBehavior::CloseOnClickOutside)
            .show(|ui| {
                let picked = calendar_ui(ui, month_id, date_from_text(text), days);
                if picked.is_some() {
                    ui.close();
                }
                picked
            })
            .and_then(|inner| inner.inner);
        if let Some(day) = picked {
            *text = day.format(DATE_FORMAT).to_string();
            response.mark_changed();
        }
        response
    })
    .inner
}

/// A month grid with previous/next buttons. The month shown is kept in egui's memory under
/// `month_id`. Returns the day clicked, if any.
fn calendar_ui(
    ui: &mut Ui,
    month_id: Id,
    selected: Option<NaiveDate>,
    days: CalendarDays,
) -> Option<NaiveDate> {
    let CalendarDays { week_start, today } = days;
    let mut first = ui
        .data(|data| data.get_temp::<NaiveDate>(month_id))
        .unwrap_or_else(|| first_of_month(selected.unwrap_or(today)));
    ui.horizontal(|ui| {
        let previous = ui
            .button("\u{2039}")
            .accessible_name(t!("editors.date.previous_month"))
            .on_hover_text(t!("editors.date.previous_month"));
        if previous.clicked() {
            first = first.checked_sub_months(Months::new(1)).unwrap_or(first);
        }
        ui.label(format!("{} {}", month_name(first.month()), first.year()));
        let next = ui
            .button("\u{203a}")
            .accessible_name(t!("editors.date.next_month"))
            .on_hover_text(t!("editors.date.next_month"));
        if next.clicked() {
            first = first.checked_add_months(Months::new(1)).unwrap_or(first);
        }
    });
    ui.data_mut(|data| data.insert_temp(month_id, first));

    let mut picked = None;
    egui::Grid::new(month_id.with("grid"))
        .spacing([2.0, 2.0])
        .show(ui, |ui| {
            let mut weekday = week_start;
            for _ in 0..7 {
                ui.weak(weekday_short(weekday));
                weekday = weekday.succ();
            }
            ui.end_row();
            let blanks = first.weekday().days_since(week_start);
            for _ in 0..blanks {
                ui.label("");
            }
            let mut column = blanks;
            for day in first
                .iter_days()
                .take_while(|day| day.month() == first.month())
            {
                let mut text = egui::RichText::new(day.day().to_string());
                if day == today {
                    text = text.strong().underline();
                }
                let button = ui
                    .add(Button::selectable(selected == Some(day), text))
                    .accessible_name(day.format(DATE_FORMAT).to_string());
                if button.clicked() {
                    picked = Some(day);
                }
                column += 1;
                if column.is_multiple_of(7) {
                    ui.end_row();
                }
            }
        });
    picked
}

/// An ISO code with its English name and its Chinese one, as the pickers list it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IsoEntry {
    pub code: &'static str,
    pub name: String,
    pub chinese: Option<&'static str>,
}

impl IsoEntry {
    /// A search matches the code or either name, whatever language the window is in.
    fn matches(&self, query: &str) -> bool {
        let query = query.trim().to_lowercase();
        query.is_empty()
            || self.code.to_lowercase().contains(&query)
            || self.name.to_lowercase().contains(&query)
            || self.chinese.is_some_and(|name| name.contains(&query))
    }

    /// The name in the window's language.
    pub fn shown_name(&self) -> &str {
        match (crate::text::current_language(), self.chinese) {
            (Language::SimplifiedChinese, Some(chinese)) => chinese,
            _ => &self.name,
        }
    }
}

/// The Chinese names of countries and currencies (`assets/names/zh-CN.json`).
#[derive(serde::Deserialize)]
struct ChineseNames {
    countries: HashMap<String, String>,
    currencies: HashMap<String, String>,
}

static CHINESE_NAMES: LazyLock<ChineseNames> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../assets/names/zh-CN.json")).unwrap_or_else(|error| {
        log::error!("the bundled Chinese names do not load: {error}");
        ChineseNames {
            countries: HashMap::new(),
            currencies: HashMap::new(),
        }
    })
});

fn chinese_country(code: &str) -> Option<&'static str> {
    CHINESE_NAMES.countries.get(code).map(String::as_str)
}

fn chinese_currency(code: &str) -> Option<&'static str> {
    CHINESE_NAMES.currencies.get(code).map(String::as_str)
}

/// Every ISO 3166-1 country, sorted by name.
pub static COUNTRIES: LazyLock<Vec<IsoEntry>> = LazyLock::new(|| {
    let mut countries: Vec<IsoEntry> = CountryCode::iter()
        .map(|country| IsoEntry {
            code: country.alpha2(),
            name: country.name().to_owned(),
            chinese: chinese_country(country.alpha2()),
        })
        .collect();
    countries.sort_by(|a, b| a.name.cmp(&b.name));
    countries
});

/// Every ISO 4217 currency people pay with (no funds, metals or test codes), sorted by code.
pub static CURRENCIES: LazyLock<Vec<IsoEntry>> = LazyLock::new(|| {
    // iso_currency lists its currencies only with its `iterator` feature; every currency has a
    // unique three-digit numeric code, so walking those finds them all.
    let mut currencies: Vec<IsoEntry> = (0..1000)
        .filter_map(Currency::from_numeric)
        .filter(|currency| !currency.is_fund() && !currency.is_special())
        .map(|currency| IsoEntry {
            code: currency.code(),
            name: displayable(currency.name()),
            chinese: chinese_currency(currency.code()),
        })
        .collect();
    currencies.sort_by_key(|entry| entry.code);
    currencies
});

/// Replaces the few letters in ISO currency names that egui's bundled font cannot draw
/// ("Tongan paʻanga", "Vietnamese đồng").
fn displayable(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '\u{2bb}' => '\'',
            '\u{1ed3}' => 'o',
            '\u{111}' => 'd',
            other => other,
        })
        .collect()
}

/// The name of an ISO 3166-1 alpha-2 code (any case) in the window's language, if it is one.
pub fn country_name(code: &str) -> Option<&'static str> {
    let country = CountryCode::for_alpha2_caseless(code.trim()).ok()?;
    match crate::text::current_language() {
        Language::SimplifiedChinese => chinese_country(country.alpha2()).or(Some(country.name())),
        Language::English => Some(country.name()),
    }
}

/// The name of an ISO 4217 code in the window's language, if it is a listed one.
pub fn currency_name(code: &str) -> Option<&'static str> {
    let code = code.trim().to_uppercase();
    CURRENCIES
        .iter()
        .find(|entry| entry.code == code)
        .map(IsoEntry::shown_name)
}

/// What the user picked in a searchable list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Picked {
    /// The "none" entry offered above the list.
    Nothing,
    Code(&'static str),
}

/// A searchable list in a popup under `button`; Enter in the search field picks the first
/// match. Returns what was picked, if anything.
fn search_popup_ui(
    button: &Response,
    entries: &'static [IsoEntry],
    skip: &[String],
    none_text: Option<&str>,
) -> Option<Picked> {
    let query_id = button.id.with("query");
    if button.clicked() {
        button
            .ctx
            .data_mut(|data| data.remove_temp::<String>(query_id));
    }
    Popup::from_toggle_button_response(button)
        .close_behavior(PopupCloseBehavior::CloseOnClickOutside)
        .width(280.0)
        .show(|ui| {
            let mut query: String = ui.data(|data| data.get_temp(query_id)).unwrap_or_default();
            let search = ui.add(
                TextEdit::singleline(&mut query)
                    .desired_width(f32::INFINITY)
                    .hint_text(t!("editors.picker.search").into_owned()),
            );
            let search = search.accessible_name(t!("editors.picker.search"));
            if button.clicked() {
                search.request_focus();
            }
            let shown: Vec<&'static IsoEntry> = entries
                .iter()
                .filter(|entry| {
                    !skip
                        .iter()
                        .any(|code| code.eq_ignore_ascii_case(entry.code))
                })
                .filter(|entry| entry.matches(&query))
                .collect();
            let enter =
                search.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
            let mut picked = None;
            if enter && let Some(first) = shown.first() {
                picked = Some(Picked::Code(first.code));
            }
            if let Some(none_text) = none_text
                && ui.selectable_label(false, none_text).clicked()
            {
                picked = Some(Picked::Nothing);
            }
            if shown.is_empty() {
                ui.weak(t!("editors.picker.no_match"));
            }
            let row_height = ui.spacing().interact_size.y;
            ScrollArea::vertical()
                .max_height(LIST_HEIGHT)
                .auto_shrink([false, true])
                .show_rows(ui, row_height, shown.len(), |ui, rows| {
                    for entry in shown.get(rows).unwrap_or_default() {
                        let text = format!("{}  {}", entry.code, entry.shown_name());
                        if ui.selectable_label(false, text).clicked() {
                            picked = Some(Picked::Code(entry.code));
                        }
                    }
                });
            ui.data_mut(|data| data.insert_temp(query_id, query));
            if picked.is_some() {
                ui.close();
            }
            picked
        })
        .and_then(|inner| inner.inner)
}

/// An "Add country…" button whose popup lists the ISO 3166-1 countries not in `taken`, with a
/// search field. Returns the alpha-2 code picked.
pub fn add_country_ui(ui: &mut Ui, taken: &[String]) -> Option<&'static str> {
    let button = ui.button(t!("editors.coverage.add"));
    match search_popup_ui(&button, &COUNTRIES, taken, None) {
        Some(Picked::Code(code)) => Some(code),
        Some(Picked::Nothing) | None => None,
    }
}

/// A button showing the chosen country (or "Choose a country…"); its popup lists the ISO
/// 3166-1 countries with a search field. The response is marked changed when one was picked;
/// name it with `labelled_by` or `accessible_name`.
pub fn country_picker_ui(ui: &mut Ui, code: &mut String) -> Response {
    let shown = if code.trim().is_empty() {
        t!("editors.picker.choose_country").into_owned()
    } else {
        match country_name(code) {
            Some(name) => format!("{}  {name}", code.trim()),
            None => code.trim().to_owned(),
        }
    };
    let mut button = ui.add(Button::new(shown).truncate());
    if let Some(Picked::Code(picked)) = search_popup_ui(&button, &COUNTRIES, &[], None) {
        picked.clone_into(code);
        button.mark_changed();
    }
    button
}

/// A button showing the chosen currency; its popup lists the ISO 4217 currencies with a search
/// field. `code` is empty for "none", which is offered only when `optional`. The response is
/// marked changed when a currency was picked; name it with `labelled_by` or `accessible_name`.
pub fn currency_picker_ui(ui: &mut Ui, code: &mut String, optional: bool) -> Response {
    let shown = if code.trim().is_empty() {
        t!("editors.picker.choose_currency").into_owned()
    } else {
        match currency_name(code) {
            Some(name) => format!("{}  {name}", code.trim()),
            None => code.trim().to_owned(),
        }
    };
    let mut button = ui.add(Button::new(shown).truncate());
    let none_text = t!("editors.picker.no_currency");
    let none_text = optional.then_some(none_text.as_ref());
    match search_popup_ui(&button, &CURRENCIES, &[], none_text) {
        Some(Picked::Code(picked)) => picked.clone_into(code),
        Some(Picked::Nothing) => code.clear(),
        None => return button,
    }
    button.mark_changed();
    button
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_typed_as_yyyy_mm_dd() {
        assert_eq!(
            date_from_text(" 2026-12-05 "),
            NaiveDate::from_ymd_opt(2026, 12, 5)
        );
        assert_eq!(date_from_text("2026-1-5"), None);
        assert_eq!(date_from_text("2026-02-30"), None);
        assert_eq!(date_from_text("05/12/2026"), None);
        assert_eq!(date_from_text(""), None);
    }

    #[test]
    fn the_lists_hold_the_iso_codes_with_names() {
        assert!(
            COUNTRIES
                .iter()
                .any(|c| c.code == "BH" && c.name == "Bahrain")
        );
        assert_eq!(country_name("sa"), Some("Saudi Arabia"));
        assert_eq!(country_name("XX"), None);
        assert_eq!(currency_name("bhd"), Some("Bahraini dinar"));
        assert!(
            CURRENCIES.len() > 150,
            "only {} currencies",
            CURRENCIES.len()
        );
        assert!(
            CURRENCIES.iter().all(|c| c.code != "XAU"),
            "gold is not a currency to pay in"
        );
    }

    #[test]
    fn every_listed_name_can_be_drawn_with_the_bundled_font() {
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        let font = egui::FontId::proportional(14.0);
        let names = COUNTRIES
            .iter()
            .chain(CURRENCIES.iter())
            .map(|entry| entry.name.as_str());
        for name in names.chain(["\u{2026}", "\u{2039}", "\u{203a}", "\u{d7}"]) {
            assert!(
                ctx.fonts_mut(|fonts| fonts.has_glyphs(&font, name)),
                "cannot draw {name:?}"
            );
        }
    }
}
