//! Opaque identifiers: 32 lower-hex characters, like Huawei's.

pub fn new_id() -> String {
    let bytes: [u8; 16] = rand::random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// An id with a readable prefix (`ORD…`, `TR…`), for ids people quote on the phone.
pub fn prefixed(prefix: &str) -> String {
    let bytes: [u8; 10] = rand::random();
    let mut s = String::with_capacity(prefix.len() + 20);
    s.push_str(prefix);
    for b in bytes {
        s.push_str(&format!("{b:02x}"));
    }
    s
}
