//! Consumption (issue 22): charging usage fee records, writing arrears off, and the bill reads.

pub mod arrears;
pub mod auto_renewal;
pub mod ingest;
pub mod new_tags;
pub mod provisioning;
pub mod reads;
pub mod resources;
pub mod subscription_reads;
pub mod subscriptions;
