//! `partner-bss`: the server binary (serve, migrate, openapi, verify-ledger) and a signed
//! API client (`api`).

mod api_command;
mod args;
mod cli;
mod database;
mod deliver;
mod demo;
mod logs;
mod master_key;
mod production;
mod secret_file;
mod serve;

use clap::Parser;
use std::process::ExitCode;

// Requests allocate many small short-lived buffers across worker and blocking threads; the
// system allocator spent about 7 % of the server's CPU on them (perf over the benchmark).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            logs::fatal(&e);
            ExitCode::FAILURE
        }
    }
}
