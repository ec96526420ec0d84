//! The egui window: an immediate-mode shell over `schedule` and `store`. It draws what the
//! schedule computed and turns clicks and drops into [`edit::Edit`] values applied in one place.

// The vocabulary below the views: what they share, importing no view and not the shell.
pub mod action;
pub mod autosave;
pub mod clock;
pub mod command;
pub mod context;
pub mod cover;
pub mod dnd;
pub mod document;
pub mod edit;
pub mod file_dialogs;
pub mod guard;
pub mod history;
pub mod labels;
pub mod painted;
pub mod pickers;
pub mod schedule_cache;
pub mod style;
pub mod tasks;
pub mod view_state;
pub mod writer;

// The views: each draws from a `ViewContext` and pushes actions; none imports another.
pub mod alerts;
pub mod costs;
pub mod coverage;
pub mod day_panel;
pub mod details;
pub mod editors;
pub mod files;
pub mod legend;
pub mod month;
pub mod plans;
pub mod sim_list;
pub mod startup;
pub mod timeline;
pub mod trips;

// The shell: owns the document and applies the actions.
pub mod app;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

pub use app::SimPlannerApp;
pub use startup::Startup;

/// The bundled CJK fallback font (Noto Sans SC, subset; see `assets/fonts/README.md`).
static CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-subset.otf");

/// Installs the fonts: egui's defaults first, then (in the native app) the system fonts eframe
/// finds on demand, then the bundled CJK font as the last fallback so Chinese names never show
/// as boxes, even on a machine with no CJK font.
pub fn install_fonts(ctx: &egui::Context) {
    let data = egui::FontData::from_static(CJK_FONT);
    ctx.add_font_provider(std::sync::Arc::new(
        move |_request: &egui::FallbackRequest<'_>| {
            Some(egui::FontInsert::new(
                "noto-sans-sc-subset",
                data.clone(),
                Vec::new(),
            ))
        },
    ));
}

/// What the window is opened with (`main` turns the command line into this).
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The state file; `None` when the system has no folder for one (work in memory).
    pub state_path: Option<PathBuf>,
    /// Pins the date the app believes is today; `None` follows the clock.
    pub today: Option<NaiveDate>,
}

/// Where the state lives unless `--state` or `SIM_PLANNER_STATE` says otherwise:
/// `state.ron` in eframe's storage folder for the app. `None` when the platform has no such
/// folder (no home directory).
pub fn default_state_path() -> Option<PathBuf> {
    eframe::storage_dir("sim-planner").map(|folder| folder.join("state.ron"))
}

/// Opens the window and runs until it is closed.
pub fn run(options: Options) -> ExitCode {
    let startup = Startup::from_state_path(options.state_path);
    let today = options.today;
    let native_options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("SIM Planner")
            .with_app_id("sim-planner")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 600.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let result = eframe::run_native(
        "sim-planner",
        native_options,
        Box::new(move |cc| {
            install_fonts(&cc.egui_ctx);
            let recent = cc
                .storage
                .and_then(|storage| eframe::get_value(storage, app::RECENT_FILES_KEY))
                .unwrap_or_default();
            let horizon = cc
                .storage
                .and_then(|storage| eframe::get_value(storage, app::ALERT_HORIZON_KEY))
                .unwrap_or_default();
            let dialogs = file_dialogs::NativeDialogs::new(cc.egui_ctx.clone());
            let app = SimPlannerApp::new(startup, today)
                .with_dialogs(Box::new(dialogs))
                .with_recent_files(recent)
                .with_alert_horizon(horizon);
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: could not open the window: {error}");
            ExitCode::FAILURE
        }
    }
}
