//! The partner's event feed (#21): `GET /v2/partners/events`.

pub mod input;
pub mod json;
pub mod list;
