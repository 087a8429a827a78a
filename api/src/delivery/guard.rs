//! The outbound guard against SSRF: only http and https, and only to public addresses unless
//! the operator allows private ones (`BSS_WEBHOOK_ALLOW_PRIVATE=1`). Host names are checked
//! after resolution, by the resolver the client connects with, so a name cannot be re-pointed
//! between the check and the connection.

use domain::webhooks::is_public;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::net::{IpAddr, SocketAddr};

/// Checks a URL before sending: scheme, and an address given literally.
pub fn check_url(url: &str, allow_private: bool) -> Result<reqwest::Url, String> {
    let u = reqwest::Url::parse(url).map_err(|e| format!("invalid url: {e}"))?;
    if !matches!(u.scheme(), "http" | "https") {
        return Err("only http and https are allowed".to_owned());
    }
    let literal = match u.host() {
        Some(url::Host::Ipv4(a)) => Some(IpAddr::V4(a)),
        Some(url::Host::Ipv6(a)) => Some(IpAddr::V6(a)),
        Some(url::Host::Domain(_)) => None,
        None => return Err("the url has no host".to_owned()),
    };
    if let Some(ip) = literal {
        if !allow_private && !is_public(ip) {
            return Err(format!("address {ip} is not public"));
        }
    }
    Ok(u)
}

/// Resolves with the system resolver and keeps only the addresses that may be called.
#[derive(Debug, Clone, Copy)]
pub struct GuardedResolver {
    pub allow_private: bool,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allow = self.allow_private;
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|a| allow || is_public(a.ip()))
                .collect();
            if found.is_empty() {
                return Err(format!("{host} resolves to no public address").into());
            }
            let addrs: Addrs = Box::new(found.into_iter());
            Ok(addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_literals_are_refused_unless_allowed() {
        assert!(check_url("http://127.0.0.1:9/x", false).is_err());
        assert!(check_url("http://[::1]:9/x", false).is_err());
        assert!(check_url("http://169.254.169.254/", false).is_err());
        assert!(check_url("http://127.0.0.1:9/x", true).is_ok());
        assert!(check_url("https://8.8.8.8/x", false).is_ok());
        assert!(check_url("ftp://8.8.8.8/x", true).is_err());
    }
}
