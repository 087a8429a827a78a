//! Integration tests: the real server on a free port, each test on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod auth;
mod errors;
mod malformed;
mod money;
mod money_concurrency;
mod money_export;
mod money_records;
mod openapi_routes;
mod operator;
mod operator_money;
mod programs_certification;
mod programs_concurrency;
mod programs_fh;
mod programs_paths;
mod programs_payout;
mod programs_property;
mod programs_property_http;
mod programs_queues;
mod programs_subsidy;
mod programs_subsidy_clock;
