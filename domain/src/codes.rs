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

/// Credential and people lifecycle (#20).
pub use crate::lifecycle::codes::*;
/// Payouts decided by the operator (#20, S14).
pub use crate::programs::payout::codes::*;
/// Relationships end (#20).
pub use crate::relationships::codes::*;

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

// Ours, 99100070–99100099: channel invitations, account managers and customer association.
/// Ours (S3): a pending invitation for the same distributor and reseller already exists.
pub const INVITATION_PENDING_EXISTS: &str = "CBC.99100070";
/// Ours (S3): the invitation was already accepted, rejected or cancelled.
pub const INVITATION_NOT_PENDING: &str = "CBC.99100071";
/// Ours (S3): the invitation has expired.
pub const INVITATION_EXPIRED: &str = "CBC.99100072";
/// Ours (S1): `account_manager_id` is not an account manager of the caller's partner.
pub const NOT_AN_ACCOUNT_MANAGER: &str = "CBC.99100073";
/// Ours (S11): the customer is already associated with the inviting partner.
pub const CUSTOMER_ALREADY_YOURS: &str = "CBC.99100074";
/// Ours (S11): a pending invitation for the same partner and customer already exists.
pub const CUSTOMER_INVITATION_PENDING: &str = "CBC.99100075";
/// Ours (S11): the invitation already led to an association; nothing to re-send.
pub const CUSTOMER_INVITATION_ASSOCIATED: &str = "CBC.99100076";
/// Ours (S11 accept): no invitation with this code exists for the caller (`LINK_NOT_FOUND`).
pub const ASSOC_LINK_NOT_FOUND: &str = "CBC.99100080";
/// Ours (S11 accept): the invitation has expired (`LINK_EXPIRED`).
pub const ASSOC_LINK_EXPIRED: &str = "CBC.99100081";
/// Ours (S11 accept): the invitation code was already used (`CODE_USED`).
pub const ASSOC_CODE_USED: &str = "CBC.99100082";
/// Ours (S11 accept): a customer with a credit account cannot be associated for resale.
pub const ASSOC_HAS_CREDIT_ACCOUNT: &str = "CBC.99100083";
/// Ours (S11 accept): the customer is, or is applying to be, a partner (`IS_PARTNER`).
pub const ASSOC_IS_PARTNER: &str = "CBC.99100084";
/// Ours (S11 accept): the customer is already associated with a partner.
pub const ASSOC_BOUND_TO_OTHER_PARTNER: &str = "CBC.99100085";
/// Ours (S11 accept): the customer has a special contract (`SPECIAL_CONTRACT`).
pub const ASSOC_SPECIAL_CONTRACT: &str = "CBC.99100086";
/// Ours (operator set-up): `supervisor_user_id` names no account-manager supervisor of the
/// same partner.
pub const NOT_A_SUPERVISOR: &str = "CBC.99100087";
/// Ours (operator set-up): a password of allowed length mixes fewer than three kinds of
/// characters.
pub const PASSWORD_TOO_WEAK: &str = "CBC.99100088";
/// Ours: the verification code does not match the last one sent to this phone.
pub const VERIFICATION_CODE_WRONG: &str = "CBC.99100090";

/// Huawei: the verification code has expired (or was used up).
pub const VERIFICATION_CODE_EXPIRED: &str = "CBC.99000027";
/// Huawei: the mobile phone has registered the maximum number of customers.
pub const MOBILE_REGISTRATION_EXCEEDED: &str = "CBC.99000030";
/// Huawei: the password does not meet the rules.
pub const PASSWORD_FORMAT: &str = "CBC.99000036";
/// Huawei: verification codes sent too often to one phone (15 an hour, 60 a day).
pub const VERIFICATION_SEND_LIMIT: &str = "CBC.99004015";
/// Ours: a resale customer's money comes from its partner, not from a recharge.
pub const RESALE_CUSTOMER_RECHARGE: &str = "CBC.99100004";
/// Ours: the customer is already associated with a partner.
pub const CUSTOMER_ALREADY_ASSOCIATED: &str = "CBC.99100016";

