//! Enumerations written on the wire as fixed upper-case names.

/// Declares an enum whose variants are written as the given names, with `ALL`, `as_str` and a
/// `parse(field, s)` whose error names the field and every allowed value.
#[macro_export]
macro_rules! wire_names {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses a wire name; the error names `field` and lists the allowed values.
            pub fn parse(field: &str, s: &str) -> Result<Self, $crate::Violation> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s).ok_or_else(|| {
                    $crate::Violation::param(format!(
                        "{field} must be one of {}",
                        Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
                    ))
                })
            }
        }
    };
}

/// An upper-case code: 1–64 of `A–Z`, `0–9` and `_` (industries, product categories).
pub fn code<'a>(field: &str, s: &'a str) -> Result<&'a str, crate::Violation> {
    let ok = !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(s)
    } else {
        Err(crate::Violation::param(format!(
            "{field} must be 1 to 64 characters of A-Z, 0-9 and _"
        )))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    crate::wire_names!(Color { Red = "RED", Blue = "BLUE" });

    #[test]
    fn names_round_trip() {
        for c in Color::ALL {
            assert_eq!(Color::parse("color", c.as_str()), Ok(*c));
        }
        let e = Color::parse("color", "red").unwrap_err();
        assert_eq!(e.message, "color must be one of RED, BLUE");
        assert!(super::code("industry", "RETAIL_2").is_ok());
        assert!(super::code("industry", "retail").is_err());
        assert!(super::code("industry", "").is_err());
    }
}
