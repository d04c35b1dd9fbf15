//! The result of a successful single sign-on and the tenant's e-mail domain allow-list.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// How the identity was proven.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SsoMethod {
    Oidc,
    Saml,
}

/// An identity whose proof (ID token or SAML assertion) passed every check.
///
/// `(issuer, subject)` is the stable key of the person at their identity provider; the e-mail
/// may change and must not be used alone to link accounts across issuers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifiedIdentity {
    pub subject: String,
    pub email: String,
    pub name: Option<String>,
    pub issuer: String,
    pub method: SsoMethod,
}

/// The e-mail domains a tenant accepts from its identity provider (exact match, case-insensitive).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailDomains(Vec<String>);

/// Why an asserted e-mail address was refused.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum EmailError {
    #[error("the identity provider sent no e-mail address; release the email claim/attribute to crmlens")]
    Missing,
    #[error("`{0}` is not a single plain e-mail address")]
    Malformed(String),
    #[error(
        "e-mail domain `{domain}` is not allowed for this tenant; an admin can add it to the allowed domains"
    )]
    DomainNotAllowed { domain: String },
}

impl EmailDomains {
    /// An allow-list; an empty list refuses every address, so a tenant must name its domains.
    pub fn new<I: IntoIterator<Item = S>, S: AsRef<str>>(domains: I) -> Self {
        Self(domains.into_iter().map(|domain| domain.as_ref().trim().to_ascii_lowercase()).collect())
    }

    /// Returns the address lower-cased when its domain is allowed.
    pub fn check(&self, email: Option<&str>) -> Result<String, EmailError> {
        let email = email.map(str::trim).filter(|email| !email.is_empty()).ok_or(EmailError::Missing)?;
        let email = email.to_ascii_lowercase();
        let domain = plain_address_domain(&email).ok_or_else(|| EmailError::Malformed(email.clone()))?;
        if self.0.iter().any(|allowed| allowed == domain) {
            Ok(email)
        } else {
            Err(EmailError::DomainNotAllowed { domain: domain.to_owned() })
        }
    }
}

/// The domain of `local@domain` when the address has exactly one `@` and no characters that
/// could smuggle a second address or markup (whitespace, commas, angle brackets, quotes).
fn plain_address_domain(email: &str) -> Option<&str> {
    let forbidden = |c: char| c.is_whitespace() || c.is_control() || "<>\"',;()[]\\".contains(c);
    if email.chars().any(forbidden) {
        return None;
    }
    let (local, domain) = email.split_once('@')?;
    let valid = !local.is_empty() && !domain.is_empty() && !domain.contains('@') && domain.contains('.');
    valid.then_some(domain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_domain_passes_lower_cased() {
        let domains = EmailDomains::new(["Example.com"]);
        assert_eq!(domains.check(Some("Alice@EXAMPLE.com")), Ok("alice@example.com".to_owned()));
    }

    #[test]
    fn suffix_of_an_allowed_domain_is_refused() {
        let domains = EmailDomains::new(["example.com"]);
        assert!(matches!(
            domains.check(Some("admin@example.com.evil.com")),
            Err(EmailError::DomainNotAllowed { .. })
        ));
        assert!(matches!(
            domains.check(Some("admin@evilexample.com")),
            Err(EmailError::DomainNotAllowed { .. })
        ));
    }

    #[test]
    fn missing_and_malformed_addresses_are_refused() {
        let domains = EmailDomains::new(["example.com"]);
        assert_eq!(domains.check(None), Err(EmailError::Missing));
        assert!(matches!(domains.check(Some("a@b@example.com")), Err(EmailError::Malformed(_))));
        assert!(matches!(domains.check(Some("a <b@example.com>")), Err(EmailError::Malformed(_))));
        assert!(matches!(
            EmailDomains::default().check(Some("a@example.com")),
            Err(EmailError::DomainNotAllowed { .. })
        ));
    }
}
