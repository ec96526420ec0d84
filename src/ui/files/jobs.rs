//! The file work of each action, as a job for the file thread, and taking its result back.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Utc};
use rust_i18n::t;

use super::{FileJob, FileOutcome, FilesWindow, Holding, ImportStage, JobOutput, RangeChoice};
use crate::export::{self, ExportFormat, ExportRange};
use crate::model::{State, TripId};
use crate::plural_key;
use crate::schedule::{COVER_BUDGET, cover_trip};
use crate::store::{self, ImportMode, StateLock};
use crate::ui::document::Document;
use crate::ui::file_dialogs::FilePurpose;

impl FilesWindow {
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
                    return JobOutput::Failed(
                        t!("files.exists", path = path.display().to_string()).into_owned(),
                    );
                }
                match StateLock::try_acquire(&path) {
                    Ok(lock) => JobOutput::Done(FileOutcome::New(path, lock)),
                    Err(error) => JobOutput::Failed(error.to_string()),
                }
            }),
            FilePurpose::Open => {
                if doc
                    .path()
                    .is_some_and(|open| export::is_same_file(open, &path))
                {
                    self.error = Some(t!("files.already_open").into_owned());
                    return None;
                }
                Box::new(move || open_job(path))
            }
            FilePurpose::SaveAs => {
                if doc
                    .path()
                    .is_some_and(|open| export::is_same_file(open, &path))
                {
                    self.error = Some(t!("files.already_open").into_owned());
                    return None;
                }
                let revision = doc.revision();
                Box::new(move || {
                    let lock = match StateLock::try_acquire(&path) {
                        Ok(lock) => lock,
                        Err(error) => return JobOutput::Failed(error.to_string()),
                    };
                    match store::save_locked(&lock, &state) {
                        Ok(stamp) => JobOutput::Done(FileOutcome::SaveAs {
                            path,
                            revision,
                            lock,
                            stamp,
                        }),
                        Err(error) => JobOutput::Failed(error.to_string()),
                    }
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
                let suggest = match self.range {
                    RangeChoice::Trip(trip)
                        if self.with_suggestions
                            && matches!(format, ExportFormat::Ics | ExportFormat::Html) =>
                    {
                        Some(trip)
                    }
                    _ => None,
                };
                Box::new(move || {
                    let written = export_schedule(
                        &state,
                        ScheduleExport {
                            format,
                            range,
                            today,
                            suggest,
                        },
                        &path,
                        state_file.as_deref(),
                    );
                    match written {
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
}

/// Open: the file's lock first (read-only when another window holds it), then the file.
fn open_job(path: PathBuf) -> JobOutput {
    match StateLock::try_acquire(&path) {
        Ok(lock) => match store::load_with_stamp(&path) {
            Ok((state, stamp)) => JobOutput::Done(FileOutcome::Open(
                path,
                Box::new(state),
                Holding::Locked(lock, stamp),
            )),
            Err(error) => JobOutput::Failed(error.to_string()),
        },
        Err(busy) => match store::load(&path) {
            Ok(state) => JobOutput::Done(FileOutcome::Open(
                path,
                Box::new(state),
                Holding::ReadOnly(busy.to_string()),
            )),
            Err(error) => JobOutput::Failed(error.to_string()),
        },
    }
}

/// What a schedule export holds.
#[derive(Clone, Copy)]
struct ScheduleExport {
    format: ExportFormat,
    range: ExportRange,
    today: NaiveDate,
    /// List the cheapest cover of this trip as suggestions (worked out here, off the frame).
    suggest: Option<TripId>,
}

/// Writes the schedule export: the same code as `sim-planner export`.
fn export_schedule(
    state: &State,
    export: ScheduleExport,
    path: &Path,
    state_file: Option<&Path>,
) -> Result<FileOutcome, String> {
    let title = t!("files.trip_sheet_title");
    let target = export::ExportTarget {
        out: path,
        state_file,
    };
    let cover = match export.suggest {
        Some(trip) => Some(
            cover_trip(state, trip, export.today, COVER_BUDGET)
                .map_err(|error| error.to_string())?,
        ),
        None => None,
    };
    let content = export::ExportContent {
        title: &title,
        suggestions: cover.as_ref(),
        csv_bom: true,
    };
    let events = export::export_to_file_with(
        state,
        export.format,
        &export.range,
        export.today,
        Utc::now(),
        content,
        target,
    )
    .map_err(|error| error.to_string())?
    .unwrap_or_default();
    Ok(FileOutcome::Exported(
        t!(
            plural_key!("files.exported_schedule", events),
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
    let update = store::preview_import(state, &incoming, ImportMode::MergeUpdating);
    let replace = store::preview_import(state, &incoming, ImportMode::Replace);
    match (merge, update, replace) {
        (Ok(merge), Ok(update), Ok(replace)) => ImportStage::Ready {
            merge: Box::new(merge),
            update: (!update.updated.is_empty()).then(|| Box::new(update)),
            replace: Box::new(replace),
        },
        (Err(problems), _, _) | (_, Err(problems), _) | (_, _, Err(problems)) => {
            ImportStage::Refused(problems.iter().map(ToString::to_string).collect())
        }
    }
}
