//! The error type shared by parsing and verification.

use std::fmt;

/// Why a request's signature was not accepted. Messages are short and never contain secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureError {
    MissingAuthorization,
    MalformedAuthorization,
    UnsupportedAlgorithm,
    MissingDate,
    MalformedDate,
    ClockSkew,
    MissingSignedHeader(String),
    Mismatch,
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingAuthorization => f.write_str("missing Authorization header"),
            Self::MalformedAuthorization => f.write_str("malformed Authorization header"),
            Self::UnsupportedAlgorithm => f.write_str("unsupported signing algorithm"),
            Self::MissingDate => f.write_str("missing X-Sdk-Date header"),
            Self::MalformedDate => f.write_str("malformed X-Sdk-Date header"),
            Self::ClockSkew => f.write_str("X-Sdk-Date too far from server time"),
            // The name comes from the client: print it escaped so it cannot inject control characters.
            Self::MissingSignedHeader(name) => {
                write!(
                    f,
                    "signed header missing from request: {}",
                    name.escape_debug()
                )
            }
            Self::Mismatch => f.write_str("signature mismatch"),
        }
    }
}

impl std::error::Error for SignatureError {}
