//! HTTP handlers, one module per resource.

pub mod access_keys;
pub mod accounts;
pub mod audit_events;
pub mod bills;
pub mod callbacks;
pub mod channel;
pub mod events;
pub mod leads;
pub mod operator;
pub mod opportunities;
pub mod ops;
pub mod orders;
pub mod partner_status;
pub mod partner_users;
pub mod pce;
pub mod po_opportunities;
pub mod programs;
pub mod realname;
pub mod resources;
pub mod sessions;
pub mod tokens;
pub mod vouchers;
pub mod webhooks;
