//! Error codes on the wire. Huawei's own where one exists; `CBC.991000xx` are ours.

pub const PARAM_INVALID: &str = "CBC.0100";
pub const ILLEGAL_OPERATION: &str = "CBC.0150";
pub const ACCESS_DENIED: &str = "CBC.0151";
pub const TOKEN_INVALID: &str = "CBC.0154";
pub const FLOW_CONTROL: &str = "CBC.0250";
/// Ours: the database stayed busy through the whole retry budget; safe to retry.
pub const SYSTEM_BUSY: &str = "CBC.0251";
/// Ours: the same `Idempotency-Key` was sent with another body, or is still in progress.
pub const IDEMPOTENCY_CONFLICT: &str = "CBC.0260";
pub const INTERNAL: &str = "CBC.0999";
pub const APIGW_AUTH: &str = "APIGW.0301";
pub const APIGW_NOT_FOUND: &str = "APIGW.0101";
/// Ours, in Huawei's gateway style: the method is not served on this path.
pub const APIGW_METHOD: &str = "APIGW.0102";
/// Ours, in Huawei's gateway style: the body exceeds the size limit.
pub const APIGW_TOO_LARGE: &str = "APIGW.0201";

pub const NO_PERMISSION_CUSTOMER: &str = "CBC.99000000";
pub const NOT_SUB_CUSTOMER: &str = "CBC.99000035";
pub const NOT_YOUR_RESELLER: &str = "CBC.99000037";
pub const ACCOUNT_NOT_FOUND: &str = "CBC.99000047";
pub const INSUFFICIENT_BALANCE: &str = "CBC.99005003";

/// Ours: a unique name (account name, user name, domain name) is already taken.
pub const NAME_TAKEN: &str = "CBC.99100001";
/// Ours: the object named in the path does not exist (or is not yours).
pub const NOT_FOUND: &str = "CBC.99100002";
/// Ours: a new credit limit below what is already used.
pub const CREDIT_BELOW_USED: &str = "CBC.99100003";

/// Ours (S3): the invitee has not joined the reseller program (or is not a reseller).
pub const INVITEE_NOT_RESELLER: &str = "CBC.99100011";
/// Ours (S3): the invitee is in another country/region.
pub const INVITEE_OTHER_COUNTRY: &str = "CBC.99100012";
/// Ours (S3): the invitee already cooperates with another distributor.
pub const INVITEE_BOUND_ELSEWHERE: &str = "CBC.99100013";
/// Ours (S3): the reseller is already linked to this distributor.
pub const ALREADY_LINKED: &str = "CBC.99100014";
/// Ours (S3): only a distributor may invite or link resellers.
pub const NOT_A_DISTRIBUTOR: &str = "CBC.99100015";
/// Ours: a resale customer's money comes from its partner, not from a recharge.
pub const RESALE_CUSTOMER_RECHARGE: &str = "CBC.99100004";

// Programs and incentives (S4, S5, S7, S12, S14, S18). 21–23, 31–34 and 41 are the codes
// SEED-TO-API proposes; the others are from 99100040–69 (51, 52 and 61 stay free for S15/S19).

/// Ours (S4/S12): the development-path stage FH needs is not reached.
pub const FH_STAGE_NOT_REACHED: &str = "CBC.99100021";
/// Ours (S4): a person named is not a `project_specialist` of the partner.
pub const FH_NOT_SPECIALIST: &str = "CBC.99100022";
/// Ours (S4/S12): a person named already holds FH (a person holds FH in at most one path).
pub const FH_ALREADY_HELD: &str = "CBC.99100023";
/// Ours (S4/S12): the FH agreement is not signed.
pub const FH_AGREEMENT_UNSIGNED: &str = "CBC.99100046";
/// Ours (S5): the project is at or above the scale threshold and the partner holds no
/// capability label at the time of the application. (CBC.99100032, proposed for "below the
/// threshold", is not used: below it the label rule simply does not apply.)
pub const SUBSIDY_NO_LABEL: &str = "CBC.99100031";
/// Ours (S7): no counted project manager holds a project-management certification.
pub const SUBSIDY_NO_QUALIFIED_PM: &str = "CBC.99100033";
/// Ours (S7): a counted delivery member lacks a work-level certification or the infosec exam.
pub const SUBSIDY_MEMBER_UNQUALIFIED: &str = "CBC.99100034";
/// Ours (S7): no delivery member can be counted (none named, or all covered by FH).
pub const SUBSIDY_NO_COUNTED_MEMBER: &str = "CBC.99100047";
/// Ours (S14): business information is not certified; the partner must complete it first.
pub const BUSINESS_INFO_NOT_CERTIFIED: &str = "CBC.99100041";
/// Ours (S14): the payout bank account is not a corporate account.
pub const BANK_ACCOUNT_NOT_CORPORATE: &str = "CBC.99100048";
/// Ours (S14): the payout bank account is not in the company's name.
pub const BANK_ACCOUNT_NAME_MISMATCH: &str = "CBC.99100049";
/// Ours (S14): a payout was already applied for this incentive.
pub const PAYOUT_ALREADY_APPLIED: &str = "CBC.99100050";
/// Ours (S18): the partner has not joined this development path.
pub const PATH_NOT_JOINED: &str = "CBC.99100042";
/// Ours (S18): the partner is already capability-differentiated on this path.
pub const ALREADY_DIFFERENTIATED: &str = "CBC.99100043";
/// Ours (S5/S18): an application for the same thing is already under review (or approved).
pub const APPLICATION_PENDING: &str = "CBC.99100044";
/// Ours: the application's status does not allow this action (e.g. approving a decided one).
pub const APPLICATION_STATUS: &str = "CBC.99100045";
