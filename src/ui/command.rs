//! The commands of the menus and the keyboard, in one table (as rerun's `UICommand`): each
//! knows its label, its shortcuts and the [`Action`] it becomes, so the menus, the key handling
//! and README's shortcut table are all drawn from the same list and cannot disagree.

use std::borrow::Cow;

use egui::{Key, KeyboardShortcut, ModifierNames, Modifiers};
use rust_i18n::t;

use super::action::Action;
use super::file_dialogs::FilePurpose;
use super::view_state::CalendarKind;

/// A command of the menus or the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    NewStateFile,
    Open,
    SaveAs,
    Import,
    ExportState,
    ExportSchedule,
    Quit,
    Undo,
    Redo,
    NewSim,
    NewPlan,
    Settings,
    ShowMonth,
    ShowTimeline,
    ShowCoverage,
    ShowCosts,
    Today,
    PreviousPage,
    NextPage,
    Cancel,
    Legend,
}

const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn ctrl_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

impl Command {
    /// Every command, in menu order.
    pub const ALL: [Self; 21] = [
        Self::NewStateFile,
        Self::Open,
        Self::SaveAs,
        Self::Import,
        Self::ExportState,
        Self::ExportSchedule,
        Self::Quit,
        Self::Undo,
        Self::Redo,
        Self::NewSim,
        Self::NewPlan,
        Self::Settings,
        Self::ShowMonth,
        Self::ShowTimeline,
        Self::ShowCoverage,
        Self::ShowCosts,
        Self::Today,
        Self::PreviousPage,
        Self::NextPage,
        Self::Cancel,
        Self::Legend,
    ];

