//! Opaque identifiers: 32 lower-hex characters, like Huawei's.

pub fn new_id() -> String {
    let bytes: [u8; 16] = rand::random();
    hex(&bytes, String::with_capacity(32))
}

/// An id with a readable prefix (`ORD…`, `TR…`), for ids people quote on the phone.
pub fn prefixed(prefix: &str) -> String {
    let bytes: [u8; 10] = rand::random();
    let mut s = String::with_capacity(prefix.len() + 20);
    s.push_str(prefix);
    hex(&bytes, s)
}

fn hex(bytes: &[u8], mut out: String) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}
