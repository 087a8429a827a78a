//! Storage failures, translated once here from Diesel and r2d2.

use diesel::result::{DatabaseErrorKind, Error as DieselError};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A unique constraint was hit; the string names the constraint or column.
    #[error("unique violation on {0}")]
    Duplicate(String),
    /// A serialization failure, deadlock or busy database: the transaction may simply be retried.
    #[error("retryable conflict")]
    Retryable,
    /// The retry budget is spent, or no connection could be had in time: the client may retry.
    #[error("database busy")]
    Busy,
    /// The database cannot be reached.
    #[error("database unavailable")]
    Unavailable,
    /// Anything else; logged in full, shown to nobody.
    #[error("storage error: {0}")]
    Internal(String),
}

impl StoreError {
    /// For find-then-insert: a racing insert of the same key makes the transaction start over
    /// ([`crate::Db::write`] retries it), and the retry finds the row.
    pub fn retry_on_duplicate(self) -> Self {
        match self {
            StoreError::Duplicate(_) => StoreError::Retryable,
            other => other,
        }
    }
}

/// The error a transaction's work may end with: a storage failure, or whatever the caller's
/// own refusals are (the service layer's `Failure`). [`crate::Db`] retries the transaction when
/// [`TxError::store`] says the storage failure is retryable, and rolls back on any error.
pub trait TxError: From<StoreError> + Send + 'static {
    /// The storage failure inside, if this is one.
    fn store(&self) -> Option<&StoreError>;
}

impl TxError for StoreError {
    fn store(&self) -> Option<&StoreError> {
        Some(self)
    }
}

impl From<DieselError> for StoreError {
    fn from(e: DieselError) -> Self {
        match e {
            DieselError::NotFound => StoreError::NotFound,
            DieselError::DatabaseError(kind, info) => {
                let msg = info.message().to_owned();
                match kind {
                    DatabaseErrorKind::UniqueViolation => StoreError::Duplicate(
                        info.constraint_name()
                            .map(str::to_owned)
                            .unwrap_or_else(|| unique_column(&msg)),
                    ),
                    DatabaseErrorKind::SerializationFailure => StoreError::Retryable,
                    // The async driver reports a lost socket as "unable to send".
                    DatabaseErrorKind::ClosedConnection
                    | DatabaseErrorKind::UnableToSendCommand => StoreError::Unavailable,
                    _ if is_retryable_message(&msg) => StoreError::Retryable,
                    _ if is_connection_message(&msg) => StoreError::Unavailable,
                    _ => StoreError::Internal(msg),
                }
            }
            other => StoreError::Internal(other.to_string()),
        }
    }
}

impl From<r2d2::Error> for StoreError {
    fn from(_: r2d2::Error) -> Self {
        StoreError::Busy
    }
}

/// SQLite reports `UNIQUE constraint failed: table.column`; keep the `table.column` part.
fn unique_column(msg: &str) -> String {
    msg.rsplit(": ").next().unwrap_or(msg).to_owned()
}

fn is_retryable_message(msg: &str) -> bool {
    msg.contains("database is locked")
        || msg.contains("database table is locked")
        || msg.contains("deadlock detected")
        || msg.contains("could not serialize access")
}

fn is_connection_message(msg: &str) -> bool {
    msg.contains("terminating connection")
        || msg.contains("server closed the connection")
        || msg.contains("connection to server")
        || msg.contains("the database system is")
        || msg.contains("no connection to the server")
}
