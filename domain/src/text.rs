//! Checks on free text fields: length limits and control characters.

use crate::Violation;

/// Required text: present, not blank, at most `max` characters, no control characters.
pub fn required(field: &str, value: &str, max: usize) -> Result<(), Violation> {
    if value.trim().is_empty() {
        return Err(Violation::param(format!("{field} must not be empty")));
    }
    optional(field, value, max)
}

/// Optional text: at most `max` characters, no control characters.
pub fn optional(field: &str, value: &str, max: usize) -> Result<(), Violation> {
    if value.chars().count() > max {
        return Err(Violation::param(format!(
            "{field} is too long (at most {max} characters)"
        )));
    }
    if value.chars().any(char::is_control) {
        return Err(Violation::param(format!(
            "{field} must not contain control characters"
        )));
    }
    Ok(())
}

/// Shortens untrusted text before it is echoed in an error message.
pub fn clip(s: &str, max: usize) -> String {
    let clipped: String = s.chars().filter(|c| !c.is_control()).take(max).collect();
    if s.chars().count() > max {
        format!("{clipped}…")
    } else {
        clipped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits() {
        assert!(required("name", "  ", 5).is_err());
        assert!(required("name", "abc", 5).is_ok());
        assert!(optional("name", "abcdef", 5).is_err());
        assert!(optional("name", "a\u{0}b", 5).is_err());
        assert_eq!(clip("abcdef", 3), "abc…");
    }
}

/// A CSV cell that a spreadsheet will not run as a formula: cells starting with `=`, `+`, `-`,
/// `@`, tab or carriage return get a leading `'`, except numbers such as `-1` or `-12.50`.
pub fn csv_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('+' | '-') if is_plain_number(cell) => cell.into(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// `-1`, `+12.50`: a sign, digits and at most one decimal point with digits after it — a
/// value a spreadsheet reads as a number, never as a formula.
fn is_plain_number(cell: &str) -> bool {
    let unsigned = cell.get(1..).unwrap_or_default();
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(int) && digits(frac)
}

#[cfg(test)]
mod csv_tests {
    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(super::csv_safe("=1+2"), "'=1+2");
        assert_eq!(super::csv_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(super::csv_safe("-3+A1"), "'-3+A1");
        assert_eq!(super::csv_safe("-"), "'-");
        assert_eq!(super::csv_safe("-.5"), "'-.5");
        assert_eq!(super::csv_safe("-1."), "'-1.");
        assert_eq!(super::csv_safe("-1e3"), "'-1e3");
        assert_eq!(super::csv_safe("+-1"), "'+-1");
        assert_eq!(super::csv_safe("plain"), "plain");
        assert_eq!(super::csv_safe(""), "");
    }

    #[test]
    fn numbers_stay_numbers() {
        for n in ["-1", "-12.50", "+3", "-0.01", "42", "-999999999999.99"] {
            assert_eq!(super::csv_safe(n), n);
        }
    }
}