    /// The menu entry's text.
    pub fn label(self) -> Cow<'static, str> {
        match self {
            Self::NewStateFile => t!("menu.new"),
            Self::Open => t!("menu.open"),
            Self::SaveAs => t!("menu.save_as"),
            Self::Import => t!("menu.import"),
            Self::ExportState => t!("menu.export_state"),
            Self::ExportSchedule => t!("menu.export_schedule"),
            Self::Quit => t!("menu.quit"),
            Self::Undo => t!("menu.undo"),
            Self::Redo => t!("menu.redo"),
            Self::NewSim => t!("menu.new_sim"),
            Self::NewPlan => t!("menu.new_plan"),
            Self::Settings => t!("menu.settings"),
            Self::ShowMonth => t!("calendar.month"),
            Self::ShowTimeline => t!("calendar.timeline"),
            Self::ShowCoverage => t!("calendar.coverage"),
            Self::ShowCosts => t!("calendar.costs"),
            Self::Today => t!("calendar.today"),
            Self::PreviousPage => t!("calendar.previous"),
            Self::NextPage => t!("calendar.next"),
            Self::Cancel => t!("menu.cancel"),
            Self::Legend => t!("menu.legend"),
        }
    }

    /// The keys that run the command, the one shown in menus first.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const OPEN: &[KeyboardShortcut] = &[ctrl(Key::O)];
        const SAVE_AS: &[KeyboardShortcut] = &[ctrl_shift(Key::S)];
        const IMPORT: &[KeyboardShortcut] = &[ctrl(Key::I)];
        const EXPORT_SCHEDULE: &[KeyboardShortcut] = &[ctrl(Key::E)];
        const QUIT: &[KeyboardShortcut] = &[ctrl(Key::Q)];
        const UNDO: &[KeyboardShortcut] = &[ctrl(Key::Z)];
        const REDO: &[KeyboardShortcut] = &[ctrl_shift(Key::Z), ctrl(Key::Y)];
        const NEW_SIM: &[KeyboardShortcut] = &[ctrl(Key::N)];
        const NEW_PLAN: &[KeyboardShortcut] = &[ctrl_shift(Key::N)];
        const SETTINGS: &[KeyboardShortcut] = &[ctrl(Key::Comma)];
        const MONTH: &[KeyboardShortcut] = &[ctrl(Key::Num1)];
        const TIMELINE: &[KeyboardShortcut] = &[ctrl(Key::Num2)];
        const COVERAGE: &[KeyboardShortcut] = &[ctrl(Key::Num3)];
        const COSTS: &[KeyboardShortcut] = &[ctrl(Key::Num4)];
        const TODAY: &[KeyboardShortcut] = &[ctrl(Key::T)];
        const PREVIOUS: &[KeyboardShortcut] = &[plain(Key::PageUp)];
        const NEXT: &[KeyboardShortcut] = &[plain(Key::PageDown)];
        const CANCEL: &[KeyboardShortcut] = &[plain(Key::Escape)];
        const LEGEND: &[KeyboardShortcut] = &[plain(Key::F1)];
        match self {
            Self::NewStateFile | Self::ExportState => &[],
            Self::Open => OPEN,
            Self::SaveAs => SAVE_AS,
            Self::Import => IMPORT,
            Self::ExportSchedule => EXPORT_SCHEDULE,
            Self::Quit => QUIT,
            Self::Undo => UNDO,
            Self::Redo => REDO,
            Self::NewSim => NEW_SIM,
            Self::NewPlan => NEW_PLAN,
            Self::Settings => SETTINGS,
            Self::ShowMonth => MONTH,
            Self::ShowTimeline => TIMELINE,
            Self::ShowCoverage => COVERAGE,
            Self::ShowCosts => COSTS,
            Self::Today => TODAY,
            Self::PreviousPage => PREVIOUS,
            Self::NextPage => NEXT,
            Self::Cancel => CANCEL,
            Self::Legend => LEGEND,
        }
    }

    /// Whether the keys still run the command while a text field has the keyboard (Ctrl+Z
    /// then belongs to the text, Page Down to its cursor).
    pub fn works_while_typing(self) -> bool {
        !matches!(
            self,
            Self::Undo | Self::Redo | Self::PreviousPage | Self::NextPage | Self::Cancel
        )
    }

    /// What the command does.
    pub fn action(self) -> Action {
        match self {
            Self::NewStateFile => Action::Files(FilePurpose::New),
            Self::Open => Action::Files(FilePurpose::Open),
            Self::SaveAs => Action::Files(FilePurpose::SaveAs),
            Self::Import => Action::Files(FilePurpose::Import),
            Self::ExportState => Action::Files(FilePurpose::ExportState),
            Self::ExportSchedule => Action::Files(FilePurpose::ExportSchedule),
            Self::Quit => Action::Quit,
            Self::Undo => Action::Undo,
            Self::Redo => Action::Redo,
            Self::NewSim => Action::NewSim,
            Self::NewPlan => Action::NewPlan,
            Self::Settings => Action::Settings,
            Self::ShowMonth => Action::ShowCalendar(CalendarKind::Month),
            Self::ShowTimeline => Action::ShowCalendar(CalendarKind::Timeline),
            Self::ShowCoverage => Action::ShowCalendar(CalendarKind::Coverage),
            Self::ShowCosts => Action::ShowCalendar(CalendarKind::Costs),
            Self::Today => Action::ShowToday,
            Self::PreviousPage => Action::Page(-1),
            Self::NextPage => Action::Page(1),
            Self::Cancel => Action::Cancel,
            Self::Legend => Action::ShowLegend,
        }
    }

    /// The keys as README's table writes them, e.g. `Ctrl+Shift+Z`, whatever the platform.
    pub fn shortcut_texts(self) -> Vec<String> {
        self.shortcuts()
            .iter()
            .map(|shortcut| shortcut.format(&ModifierNames::NAMES, false))
            .collect()
    }

    /// The commands whose keys were pressed this frame, consumed from the input. The most
    /// specific shortcut wins: Ctrl+Shift+Z is redo, not undo.
    pub fn pressed(input: &mut egui::InputState, typing: bool) -> Vec<Self> {
        let mut shortcuts: Vec<(Self, KeyboardShortcut)> = Self::ALL
            .into_iter()
            .filter(|command| !typing || command.works_while_typing())
            .flat_map(|command| command.shortcuts().iter().map(move |s| (command, *s)))
            .collect();
        shortcuts.sort_by_key(|(_, shortcut)| std::cmp::Reverse(modifier_count(*shortcut)));
        let mut pressed = Vec::new();
        for (command, shortcut) in shortcuts {
            if input.consume_shortcut(&shortcut) && !pressed.contains(&command) {
                pressed.push(command);
            }
        }
        pressed
    }
}

fn modifier_count(shortcut: KeyboardShortcut) -> usize {
    let m = shortcut.modifiers;
    [m.alt, m.ctrl || m.command || m.mac_cmd, m.shift]
        .into_iter()
        .filter(|held| *held)
        .count()
}
