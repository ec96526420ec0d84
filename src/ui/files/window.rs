//! Drawing a file window: the export's options, the typed path with Browse, the spinner while
//! its job runs, errors, and an import's preview with Merge and Replace.

use rust_i18n::t;

use super::{FileOutcome, FilesWindow, ImportStage, RangeChoice, WindowRequest};
use crate::export::ExportFormat;
use crate::model::State;
use crate::store::ImportPreview;
use crate::ui::file_dialogs::{FileDialogs, FilePurpose, filter_name};
use crate::ui::style;

impl FilesWindow {
    /// Draws the window; `busy` while its job runs (a spinner, and nothing can be started).
    /// Returns what the user asked for this frame.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        state: &State,
        busy: bool,
        dialogs: &mut dyn FileDialogs,
        frame: Option<&eframe::Frame>,
    ) -> Option<WindowRequest> {
        let mut request = None;
        let mut still_open = true;
        egui::Window::new(self.title())
            .id(egui::Id::unique("files-window"))
            .collapsible(false)
            .resizable(false)
            .open(&mut still_open)
            .show(ctx, |ui| {
                ui.set_max_width(520.0);
                ui.add_enabled_ui(!busy, |ui| {
                    if self.purpose == FilePurpose::ExportSchedule {
                        self.schedule_options_ui(ui, state);
                        ui.separator();
                    }
                    ui.horizontal(|ui| {
                        let label = ui.label(t!("files.path"));
                        let field = ui.add(
                            egui::TextEdit::singleline(&mut self.path)
                                .desired_width(300.0)
                                .hint_text(t!("files.path_hint")),
                        );
                        let field = field.labelled_by(label.id);
                        if std::mem::take(&mut self.focus_path) {
                            field.request_focus();
                        }
                        let browse = ui
                            .add_enabled(!dialogs.is_open(), egui::Button::new(t!("files.browse")));
                        if browse.clicked() {
                            dialogs.open(self.dialog_request(), frame);
                        }
                        if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                            request = Some(WindowRequest::Run);
                        }
                    });
                });
                if let Some(note) = &self.browse_note {
                    ui.colored_label(style::WARNING, note);
                }
                if dialogs.is_open() {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(t!("files.dialog_open"));
                    });
                }
                if busy {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(t!("files.working"));
                    });
                }
                if let Some(error) = &self.error {
                    ui.colored_label(style::DANGER, error);
                }
                if let Some(stage) = &self.import {
                    if let Some(chosen) = import_stage_ui(ui, stage) {
                        request = Some(WindowRequest::Outcome(chosen));
                    }
                } else if ui
                    .add_enabled(!busy, egui::Button::new(self.action_label()))
                    .clicked()
                {
                    request = Some(WindowRequest::Run);
                }
            });
        if still_open {
            request
        } else {
            Some(WindowRequest::Close)
        }
    }

    fn action_label(&self) -> String {
        let key = match self.purpose {
            FilePurpose::New => "files.create",
            FilePurpose::Open => "files.do_open",
            FilePurpose::SaveAs => "files.do_save",
            FilePurpose::Import => "files.check",
            FilePurpose::ExportState | FilePurpose::ExportSchedule => "files.do_export",
        };
        t!(key).into_owned()
    }

    fn schedule_options_ui(&mut self, ui: &mut egui::Ui, state: &State) {
        ui.horizontal(|ui| {
            ui.label(t!("files.format"));
            for format in [ExportFormat::Ics, ExportFormat::Csv, ExportFormat::Html] {
                if ui
                    .selectable_label(self.format == format, filter_name(format))
                    .clicked()
                {
                    self.set_format(format);
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(t!("files.range"));
            let mut days = match self.range {
                RangeChoice::NextDays(days) => days,
                _ => 90,
            };
            if ui
                .radio(
                    matches!(self.range, RangeChoice::NextDays(_)),
                    t!("files.next_days"),
                )
                .clicked()
            {
                self.range = RangeChoice::NextDays(days);
            }
            if let RangeChoice::NextDays(_) = self.range {
                let drag = ui.add(egui::DragValue::new(&mut days).range(1..=3650));
                drag.on_hover_text(t!("files.days"));
                self.range = RangeChoice::NextDays(days);
            }
            for trip in &state.trips {
                if ui
                    .radio(
                        self.range == RangeChoice::Trip(trip.id),
                        t!("files.trip", name = trip.name.as_str()),
                    )
                    .clicked()
                {
                    self.range = RangeChoice::Trip(trip.id);
                }
            }
            if ui
                .radio(
                    matches!(self.range, RangeChoice::Custom { .. }),
                    t!("files.custom"),
                )
                .clicked()
            {
                self.range = RangeChoice::Custom {
                    from: String::new(),
                    to: String::new(),
                };
            }
        });
        if matches!(self.range, RangeChoice::Trip(_))
            && matches!(self.format, ExportFormat::Ics | ExportFormat::Html)
        {
            ui.checkbox(&mut self.with_suggestions, t!("files.with_suggestions"))
                .on_hover_text(t!("files.with_suggestions_hint"));
        }
        if let RangeChoice::Custom { from, to } = &mut self.range {
            ui.horizontal(|ui| {
                let from_label = ui.label(t!("files.from"));
                ui.add(
                    egui::TextEdit::singleline(from)
                        .desired_width(90.0)
                        .hint_text("YYYY-MM-DD"),
                )
                .labelled_by(from_label.id);
                let to_label = ui.label(t!("files.to"));
                ui.add(
                    egui::TextEdit::singleline(to)
                        .desired_width(90.0)
                        .hint_text("YYYY-MM-DD"),
                )
                .labelled_by(to_label.id);
            });
        }
    }
}

fn import_stage_ui(ui: &mut egui::Ui, stage: &ImportStage) -> Option<FileOutcome> {
    match stage {
        ImportStage::Refused(problems) => {
            ui.colored_label(style::DANGER, t!("files.import_refused"));
            for problem in problems {
                ui.colored_label(style::DANGER, problem);
            }
            None
        }
        ImportStage::Ready {
            merge,
            update,
            replace,
        } => {
            ui.label(t!("files.merge_would", summary = merge.summary()));
            if let Some(update) = update {
                ui.label(t!("files.update_would", summary = update.summary()));
            }
            ui.label(t!("files.replace_would", summary = replace.summary()));
            let mut chosen = None;
            let choice = |preview: &ImportPreview| {
                Some(FileOutcome::Import(
                    Box::new(preview.result.clone()),
                    preview.summary(),
                ))
            };
            ui.horizontal_wrapped(|ui| {
                if ui.button(t!("files.merge")).clicked() {
                    chosen = choice(merge);
                }
                if let Some(update) = update
                    && ui.button(t!("files.update")).clicked()
                {
                    chosen = choice(update);
                }
                if ui.button(t!("files.replace")).clicked() {
                    chosen = choice(replace);
                }
            });
            chosen
        }
    }
}
