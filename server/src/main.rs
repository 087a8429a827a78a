//! `partner-bss`: the server binary (serve, migrate, openapi, verify-ledger).

mod cli;
mod demo;
mod master_key;
mod serve;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("partner-bss: {e}");
            ExitCode::FAILURE
        }
    }
}
