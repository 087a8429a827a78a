//! Error codes of ending channel relationships.

/// Ours: the reseller still holds money or coupon quota this distributor allocated.
pub const UNBIND_BLOCKED: &str = "CBC.99100210";
/// Ours: the resale customer still holds money this partner allocated.
pub const DISASSOCIATE_BLOCKED: &str = "CBC.99100211";
