//! Integration tests: the real server on a free port, each test on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod auth;
mod channel_invitations;
mod channel_managers;
mod channel_race;
mod customer_invitations;
mod customer_invitations_access;
mod customers_create;
mod customers_list;
mod customers_verification;
mod errors;
mod malformed;
mod money;
mod money_concurrency;
mod money_export;
mod money_records;
mod openapi_routes;
mod operator;
mod operator_money;
mod orders_concurrency;
mod orders_flow;
mod orders_pay;
