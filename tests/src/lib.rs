//! Test support: a real server on a free port over a fresh database (SQLite file or PostgreSQL
//! database per test), a movable clock, and clients that sign like the Huawei SDK.
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod authz;
pub mod authz_request;
pub mod binary;
pub mod channel;
pub mod client;
pub mod db;
pub mod digest;
pub mod fixtures;
pub mod fixtures_opportunities;
pub mod fixtures_orders;
pub mod fixtures_programs;
pub mod fixtures_resources;
pub mod fixtures_vouchers;
pub mod gateway_stub;
pub mod invitations;
pub mod log_capture;
pub mod openapi_walk;
pub mod server;
pub mod smtp_sink;
pub mod webhook_receiver;

pub use client::{Client, Response};
pub use server::{Backend, TestServer};

/// A `sqlite` and a `postgres` test that each call `run(backend)`, for tests that start their
/// own server (with options) rather than take one from [`both_backends!`].
#[macro_export]
macro_rules! run_on_both_backends {
    ($run:ident) => {
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn sqlite() {
            $run($crate::Backend::Sqlite).await;
        }
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn postgres() {
            $run($crate::Backend::Postgres).await;
        }
    };
}

/// Runs an async test body once per backend: `both_backends!(name, |srv| async move { … });`
#[macro_export]
macro_rules! both_backends {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let srv = $crate::TestServer::start($crate::Backend::Sqlite).await;
                ($body)(srv).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let srv = $crate::TestServer::start($crate::Backend::Postgres).await;
                ($body)(srv).await;
            }
        }
    };
}
