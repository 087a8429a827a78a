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
/// `@`, tab or carriage return get a leading `'`.
pub fn csv_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

#[cfg(test)]
mod csv_tests {
    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(super::csv_safe("=1+2"), "'=1+2");
        assert_eq!(super::csv_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(super::csv_safe("-3"), "'-3");
        assert_eq!(super::csv_safe("plain"), "plain");
        assert_eq!(super::csv_safe(""), "");
    }
}
