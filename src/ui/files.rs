//! The File menu's actions: a small window per action with a typed path (for machines where no
//! native dialog can be shown) and a "Browse..." button for the native one; import with a
//! preview; exports of the state and of the schedule. The window only describes the work
//! ([`FilesWindow::job`]); the shell runs it off the frame and hands the result back
//! ([`FilesWindow::finished`]).

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Utc};
use rust_i18n::t;

use super::document::Document;
use super::file_dialogs::{DialogRequest, FileDialogs, FilePurpose, filter_name};
use super::style;
use crate::export::{self, ExportFormat, ExportRange};
use crate::model::{State, TripId};
use crate::store::{self, ImportMode, ImportPreview};

/// Which days an exported schedule covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RangeChoice {
    NextDays(u32),
    Trip(TripId),
    Custom { from: String, to: String },
}

/// An import read and checked, waiting for Merge or Replace.
pub enum ImportStage {
    Ready {
        merge: Box<ImportPreview>,
        replace: Box<ImportPreview>,
    },
    Refused(Vec<String>),
}

/// What the user asked for, once the window has a path.
pub enum FileOutcome {
    /// Start an empty state in a new file (the current one is saved first).
    New(PathBuf),
    /// Switch to another state file.
    Open(PathBuf, Box<State>),
    /// The state as of `revision` was written to `path`: continue there.
    SaveAs { path: PathBuf, revision: u64 },
    /// Apply an import (one undo step).
    Import(Box<State>, String),
    /// A file was written; the message says what.
    Exported(String),
}

/// What a file job gives back to its window.
pub enum JobOutput {
    /// The action is done.
    Done(FileOutcome),
    /// An import was read and checked: show its preview.
    Checked(ImportStage),
    /// The action failed; the message says why, for the window.
    Failed(String),
}

/// Work for the file thread: it owns everything it needs (a copy of the state).
pub type FileJob = Box<dyn FnOnce() -> JobOutput + Send>;

/// What the window asks the shell for this frame.
pub enum WindowRequest {
    /// Run the action on the typed path (see [`FilesWindow::job`]).
    Run,
    /// The user chose an outcome that needs no file work (Merge or Replace after a preview).
    Outcome(FileOutcome),
    /// The user closed the window.
    Close,
}

/// The window of one file action.
pub struct FilesWindow {
    pub purpose: FilePurpose,
    pub path: String,
    pub format: ExportFormat,
    pub range: RangeChoice,
    pub import: Option<ImportStage>,
    pub error: Option<String>,
    /// The open state file: exports never replace it.
    state_file: Option<PathBuf>,
}

impl FilesWindow {
    pub fn new(purpose: FilePurpose, current: Option<&Path>) -> Self {
        let suggested = match purpose {
            FilePurpose::ExportSchedule => "sim-schedule.ics",
            FilePurpose::ExportState | FilePurpose::SaveAs => "sim-planner-state.ron",
            FilePurpose::New => "new-state.ron",
            FilePurpose::Open | FilePurpose::Import => "",
        };
        let folder = current.and_then(Path::parent);
        let path = match (folder, suggested.is_empty()) {
            (Some(folder), false) => folder.join(suggested).display().to_string(),
            _ => String::new(),
        };
        Self {
            purpose,
            path,
            format: if purpose == FilePurpose::ExportSchedule {
                ExportFormat::Ics
            } else {
                ExportFormat::Ron
            },
            range: RangeChoice::NextDays(90),
            import: None,
            error: None,
            state_file: current.map(Path::to_path_buf),
        }
    }

    /// A window that has a path already (a file dropped on the window, a recent file).
    pub fn with_path(purpose: FilePurpose, path: &Path) -> Self {
        let mut window = Self::new(purpose, None);
        window.path = path.display().to_string();
        window
    }

    fn title(&self) -> String {
        let key = match self.purpose {
            FilePurpose::New => "files.new",
            FilePurpose::Open => "files.open",
            FilePurpose::SaveAs => "files.save_as",
            FilePurpose::Import => "files.import",
            FilePurpose::ExportState => "files.export_state",
            FilePurpose::ExportSchedule => "files.export_schedule",
        };
        t!(key).into_owned()
    }

    /// The native dialog this window would open.
    pub fn dialog_request(&self) -> DialogRequest {
        let typed = PathBuf::from(self.path.trim());
        let save = !matches!(self.purpose, FilePurpose::Open | FilePurpose::Import);
        DialogRequest {
            purpose: self.purpose,
            save,
            format: self.format,
            file_name: typed
                .file_name()
                .map(|name| name.to_string_lossy().into_owned()),
            directory: typed.parent().filter(|p| p.is_dir()).map(Path::to_path_buf),
        }
    }

    /// Keeps the file name's extension in step with the chosen format.
    fn set_format(&mut self, format: ExportFormat) {
        self.format = format;
        let path = PathBuf::from(self.path.trim());
        if path.file_name().is_some() {
            self.path = path
                .with_extension(format.extension())
                .display()
                .to_string();
        }
    }

