//! Native file dialogs behind a small trait, so tests give paths without a desktop. The native
//! dialog (`rfd`) runs on a named thread; its answer comes back over a channel and wakes the UI,
//! so the window never freezes while a dialog is open.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

use rust_i18n::t;

use crate::export::ExportFormat;

/// What a file is picked for; the answer carries it back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilePurpose {
    New,
    Open,
    SaveAs,
    Import,
    ExportState,
    ExportSchedule,
}

/// The name a dialog's filter shows for `format`.
pub fn filter_name(format: ExportFormat) -> String {
    match format {
        ExportFormat::Ron => t!("files.format_ron"),
        ExportFormat::Ics => t!("files.format_ics"),
        ExportFormat::Csv => t!("files.format_csv"),
        ExportFormat::Html => t!("files.format_html"),
    }
    .into_owned()
}

/// One dialog to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DialogRequest {
    pub purpose: FilePurpose,
    /// A save dialog (pick a new file) rather than an open dialog.
    pub save: bool,
    pub format: ExportFormat,
    pub file_name: Option<String>,
    pub directory: Option<PathBuf>,
}

/// The user's answer: a path, or `None` when they cancelled (or no dialog could be shown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DialogAnswer {
    pub purpose: FilePurpose,
    pub path: Option<PathBuf>,
    /// No dialog was shown at all (no desktop portal or zenity here): the window says so and
    /// offers the typed path instead.
    pub unavailable: bool,
}

/// An answer "cancelled" this soon after asking means no dialog was ever shown: no person
/// cancels a file dialog this fast.
const UNAVAILABLE_WITHIN: std::time::Duration = std::time::Duration::from_millis(400);

/// Shows file dialogs without blocking the frame.
pub trait FileDialogs {
    /// Starts a dialog. Its answer arrives later through [`FileDialogs::poll`].
    fn open(&mut self, request: DialogRequest, frame: Option<&eframe::Frame>);
    /// The answer, once the user has given it.
    fn poll(&mut self) -> Option<DialogAnswer>;
    /// Whether a dialog is open (buttons that would open another are disabled).
    fn is_open(&self) -> bool;
}

/// `rfd`'s native dialogs, each on its own named thread.
pub struct NativeDialogs {
    ctx: egui::Context,
    pending: Option<Receiver<DialogAnswer>>,
}

impl NativeDialogs {
    pub fn new(ctx: egui::Context) -> Self {
        Self { ctx, pending: None }
    }
}

impl FileDialogs for NativeDialogs {
    fn open(&mut self, request: DialogRequest, frame: Option<&eframe::Frame>) {
        if self.pending.is_some() {
            return;
        }
        let mut dialog = rfd::AsyncFileDialog::new()
            .add_filter(filter_name(request.format), &[request.format.extension()]);
        if let Some(directory) = &request.directory {
            dialog = dialog.set_directory(directory);
        }
        if let Some(name) = &request.file_name {
            dialog = dialog.set_file_name(name);
        }
        if let Some(frame) = frame {
            dialog = dialog.set_parent(frame);
        }
        let (sender, receiver) = channel();
        let ctx = self.ctx.clone();
        let purpose = request.purpose;
        let spawned = std::thread::Builder::new()
            .name("file-dialog".to_owned())
            .spawn(move || {
                let asked = std::time::Instant::now();
                let handle = if request.save {
                    pollster::block_on(dialog.save_file())
                } else {
                    pollster::block_on(dialog.pick_file())
                };
                let path = handle.map(|handle| handle.path().to_path_buf());
                let unavailable = path.is_none() && asked.elapsed() < UNAVAILABLE_WITHIN;
                let answer = DialogAnswer {
                    purpose,
                    path,
                    unavailable,
                };
                if sender.send(answer).is_err() {
                    log::warn!("a file dialog was answered after the window stopped waiting");
                }
                ctx.request_repaint();
            });
        if spawned.is_ok() {
            self.pending = Some(receiver);
        }
    }

    fn poll(&mut self) -> Option<DialogAnswer> {
        let receiver = self.pending.as_ref()?;
        match receiver.try_recv() {
            Ok(answer) => {
                self.pending = None;
                Some(answer)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.pending = None;
                None
            }
        }
    }

    fn is_open(&self) -> bool {
        self.pending.is_some()
    }
}

/// Dialogs for tests: every request is recorded, and the test answers whenever it likes
/// through [`ScriptedAnswers`] (a dialog may stay open across many frames).
pub struct ScriptedDialogs {
    requests: Sender<DialogRequest>,
    answers: Receiver<Option<PathBuf>>,
    open: Option<FilePurpose>,
}

/// The test's side of [`ScriptedDialogs`].
pub struct ScriptedAnswers {
    pub requests: Receiver<DialogRequest>,
    pub answers: Sender<Option<PathBuf>>,
}

impl ScriptedDialogs {
    pub fn new() -> (Self, ScriptedAnswers) {
        let (request_sender, request_receiver) = channel();
        let (answer_sender, answer_receiver) = channel();
        (
            Self {
                requests: request_sender,
                answers: answer_receiver,
                open: None,
            },
            ScriptedAnswers {
                requests: request_receiver,
                answers: answer_sender,
            },
        )
    }
}

impl FileDialogs for ScriptedDialogs {
    fn open(&mut self, request: DialogRequest, _frame: Option<&eframe::Frame>) {
        if self.open.is_none() {
            self.open = Some(request.purpose);
            if self.requests.send(request).is_err() {
                log::warn!("the test no longer listens for dialog requests");
            }
        }
    }

    fn poll(&mut self) -> Option<DialogAnswer> {
        let purpose = self.open?;
        let path = self.answers.try_recv().ok()?;
        self.open = None;
        Some(DialogAnswer {
            purpose,
            path,
            unavailable: false,
        })
    }

    fn is_open(&self) -> bool {
        self.open.is_some()
    }
}

/// No dialogs at all (headless runs, benches): every request is answered "cancelled" at once,
/// as `rfd` does where no portal or zenity exists; the typed path still works.
#[derive(Default)]
pub struct NoDialogs {
    answer: Option<DialogAnswer>,
}

impl FileDialogs for NoDialogs {
    fn open(&mut self, request: DialogRequest, _frame: Option<&eframe::Frame>) {
        self.answer = Some(DialogAnswer {
            purpose: request.purpose,
            path: None,
            unavailable: true,
        });
    }

    fn poll(&mut self) -> Option<DialogAnswer> {
        self.answer.take()
    }

    fn is_open(&self) -> bool {
        false
    }
}