// PayOrders (S17/S19), Huawei's codes.
pub const ORDER_INVALID: &str = "CBC.30000010";
pub const ORDER_STATUS_CHANGED: &str = "CBC.99003106";
pub const DISCOUNT_NOT_APPLICABLE: &str = "CBC.99003108";
pub const PAYMENT_DEADLINE_PASSED: &str = "CBC.99003110";
pub const COUPON_USED: &str = "CBC.99003112";
pub const COUPON_WITH_DISCOUNT: &str = "CBC.99003116";
pub const BELOW_MIN_DISCOUNT: &str = "CBC.99003117";
pub const VOUCHER_WITH_DISCOUNT_COUPON: &str = "CBC.99003147";
pub const PAYMENT_IN_PROGRESS: &str = "CBC.99000088";
pub const ORDER_NOT_CANCELLABLE: &str = "CBC.99005010";
/// Ours (S19): the order was not submitted for partner payment.
pub const NOT_FLAGGED_FOR_PARTNER_PAYMENT: &str = "CBC.99100061";
/// Ours (S19): only a resale customer may ask its partner to pay.
pub const NOT_RESALE_CUSTOMER: &str = "CBC.99100062";
/// Ours: the refund exceeds what is left to refund of the order.
pub const REFUND_TOO_LARGE: &str = "CBC.99100063";
/// Ours (S17/S19): a coupon is named twice in `coupon_infos`.
pub const COUPON_REPEATED: &str = "CBC.99100064";
/// Ours: a new order names the same discount twice.
pub const DISCOUNT_REPEATED: &str = "CBC.99100065";
/// Ours: a time window's begin is after its end, or they are more than a year apart.
pub const TIME_WINDOW_INVALID: &str = "CBC.99100066";
/// Ours (ShowRefundOrderDetails): a partner must name the order's customer.
pub const CUSTOMER_ID_REQUIRED: &str = "CBC.99100067";

// Yearly/monthly resources (issue 22).
/// Ours: the resource is not a yearly/monthly resource (renewal, unsubscription, auto-renewal).
pub const RESOURCE_NOT_SUBSCRIPTION: &str = "CBC.99100160";
/// Ours: the resource is closed (unsubscribed).
pub const RESOURCE_CLOSED: &str = "CBC.99100161";
/// Ours: unsubscribing only renewed terms, but the resource has none that has not begun.
pub const NO_RENEWAL_TO_UNSUBSCRIBE: &str = "CBC.99100162";
/// Ours: a renewal in years covers at most 3 (the schema allows 11, the months' maximum).
pub const RENEW_TERM: &str = "CBC.99100163";

// Programs and incentives (S4, S5, S7, S12, S14, S18). 21–23, 31–34 and 41 are the codes
// SEED-TO-API proposes; the others are from 99100040–50 (51 and 52 stay free for S15, 61–63 are S19's).

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
/// Ours (S5): the project is at or above the scale threshold and the partner is not a service
/// partner (it has not joined the `SERVICE` development path) at the time of the application.
pub const SUBSIDY_NOT_SERVICE_PARTNER: &str = "CBC.99100035";
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

// Vouchers (S9, S15). Huawei's codes of the coupon and quota operations.
/// The quota does not exist (or is not yours) or its status does not allow this.
pub const QUOTA_INVALID: &str = "CBC.99000012";
pub const QUOTA_INSUFFICIENT: &str = "CBC.99000013";
/// The coupon cannot be issued to a customer of this cooperation type (referral).
pub const COUPON_WRONG_COOPERATION: &str = "CBC.99000014";
pub const QUOTA_STATUS_NOT_ISSUABLE: &str = "CBC.99000015";
pub const QUOTA_NOT_EFFECTIVE: &str = "CBC.99000017";
pub const FACE_VALUE_BELOW_MIN: &str = "CBC.99000018";
pub const FACE_VALUE_ABOVE_MAX: &str = "CBC.99000019";
/// The coupon's service-type or product limits exceed the quota's.
pub const COUPON_LIMITS_EXCEED_QUOTA: &str = "CBC.99000023";
/// A coupon of a referral (consultative) customer cannot be reclaimed.
pub const RECLAIM_REFERRAL_COUPON: &str = "CBC.99000045";
/// The coupon has expired or was already reclaimed (Huawei answers it with HTTP 200).
pub const COUPON_EXPIRED_OR_RECLAIMED: &str = "CBC.99000048";
/// Ours (S15): the amount exceeds what is left of the partner's test-voucher cap.
pub const TEST_COUPON_CAP_EXCEEDED: &str = "CBC.99100051";
/// Ours (S15): an application of the partner is still pending.
pub const TEST_COUPON_PENDING: &str = "CBC.99100052";
/// Ours: a used coupon cannot be reclaimed.
pub const COUPON_USED_NOT_RECLAIMABLE: &str = "CBC.99100053";
/// Ours: the coupon does not exist or was not issued by you.
pub const COUPON_NOT_FOUND: &str = "CBC.99100054";
/// Ours (S15): the solution named is not one of the partner's. (Not on the software path is
/// PATH_NOT_JOINED; reviewing a decided application is APPLICATION_STATUS.)
pub const SOLUTION_NOT_FOUND: &str = "CBC.99100055";
/// Ours: the coupon's service-type or product limits cover no line of the order.
pub const COUPON_NOT_APPLICABLE: &str = "CBC.99100057";
/// Ours (S15): a test voucher cannot pay a yearly/monthly subscription of one year or longer.
pub const TEST_VOUCHER_LONG_PERIOD: &str = "CBC.99100060";

