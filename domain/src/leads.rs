//! S16 leads (线索): dispatched by the operator or created by the partner, followed up and moved
//! through `NEW → FOLLOWING → CONVERTED | INVALID`. For partners on marketing plan 2.0 the
//! lead's phone and email are masked everywhere they leave the server — responses, lists,
//! exports and logs — by [`mask_phone`] and [`mask_email`], the only masking functions; the
//! partner reaches the customer through the outbound-call operation instead. Logs never carry
//! raw contact data of any partner: [`Contact`] prints masked.

use crate::{codes, wire_names, Violation};
use std::fmt;

/// The marketing plan whose partners see contacts masked.
pub const MASKED_PLAN: &str = "2.0";

/// Whether a partner on `marketing_plan_version` sees contacts masked.
pub fn masks_contacts(marketing_plan_version: &str) -> bool {
    marketing_plan_version == MASKED_PLAN
}

/// `13812345678` → `138****5678`; shorter numbers keep at most their last two digits.
pub fn mask_phone(raw: &str) -> String {
    let digits: Vec<char> = raw.chars().filter(char::is_ascii_digit).collect();
    let n = digits.len();
    if n >= 11 {
        let head: String = digits[..3].iter().collect();
        let tail: String = digits[n - 4..].iter().collect();
        format!("{head}****{tail}")
    } else if n >= 6 {
        let tail: String = digits[n - 2..].iter().collect();
        format!("****{tail}")
    } else {
        "****".to_owned()
    }
}

/// `alice@example.com` → `a***@example.com`.
pub fn mask_email(raw: &str) -> String {
    match raw.rsplit_once('@') {
        Some((local, domain)) if !local.is_empty() => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        _ => "***".to_owned(),
    }
}

/// A phone or email as stored. `Debug` and `Display` print it masked, so it cannot reach a
/// log line by accident; [`Contact::raw`] is for storage and the plan-1.0 responses only.
#[derive(Clone, PartialEq, Eq)]
pub enum Contact {
    Phone(String),
    Email(String),
}

impl Contact {
    pub fn raw(&self) -> &str {
        match self {
            Contact::Phone(s) | Contact::Email(s) => s,
        }
    }

    pub fn masked(&self) -> String {
        match self {
            Contact::Phone(s) => mask_phone(s),
            Contact::Email(s) => mask_email(s),
        }
    }

    /// What a partner on `plan` is shown.
    pub fn shown(&self, plan: &str) -> String {
        if masks_contacts(plan) {
            self.masked()
        } else {
            self.raw().to_owned()
        }
    }
}

impl fmt::Debug for Contact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Display for Contact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

/// What a phone must be, in the words of every error about one.
pub const PHONE_RULE: &str = "must be a phone number: an optional + and 5 to 20 digits";
/// What an e-mail address must be.
pub const EMAIL_RULE: &str = "must be an e-mail address";

/// A phone: optional `+`, then 5–20 digits (spaces and `-` allowed between).
pub fn is_phone(s: &str) -> bool {
    let body = s.strip_prefix('+').unwrap_or(s);
    let digits = body.chars().filter(char::is_ascii_digit).count();
    body.chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
        && (5..=20).contains(&digits)
}

/// An email: `local@domain` in printable ASCII without spaces, the domain holding a dot, at
/// most 254 characters.
pub fn is_email(s: &str) -> bool {
    s.len() <= 254
        && s.chars().all(|c| c.is_ascii_graphic())
        && s.split_once('@')
            .is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !d.contains('@'))
}

/// [`is_phone`] as a [`Contact`]. Errors never echo the value.
pub fn parse_phone(field: &str, s: &str) -> Result<Contact, Violation> {
    if is_phone(s) {
        Ok(Contact::Phone(s.to_owned()))
    } else {
        Err(Violation::param(format!("{field} {PHONE_RULE}")))
    }
}

/// [`is_email`] as a [`Contact`]. Errors never echo the value.
pub fn parse_email(field: &str, s: &str) -> Result<Contact, Violation> {
    if is_email(s) {
        Ok(Contact::Email(s.to_owned()))
    } else {
        Err(Violation::param(format!("{field} {EMAIL_RULE}")))
    }
}

wire_names!(
    LeadStatus {
        New = "NEW",
        Following = "FOLLOWING",
        Converted = "CONVERTED",
        Invalid = "INVALID",
    }
);

wire_names!(
    LeadSource {
        Dispatched = "DISPATCHED",
        SelfCreated = "SELF_CREATED",
    }
);

impl LeadStatus {
    pub fn is_closed(self) -> bool {
        matches!(self, LeadStatus::Converted | LeadStatus::Invalid)
    }
}

/// A status change the partner asks for.
pub fn move_to(current: LeadStatus, next: LeadStatus) -> Result<LeadStatus, Violation> {
    use LeadStatus::*;
    let ok = matches!(
        (current, next),
        (New, Following) | (New, Invalid) | (Following, Converted) | (Following, Invalid)
    );
    if ok {
        Ok(next)
    } else {
        Err(Violation::new(
            codes::LEAD_STATUS,
            format!(
                "a {} lead cannot become {}; allowed: NEW → FOLLOWING | INVALID, FOLLOWING → CONVERTED | INVALID",
                current.as_str(),
                next.as_str()
            ),
        ))
    }
}

/// A follow-up (or an outbound call) on an open lead; a NEW lead becomes FOLLOWING.
pub fn follow_up(current: LeadStatus) -> Result<LeadStatus, Violation> {
    if current.is_closed() {
        return Err(Violation::new(
            codes::LEAD_STATUS,
            format!(
                "the lead is {} and takes no more follow-ups",
                current.as_str()
            ),
        ));
    }
    Ok(LeadStatus::Following)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn masking() {
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_phone("+86 138-1234-5678"), "861****5678");
        assert_eq!(mask_phone("1234567"), "****67");
        assert_eq!(mask_phone("123"), "****");
        assert_eq!(mask_email("alice@example.com"), "a***@example.com");
        assert_eq!(mask_email("@x.com"), "***");
        assert_eq!(mask_email("nonsense"), "***");
        let c = Contact::Phone("13812345678".into());
        assert_eq!(format!("{c:?} {c}"), "138****5678 138****5678");
        assert_eq!(c.shown("2.0"), "138****5678");
        assert_eq!(c.shown("1.0"), "13812345678");
    }

    #[test]
    fn contacts_parse_without_echo() {
        assert!(parse_phone("mobile_phone", "+86 138-1234-5678").is_ok());
        let e = parse_phone("mobile_phone", "1381234567x").unwrap_err();
        assert!(!e.message.contains("1381234567"));
        assert!(parse_phone("mobile_phone", "1234").is_err());
        assert!(parse_email("email", "a@example.com").is_ok());
        let e = parse_email("email", "secret-name@nowhere").unwrap_err();
        assert!(!e.message.contains("secret-name"));
        assert!(parse_email("email", "a b@example.com").is_err());
        assert!(parse_email("email", "lì@example.com").is_err());
    }

    #[test]
    fn statuses() {
        use LeadStatus::*;
        assert_eq!(move_to(New, Following), Ok(Following));
        assert_eq!(move_to(Following, Converted), Ok(Converted));
        assert_eq!(
            move_to(New, Converted).unwrap_err().code,
            codes::LEAD_STATUS
        );
        assert!(move_to(Converted, Following).is_err());
        assert!(move_to(Invalid, New).is_err());
        assert_eq!(follow_up(New), Ok(Following));
        assert_eq!(follow_up(Following), Ok(Following));
        assert!(follow_up(Invalid).is_err());
    }
}
