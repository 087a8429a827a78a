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
