//! Storage of Partner BSS: one repository API over SQLite (default) and PostgreSQL.
//! Repository functions take `&mut DbConnection`; the caller owns the transaction
//! through [`Db::read`] and [`Db::write`].

pub mod coded;
pub mod conn;
pub mod error;
pub mod ids;
pub mod migrations;
pub mod observe;
pub mod pg_url;
pub mod pool;
pub mod preflight;
pub mod repo;
pub mod schema;
pub mod schema_audit;
pub mod schema_consumption;
pub mod schema_delivery;
pub mod schema_opportunities;
pub mod schema_programs;
pub mod schema_realname;
pub mod schema_vouchers;

pub use conn::{AnyBackend, Backend, DbConnection};
pub use error::{StoreError, TxError};
pub use pool::{savepoint, Db, DbConfig};
