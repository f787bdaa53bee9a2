//! Which addresses the bot may fetch from: public ones only, unless `FETCH_ALLOW_PRIVATE=1`. Checked on
//! every URL (feeds, item links, redirects) and again on every DNS answer, so a name that resolves to
//! `127.0.0.1` or `169.254.169.254` is refused as surely as the literal address.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use url::{Host, Url};

use super::FetchError;

/// Whether `ip` is loopback, link-local, private, shared, reserved or otherwise not on the public internet.
pub fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_private_v4(v4),
        IpAddr::V6(v6) => is_private_v6(v6),
    }
}

fn is_private_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_multicast()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // carrier-grade NAT, 100.64.0.0/10
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || a >= 240 // reserved
}

fn is_private_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_private_v4(v4);
    }
    let first = ip.segments()[0];
    ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00 // unique local, fc00::/7
        || (first & 0xffc0) == 0xfe80 // link-local, fe80::/10
        || (first & 0xffc0) == 0xfec0 // site-local (deprecated), fec0::/10
        || (first == 0x2001 && ip.segments()[1] == 0x0db8) // documentation
        || (first == 0x0064 && ip.segments()[1] == 0xff9b) // NAT64 of an IPv4 address
}

/// Checks a URL before it is fetched: http(s) only, with a host, and no private address unless allowed.
pub fn check_url(url: &Url, allow_private: bool) -> Result<(), FetchError> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(FetchError::Scheme { url: url.to_string() });
    }
    let refused = |host: &str| FetchError::Private { url: url.to_string(), host: host.to_owned() };
    match url.host() {
        None => Err(FetchError::Scheme { url: url.to_string() }),
        Some(_) if allow_private => Ok(()),
        Some(Host::Ipv4(ip)) if is_private_v4(ip) => Err(refused(&ip.to_string())),
        Some(Host::Ipv6(ip)) if is_private_v6(ip) => Err(refused(&ip.to_string())),
        Some(Host::Domain(name)) if is_local_name(name) => Err(refused(name)),
        Some(_) => Ok(()),
    }
}

/// Names that always mean this machine or its network.
fn is_local_name(name: &str) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost") || name.ends_with(".local") || name.ends_with(".internal")
}

/// A DNS resolver that drops private addresses (unless allowed), so a public-looking name cannot lead
/// the bot into its own network. A name with only private addresses fails to resolve.
#[derive(Debug, Clone, Copy)]
pub struct GuardedResolver {
    pub allow_private: bool,
}

/// The error a guarded lookup fails with; found again in the request's error chain.
#[derive(Debug, thiserror::Error)]
#[error("{host} resolves only to private addresses")]
pub struct PrivateName {
    pub host: String,
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let allow_private = self.allow_private;
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let allowed: Vec<SocketAddr> = found.into_iter().filter(|a| allow_private || !is_private(a.ip())).collect();
            if allowed.is_empty() {
                return Err(Box::new(PrivateName { host }) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(allowed.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn private(s: &str) -> bool {
        is_private(s.parse().unwrap())
    }

    #[test]
    fn loopback_link_local_and_private_ranges_are_private() {
        for ip in ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0", "100.64.0.1"] {
            assert!(private(ip), "{ip}");
        }
        for ip in ["::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1"] {
            assert!(private(ip), "{ip}");
        }
    }

    #[test]
    fn public_addresses_are_not_private() {
        for ip in ["8.8.8.8", "93.184.216.34", "172.32.0.1", "2a00:1450:4001::1"] {
            assert!(!private(ip), "{ip}");
        }
    }

    #[test]
    fn the_metadata_address_and_localhost_are_refused_unless_allowed() {
        for url in
            ["http://169.254.169.254/latest/meta-data/", "http://localhost:8080/", "http://[::1]/", "http://10.0.0.5/"]
        {
            let url = Url::parse(url).unwrap();
            assert!(matches!(check_url(&url, false), Err(FetchError::Private { .. })), "{url}");
            assert!(check_url(&url, true).is_ok(), "{url}");
        }
        assert!(check_url(&Url::parse("https://news.example.com/a").unwrap(), false).is_ok());
    }

    #[test]
    fn only_http_and_https_are_fetched() {
        for url in ["file:///etc/passwd", "ftp://example.com/feed.xml", "gopher://example.com/"] {
            let url = Url::parse(url).unwrap();
            assert!(matches!(check_url(&url, true), Err(FetchError::Scheme { .. })), "{url}");
        }
    }
}
