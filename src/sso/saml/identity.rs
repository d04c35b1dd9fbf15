//! Turns a verified assertion into a [`VerifiedIdentity`]: NameID as subject, e-mail from an
//! e-mail NameID or the usual e-mail attributes, display name from the usual name attributes.

use std::time::SystemTime;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::error::SamlError;
use super::verifier::VerifiedAssertion;
use crate::sso::identity::{EmailDomains, SsoMethod, VerifiedIdentity};

const EMAIL_ATTRIBUTES: [&str; 4] = [
    "urn:oid:0.9.2342.19200300.100.1.3",
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
    "mail",
    "email",
];
const NAME_ATTRIBUTES: [&str; 5] = [
    "urn:oid:2.16.840.1.113730.3.1.241",
    "http://schemas.microsoft.com/identity/claims/displayname",
    "displayName",
    "name",
    "urn:oid:2.5.4.3",
];

pub(super) fn from_assertion(
    assertion: &VerifiedAssertion,
    domains: &EmailDomains,
) -> Result<VerifiedIdentity, SamlError> {
    let email = first_value(assertion, &EMAIL_ATTRIBUTES)
        .or_else(|| assertion.name_id.contains('@').then_some(assertion.name_id.as_str()));
    let email = domains.check(email)?;
    if assertion.name_id.trim().is_empty() {
        return Err(SamlError::Rejected("the assertion has an empty NameID".to_owned()));
    }
    Ok(VerifiedIdentity {
        subject: assertion.name_id.clone(),
        email,
        name: first_value(assertion, &NAME_ATTRIBUTES).map(str::to_owned),
        issuer: assertion.issuer.clone(),
        method: SsoMethod::Saml,
    })
}

fn first_value<'a>(assertion: &'a VerifiedAssertion, names: &[&str]) -> Option<&'a str> {
    names.iter().find_map(|name| {
        assertion
            .attributes
            .iter()
            .find(|(attribute, _)| attribute.eq_ignore_ascii_case(name))
            .and_then(|(_, values)| values.first())
            .map(String::as_str)
    })
}

/// Parses an xs:dateTime as sent in SAML (always UTC in practice).
pub(super) fn parse_instant(instant: &str) -> Option<SystemTime> {
    OffsetDateTime::parse(instant.trim(), &Rfc3339).ok().map(SystemTime::from)
}
