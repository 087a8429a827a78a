//! Repositories of opportunities (S2, S6, S13).

pub mod business;
pub mod business_query;
mod business_row;
pub mod pce;
pub mod po;
pub mod po_settings;
