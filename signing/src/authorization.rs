//! Parsing of the `Authorization: SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…` header.

use crate::{SignatureError, ALGORITHM};

/// A parsed Authorization header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization {
    pub access_key: String,
    /// Lower-case header names, in the order the client listed them.
    pub signed_headers: Vec<String>,
    /// 64 lower-hex digits.
    pub signature: String,
}

/// Parses the Authorization header value.
pub fn parse_authorization(value: &str) -> Result<Authorization, SignatureError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(SignatureError::MissingAuthorization);
    }
    let (algorithm, rest) = value.split_once(' ').unwrap_or((value, ""));
    if algorithm != ALGORITHM {
        return Err(SignatureError::UnsupportedAlgorithm);
    }

    let (mut access, mut signed, mut signature) = (None, None, None);
    for item in rest.split(',') {
        let (key, val) = item
            .trim()
            .split_once('=')
            .ok_or(SignatureError::MalformedAuthorization)?;
        let slot = match key {
            "Access" => &mut access,
            "SignedHeaders" => &mut signed,
            "Signature" => &mut signature,
            _ => return Err(SignatureError::MalformedAuthorization),
        };
        if slot.replace(val).is_some() {
            return Err(SignatureError::MalformedAuthorization);
        }
    }
    let (Some(access), Some(signed), Some(signature)) = (access, signed, signature) else {
        return Err(SignatureError::MalformedAuthorization);
    };

    if access.is_empty() || access.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(SignatureError::MalformedAuthorization);
    }
    if signature.len() != 64 || !signature.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(SignatureError::MalformedAuthorization);
    }
    let signed_headers: Vec<String> = signed.split(';').map(str::to_owned).collect();
    check_signed_headers(&signed_headers)?;

    Ok(Authorization {
        access_key: access.to_owned(),
        signed_headers,
        signature: signature.to_ascii_lowercase(),
    })
}

/// SignedHeaders must be distinct lower-case header names and include `host` and `x-sdk-date`
/// (the SDK always signs both; without them the date and target are not authenticated).
pub(crate) fn check_signed_headers(names: &[String]) -> Result<(), SignatureError> {
    let valid_name = |n: &str| {
        !n.is_empty()
            && n.bytes().all(|b| {
                b.is_ascii_lowercase() || b.is_ascii_digit() || b"!#$%&'*+-.^_`|~".contains(&b)
            })
    };
    let distinct = names
        .iter()
        .enumerate()
        .all(|(i, n)| !names[..i].contains(n));
    let has = |wanted: &str| names.iter().any(|n| n == wanted);
    if names.iter().all(|n| valid_name(n)) && distinct && has("host") && has("x-sdk-date") {
        Ok(())
    } else {
        Err(SignatureError::MalformedAuthorization)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const SIG: &str = "ba618695ea42f9bf122c2434a856751a1e12f6c5752a841df6c95b2b46e5a23d";

    fn header(rest: &str) -> String {
        format!("SDK-HMAC-SHA256 {rest}")
    }

    #[test]
    fn parses_sdk_header() {
        let v = header(&format!(
            "Access=HPUAVECTORAK0000, SignedHeaders=content-type;host;user-agent;x-domain-id;x-sdk-date, Signature={SIG}"
        ));
        let auth = parse_authorization(&v).unwrap();
        assert_eq!(auth.access_key, "HPUAVECTORAK0000");
        assert_eq!(
            auth.signed_headers,
            [
                "content-type",
                "host",
                "user-agent",
                "x-domain-id",
                "x-sdk-date"
            ]
        );
        assert_eq!(auth.signature, SIG);
    }

    #[test]
    fn tolerates_spacing_order_and_upper_hex() {
        let v = header(&format!(
            " Signature={} ,Access=AK,SignedHeaders=host;x-sdk-date ",
            SIG.to_uppercase()
        ));
        let auth = parse_authorization(&v).unwrap();
        assert_eq!(auth.access_key, "AK");
        assert_eq!(auth.signature, SIG);
    }

    #[test]
    fn missing_or_empty() {
        assert_eq!(
            parse_authorization(""),
            Err(SignatureError::MissingAuthorization)
        );
        assert_eq!(
            parse_authorization("   "),
            Err(SignatureError::MissingAuthorization)
        );
    }

    #[test]
    fn unknown_algorithm() {
        for v in [
            format!("SDK-HMAC-SHA512 Access=AK, SignedHeaders=host;x-sdk-date, Signature={SIG}"),
            format!("sdk-hmac-sha256 Access=AK, SignedHeaders=host;x-sdk-date, Signature={SIG}"),
            "Bearer abc.def.ghi".to_owned(),
            "Basic".to_owned(),
            "SDK-HMAC-SHA256,Access=AK".to_owned(),
        ] {
            assert_eq!(
                parse_authorization(&v),
                Err(SignatureError::UnsupportedAlgorithm),
                "{v}"
            );
        }
    }

    #[test]
    fn garbled() {
        for rest in [
            String::new(),
            "garbage".to_owned(),
            "Access=AK, SignedHeaders=host;x-sdk-date".to_owned(),
            format!("Access=AK, Signature={SIG}"),
            format!("SignedHeaders=host;x-sdk-date, Signature={SIG}"),
            format!("Access=, SignedHeaders=host;x-sdk-date, Signature={SIG}"),
            format!("Access=A K, SignedHeaders=host;x-sdk-date, Signature={SIG}"),
            format!("Access=AK, Access=AK, SignedHeaders=host;x-sdk-date, Signature={SIG}"),
            format!("Access=AK, SignedHeaders=host;x-sdk-date, Signature={SIG}, Extra=1"),
            format!("access=AK, SignedHeaders=host;x-sdk-date, Signature={SIG}"),
            format!(
                "Access=AK, SignedHeaders=host;x-sdk-date, Signature={}",
                &SIG[1..]
            ),
            format!(
                "Access=AK, SignedHeaders=host;x-sdk-date, Signature={}0",
                SIG
            ),
            format!(
                "Access=AK, SignedHeaders=host;x-sdk-date, Signature=zz{}",
                &SIG[2..]
            ),
            format!(
                "Access=AK, SignedHeaders=host;x-sdk-date, Signature=é{}",
                &SIG[2..]
            ),
            format!("Access=AK, SignedHeaders=, Signature={SIG}"),
            format!("Access=AK, SignedHeaders=host, Signature={SIG}"),
            format!("Access=AK, SignedHeaders=x-sdk-date, Signature={SIG}"),
            format!("Access=AK, SignedHeaders=Host;x-sdk-date, Signature={SIG}"),
            format!("Access=AK, SignedHeaders=host;;x-sdk-date, Signature={SIG}"),
            format!("Access=AK, SignedHeaders=host;x-sdk-date;host, Signature={SIG}"),
            format!("Access=AK, SignedHeaders=host;x-sdk-date;a b, Signature={SIG}"),
            format!("Access=AK; SignedHeaders=host;x-sdk-date; Signature={SIG}"),
        ] {
            let v = header(&rest);
            assert_eq!(
                parse_authorization(&v),
                Err(SignatureError::MalformedAuthorization),
                "{v}"
            );
        }
    }
}
