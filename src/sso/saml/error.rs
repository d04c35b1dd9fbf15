//! What can go wrong in SAML sign-in, named precisely so the audit log and the admin see the cause.

use thiserror::Error;

use crate::sso::identity::EmailError;

/// A configuration problem: the tenant's SP settings or the imported IdP metadata are unusable.
#[derive(Debug, Error)]
pub enum SamlConfigError {
    #[error("IdP metadata is not acceptable: {0}")]
    Metadata(String),
    #[error(
        "IdP metadata names no HTTP-Redirect single sign-on service; crmlens starts sign-in with HTTP-Redirect"
    )]
    NoRedirectSsoService,
    #[error("IdP metadata has no signing certificate; crmlens only accepts signed assertions")]
    NoSigningCertificate,
    #[error("service provider settings are not valid: {0}")]
    ServiceProvider(String),
    #[error("XML document refused before parsing: {0}")]
    Xml(#[from] XmlGuardError),
}

/// Why a posted SAMLResponse was refused.
#[derive(Debug, Error)]
pub enum SamlError {
    #[error("SAMLResponse is not valid base64 or UTF-8")]
    Encoding,
    #[error("SAMLResponse is larger than {limit} bytes")]
    TooLarge { limit: usize },
    #[error("XML refused before parsing: {0}")]
    Xml(#[from] XmlGuardError),
    #[error("the response answers no request (no InResponseTo); IdP-initiated sign-in is not accepted")]
    Unsolicited,
    #[error("InResponseTo `{0}` names no pending sign-in request of ours (unknown, already used or expired)")]
    UnknownInResponseTo(String),
    #[error("the sign-in request expired before the response arrived; start sign-in again")]
    RequestExpired,
    #[error("the response was sent for another identity provider's request")]
    WrongIdentityProvider,
    #[error("the response is not covered by a valid signature of the configured IdP certificate: {0}")]
    Signature(String),
    #[error(
        "signature algorithm `{0}` is not allowed (RSA-SHA256 or stronger; SHA-1 only if the tenant opts in)"
    )]
    AlgorithmNotAllowed(String),
    #[error("Issuer does not match the configured IdP: {0}")]
    Issuer(String),
    #[error("Audience does not name this service provider: {0}")]
    Audience(String),
    #[error("Recipient does not match our assertion consumer service URL: {0}")]
    Recipient(String),
    #[error("Destination does not match our assertion consumer service URL: {0}")]
    Destination(String),
    #[error("the assertion is outside its validity window (NotBefore/NotOnOrAfter): {0}")]
    TimeWindow(String),
    #[error("InResponseTo does not match the pending request: {0}")]
    InResponseTo(String),
    #[error("RelayState does not match the pending request")]
    RelayState,
    #[error("the IdP reported a failed sign-in: {0}")]
    Status(String),
    #[error("the response was refused: {0}")]
    Rejected(String),
    #[error("assertion `{0}` was already used; each assertion signs in once")]
    Replayed(String),
    #[error("the replay cache could not be consulted: {0}")]
    ReplayCache(String),
    #[error("the asserted e-mail is not acceptable: {0}")]
    Email(#[from] EmailError),
}

/// A structural problem found by the pre-parse scan, before any XML library sees the document.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum XmlGuardError {
    #[error("a DOCTYPE declaration is present; DTDs and entities are never accepted")]
    Doctype,
    #[error("XML comments are not accepted in SAML messages (comment injection defence)")]
    Comment,
    #[error("processing instructions are not accepted in SAML messages")]
    ProcessingInstruction,
    #[error("expected exactly one Assertion, found {0}")]
    AssertionCount(usize),
    #[error("encrypted assertions are not supported; turn off assertion encryption for crmlens at the IdP")]
    EncryptedAssertion,
    #[error("the document is not well-formed XML: {0}")]
    Malformed(String),
    #[error("the document root is `{0}`, expected `{1}`")]
    UnexpectedRoot(String, &'static str),
}
