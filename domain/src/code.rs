//! Closed sets whose members have fixed codes on the wire: Huawei's integers (`6` pending
//! payment) and strings (`"2"` resale, `"PENDING"`). Inside, they are enums; the code is how
//! each member is written and read.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    Int(i64),
    Text(&'static str),
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Code::Int(n) => write!(f, "{n}"),
            Code::Text(s) => write!(f, "{s}"),
        }
    }
}

pub trait Coded: Sized + Copy + PartialEq + 'static {
    /// The set's name (the type's name).
    const NAME: &'static str;
    /// What the codes mean, for readers of the document.
    const DOC: &'static str;
    /// Every member, in the order the document lists them.
    const ALL: &'static [Self];

    fn code(self) -> Code;

    fn from_code(code: Code) -> Option<Self> {
        Self::ALL.iter().copied().find(|m| m.code() == code)
    }

    fn from_int(n: i64) -> Option<Self> {
        Self::from_code(Code::Int(n))
    }

    fn from_text(s: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|m| matches!(m.code(), Code::Text(t) if t == s))
    }

    /// "1, 2 or 3", for messages.
    fn listing() -> String {
        let all: Vec<String> = Self::ALL.iter().map(|m| m.code().to_string()).collect();
        match all.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            Some((last, _)) => last.clone(),
            None => String::new(),
        }
    }
}

/// Declares a closed set: `coded_enum! { /// doc
/// pub enum OrderStatus: int { Pending = 6, Completed = 5 } }` (or `: text { Resale = "2" }`).
#[macro_export]
macro_rules! coded_enum {
    ($(#[doc = $doc:literal])* pub enum $name:ident : int { $($(#[$vm:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $crate::coded_enum!(@make [$($doc)*] $name Int { $($(#[$vm])* $variant = $code),+ });
        impl $name {
            /// The integer written on the wire.
            pub fn int(self) -> i64 {
                match self { $(Self::$variant => $code),+ }
            }
        }
    };
    ($(#[doc = $doc:literal])* pub enum $name:ident : text { $($(#[$vm:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $crate::coded_enum!(@make [$($doc)*] $name Text { $($(#[$vm])* $variant = $code),+ });
        impl $name {
            /// The text written on the wire.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $code),+ }
            }
        }
    };
    (@make [$($doc:literal)*] $name:ident $kind:ident { $($(#[$vm:meta])* $variant:ident = $code:literal),+ }) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vm])* $variant),+
        }

        impl $crate::code::Coded for $name {
            const NAME: &'static str = stringify!($name);
            const DOC: &'static str = concat!($($doc),*);
            const ALL: &'static [Self] = &[$(Self::$variant),+];

            fn code(self) -> $crate::code::Code {
                match self {
                    $(Self::$variant => $crate::code::Code::$kind($code)),+
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::coded_enum! {
        /// 1 one, 2 two.
        pub enum Sample: int { One = 1, Two = 2 }
    }

    crate::coded_enum! {
        /// Resale or referral.
        pub enum Kind: text { Referral = "1", Resale = "2" }
    }

    #[test]
    fn codes_round_trip() {
        assert_eq!(Sample::from_int(2), Some(Sample::Two));
        assert_eq!(Sample::from_int(3), None);
        assert_eq!(Sample::Two.int(), 2);
        assert_eq!(Kind::from_text("2"), Some(Kind::Resale));
        assert_eq!(Kind::Referral.as_str(), "1");
        assert_eq!(Sample::listing(), "1 or 2");
        assert_eq!(Sample::DOC.trim(), "1 one, 2 two.");
    }
}
