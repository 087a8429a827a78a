//! Streamed CSV exports: keyset batches read on the blocking pool feed a bounded channel, so
//! memory stays constant and the first bytes leave at once.

use crate::service::Failure;
use crate::AppState;
use actix_web::web::Bytes;
use actix_web::HttpResponse;
use persistence::repo::ledger::LedgerRow;
use persistence::repo::ledger_query::{self, LedgerFilter};
use persistence::DbConnection;
use std::collections::HashMap;

/// Rows per database batch; also the unit of a chunk on the wire.
const BATCH: i64 = 1000;
/// Batches in flight between the reader and the socket.
const IN_FLIGHT: usize = 4;

pub type Names = HashMap<String, String>;

/// Ledger rows of `filter`, newest first.
pub fn stream(
    state: &AppState,
    file_name: &str,
    header: &'static [&'static str],
    filter: LedgerFilter,
    names: fn(&mut DbConnection, &[LedgerRow]) -> Result<Names, Failure>,
    row: impl Fn(&LedgerRow, &Names) -> Vec<String> + Send + 'static,
) -> HttpResponse {
    stream_batches(
        state,
        file_name,
        header,
        move |conn, after, n| Ok(ledger_query::batch_after(conn, &filter, after, n)?),
        names,
        |r| (r.created_at, r.seq.unwrap_or_default()),
        row,
    )
}

/// Any rows read in keyset batches: `fetch(conn, after, n)` returns the next `n` rows after
/// the position `key` gives of the last row sent; `names` looks up what a batch refers to.
pub fn stream_batches<R: Send + 'static, K: Clone + Send + 'static, N: Send + 'static>(
    state: &AppState,
    file_name: &str,
    header: &'static [&'static str],
    fetch: impl Fn(&mut DbConnection, Option<K>, i64) -> Result<Vec<R>, Failure> + Send + 'static,
    names: fn(&mut DbConnection, &[R]) -> Result<N, Failure>,
    key: fn(&R) -> K,
    row: impl Fn(&R, &N) -> Vec<String> + Send + 'static,
) -> HttpResponse {
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(IN_FLIGHT);
    // Reading and encoding overlap: one blocking thread reads the next batch while another
    // writes the previous one as CSV.
    let (batches, to_encode) = std::sync::mpsc::sync_channel::<(Vec<R>, N)>(1);
    // Exports tolerate lag: a replica serves them when there is one.
    let db = state.lagged().clone();
    let reader_tx = tx.clone();
    tokio::task::spawn_blocking(move || {
        let mut after = None;
        loop {
            let batch = db.read(|conn| -> Result<_, Failure> {
                let rows = fetch(conn, after.clone(), BATCH)?;
                let n = names(conn, &rows)?;
                Ok((rows, n))
            });
            let (rows, n) = match batch {
                Ok(b) => b,
                Err(e) => {
                    // The status line is gone already: end the stream broken, log the cause.
                    tracing::error!(error = %e, "export aborted");
                    let _ = reader_tx.blocking_send(Err(std::io::Error::other("export aborted")));
                    return;
                }
            };
            let Some(last) = rows.last() else { return };
            after = Some(key(last));
            let done = rows.len() < usize::try_from(BATCH).unwrap_or(usize::MAX);
            if batches.send((rows, n)).is_err() || done {
                return;
            }
        }
    });
    tokio::task::spawn_blocking(move || {
        let send = |chunk: Result<Vec<u8>, std::io::Error>| {
            tx.blocking_send(chunk.map(Bytes::from)).is_ok()
        };
        if !send(encode(std::iter::once(
            header.iter().map(|h| (*h).to_owned()).collect(),
        ))) {
            return;
        }
        // Ends when the reader is done (or failed, having said so on `tx` itself).
        for (rows, n) in to_encode {
            if !send(encode(rows.iter().map(|r| row(r, &n)))) {
                return;
            }
        }
    });
    let body =
        futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|c| (c, rx)) });
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{file_name}\""),
        ))
        .streaming(body)
}

/// One chunk of CSV in one buffer; cells are neutralised without being copied unless they
/// need it.
fn encode(rows: impl Iterator<Item = Vec<String>>) -> Result<Vec<u8>, std::io::Error> {
    let mut w = csv::Writer::from_writer(Vec::with_capacity(256 * 1024));
    for r in rows {
        for cell in &r {
            w.write_field(domain::text::csv_safe(cell).as_bytes())
                .map_err(std::io::Error::other)?;
        }
        w.write_record(None::<&[u8]>)
            .map_err(std::io::Error::other)?;
    }
    w.into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))
}
