//! Captures the tracing output of every server in this test process, so a test can scan the
//! log lines for data that must never appear in them. Installed once, on first use.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use tracing_subscriber::fmt::MakeWriter;

#[derive(Clone, Default)]
pub struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    /// Everything logged so far.
    pub fn text(&self) -> String {
        let buf = self.0.lock().unwrap_or_else(|e| e.into_inner());
        String::from_utf8_lossy(&buf).into_owned()
    }
}

pub struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Sink;
    fn make_writer(&'a self) -> Sink {
        Sink(self.0.clone())
    }
}

static CAPTURED: OnceLock<Captured> = OnceLock::new();

/// The process-wide capture: our crates at TRACE, everything else at INFO, no colours.
pub fn capture() -> Captured {
    CAPTURED
        .get_or_init(|| {
            let c = Captured::default();
            let filter = tracing_subscriber::EnvFilter::new(
                "info,api=trace,domain=trace,persistence=trace,server=trace",
            );
            let installed = tracing_subscriber::fmt()
                .with_env_filter(filter)
                .with_writer(c.clone())
                .with_ansi(false)
                .try_init()
                .is_ok();
            assert!(installed, "another tracing subscriber is already installed");
            c
        })
        .clone()
}
