//! E-mail addresses: the one normalization used by import and matching, and the keyed hash under
//! which the directory keeps addresses (never the address itself).

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Webmail domains say nothing about an employer.
const WEBMAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "yahoo.co.uk",
    "yahoo.fr",
    "yahoo.de",
    "ymail.com",
    "hotmail.com",
    "hotmail.co.uk",
    "hotmail.fr",
    "hotmail.de",
    "outlook.com",
    "live.com",
    "msn.com",
    "aol.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "proton.me",
    "protonmail.com",
    "gmx.de",
    "gmx.net",
    "gmx.com",
    "web.de",
    "t-online.de",
    "laposte.net",
    "orange.fr",
    "free.fr",
    "wanadoo.fr",
    "sfr.fr",
    "libero.it",
    "virgilio.it",
    "mail.ru",
    "yandex.ru",
    "yandex.com",
    "qq.com",
    "163.com",
    "126.com",
    "naver.com",
    "daum.net",
    "hanmail.net",
    "seznam.cz",
    "wp.pl",
    "o2.pl",
    "onet.pl",
    "interia.pl",
    "bol.com.br",
    "uol.com.br",
    "terra.com.br",
    "rediffmail.com",
    "zoho.com",
    "mail.com",
    "fastmail.com",
    "hey.com",
    "tutanota.com",
    "gmx.at",
    "bluewin.ch",
    "telenet.be",
    "skynet.be",
    "ziggo.nl",
    "kpnmail.nl",
    "yahoo.co.jp",
    "docomo.ne.jp",
    "ezweb.ne.jp",
    "btinternet.com",
    "sky.com",
    "virginmedia.com",
    "comcast.net",
    "verizon.net",
    "att.net",
    "sbcglobal.net",
    "bigpond.com",
    "optusnet.com.au",
    "shaw.ca",
    "rogers.com",
    "sympatico.ca",
];

/// A normalized address: trimmed, lower-cased, `mailto:` removed; for Gmail, dots and `+tags`
/// in the local part removed (Gmail ignores them). `None` when it is not an address.
pub fn normalize_email(raw: &str) -> Option<String> {
    let lowered = raw.to_lowercase();
    let trimmed = lowered.trim().trim_start_matches("mailto:").trim();
    let (local, domain) = trimmed.rsplit_once('@')?;
    let domain = domain.trim_end_matches('.');
    let valid_domain = domain.contains('.')
        && !domain.starts_with('.')
        && domain.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    if local.is_empty() || local.contains(char::is_whitespace) || local.contains('@') || !valid_domain {
        return None;
    }
    let (local, domain) = match domain {
        "gmail.com" | "googlemail.com" => {
            let base = local.split('+').next().unwrap_or(local);
            (base.replace('.', ""), "gmail.com")
        }
        _ => (local.to_owned(), domain),
    };
    if local.is_empty() {
        return None;
    }
    Some(format!("{local}@{domain}"))
}

/// The domain part of a normalized address.
pub fn email_domain(normalized: &str) -> &str {
    normalized.rsplit_once('@').map_or("", |(_, domain)| domain)
}

/// Whether a domain is a public webmail provider (no company evidence).
pub fn is_webmail(domain: &str) -> bool {
    WEBMAIL_DOMAINS.contains(&domain)
}

/// A keyed hash of a normalized address: equal addresses give equal hashes under one key, and the
/// address cannot be read back or guessed without the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EmailHash(pub [u8; 16]);

impl EmailHash {
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    pub fn from_hex(text: &str) -> Option<Self> {
        let mut bytes = [0u8; 16];
        hex::decode_to_slice(text, &mut bytes).ok()?;
        Some(Self(bytes))
    }
}

/// The key for [`EmailHash`]es, derived from the instance secret. Held as the HMAC state after
/// the key is absorbed: each hash then costs two SHA-256 blocks instead of four.
#[derive(Clone)]
pub struct EmailKey(Hmac<Sha256>);

