//! A rolling restart's stop: on SIGTERM `/readyz` answers 503 at once while requests are still
//! served, then the listener closes, a request in flight still gets its answer, and the process
//! exits 0 within its bound.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};
use tests::binary::Spawned;

const BIN: &str = env!("CARGO_BIN_EXE_partner-bss");

fn status_of(addr: std::net::SocketAddr, path: &str) -> Option<u16> {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out.split(' ').nth(1)?.parse().ok()
}

#[test]
fn sigterm_drains_then_finishes_in_flight_requests() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("g.db").display());
    let mut srv = Spawned::start(
        BIN,
        &url,
        &[
            ("BSS_SHUTDOWN_DRAIN_SECS", "2"),
            ("BSS_SHUTDOWN_TIMEOUT_SECS", "10"),
        ],
    );
    let addr = srv.addr;
    assert_eq!(status_of(addr, "/readyz"), Some(200));

    // A request in flight: its body is still arriving when the stop is asked.
    let mut inflight = TcpStream::connect(addr).unwrap();
    inflight
        .set_read_timeout(Some(Duration::from_secs(15)))
        .unwrap();
    let body = br#"{"customer_id":"x"}"#;
    write!(
        inflight,
        "POST /v2/operator/orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .unwrap();
    inflight.write_all(&body[..5]).unwrap();
    std::thread::sleep(Duration::from_millis(200));

    let asked = Instant::now();
    srv.terminate();
    std::thread::sleep(Duration::from_millis(300));
    // Draining: not ready, still serving.
    assert_eq!(status_of(addr, "/readyz"), Some(503));
    assert_eq!(status_of(addr, "/healthz"), Some(200));

    // After the drain the listener stops accepting.
    let mut closed = false;
    while asked.elapsed() < Duration::from_secs(8) {
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            closed = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(closed, "the listener still accepts");
    assert!(asked.elapsed() >= Duration::from_millis(1900));

    // The request in flight is still answered.
    inflight.write_all(&body[5..]).unwrap();
    let mut answer = String::new();
    let _ = inflight.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer:?}");

    let code = srv.wait_exit(Duration::from_secs(15));
    assert_eq!(code, Some(0), "{}", srv.output());
    let out = srv.output();
    assert!(out.contains("stop asked"), "{out}");
}
