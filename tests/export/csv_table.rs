//! CSV: read back with a CSV reader.

use proptest::prelude::*;
use sim_planner::export::CSV_HEADER;

use super::{csv_of, expected_events, one_sim, traveller, tricky_text};

#[test]
fn csv_has_a_header_and_one_row_per_event_and_reads_back() {
    let text = csv_of(&traveller());
    assert!(text.starts_with("date,event,sim,plan,price,currency,valid_until,details\r\n"));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        &csv::StringRecord::from(CSV_HEADER.to_vec())
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

proptest! {
    #[test]
    fn any_name_round_trips_through_csv_neutralised(name in tricky_text()) {
        let text = csv_of(&one_sim(&name));
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        prop_assert_eq!(rows.len(), 2);
        let dangerous = name.starts_with(['=', '+', '-', '@', '\t', '\r']);
        let want = if dangerous { format!("'{name}") } else { name.clone() };
        for row in &rows {
            prop_assert_eq!(&row[2], want.as_str());
        }
    }
}
