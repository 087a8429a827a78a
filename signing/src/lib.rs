//! Huawei Cloud `SDK-HMAC-SHA256` request signing: a verifier byte-exact with the official Python SDK
//! (huaweicloudsdkcore 3.1.219) and a signer that produces the same requests the SDK does.

mod authorization;
mod canonical;
mod crypto;
mod date;
mod error;
mod sign;
mod verify;

pub use authorization::{parse_authorization, Authorization};
pub use canonical::{
    build_query, canonical_query, canonical_request, canonical_uri, encode_component,
    string_to_sign, RequestParts,
};
pub use crypto::signature;
pub use date::{format_sdk_date, parse_sdk_date};
pub use error::SignatureError;
pub use sign::sign;
pub use verify::verify;

/// The only algorithm the SDK uses for AK/SK signing.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
/// Lower-hex SHA-256 of the empty byte string.
pub const EMPTY_PAYLOAD_SHA256: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
/// Largest accepted |now - X-Sdk-Date|, in seconds (inclusive).
pub const MAX_CLOCK_SKEW_SECS: i64 = 900;
