//! Contact details on the wire: a phone and an e-mail address, checked by the domain's rules
//! and stated in the document by the patterns that say the same.

use domain::leads::{is_email, is_phone, EMAIL_RULE, PHONE_RULE};

/// `domain::leads::is_phone`: an optional `+`, then 5–20 digits with spaces or hyphens between.
pub const PHONE: &str = r"^\+?[ -]*([0-9][ -]*){5,20}$";
/// `domain::leads::is_email`: `local@domain` in printable ASCII, the domain with a dot.
pub const EMAIL: &str = r"^[!-?A-~]+@[!-?A-~]*\.[!-?A-~]*$";
/// The longest phone kept (digits plus their separators).
const PHONE_MAX: usize = 32;
/// The longest address RFC 5321 allows.
const EMAIL_MAX: usize = 254;

crate::pattern_type!(
    /// A phone: an optional + and 5 to 20 digits, spaces or hyphens between them.
    Phone, is_phone, PHONE_RULE, PHONE, 5..=PHONE_MAX, "+86 138-0000-0000");
crate::pattern_type!(
    /// An e-mail address in printable ASCII.
    EmailAddress, is_email, EMAIL_RULE, EMAIL, 3..=EMAIL_MAX, "li.lei@example.com");

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn re(p: &str, s: &str) -> bool {
        regex_lite::Regex::new(p).unwrap().is_match(s)
    }

    /// Each pattern accepts exactly what its type accepts.
    #[test]
    fn patterns_agree_with_the_types() {
        let long_phone = format!("1{}2345", " ".repeat(30));
        let phones = [
            "13812345678",
            "+86 138-1234-5678",
            "12345",
            "1234",
            "abc12345",
            "++12345",
            "+",
            "",
            "1 2 3 4 5",
            &long_phone,
        ];
        for s in phones {
            let fits = s.chars().count() <= PHONE_MAX;
            assert_eq!(re(PHONE, s) && fits, Phone::parse(s).is_ok(), "{s:?}");
        }
        assert!(Phone::parse("1".repeat(21)).is_err() && !re(PHONE, &"1".repeat(21)));
        let emails = [
            "a@b.c",
            "peter@initech.example",
            "a@b",
            "@b.c",
            "a b@c.d",
            "a@b@c.d",
            "lì@b.c",
            "a@.",
            "a\u{7f}@b.c",
        ];
        for s in emails {
            assert_eq!(re(EMAIL, s), EmailAddress::parse(s).is_ok(), "{s:?}");
        }
        let e = Phone::parse("secret1").unwrap_err();
        assert!(e.starts_with("must be a phone number") && !e.contains("secret"));
    }
}