    /// The work the action on the typed path needs, to run off the frame; `None` (with the
    /// reason shown in the window) when it can be refused at once.
    pub fn job(&mut self, doc: &Document, today: NaiveDate) -> Option<FileJob> {
        self.error = None;
        let typed = self.path.trim();
        if typed.is_empty() {
            self.error = Some(t!("files.no_path").into_owned());
            return None;
        }
        let path = PathBuf::from(typed);
        let state = doc.state().clone();
        let state_file = self.state_file.clone();
        let job: FileJob = match self.purpose {
            FilePurpose::New => Box::new(move || {
                if path.exists() {
                    JobOutput::Failed(
                        t!("files.exists", path = path.display().to_string()).into_owned(),
                    )
                } else {
                    JobOutput::Done(FileOutcome::New(path))
                }
            }),
            FilePurpose::Open => Box::new(move || match store::load(&path) {
                Ok(loaded) => JobOutput::Done(FileOutcome::Open(path, Box::new(loaded))),
                Err(error) => JobOutput::Failed(error.to_string()),
            }),
            FilePurpose::SaveAs => {
                let revision = doc.revision();
                Box::new(move || match store::save(&path, &state) {
                    Ok(()) => JobOutput::Done(FileOutcome::SaveAs { path, revision }),
                    Err(error) => JobOutput::Failed(error.to_string()),
                })
            }
            FilePurpose::Import => Box::new(move || JobOutput::Checked(read_import(&state, &path))),
            FilePurpose::ExportState => Box::new(move || {
                let target = export::ExportTarget {
                    out: &path,
                    state_file: state_file.as_deref(),
                };
                let whole_state = ExportRange::next_days(today, 1);
                let written = export::export_to_file(
                    &state,
                    ExportFormat::Ron,
                    &whole_state,
                    today,
                    Utc::now(),
                    "",
                    target,
                );
                match written {
                    Ok(_) => JobOutput::Done(FileOutcome::Exported(
                        t!("files.exported_state", path = path.display().to_string()).into_owned(),
                    )),
                    Err(error) => JobOutput::Failed(error.to_string()),
                }
            }),
            FilePurpose::ExportSchedule => {
                let range = match self.schedule_range(&state, today) {
                    Ok(range) => range,
                    Err(message) => {
                        self.error = Some(message);
                        return None;
                    }
                };
                let format = self.format;
                Box::new(move || {
                    match export_schedule(
                        &state,
                        format,
                        range,
                        today,
                        &path,
                        state_file.as_deref(),
                    ) {
                        Ok(outcome) => JobOutput::Done(outcome),
                        Err(message) => JobOutput::Failed(message),
                    }
                })
            }
        };
        if self.purpose == FilePurpose::Import {
            self.import = None;
        }
        Some(job)
    }

    /// Takes a finished job's result: an outcome for the shell, or what to show here.
    pub fn finished(&mut self, output: JobOutput) -> Option<FileOutcome> {
        match output {
            JobOutput::Done(outcome) => Some(outcome),
            JobOutput::Checked(stage) => {
                self.import = Some(stage);
                None
            }
            JobOutput::Failed(message) => {
                self.error = Some(message);
                None
            }
        }
    }

    /// The days an exported schedule covers, as chosen in the window.
    fn schedule_range(&self, state: &State, today: NaiveDate) -> Result<ExportRange, String> {
        match &self.range {
            RangeChoice::NextDays(days) => Ok(ExportRange::next_days(today, *days)),
            RangeChoice::Trip(trip) => {
                ExportRange::for_trip(state, *trip, state.settings.lead_days)
            }
            RangeChoice::Custom { from, to } => {
                let parse = |text: &str| NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d");
                match (parse(from), parse(to)) {
                    (Ok(from), Ok(to)) => ExportRange::new(from, to),
                    _ => return Err(t!("files.bad_dates").into_owned()),
                }
            }
        }
        .map_err(|error| error.to_string())
    }

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

/// Writes the schedule export: the same code as `sim-planner export`.
fn export_schedule(
    state: &State,
    format: ExportFormat,
    range: ExportRange,
    today: NaiveDate,
    path: &Path,
    state_file: Option<&Path>,
) -> Result<FileOutcome, String> {
    let title = t!("files.trip_sheet_title");
    let target = export::ExportTarget {
        out: path,
        state_file,
    };
    let events = export::export_to_file(state, format, &range, today, Utc::now(), &title, target)
        .map_err(|error| error.to_string())?
        .unwrap_or_default();
    Ok(FileOutcome::Exported(
        t!(
            "files.exported_schedule",
            count = events,
            path = path.display().to_string()
        )
        .into_owned(),
    ))
}

/// Reads and checks an import; nothing changes yet.
pub fn read_import(state: &State, path: &Path) -> ImportStage {
    let incoming = match store::load(path) {
        Ok(incoming) => incoming,
        Err(store::LoadError::Invalid(problems)) => {
            return ImportStage::Refused(problems.iter().map(ToString::to_string).collect());
        }
        Err(error) => return ImportStage::Refused(vec![error.to_string()]),
    };
    let merge = store::preview_import(state, &incoming, ImportMode::Merge);
    let replace = store::preview_import(state, &incoming, ImportMode::Replace);
    match (merge, replace) {
        (Ok(merge), Ok(replace)) => ImportStage::Ready {
            merge: Box::new(merge),
            replace: Box::new(replace),
        },
        (Err(problems), _) | (_, Err(problems)) => {
            ImportStage::Refused(problems.iter().map(ToString::to_string).collect())
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
        ImportStage::Ready { merge, replace } => {
            ui.label(t!("files.merge_would", summary = merge.summary()));
            ui.label(t!("files.replace_would", summary = replace.summary()));
            let mut chosen = None;
            ui.horizontal(|ui| {
                if ui.button(t!("files.merge")).clicked() {
                    chosen = Some(FileOutcome::Import(
                        Box::new(merge.result.clone()),
                        merge.summary(),
                    ));
                }
                if ui.button(t!("files.replace")).clicked() {
                    chosen = Some(FileOutcome::Import(
                        Box::new(replace.result.clone()),
                        replace.summary(),
                    ));
                }
            });
            chosen
        }
    }
}
