//! Helpers for filtered lists that run unchanged on both backends.

use crate::DbConnection;
use diesel::sql_types::{Nullable, Text};

/// The backend of [`DbConnection`], for boxed queries.
pub type Be = <DbConnection as diesel::Connection>::Backend;

diesel::define_sql_function! {
    /// `replace()` exists with the same meaning in SQLite and PostgreSQL; "contains" is
    /// written as `replace(col, needle, '') <> col`, which needs no LIKE escaping and is
    /// case-sensitive on both (LIKE is not).
    fn replace(s: Nullable<Text>, from: Text, to: Text) -> Nullable<Text>;
}

diesel::define_sql_function! {
    fn lower(s: Nullable<Text>) -> Nullable<Text>;
}

/// Lower-cases the way SQLite's `lower()` does (ASCII only), so both backends agree.
pub fn ascii_lower(s: &str) -> String {
    s.to_ascii_lowercase()
}

/// Bounds how long the rest of the transaction waits for row locks (PostgreSQL; SQLite's
/// writer turn and busy timeout bound it there). Past it the statement fails.
pub fn limit_lock_wait(conn: &mut DbConnection, millis: u32) -> Result<(), crate::StoreError> {
    use diesel::RunQueryDsl;
    if let DbConnection::Pg(pg) = conn {
        diesel::sql_query(format!("SET LOCAL lock_timeout = '{millis}ms'")).execute(pg)?;
    }
    Ok(())
}

/// Writes the operator's review queue of one application table: every partner's rows,
/// filtered by status and partner, oldest first. The tables differ only in their names,
/// so one definition serves them all.
macro_rules! review_queue {
    ($t:ident, $row:ty, $oldest:ident) => {
        $crate::repo::query::review_queue!(@queue $t, $row, $oldest, $t::table.into_boxed());
    };
    ($t:ident, $row:ty, $oldest:ident, where $base:expr) => {
        $crate::repo::query::review_queue!(@queue $t, $row, $oldest, $t::table.filter($base).into_boxed());
    };
    (@queue $t:ident, $row:ty, $oldest:ident, $from:expr) => {
        /// The operator's queue: every partner's, filtered by status and partner, oldest first.
        pub fn queue(
            conn: &mut $crate::DbConnection,
            status: Option<&str>,
            partner_id: Option<&str>,
            offset: i64,
            limit: i64,
        ) -> Result<(i64, Vec<$row>), $crate::StoreError> {
            let filtered = || {
                let mut q = $from;
                if let Some(s) = status {
                    q = q.filter($t::status.eq(s.to_owned()));
                }
                if let Some(p) = partner_id {
                    q = q.filter($t::partner_id.eq(p.to_owned()));
                }
                q
            };
            let total = filtered().count().get_result(conn)?;
            let rows = filtered()
                .order(($t::$oldest.asc(), $t::id.asc()))
                .offset(offset)
                .limit(limit)
                .select(<$row>::as_select())
                .load(conn)?;
            Ok((total, rows))
        }
    };
}
pub(crate) use review_queue;
