//! The real `partner-bss` binary as a child process: started on a database, its stdout and
//! stderr captured, stopped gracefully or killed with SIGKILL.

use crate::Client;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const OPERATOR_AK: &str = "CRASHOPERATORAK00001";
pub const OPERATOR_SK: &str = "crash-operator-secret-key-0123456789";
pub const MASTER_KEY: &str = "8f3c1a2b4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8";

pub struct Spawned {
    child: Child,
    pub addr: SocketAddr,
    /// Everything the process wrote to stdout and stderr.
    pub output: Arc<Mutex<String>>,
    /// Stdout and stderr apart, line by line.
    pub stdout: Arc<Mutex<String>>,
    pub stderr: Arc<Mutex<String>>,
    /// The threads copying stdout and stderr; joined once the process is gone, so nothing it
    /// wrote is missed.
    readers: Vec<std::thread::JoinHandle<()>>,
}

impl Spawned {
    /// Starts `bin serve` on `database_url`; waits until it listens.
    pub fn start(bin: &str, database_url: &str, extra_env: &[(&str, &str)]) -> Spawned {
        let mut cmd = Self::command(bin, database_url);
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        Self::start_command(cmd)
    }

    /// `bin serve` on a free port with the test master key and operator credential.
    pub fn command(bin: &str, database_url: &str) -> Command {
        let mut cmd = Command::new(bin);
        cmd.args(["serve", "--listen", "127.0.0.1:0"])
            .env("DATABASE_URL", database_url)
            .env("BSS_MASTER_KEY", MASTER_KEY)
            .env("BSS_OPERATOR_AK", OPERATOR_AK)
            .env("BSS_OPERATOR_SK", OPERATOR_SK)
            .env("BSS_RATE_LIMIT", "100000")
            .env("BSS_WORKERS", "2")
            .env("BSS_SHUTDOWN_DRAIN_SECS", "0")
            .env("RUST_LOG", "info");
        cmd
    }

    /// Starts `cmd` (a `serve` command); waits until it prints that it listens.
    pub fn start_command(mut cmd: Command) -> Spawned {
        let bin = cmd.get_program().to_string_lossy().into_owned();
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {bin}: {e}"));
        let output = Arc::new(Mutex::new(String::new()));
        let (stdout_text, stderr_text) = (Arc::default(), Arc::default());
        let (tx, rx) = std::sync::mpsc::channel::<SocketAddr>();
        let mut readers = Vec::new();
        let stdout = child.stdout.take().expect("stdout");
        let stderr = child.stderr.take().expect("stderr");
        for (stream, own) in [
            (
                Box::new(stdout) as Box<dyn std::io::Read + Send>,
                Arc::clone(&stdout_text),
            ),
            (Box::new(stderr), Arc::clone(&stderr_text)),
        ] {
            let (output, tx) = (output.clone(), tx.clone());
            readers.push(std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    // Kept before the address is announced: a caller reads all up to it.
                    for buf in [&output, &own] {
                        let mut o = buf.lock().unwrap_or_else(|p| p.into_inner());
                        o.push_str(&line);
                        o.push('\n');
                    }
                    if let Some(rest) = line.split("listening on http://").nth(1) {
                        if let Ok(a) = rest.split_whitespace().next().unwrap_or("").parse() {
                            let _ = tx.send(a);
                        }
                    }
                }
            }));
        }
        let started = Instant::now();
        let addr = loop {
            if let Ok(a) = rx.recv_timeout(Duration::from_millis(200)) {
                break a;
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!(
                    "{bin} exited with {status}: {}",
                    output.lock().unwrap_or_else(|p| p.into_inner())
                );
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "{bin} did not start listening"
            );
        };
        Spawned {
            child,
            addr,
            output,
            stdout: stdout_text,
            stderr: stderr_text,
            readers,
        }
    }

    pub fn operator(&self) -> Client {
        Client::remote(self.addr, OPERATOR_AK, OPERATOR_SK)
    }

    /// SIGKILL: no shutdown, no flush, requests in flight are cut.
    pub fn kill9(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.drain();
        self.output()
    }

    /// SIGTERM and wait: the server finishes what is in flight.
    pub fn stop(mut self) -> String {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
        self.drain();
        self.output()
    }

    /// Sends SIGTERM and returns at once.
    pub fn terminate(&self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
    }

    /// Waits up to `limit` for the process to exit; its exit code, or None if it still runs.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<i32> {
        let started = Instant::now();
        while started.elapsed() < limit {
            if let Ok(Some(status)) = self.child.try_wait() {
                self.drain();
                return Some(status.code().unwrap_or(-1));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// Like [`Spawned::stop`], with stdout and stderr apart.
    pub fn stop_split(self) -> (String, String) {
        let (stdout, stderr) = (Arc::clone(&self.stdout), Arc::clone(&self.stderr));
        self.stop();
        let read = |b: &Arc<Mutex<String>>| b.lock().unwrap_or_else(|p| p.into_inner()).clone();
        (read(&stdout), read(&stderr))
    }

    /// Waits for the copying threads, which end when the exited process's pipes close.
    fn drain(&mut self) {
        for r in std::mem::take(&mut self.readers) {
            let _ = r.join();
        }
    }

    pub fn output(&self) -> String {
        self.output
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// What the process wrote to stdout so far.
    pub fn stdout(&self) -> String {
        self.stdout
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// What the process wrote to stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

impl Drop for Spawned {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `bin verify-ledger` on the database; returns its exit status and output.
pub fn verify_ledger(bin: &str, database_url: &str) -> (bool, String) {
    let out = Command::new(bin)
        .args(["verify-ledger"])
        .env("DATABASE_URL", database_url)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {bin}: {e}"));
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}