// Opportunities and leads (S2, S6, S13, S16): ours, 99100100–99100139.
/// Ours (S6): a field the PO template requires is missing (the message names it).
pub const PO_FIELD_MISSING: &str = "CBC.99100100";
/// Ours (S6, BANT): the budget is missing or not greater than 0.
pub const PO_BANT_BUDGET: &str = "CBC.99100101";
/// Ours (S6, BANT): the authority (decision maker) is missing or trivial.
pub const PO_BANT_AUTHORITY: &str = "CBC.99100102";
/// Ours (S6, BANT): the need (requirement) is missing or trivial.
pub const PO_BANT_NEED: &str = "CBC.99100103";
/// Ours (S6, BANT): the timeline (purchase plan) is missing or trivial.
pub const PO_BANT_TIMELINE: &str = "CBC.99100104";
/// Ours (S6): the product category is not one of the platform's cloud products.
pub const PO_NOT_CLOUD_PRODUCT: &str = "CBC.99100105";
/// Ours (S6): the estimated revenue is not greater than 0.
pub const PO_REVENUE_NOT_POSITIVE: &str = "CBC.99100106";
/// Ours (S6): the estimated revenue is below the configured minimum.
pub const PO_REVENUE_TOO_LOW: &str = "CBC.99100107";
/// Ours (S6): the expected close date has already passed.
pub const PO_CLOSE_DATE_PASSED: &str = "CBC.99100108";
/// Ours (S6): the PO opportunity's review status does not allow this change (only DRAFT and
/// REJECTED ones are edited or submitted).
pub const PO_NOT_EDITABLE: &str = "CBC.99100109";
/// Ours (S13): the business opportunity is closed and can no longer be changed.
pub const OPPORTUNITY_CLOSED: &str = "CBC.99100110";
/// Ours (S13): `account_manager_id` is not an account manager the caller may assign.
pub const OPPORTUNITY_OWNER_INVALID: &str = "CBC.99100111";
/// Ours (S2): none of the PCE join conditions is met.
pub const PCE_NOT_ELIGIBLE: &str = "CBC.99100120";
/// Ours (S2): the partner is already a PCE member.
pub const PCE_ALREADY_MEMBER: &str = "CBC.99100121";
/// Ours (S2): an opportunity can only be shared with a PCE member.
pub const PCE_NOT_MEMBER: &str = "CBC.99100122";
/// Ours (S2): the shared opportunity's status does not allow this change.
pub const PCE_STATUS: &str = "CBC.99100123";
/// Ours (S16): the lead's status does not allow this change.
pub const LEAD_STATUS: &str = "CBC.99100130";
/// Ours (S16): the lead has no phone number to call.
pub const LEAD_NO_PHONE: &str = "CBC.99100131";

// Real-name authentication (S11, #22): ours, 99100170–99100173.
/// Ours: the customer's real-name status does not allow this application (one is under
/// review, it is already authenticated, or it is not an individual that can change).
pub const REALNAME_STATUS: &str = "CBC.99100170";
/// Ours: the number of attachments does not fit the application.
pub const REALNAME_FILES: &str = "CBC.99100171";
/// Ours: only a resale customer is authenticated by its partner.
pub const REALNAME_NOT_RESALE: &str = "CBC.99100172";
/// Ours: the verification method (`identify_type`) needs a field the application lacks.
pub const REALNAME_FIELDS: &str = "CBC.99100173";
/// Ours: the sandbox clock is moved only forward.
pub const CLOCK_BACKWARDS: &str = "CBC.99100165";
/// Ours: money does not move between accounts held in different currencies.
pub const CURRENCY_MISMATCH: &str = "CBC.99100166";
// SMS/voice gateway and outbound calls (#21, S16): ours, 99100260–99100269.
/// Ours (S16): no voice gateway is configured (`BSS_VOICE_GATEWAY_URL`, `BSS_GATEWAY_SECRET`),
/// so no call can be placed.
pub const VOICE_GATEWAY_OFF: &str = "CBC.99100260";
/// Ours (S16): the calling partner user has no phone number to be bridged with the lead.
pub const CALLER_NO_PHONE: &str = "CBC.99100261";
/// Ours (S16): the gateway reports an outcome that contradicts the one already recorded.
pub const CALL_OUTCOME_CONFLICT: &str = "CBC.99100262";
// Events and webhooks (#21): ours, 99100240–99100249.
/// Ours (#21): the partner already holds the most webhooks allowed.
pub const WEBHOOK_LIMIT: &str = "CBC.99100240";
