//! Codes of program rules on well-formed input that JSON Schema cannot state (they relate two
//! fields): ours, from the programs range 99100024–99100030 still free in `crate::codes`.

/// Ours (S4/S12): the FH type given is not the one the path offers (DELIVERY on SERVICE,
/// PRESALES on CONSULTING_SI).
pub const FH_TYPE_NOT_THE_PATHS: &str = "CBC.99100024";
/// Ours (S5): the currency given is not the project country's (CNY in CN, USD elsewhere).
pub const PROJECT_CURRENCY_NOT_THE_COUNTRYS: &str = "CBC.99100025";
/// Ours (S5/S7): a project member's `user_id` names no user of the caller's partner.
pub const PROJECT_MEMBER_UNKNOWN: &str = "CBC.99100026";
/// Ours (S18 set-up): a capability label's `expire_time` is not in the future.
pub const LABEL_EXPIRY_PASSED: &str = "CBC.99100027";
