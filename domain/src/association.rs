//! S11: associating an existing customer with a partner through an invitation, and why it fails.
//! Each failure reason carries its wire name, our error code, a message for the customer and
//! the action the partner should take.

use crate::{codes, Violation};

/// How long an invitation link stays usable.
pub const TTL_SECS: i64 = 7 * 24 * 3600;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssociationType {
    /// `"1"`: referral (顾问销售), the customer pays Huawei itself.
    Referral,
    /// `"2"`: resale (代售), the partner funds the customer.
    Resale,
}

impl AssociationType {
    pub const ALL: [AssociationType; 2] = [Self::Referral, Self::Resale];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Referral => "1",
            Self::Resale => "2",
        }
    }

    pub fn parse(field: &str, s: &str) -> Result<Self, Violation> {
        match s {
            "1" => Ok(Self::Referral),
            "2" => Ok(Self::Resale),
            _ => Err(Violation::param(format!(
                "{field} must be \"1\" (referral) or \"2\" (resale)"
            ))),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssociationStatus {
    Pending,
    Associated,
    Failed,
    Expired,
}

impl AssociationStatus {
    pub const ALL: [AssociationStatus; 4] =
        [Self::Pending, Self::Associated, Self::Failed, Self::Expired];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "PENDING",
            Self::Associated => "ASSOCIATED",
            Self::Failed => "FAILED",
            Self::Expired => "EXPIRED",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Violation> {
        Self::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| {
                Violation::param(
                    "association_status must be one of PENDING, ASSOCIATED, FAILED, EXPIRED",
                )
            })
    }

    /// The status as seen at `now`: a stored PENDING past `expire_at` is EXPIRED.
    pub fn effective(self, expire_at: i64, now: i64) -> Self {
        if self == Self::Pending && now >= expire_at {
            Self::Expired
        } else {
            self
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureReason {
    SystemBusy,
    LinkNotFound,
    LinkExpired,
    CodeUsed,
    HasCreditAccount,
    IsPartner,
    BoundToOtherPartner,
    SpecialContract,
}

impl FailureReason {
    pub const ALL: [FailureReason; 8] = [
        Self::SystemBusy,
        Self::LinkNotFound,
        Self::LinkExpired,
        Self::CodeUsed,
        Self::HasCreditAccount,
        Self::IsPartner,
        Self::BoundToOtherPartner,
        Self::SpecialContract,
    ];

    /// The reason code stored and listed (`failure_reason_code`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SystemBusy => "SYSTEM_BUSY",
            Self::LinkNotFound => "LINK_NOT_FOUND",
            Self::LinkExpired => "LINK_EXPIRED",
            Self::CodeUsed => "CODE_USED",
            Self::HasCreditAccount => "HAS_CREDIT_ACCOUNT",
            Self::IsPartner => "IS_PARTNER",
            Self::BoundToOtherPartner => "BOUND_TO_OTHER_PARTNER",
            Self::SpecialContract => "SPECIAL_CONTRACT",
        }
    }

    pub fn from_stored(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The error code the accepting customer receives.
    pub fn error_code(self) -> &'static str {
        match self {
            Self::SystemBusy => codes::SYSTEM_BUSY,
            Self::LinkNotFound => codes::ASSOC_LINK_NOT_FOUND,
            Self::LinkExpired => codes::ASSOC_LINK_EXPIRED,
            Self::CodeUsed => codes::ASSOC_CODE_USED,
            Self::HasCreditAccount => codes::ASSOC_HAS_CREDIT_ACCOUNT,
            Self::IsPartner => codes::ASSOC_IS_PARTNER,
            Self::BoundToOtherPartner => codes::ASSOC_BOUND_TO_OTHER_PARTNER,
            Self::SpecialContract => codes::ASSOC_SPECIAL_CONTRACT,
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            Self::SystemBusy => "The system is busy; please try again later.",
            Self::LinkNotFound => "The invitation link does not exist.",
            Self::LinkExpired => "The invitation link has expired.",
            Self::CodeUsed => "The invitation code has already been used.",
            Self::HasCreditAccount => {
                "The customer has a credit account and cannot be associated in resale mode."
            }
            Self::IsPartner => "The customer is a partner or is applying to become one.",
            Self::BoundToOtherPartner => "The customer is already associated with a partner.",
            Self::SpecialContract => "The customer has a special contract.",
        }
    }

    /// What the partner should do about it.
    pub fn partner_action(self) -> &'static str {
        match self {
            Self::SystemBusy => "Ask the customer to retry; if it keeps failing, contact support.",
            Self::LinkNotFound | Self::LinkExpired | Self::CodeUsed => {
                "Re-send the invitation and ask the customer to use the new link."
            }
            Self::HasCreditAccount => "Invite the customer in referral mode instead.",
            Self::IsPartner => "A partner cannot be associated as a customer.",
            Self::BoundToOtherPartner => {
                "The customer must end its current association before it can be invited."
            }
            Self::SpecialContract => {
                "The customer must terminate its special contract first, then accept a new invitation."
            }
        }
    }

    pub fn violation(self) -> Violation {
        Violation::new(self.error_code(), self.message())
    }
}

/// What the rules need to know about the customer at acceptance.
#[derive(Debug, Clone, Copy)]
pub struct CustomerFacts<'a> {
    pub has_credit_account: bool,
    pub is_partner: bool,
    pub special_contract: bool,
    pub partner_id: Option<&'a str>,
}

/// Every reason the customer cannot be associated as `kind`, in a fixed order (the first is
/// the one recorded).
pub fn violations(c: &CustomerFacts, kind: AssociationType) -> Vec<FailureReason> {
    let mut v = Vec::new();
    if c.partner_id.is_some() {
        v.push(FailureReason::BoundToOtherPartner);
    }
    if c.is_partner {
        v.push(FailureReason::IsPartner);
    }
    if c.special_contract {
        v.push(FailureReason::SpecialContract);
    }
    if c.has_credit_account && kind == AssociationType::Resale {
        v.push(FailureReason::HasCreditAccount);
    }
    v
}

