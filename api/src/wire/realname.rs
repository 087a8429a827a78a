//! The values of real-name authentication requests (S11), as the SDK's models describe them.

use domain::realname::{corp_name_ok, file_ok};

/// `domain::realname::file_ok`: `/`-separated segments, none empty nor starting with `.`,
/// without `:` or `\`, ending in `.jpg`, `.jpeg`, `.bmp`, `.png`, `.gif` or `.pdf` (any case).
pub const ATTACHMENT: &str = r"^([^\x00-\x1F\x7F-\x9F:\\/.][^\x00-\x1F\x7F-\x9F:\\/]*/)*[^\x00-\x1F\x7F-\x9F:\\/.][^\x00-\x1F\x7F-\x9F:\\/]*\.([jJ][pP][eE]?[gG]|[bB][mM][pP]|[pP][nN][gG]|[gG][iI][fF]|[pP][dD][fF])$";

/// `domain::realname::corp_name_ok`: no control characters, and one character at least that is
/// not an ASCII digit, ASCII punctuation or a space.
pub const CORP_NAME: &str = r"^[^\x00-\x1F\x7F-\x9F]*[^\x00-\x20\x7F-\x9F0-9!-/:-@\[-`{-~\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000][^\x00-\x1F\x7F-\x9F]*$";

/// Two upper-case letters, or empty (none).
pub const COUNTRY: &str = r"^([A-Z]{2})?$";
/// A bank account: letters and digits, hyphens after the first.
pub const BANK_ACCOUNT: &str = r"^[0-9a-zA-Z][0-9a-zA-Z-]*$";
/// Digits only.
pub const DIGITS: &str = r"^[0-9]+$";

fn country_ok(s: &str) -> bool {
    s.is_empty() || (s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase()))
}

fn bank_account_ok(s: &str) -> bool {
    s.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn digits_ok(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

crate::pattern_type!(/// An attachment's path in the upload bucket's download folder (e.g. `test/abc023.jpg`).
    AttachmentPath, file_ok, "must be a relative path ending in .jpg, .jpeg, .bmp, .png, .gif or .pdf", ATTACHMENT, 1..=255, "test/abc023.jpg");
crate::pattern_type!(/// A company's name: not only digits, punctuation and spaces.
    CorpName, corp_name_ok, "must not be only digits, punctuation and spaces", CORP_NAME, 1..=200, "Acme Cloud Ltd.");
crate::pattern_type!(/// The country of registration: two upper-case letters (ISO 3166-1), or empty.
    RegCountry, country_ok, "must be two upper-case letters or empty", COUNTRY, 0..=2, "CN");
crate::pattern_type!(/// A bank account number: letters and digits, hyphens after the first.
    BankAccount, bank_account_ok, "must be letters and digits with hyphens after the first", BANK_ACCOUNT, 1..=64, "6222020200112233445");
crate::pattern_type!(/// A country calling code, e.g. `0086`.
    AreaCode, digits_ok, "must be digits", DIGITS, 1..=8, "0086");
crate::pattern_type!(/// A mobile number, digits only.
    MobileNumber, digits_ok, "must be digits", DIGITS, 1..=32, "13800000000");

crate::text_type!(/// A person's name.
    PersonName, 1..=64, "Li Lei", free);
crate::text_type!(/// A document's number.
    DocumentNumber, 1..=64, "E12345678", free);
crate::text_type!(/// The platform id Huawei gave the partner.
    XaccountType, 1..=64, "partner_x");
crate::text_type!(/// The registered address.
    RegAddress, 0..=256, "1 Software Avenue, Nanjing");
crate::text_type!(/// The code sent by SendVerificationMessageCode.
    VerificationCode, 1..=16, "123456");

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn re(p: &str, s: &str) -> bool {
        regex_lite::Regex::new(p).unwrap().is_match(s)
    }

    /// Each pattern accepts exactly what its predicate accepts.
    #[test]
    fn patterns_agree_with_the_rules() {
        for s in [
            "abc023.jpg",
            "test/abc023.PDF",
            "a.jPeG",
            "a..png",
            "abc023",
            "/abc.jpg",
            "../a.png",
            "a/../b.png",
            "https://x/a.png",
            ".png",
            "a.exe",
            "a//b.png",
            "a/.b.gif",
            "a\\b.png",
            "证件/营业执照.png",
            "a.png/b",
        ] {
            assert_eq!(re(ATTACHMENT, s), file_ok(s), "{s:?}");
        }
        for s in [
            "华为技术有限公司",
            "Acme 1",
            "123",
            " - ",
            "12 34!",
            "\u{3000}1",
            "（1）",
            "a\u{1}",
            "",
            "_",
        ] {
            assert_eq!(re(CORP_NAME, s), corp_name_ok(s), "{s:?}");
        }
        for s in ["", "CN", "cn", "C", "CNN", "C1"] {
            assert_eq!(re(COUNTRY, s), country_ok(s), "{s:?}");
        }
        for s in ["622-1", "-1", "a", "", "a b"] {
            assert_eq!(re(BANK_ACCOUNT, s), bank_account_ok(s), "{s:?}");
        }
        for s in ["0086", "", "a1"] {
            assert_eq!(re(DIGITS, s), digits_ok(s), "{s:?}");
        }
    }
}
