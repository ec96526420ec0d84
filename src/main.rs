//! The `sim-planner` binary: parses the command line, then runs a subcommand or opens the window.
//! It is the one place that joins the CLI and the window, which never import each other.

use std::process::ExitCode;

use clap::Parser as _;
use sim_planner::cli::{self, Cli};
use sim_planner::ui;

fn main() -> ExitCode {
    // Errors not shown to the user are logged; RUST_LOG=debug says more.
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("sim_planner=warn"))
        .init();
    let cli = Cli::parse();
    let default_state = ui::default_state_path();
    match &cli.command {
        Some(command) => cli::run(&cli, command, default_state),
        None => ui::run(ui::Options {
            state_path: cli.state_path(default_state),
            today: cli.today,
        }),
    }
}
