//! The `sim-planner` binary: parses the command line, then runs a subcommand or opens the window.

use std::process::ExitCode;

use clap::Parser as _;
use sim_planner::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Some(command) => cli::run(&cli, command),
        None => sim_planner::ui::run(&cli),
    }
}
