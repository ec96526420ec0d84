//! The command table: README's shortcut table lists every command's keys, and the keys do what
//! the menus do.
#![allow(clippy::unwrap_used)]

mod common;

use common::d;
use common::ui::{TODAY, traveller_harness};
use egui::{Key, Modifiers};
use sim_planner::ui::command::Command;
use sim_planner::ui::view_state::CalendarKind;

/// The keys column of README's "Keyboard shortcuts" table, one entry per key combination.
fn readme_shortcuts() -> Vec<String> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let table = readme
        .split("### Keyboard shortcuts")
        .nth(1)
        .expect("README has a Keyboard shortcuts section");
    table
        .lines()
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        .skip(2)
        .filter_map(|line| line.split('|').nth(1))
        .flat_map(|keys| keys.split(", ").map(|key| key.trim().to_owned()))
        .collect()
}

#[test]
fn readme_lists_every_shortcut_of_the_command_table() {
    let listed = readme_shortcuts();
    assert!(listed.contains(&"Ctrl+Z".to_owned()), "{listed:?}");
    let mut checked = 0;
    for command in Command::ALL {
        for keys in command.shortcut_texts() {
            assert!(
                listed.contains(&keys),
                "README's shortcut table lacks {keys} ({command:?}); it lists {listed:?}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 15, "only {checked} shortcuts in the table");
}

#[test]
fn no_two_commands_share_a_shortcut() {
    let mut seen = Vec::new();
    for command in Command::ALL {
        for shortcut in command.shortcuts() {
            assert!(
                !seen.contains(shortcut),
                "{shortcut:?} of {command:?} is taken"
            );
            seen.push(*shortcut);
        }
    }
}

#[test]
fn the_view_shortcuts_switch_the_calendar_and_go_to_today() {
    let mut harness = traveller_harness();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    harness.run();
    assert_eq!(harness.state().view().calendar, CalendarKind::Timeline);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    harness.run();
    assert_eq!(harness.state().view().calendar, CalendarKind::Month);

    harness.key_press(Key::PageDown);
    harness.run();
    harness.key_press(Key::PageDown);
    harness.run();
    assert_eq!(harness.state().view().month, d("2027-02-01"));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::T);
    harness.run();
    assert_eq!(harness.state().view().month, d(TODAY));
    assert_eq!(harness.state().view().selected_day, Some(d(TODAY)));
}

#[test]
fn the_file_shortcuts_open_their_windows() {
    for (key, modifiers, title) in [
        (Key::O, Modifiers::COMMAND, "Open a state file"),
        (Key::I, Modifiers::COMMAND, "Import a state file"),
        (Key::E, Modifiers::COMMAND, "Export the schedule"),
    ] {
        let mut harness = traveller_harness();
        harness.key_press_modifiers(modifiers, key);
        harness.run();
        assert!(
            egui_kittest::kittest::Queryable::query_by_label(&harness, title).is_some(),
            "{key:?} opens {title}"
        );
    }
}