/// Why an invitation code cannot be used now, and the status to record on the invitation
/// (`None`: record nothing — it is already associated).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeRefusal {
    pub reason: FailureReason,
    pub record: Option<AssociationStatus>,
}

/// Whether an invitation's code can still be used (to accept, or to register through it):
/// not associated, not used, not expired.
pub fn check_code(
    stored: AssociationStatus,
    code_used: bool,
    expire_at: i64,
    now: i64,
) -> Result<(), CodeRefusal> {
    let refuse = |reason, record| Err(CodeRefusal { reason, record });
    if stored == AssociationStatus::Associated {
        return refuse(FailureReason::CodeUsed, None);
    }
    if code_used {
        return refuse(FailureReason::CodeUsed, Some(AssociationStatus::Failed));
    }
    if now >= expire_at {
        return refuse(FailureReason::LinkExpired, Some(AssociationStatus::Expired));
    }
    Ok(())
}

/// Who presents an invitation code: a customer account.
#[derive(Debug, Clone, Copy)]
pub struct Presenter<'a> {
    pub customer_id: &'a str,
    pub account_name: &'a str,
    pub email: Option<&'a str>,
}

/// Whether an invitation is addressed to `who`: it names that customer, or it names no
/// customer yet and was sent to that account name or e-mail address.
pub fn addressed_to(invited_customer: Option<&str>, invitee: &str, who: &Presenter) -> bool {
    match invited_customer {
        Some(id) => id == who.customer_id,
        None => invitee == who.account_name || Some(invitee) == who.email,
    }
}

/// An invitee as the partner wrote it: an e-mail address has an `@`, an account name never.
pub fn invitee_is_email(invitee: &str) -> bool {
    invitee.contains('@')
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use AssociationType::*;
    use FailureReason::*;

    fn facts(credit: bool, partner: bool, contract: bool, bound: bool) -> CustomerFacts<'static> {
        CustomerFacts {
            has_credit_account: credit,
            is_partner: partner,
            special_contract: contract,
            partner_id: bound.then_some("p"),
        }
    }

    #[test]
    fn each_rule_and_all_at_once() {
        let table = [
            (facts(false, false, false, false), Resale, vec![]),
            (
                facts(true, false, false, false),
                Resale,
                vec![HasCreditAccount],
            ),
            (facts(true, false, false, false), Referral, vec![]),
            (facts(false, true, false, false), Referral, vec![IsPartner]),
            (
                facts(false, false, true, false),
                Resale,
                vec![SpecialContract],
            ),
            (
                facts(false, false, false, true),
                Resale,
                vec![BoundToOtherPartner],
            ),
            (
                facts(true, true, true, true),
                Resale,
                vec![
                    BoundToOtherPartner,
                    IsPartner,
                    SpecialContract,
                    HasCreditAccount,
                ],
            ),
        ];
        for (f, kind, want) in table {
            assert_eq!(violations(&f, kind), want, "{f:?} {kind:?}");
        }
    }

    #[test]
    fn every_reason_has_code_message_and_action() {
        let mut seen = std::collections::HashSet::new();
        for r in FailureReason::ALL {
            assert_eq!(FailureReason::from_stored(r.as_str()), Some(r));
            assert!(seen.insert(r.error_code()), "{r:?} shares its code");
            assert!(!r.message().is_empty() && !r.partner_action().is_empty());
        }
    }

    #[test]
    fn parsing() {
        assert_eq!(AssociationType::parse("t", "2"), Ok(Resale));
        assert!(AssociationType::parse("association_type", "3")
            .unwrap_err()
            .message
            .contains("association_type"));
        assert_eq!(
            AssociationStatus::Pending.effective(10, 10),
            AssociationStatus::Expired
        );
        assert!(AssociationStatus::parse("DONE").is_err());
    }

    #[test]
    fn a_code_is_usable_once_before_expiry() {
        use AssociationStatus::*;
        let table = [
            (Pending, false, 100, 50, Ok(())),
            (Failed, false, 100, 50, Ok(())),
            (
                Associated,
                true,
                100,
                50,
                Err(CodeRefusal {
                    reason: CodeUsed,
                    record: None,
                }),
            ),
            (
                Failed,
                true,
                100,
                50,
                Err(CodeRefusal {
                    reason: CodeUsed,
                    record: Some(Failed),
                }),
            ),
            (
                Pending,
                false,
                100,
                100,
                Err(CodeRefusal {
                    reason: LinkExpired,
                    record: Some(Expired),
                }),
            ),
        ];
        for (stored, used, exp, now, want) in table {
            assert_eq!(
                check_code(stored, used, exp, now),
                want,
                "{stored:?} {used}"
            );
        }
    }

    #[test]
    fn an_invitation_is_addressed_by_customer_or_by_name() {
        let me = Presenter {
            customer_id: "c1",
            account_name: "acme",
            email: Some("it@acme.example"),
        };
        assert!(addressed_to(Some("c1"), "whatever", &me));
        assert!(
            !addressed_to(Some("c2"), "acme", &me),
            "named another customer"
        );
        assert!(addressed_to(None, "acme", &me));
        assert!(addressed_to(None, "it@acme.example", &me));
        assert!(!addressed_to(None, "other", &me));
        let no_mail = Presenter { email: None, ..me };
        assert!(!addressed_to(None, "it@acme.example", &no_mail));
        assert!(invitee_is_email("a@b.c") && !invitee_is_email("acme"));
    }
}
