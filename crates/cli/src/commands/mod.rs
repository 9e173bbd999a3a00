//! One module per command.

pub mod check;
pub mod demo;
pub mod extract;
pub mod import;
pub mod openstd;
pub mod parse;
pub mod show;
pub mod stats;

use crate::{Cli, Command};
use anyhow::Result;
use std::process::ExitCode;

/// Runs the chosen command.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match &cli.command {
        Command::Parse(a) => parse::run(a),
        Command::Extract(a) => extract::run(a),
        other => {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()?;
            rt.block_on(async {
                match other {
                    Command::Import(a) => import::run(&cli, a).await,
                    Command::Check(a) => check::run(&cli, a).await,
                    Command::Show(a) => show::run(&cli, a).await,
                    Command::Stats(a) => stats::run(&cli, a).await,
                    Command::Demo(a) => demo::run(&cli, a).await,
                    Command::Openstd(a) => openstd::run(&cli, a).await,
                    Command::Parse(_) | Command::Extract(_) => unreachable!("handled above"),
                }
            })
        }
    }
}