impl EmailKey {
    /// Derives the e-mail key from the instance secret (domain-separated from its other uses).
    pub fn derive(secret: &[u8]) -> Self {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).unwrap_or_else(|_| unreachable_hmac());
        mac.update(b"crmlens/email-hash/v1");
        let key: [u8; 32] = mac.finalize().into_bytes().into();
        Self(Hmac::<Sha256>::new_from_slice(&key).unwrap_or_else(|_| unreachable_hmac()))
    }

    /// Hashes an address that has already been through [`normalize_email`].
    pub fn hash_normalized(&self, normalized: &str) -> EmailHash {
        let mut mac = self.0.clone();
        mac.update(normalized.as_bytes());
        let digest = mac.finalize().into_bytes();
        let mut out = [0u8; 16];
        out.copy_from_slice(&digest[..16]);
        EmailHash(out)
    }

    /// Normalizes and hashes a raw address; `None` when it is not an address.
    pub fn hash(&self, raw: &str) -> Option<EmailHash> {
        normalize_email(raw).map(|n| self.hash_normalized(&n))
    }
}

/// HMAC accepts keys of any length, so key setup cannot fail.
fn unreachable_hmac() -> Hmac<Sha256> {
    unreachable!("HMAC-SHA256 accepts keys of any length")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stored hashes must survive changes to how the key is held: HMAC-SHA256 under the derived
    /// key, first 16 bytes.
    #[test]
    fn hashes_are_hmac_sha256_of_the_normalized_address_under_the_derived_key() {
        let mut mac = Hmac::<Sha256>::new_from_slice(b"secret-one").unwrap();
        mac.update(b"crmlens/email-hash/v1");
        let key = mac.finalize().into_bytes();
        let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
        mac.update(b"jane@acme.com");
        let digest = mac.finalize().into_bytes();
        assert_eq!(EmailKey::derive(b"secret-one").hash_normalized("jane@acme.com").0, digest[..16]);
    }

    #[test]
    fn normalizes_case_space_and_gmail_aliases() {
        assert_eq!(normalize_email("  Jane.Doe@Acme.COM ").as_deref(), Some("jane.doe@acme.com"));
        assert_eq!(normalize_email("J.a.n.e+crm@googlemail.com").as_deref(), Some("jane@gmail.com"));
        assert_eq!(normalize_email("mailto:x@y.io").as_deref(), Some("x@y.io"));
        assert_eq!(normalize_email("MAILTO:X@Y.io").as_deref(), Some("x@y.io"));
    }

    #[test]
    fn rejects_non_addresses() {
        for raw in ["", "n/a", "[not provided]", "jane@", "@acme.com", "jane@localhost", "a b@c.com"] {
            assert_eq!(normalize_email(raw), None, "{raw}");
        }
    }

    #[test]
    fn hash_depends_on_key_and_normalized_address() {
        let key = EmailKey::derive(b"secret-one");
        assert_eq!(key.hash("Jane@Acme.com"), key.hash("jane@acme.com "));
        assert_ne!(key.hash("jane@acme.com"), EmailKey::derive(b"secret-two").hash("jane@acme.com"));
        let hash = key.hash("jane@acme.com").unwrap();
        assert_eq!(EmailHash::from_hex(&hash.to_hex()), Some(hash));
    }

    proptest::proptest! {
        #[test]
        fn normalizing_never_panics_and_is_idempotent(raw in "(?i:mailto:)?\\PC{0,12}@?\\PC{0,12}") {
            if let Some(normalized) = normalize_email(&raw) {
                let again = normalize_email(&normalized);
                proptest::prop_assert_eq!(again.as_deref(), Some(normalized.as_str()));
                proptest::prop_assert!(email_domain(&normalized).contains('.'));
            }
        }
    }

    #[test]
    fn webmail_is_recognized() {
        assert!(is_webmail("laposte.net"));
        assert!(!is_webmail("acme.com"));
    }
}
