//! The menu bar, the status line and the calendar's header. Menu entries come from the
//! [`Command`] table, so each shows the shortcut the key handling answers to.

use rust_i18n::t;

use super::SimPlannerApp;
use crate::model::Language;
use crate::ui::action::Action;
use crate::ui::command::Command;
use crate::ui::document::SaveStatus;
use crate::ui::edit::Edit;
use crate::ui::labels::month_title;
use crate::ui::style;
use crate::ui::view_state::{CalendarKind, TIMELINE_ZOOM};

impl SimPlannerApp {
    /// Whether `command` can run now (Undo with nothing to undo cannot).
    fn is_enabled(&self, command: Command) -> bool {
        let writable = self.doc.read_only_reason().is_none();
        match command {
            Command::Undo => self.doc.can_undo(),
            Command::Redo => self.doc.can_redo(),
            Command::NewSim | Command::NewPlan | Command::Settings | Command::Import => writable,
            _ => true,
        }
    }

    /// A menu entry for `command`, with its shortcut; clicked, it becomes the command's action.
    fn command_button(&self, ui: &mut egui::Ui, command: Command, actions: &mut Vec<Action>) {
        let label = command.label();
        let mut button = egui::Button::new(label.as_ref());
        if let Some(shortcut) = command.shortcuts().first() {
            button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
        }
        // Named by its label alone: the shortcut beside it is not part of its name.
        let response = ui
            .add_enabled(self.is_enabled(command), button)
            .accessible_name(label);
        if response.clicked() {
            actions.push(command.action());
            ui.close();
        }
    }

