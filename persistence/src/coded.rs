//! Closed sets (`domain::code::Coded`) in columns: integer codes in INTEGER columns, text codes
//! in TEXT columns. A stored code the domain does not know is data corruption, not a request
//! error.

use crate::StoreError;
use domain::code::{Code, Coded};

/// The member's integer code as the INTEGER column holds it.
pub fn int<E: Coded>(e: E) -> i32 {
    match e.code() {
        Code::Int(n) => i32::try_from(n).unwrap_or(i32::MAX),
        Code::Text(_) => i32::MAX,
    }
}

/// The member's text code as the TEXT column holds it.
pub fn text<E: Coded>(e: E) -> &'static str {
    match e.code() {
        Code::Text(t) => t,
        Code::Int(_) => "",
    }
}

pub fn from_int<E: Coded>(n: i32) -> Result<E, StoreError> {
    E::from_int(i64::from(n)).ok_or_else(|| unknown::<E>(&n.to_string()))
}

pub fn from_text<E: Coded>(s: &str) -> Result<E, StoreError> {
    E::from_text(s).ok_or_else(|| unknown::<E>(s))
}

fn unknown<E: Coded>(code: &str) -> StoreError {
    StoreError::Internal(format!("stored {} {code:?} is unknown", E::NAME))
}
