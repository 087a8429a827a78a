//! Webhook delivery rules (#21): when to try again, when to give up, which addresses may be
//! called. Pure: the caller brings the time, the jitter and the resolved addresses.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Seconds to wait after the n-th failed attempt (1-based): about 27 hours in all, after the
/// Standard Webhooks schedule. After the last the delivery is given up.
const SCHEDULE: &[i64] = &[5, 300, 1_800, 7_200, 18_000, 36_000, 36_000];

/// Attempts made before a delivery is given up.
pub const MAX_ATTEMPTS: i32 = SCHEDULE.len() as i32 + 1;

/// A webhook whose deliveries were all given up for this long (with none succeeding) is
/// disabled.
pub const DISABLE_AFTER_SECS: i64 = 24 * 3600;

/// The most webhooks one partner may hold.
pub const MAX_PER_PARTNER: i64 = 20;

/// Response bytes kept of an answer.
pub const EXCERPT_BYTES: usize = 256;

/// When to try again after `attempts` failed attempts, or `None` to give up. `jitter` in
/// `[0, 1)` spreads retries by up to ±20 %.
pub fn next_attempt(attempts: i32, now: i64, jitter: f64) -> Option<i64> {
    let idx = usize::try_from(attempts.checked_sub(1)?).ok()?;
    let base = *SCHEDULE.get(idx)?;
    let j = jitter.clamp(0.0, 1.0);
    // ±20 %: base * (0.8 + 0.4 * j), in whole seconds, at least one.
    let spread = (base as f64 * (0.8 + 0.4 * j)).round() as i64;
    Some(now + spread.max(1))
}

/// Whether the webhook must be disabled: it has been failing since `failing_since`.
pub fn should_disable(failing_since: Option<i64>, now: i64) -> bool {
    failing_since.is_some_and(|t| now - t >= DISABLE_AFTER_SECS)
}

/// Whether an address is on the public internet (not loopback, private, link-local, shared,
/// documentation, multicast, unspecified or reserved).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_public_v4(v4),
            None => is_public_v6(v6),
        },
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let o = ip.octets();
    !(ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_unspecified()
        || ip.is_multicast()
        || o[0] == 0
        || (o[0] == 100 && (o[1] & 0xc0) == 64) // 100.64/10 shared
        || (o[0] == 192 && o[1] == 0 && o[2] == 0) // 192.0.0/24
        || (o[0] == 198 && (o[1] & 0xfe) == 18) // 198.18/15 benchmarking
        || o[0] >= 240)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (s[0] & 0xfe00) == 0xfc00 // unique local
        || (s[0] & 0xffc0) == 0xfe80 // link local
        || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
        || (s[0] == 0x64 && s[1] == 0xff9b) // NAT64 may reach private v4
        || s[0] == 0)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn retries_spread_over_a_day_then_stop() {
        let mut t = 0;
        for n in 1..MAX_ATTEMPTS {
            t = next_attempt(n, t, 0.5).unwrap();
        }
        assert!(t >= 24 * 3600, "{t}");
        assert_eq!(next_attempt(MAX_ATTEMPTS, t, 0.5), None);
        assert_eq!(next_attempt(0, 0, 0.5), None);
        assert_eq!(next_attempt(1, 100, 0.0), Some(104));
        assert_eq!(next_attempt(1, 100, 1.0), Some(106));
        assert_eq!(next_attempt(2, 0, 0.0), Some(240));
    }

    #[test]
    fn disabling_waits_a_day_of_failures() {
        assert!(!should_disable(None, 1_000_000));
        assert!(!should_disable(Some(0), DISABLE_AFTER_SECS - 1));
        assert!(should_disable(Some(0), DISABLE_AFTER_SECS));
    }

    #[test]
    fn only_public_addresses_are_public() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fc00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a00:1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in [
            "8.8.8.8",
            "1.1.1.1",
            "2606:4700:4700::1111",
            "::ffff:8.8.8.8",
        ] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }
}

/// The longest webhook URL kept.
pub const URL_MAX: usize = 2048;
/// What [`is_url`] accepts, in words.
pub const URL_RULE: &str =
    "must be an http or https URL: a host of letters, digits, dots and hyphens, an optional port, then printable characters";

/// `http://` or `https://`, a host of letters, digits, `.` and `-`, an optional `:port` of up
/// to 5 digits, then an optional path, query or fragment of printable ASCII.
pub fn is_url(s: &str) -> bool {
    let Some(rest) = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
    else {
        return false;
    };
    let cut = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(cut);
    let (host, port) = match authority.split_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    };
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    let port_ok =
        port.is_none_or(|p| (1..=5).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    host_ok && port_ok && tail.bytes().all(|b| (b'!'..=b'~').contains(&b))
}

#[cfg(test)]
mod url_tests {
    use super::*;

    #[test]
    fn urls_follow_the_pattern() {
        for ok in [
            "https://hooks.example.com/bss",
            "http://127.0.0.1:8080/in?x=1#f",
            "https://a",
        ] {
            assert!(is_url(ok), "{ok}");
        }
        for bad in [
            "ftp://x",
            "https://",
            "https://user@host/",
            "https://host:/",
            "https://host:123456/",
            "https://host/a b",
            "https://[::1]/",
            "HTTPS://host",
        ] {
            assert!(!is_url(bad), "{bad}");
        }
    }
}
