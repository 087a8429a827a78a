//! Sizes of what a request may carry, stated once; the wire contract builds its types from
//! these.

/// Ids of every kind.
pub const ID: usize = 64;
/// Free-text reasons (rejections, closing remarks).
pub const REASON: usize = 256;
/// Remarks on money moves and records.
pub const REMARK: usize = 256;
/// Names of people, companies and solutions.
pub const NAME: usize = 128;
/// Longer descriptions.
pub const DESCRIPTION: usize = 2000;
