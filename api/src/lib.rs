//! The HTTP face of Partner BSS: Huawei BSS v2 wire conventions, authentication, errors and
//! handlers. Handlers stay thin: parse → domain rule → persistence → response.

pub mod app;
pub mod audit;
pub mod auth;
pub mod config;
pub mod console;
pub mod delivery;
pub mod error;
pub mod extract;
pub mod flow;
pub mod handlers;
pub mod head_limits;
pub mod idempotency;
pub mod lifecycle;
pub mod mail;
pub mod metrics;
pub mod notify;
pub mod ratelimit;
pub mod request_id;
pub mod routes;
pub mod schemas;
pub mod security;
pub mod server;
pub mod service;
pub mod state;
pub mod wire;

pub use app::{build_app, openapi_document};
pub use config::ApiConfig;
pub use error::ApiError;
pub use state::AppState;
