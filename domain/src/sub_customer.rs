//! Field rules of CreateSubCustomer, CheckUserIdentity and ListSubCustomers that go beyond
//! types and lengths (BSS-CONVENTIONS §4).

use crate::{codes, Violation};

/// How many customers one mobile number may register (`mobile_remain_available_num`).
pub const MAX_CUSTOMERS_PER_MOBILE: i64 = 5;

/// CreateSubCustomer passwords: 8–32 characters with at least two of upper, lower, digit and
/// symbol; not the account name nor its reverse; not containing the mobile number.
pub fn check_password(
    password: &str,
    domain_name: &str,
    mobile: Option<&str>,
) -> Result<(), Violation> {
    let bad = |why: &str| Violation::new(codes::PASSWORD_FORMAT, format!("password {why}"));
    let len = password.chars().count();
    if !(8..=32).contains(&len) {
        return Err(bad("must be 8 to 32 characters long"));
    }
    let kinds = [
        password.chars().any(|c| c.is_ascii_uppercase()),
        password.chars().any(|c| c.is_ascii_lowercase()),
        password.chars().any(|c| c.is_ascii_digit()),
        password.chars().any(|c| !c.is_ascii_alphanumeric()),
    ];
    if kinds.iter().filter(|k| **k).count() < 2 {
        return Err(bad(
            "must mix at least two of: upper-case, lower-case, digits, symbols",
        ));
    }
    let reversed: String = domain_name.chars().rev().collect();
    if password.eq_ignore_ascii_case(domain_name) || password.eq_ignore_ascii_case(&reversed) {
        return Err(bad("must differ from the account name and its reverse"));
    }
    if mobile.is_some_and(|m| !m.is_empty() && password.contains(m)) {
        return Err(bad("must not contain the mobile phone number"));
    }
    Ok(())
}

/// What CheckUserIdentity looks up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdentitySearch {
    Email(String),
    /// The national number, without the `0086-` prefix.
    Mobile(String),
    Name(String),
}

impl IdentitySearch {
    pub fn parse(search_type: &str, value: &str) -> Result<Self, Violation> {
        if value.is_empty() || value.chars().count() > 64 {
            return Err(Violation::param(
                "search_value must be 1 to 64 characters long",
            ));
        }
        match search_type {
            "email" => {
                let ok = value.split_once('@').is_some_and(|(user, host)| {
                    !user.is_empty() && host.contains('.') && !host.contains('@')
                }) && !value.chars().any(char::is_whitespace);
                ok.then(|| Self::Email(value.to_owned())).ok_or_else(|| {
                    Violation::param("search_value must be a complete e-mail address")
                })
            }
            "mobile" => {
                let national = value.strip_prefix("0086-").ok_or_else(|| {
                    Violation::param(
                        "search_value must be a mobile number as 0086-XXXXXXXXXXX (only country code 86 is supported)",
                    )
                })?;
                crate::verification::check_cn_mobile("search_value", national)?;
                Ok(Self::Mobile(national.to_owned()))
            }
            "name" => {
                check_login_name(value)?;
                Ok(Self::Name(value.to_owned()))
            }
            _ => Err(Violation::param(
                "search_type must be one of email, mobile, name",
            )),
        }
    }
}

/// `^[a-zA-Z-][a-zA-Z0-9_-]{4,31}$`, not starting with `op_`/`shadow_`.
fn check_login_name(s: &str) -> Result<(), Violation> {
    let mut bytes = s.bytes();
    let first = bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'-');
    let rest = bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    let lower = s.to_ascii_lowercase();
    if !(5..=32).contains(&s.len())
        || !first
        || !rest
        || lower.starts_with("op_")
        || lower.starts_with("shadow_")
    {
        return Err(Violation::param(
            "search_value must be a login name of 5 to 32 letters, digits, '_' or '-', starting with a letter or '-', not with op_ or shadow_",
        ));
    }
    Ok(())
}

/// Fuzzy filters of ListSubCustomers do not support spaces.
pub fn check_fuzzy(field: &str, value: &str) -> Result<(), Violation> {
    if value.chars().any(char::is_whitespace) {
        return Err(Violation::param(format!("{field} must not contain spaces")));
    }
    crate::text::optional(field, value, 64)
}

/// `is_close_market_ms`: `"true"`, `"false"`, or empty/absent for false.
pub fn parse_flag(field: &str, s: Option<&str>) -> Result<bool, Violation> {
    match s {
        None | Some("") | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(_) => Err(Violation::param(format!(
            "{field} must be \"true\" or \"false\""
        ))),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn passwords() {
        assert!(check_password("abcdef12", "someone", None).is_ok());
        for (pw, name, mobile) in [
            ("abc12", "someone", None),
            ("abcdefgh", "someone", None),
            ("Someone1", "someone1", None),
            ("1enoemos", "someone1", None),
            ("x13800000000", "someone", Some("13800000000")),
        ] {
            let e = check_password(pw, name, mobile).unwrap_err();
            assert_eq!(e.code, codes::PASSWORD_FORMAT, "{pw}");
            assert!(e.message.starts_with("password"));
        }
    }

    #[test]
    fn identity_searches() {
        assert_eq!(
            IdentitySearch::parse("mobile", "0086-13800000000"),
            Ok(IdentitySearch::Mobile("13800000000".into()))
        );
        assert!(IdentitySearch::parse("mobile", "0044-13800000000").is_err());
        assert!(IdentitySearch::parse("email", "a@b.cn").is_ok());
        assert!(IdentitySearch::parse("email", "ab.cn").is_err());
        assert!(IdentitySearch::parse("name", "-abcd").is_ok());
        for bad in ["_abcd", "abcd", "op_abcd", "1abcde"] {
            assert!(IdentitySearch::parse("name", bad).is_err(), "{bad}");
        }
        assert!(IdentitySearch::parse("phone", "x")
            .unwrap_err()
            .message
            .contains("search_type"));
    }

    #[test]
    fn filters_and_flags() {
        assert!(check_fuzzy("account_name", "ab c").is_err());
        assert!(check_fuzzy("account_name", "abc").is_ok());
        assert_eq!(parse_flag("f", None), Ok(false));
        assert_eq!(parse_flag("f", Some("true")), Ok(true));
        assert!(parse_flag("f", Some("yes")).is_err());
    }
}
