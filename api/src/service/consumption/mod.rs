//! Consumption (issue 22): charging usage fee records, writing arrears off, and the bill reads.

pub mod arrears;
pub mod ingest;
pub mod reads;
pub mod resources;
