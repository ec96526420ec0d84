//! CSV: read back with a CSV reader.

use proptest::prelude::*;
use sim_planner::export::csv_header;

use super::{csv_of, expected_events, one_sim, traveller, tricky_text};

#[test]
fn csv_has_a_header_and_one_row_per_event_and_reads_back() {
    let text = csv_of(&traveller());
    assert!(text.starts_with("date,event,sim,plan,price,currency,valid_until,details\r\n"));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        &csv::StringRecord::from(csv_header().to_vec())
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let expected = expected_events();
    assert_eq!(rows.len(), expected.len());
    for (row, (date, _, _)) in rows.iter().zip(&expected) {
        assert_eq!(&row[0], *date);
    }
    let renewal = rows.iter().find(|row| &row[0] == "2027-01-12").unwrap();
    assert_eq!(
        renewal.iter().take(7).collect::<Vec<_>>(),
        [
            "2027-01-12",
            "Renewal",
            "巴林流量卡",
            "每周 5GB",
            "3.000",
            "BHD",
            "2027-01-18"
        ]
    );
    assert!(renewal[7].contains("Carrier: Batelco; "));
    let uncovered = rows.iter().find(|row| &row[0] == "2027-01-21").unwrap();
    assert_eq!(&uncovered[1], "Uncovered");
    assert_eq!(&uncovered[2], "");
}

#[test]
fn csv_cells_that_look_like_formulas_are_neutralised() {
    let mut state = traveller();
    state.sims[0].name = "=HYPERLINK(\"http://evil.example\",\"click\")".to_owned();
    state.sims[1].name = "+1 555".to_owned();
    state.sims[2].name = "-x".to_owned();
    state.plans[1].name = "@x".to_owned();
    state.sims[1].payment = "\tcash".to_owned();
    let text = csv_of(&state);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), expected_events().len());
    let sims: Vec<&str> = rows.iter().map(|row| &row[2]).collect();
    assert!(sims.contains(&"'=HYPERLINK(\"http://evil.example\",\"click\")"));
    assert!(sims.contains(&"'+1 555"));
    assert!(sims.contains(&"'-x"));
    assert!(rows.iter().any(|row| &row[3] == "'@x"));
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
}

/// The rule, written out plainly: the first character that is not white space (nor a
/// zero-width or bidi one) is `= + - @` or a full-width form of one, or the cell starts with a
/// tab, a CR or a bidi control.
fn looks_like_a_formula(cell: &str) -> bool {
    let bidi = |c: char| matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    let skipped = |c: char| {
        c.is_whitespace()
            || bidi(c)
            || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
    };
    let starts = cell
        .chars()
        .next()
        .is_some_and(|c| c == '\t' || c == '\r' || bidi(c));
    let first = cell.chars().find(|&c| !skipped(c));
    starts || first.is_some_and(|c| "=+-@＝＋－＠".contains(c))
}

/// Issue 11: `" =1+1"`, `"＝1+1"` and cells starting with a bidi override went out as they were.
#[test]
fn cells_with_a_formula_after_spaces_in_full_width_or_behind_a_bidi_control_are_neutralised() {
    let cases = [
        (" =1+1", true),
        ("  \u{3000}+1", true),
        ("＝1+1", true),
        ("＋1", true),
        ("－1", true),
        ("＠SUM(A1)", true),
        ("\u{202e}=1+1", true),
        ("\u{202e}abc", true),
        ("\u{200b}=1", true),
        ("\r=1", true),
        ("\tx", true),
        ("a=1", false),
        ("巴林流量卡", false),
        ("1-2", false),
        ("", false),
    ];
    for (name, neutralised) in cases {
        let text = csv_of(&one_sim(name));
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let want = if neutralised {
            format!("'{name}")
        } else {
            name.to_owned()
        };
        assert_eq!(&rows[0][2], want.as_str(), "{name:?}");
        assert_eq!(looks_like_a_formula(name), neutralised, "{name:?}");
    }
}

proptest! {
    #[test]
    fn any_name_round_trips_through_csv_neutralised(name in tricky_text()) {
        let text = csv_of(&one_sim(&name));
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        prop_assert_eq!(rows.len(), 2);
        let dangerous = looks_like_a_formula(&name);
        let want = if dangerous { format!("'{name}") } else { name.clone() };
        for row in &rows {
            prop_assert_eq!(&row[2], want.as_str());
        }
    }
}
