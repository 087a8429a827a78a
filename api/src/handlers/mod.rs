//! HTTP handlers, one module per resource.

pub mod accounts;
pub mod bills;
pub mod channel;
pub mod leads;
pub mod operator;
pub mod opportunities;
pub mod ops;
pub mod orders;
pub mod pce;
pub mod po_opportunities;
pub mod programs;
pub mod tokens;
pub mod vouchers;
