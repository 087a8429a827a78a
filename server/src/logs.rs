//! Logging: to stderr (stdout carries only what the user asked for: the one-time credential,
//! the demo banner, command output), colour only on a terminal, and with `--log-json` every
//! line JSON, fatal errors and panics included.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};

static JSON: AtomicBool = AtomicBool::new(false);

pub fn init(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_writer(std::io::stderr)
        .with_ansi(colour);
    let installed = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
    if installed.is_ok() && json {
        JSON.store(true, Ordering::Relaxed);
        std::panic::set_hook(Box::new(|info| tracing::error!(panic = %info, "panic")));
    }
}

/// The error that ends the process: a JSON line when logs are JSON, else plain on stderr.
pub fn fatal(message: &str) {
    if JSON.load(Ordering::Relaxed) {
        tracing::error!(error = message, "partner-bss stopped");
    } else {
        eprintln!("partner-bss: {message}");
    }
}