    pub(super) fn menu_bar_ui(&self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(t!("menu.file"), |ui| {
                for command in [Command::NewStateFile, Command::Open, Command::SaveAs] {
                    self.command_button(ui, command, actions);
                }
                ui.menu_button(t!("menu.recent"), |ui| {
                    if self.recent.is_empty() {
                        ui.label(t!("menu.no_recent"));
                    }
                    for path in &self.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            actions.push(Action::OpenRecent(path.clone()));
                        }
                    }
                });
                ui.separator();
                for command in [
                    Command::Import,
                    Command::ExportState,
                    Command::ExportSchedule,
                ] {
                    self.command_button(ui, command, actions);
                }
                ui.separator();
                if let Some(path) = self.doc.path() {
                    ui.label(
                        egui::RichText::new(t!(
                            "menu.state_file",
                            path = path.display().to_string()
                        ))
                        .small()
                        .weak(),
                    );
                }
                self.command_button(ui, Command::Quit, actions);
            });
            ui.menu_button(t!("menu.edit"), |ui| {
                for command in [Command::Undo, Command::Redo] {
                    self.command_button(ui, command, actions);
                }
                ui.separator();
                for command in [Command::NewSim, Command::NewPlan] {
                    self.command_button(ui, command, actions);
                }
                ui.separator();
                self.command_button(ui, Command::Settings, actions);
            });
            ui.menu_button(t!("menu.view"), |ui| {
                for (command, kind) in [
                    (Command::ShowMonth, CalendarKind::Month),
                    (Command::ShowTimeline, CalendarKind::Timeline),
                    (Command::ShowCoverage, CalendarKind::Coverage),
                    (Command::ShowCosts, CalendarKind::Costs),
                ] {
                    if ui
                        .radio(self.view.calendar == kind, command.label())
                        .clicked()
                    {
                        actions.push(command.action());
                        ui.close();
                    }
                }
                for command in [Command::Today, Command::PreviousPage, Command::NextPage] {
                    self.command_button(ui, command, actions);
                }
                ui.separator();
                // The language is the state's (`settings.language`): one undoable change.
                ui.menu_button(t!("menu.language"), |ui| {
                    let settings = &self.doc.state().settings;
                    for language in Language::ALL {
                        if ui
                            .radio(settings.language == language, language.native_name())
                            .clicked()
                        {
                            if settings.language != language {
                                let mut changed = settings.clone();
                                changed.language = language;
                                actions.push(Action::Edit(Edit::SetSettings(changed)));
                            }
                            ui.close();
                        }
                    }
                });
            });
            ui.menu_button(t!("menu.help"), |ui| {
                self.command_button(ui, Command::Legend, actions);
                ui.separator();
                ui.label(t!("help.drag"));
                ui.label(t!("help.shortcuts"));
                ui.label(format!("SIM Planner {}", env!("CARGO_PKG_VERSION")));
            });
        });
    }

    pub(super) fn status_ui(&self, ui: &mut egui::Ui) {
        // Today and an armed plan first, from the right, so a long message is cut with "…"
        // (whole on hover) and never runs into them.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(t!("status.today", date = self.today.to_string()));
            if let Some(plan) = self
                .view
                .armed_plan
                .and_then(|id| self.doc.state().plan(id))
            {
                ui.colored_label(style::ACCENT, t!("status.armed", plan = plan.name.as_str()));
            }
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                let (text, color) = match self.doc.save_status() {
                    SaveStatus::Unchanged => (t!("status.unchanged"), None),
                    SaveStatus::Saving => (t!("status.saving"), None),
                    SaveStatus::Saved(at) => (
                        t!("status.saved", time = at.format("%H:%M:%S").to_string()),
                        None,
                    ),
                    SaveStatus::Failed(error) => (
                        t!("status.failed", error = error.as_str()),
                        Some(style::DANGER),
                    ),
                    SaveStatus::Off(reason) => (reason.as_str().into(), Some(style::WARNING)),
                };
                let mut message = egui::RichText::new(text.as_ref());
                if let Some(color) = color {
                    message = message.color(color);
                }
                let mut full = text.into_owned();
                if let Some(notice) = &self.notice {
                    full = format!("{full} | {notice}");
                    message = egui::RichText::new(format!("{} | {notice}", message.text()))
                        .color(color.unwrap_or_else(|| ui.visuals().text_color()));
                }
                ui.add(egui::Label::new(message).truncate())
                    .on_hover_text(full);
            });
        });
    }

    /// Month / Timeline / Trip / Costs, then for the calendars previous, today, next and the
    /// zoom, and the title of what is shown.
    pub(super) fn calendar_header_ui(&self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        // Short rows, so the header never makes the panel wider than it is.
        ui.horizontal(|ui| {
            for (command, kind) in [
                (Command::ShowMonth, CalendarKind::Month),
                (Command::ShowTimeline, CalendarKind::Timeline),
                (Command::ShowCoverage, CalendarKind::Coverage),
                (Command::ShowCosts, CalendarKind::Costs),
            ] {
                if ui
                    .selectable_label(self.view.calendar == kind, command.label())
                    .clicked()
                {
                    actions.push(command.action());
                }
            }
        });
        let shown = match self.view.calendar {
            CalendarKind::Month => self.view.month,
            CalendarKind::Timeline => self.view.timeline_start,
            CalendarKind::Coverage => {
                let trip = self
                    .view
                    .selected_trip
                    .and_then(|id| self.doc.state().trip(id));
                ui.heading(trip.map_or_else(
                    || t!("coverage.title_none").into_owned(),
                    |trip| t!("coverage.title", name = trip.name.as_str()).into_owned(),
                ));
                return;
            }
            CalendarKind::Costs => {
                ui.heading(t!("costs.title"));
                return;
            }
        };
        ui.horizontal(|ui| {
            if ui
                .button("<")
                .on_hover_text(t!("calendar.previous"))
                .clicked()
            {
                actions.push(Command::PreviousPage.action());
            }
            if ui.button(Command::Today.label()).clicked() {
                actions.push(Command::Today.action());
            }
            if ui.button(">").on_hover_text(t!("calendar.next")).clicked() {
                actions.push(Command::NextPage.action());
            }
            if self.view.calendar == CalendarKind::Timeline {
                ui.spacing_mut().slider_width = 70.0;
                let mut days = self.view.timeline_days;
                let zoom = egui::Slider::new(&mut days, TIMELINE_ZOOM)
                    .logarithmic(true)
                    .show_value(false)
                    .text(t!("calendar.zoom"));
                let zoomed = ui
                    .add(zoom)
                    .on_hover_text(t!("calendar.zoom_hint", days = days.round()));
                if zoomed.changed() {
                    actions.push(Action::ZoomTimeline(days));
                }
            }
        });
        ui.heading(month_title(shown));
    }
}
