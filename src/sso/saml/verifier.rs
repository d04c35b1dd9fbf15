//! The one place an XML-signature library is called, behind our [`ResponseVerifier`] trait.
//! [`SamlRsVerifier`] uses the pure-Rust saml-rs crate (XML-DSig through bergshamra), chosen
//! over samael because it keeps OpenSSL and libxmlsec1 out of the build and passed our attack
//! suite (see SECURITY-tests.md).

use std::time::SystemTime;

use saml_rs::error::{SubjectConfirmationReason, TimeWindowField};
use saml_rs::{
    AssertionSignaturePolicy, AudienceValidationPolicy, AuthnRequestSigningPolicy, BrowserInput, ClockSkew,
    FormField, IdpDescriptor, PendingAuthnRequest, ReplayPolicy, ResponseSignaturePolicy, Saml,
    SamlValidationContext, Sp, SpValidationPolicy, SsoResponse, SsoSession, XmlSignatureProfile,
};

use super::error::SamlError;
use super::request::PendingSamlLogin;

/// The algorithm URIs a signature may use: RSA with SHA-256 or stronger.
const STRONG_SIGNATURE_ALGORITHMS: [&str; 3] = [
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384",
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
];
const RSA_SHA1: &str = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";

/// A response to verify for one pending request of ours.
#[derive(Debug, Clone, Copy)]
pub struct VerifyInput<'a> {
    pub saml_response_base64: &'a str,
    pub relay_state: Option<&'a str>,
    pub pending: &'a PendingSamlLogin,
    pub now: SystemTime,
}

/// The content of the one assertion a valid signature covered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedAssertion {
    pub assertion_id: String,
    pub issuer: String,
    pub name_id: String,
    pub attributes: Vec<(String, Vec<String>)>,
    /// The latest instant the assertion may be used (`NotOnOrAfter`), as an RFC 3339 string.
    pub not_on_or_after: Option<String>,
    pub signature_algorithms: Vec<String>,
}

/// Verifies signature coverage, algorithms, Issuer, Audience, Recipient, Destination, validity
/// window, InResponseTo and RelayState of a SAMLResponse against a pending request.
pub trait ResponseVerifier: Send + Sync {
    fn verify(&self, input: VerifyInput<'_>) -> Result<VerifiedAssertion, SamlError>;
}

/// [`ResponseVerifier`] on saml-rs, with its hardening options turned on.
pub struct SamlRsVerifier {
    sp: Saml<Sp>,
    idp: IdpDescriptor,
    clock_skew: ClockSkew,
    allow_sha1: bool,
}

impl SamlRsVerifier {
    pub(super) fn new(sp: Saml<Sp>, idp: IdpDescriptor, clock_skew: ClockSkew, allow_sha1: bool) -> Self {
        Self { sp, idp, clock_skew, allow_sha1 }
    }

    fn allowed_algorithm(&self, uri: &str) -> bool {
        STRONG_SIGNATURE_ALGORITHMS.contains(&uri) || (self.allow_sha1 && uri == RSA_SHA1)
    }
}

/// The saml-rs policy: either response- or assertion-level signing must cover the assertion,
/// audience restriction required, and the strict RSA-SHA2 profile unless the tenant allows SHA-1.
pub(super) fn validation_policy(allow_sha1: bool, sign_requests: bool) -> SpValidationPolicy {
    SpValidationPolicy {
        assertions: AssertionSignaturePolicy::AllowUnsignedForCompatibility,
        responses: ResponseSignaturePolicy::RequireForEncryptedCbc,
        xml_signatures: if allow_sha1 {
            XmlSignatureProfile::AllowProviderSupportedForCompatibility
        } else {
            XmlSignatureProfile::StrictRsaSha2
        },
        authn_requests: if sign_requests {
            AuthnRequestSigningPolicy::Sign
        } else {
            AuthnRequestSigningPolicy::DoNotSignForCompatibility
        },
        audience: AudienceValidationPolicy::Validate,
        ..SpValidationPolicy::recommended()
    }
}

impl ResponseVerifier for SamlRsVerifier {
    fn verify(&self, input: VerifyInput<'_>) -> Result<VerifiedAssertion, SamlError> {
        let pending: PendingAuthnRequest = input.pending.to_saml_rs()?;
        let mut fields = vec![FormField::new("SAMLResponse", input.saml_response_base64)];
        if let Some(relay_state) = input.relay_state {
            fields.push(FormField::new("RelayState", relay_state));
        }
        // Replay is checked by our caller-supplied cache, shared across servers, after this.
        let validation = SamlValidationContext::new(input.now, ReplayPolicy::DisabledForCompatibility)
            .with_clock_skew(self.clock_skew);
        let session = self
            .sp
            .finish_sso(&self.idp, &pending, BrowserInput::<SsoResponse>::post(fields), validation)
            .map_err(from_saml_rs)?;
        let verified = verified_assertion(&session);
        match verified.signature_algorithms.iter().find(|uri| !self.allowed_algorithm(uri)) {
            Some(uri) => Err(SamlError::AlgorithmNotAllowed(uri.clone())),
            None if verified.signature_algorithms.is_empty() => {
                Err(SamlError::Signature("no verified signature covers the assertion".to_owned()))
            }
            None => Ok(verified),
        }
    }
}

fn verified_assertion(session: &SsoSession) -> VerifiedAssertion {
    let attributes = session
        .attributes()
        .as_slice()
        .iter()
        .map(|attribute| {
            let values = attribute.values().iter().map(|value| value.as_str().to_owned()).collect();
            (attribute.name().to_owned(), values)
        })
        .collect();
    VerifiedAssertion {
        assertion_id: session.assertion_id().as_str().to_owned(),
        issuer: session.issuer().as_str().to_owned(),
        name_id: session.name_id().value().to_owned(),
        attributes,
        not_on_or_after: session.not_on_or_after().map(|instant| instant.as_str().to_owned()),
        signature_algorithms: session
            .verified_xml_signatures()
            .iter()
            .map(|signature| signature.algorithm_uri().to_owned())
            .collect(),
    }
}

/// Sorts saml-rs's errors into ours, so each refusal names the check that failed.
pub(super) fn from_saml_rs(error: saml_rs::SamlError) -> SamlError {
    use saml_rs::SamlError as E;
    let text = error.to_string();
    match error {
        E::IssuerMismatch { .. } | E::UnmatchIssuer => SamlError::Issuer(text),
        E::DestinationMismatch { .. } | E::UnmatchDestination => SamlError::Destination(text),
        E::InResponseToMismatch { .. } | E::InvalidInResponseTo => SamlError::InResponseTo(text),
        E::RelayStateMismatch { .. } => SamlError::RelayState,
        E::AudienceMismatch { .. } | E::UnmatchAudience => SamlError::Audience(text),
        E::TimeWindowInvalid {
            field: TimeWindowField::Conditions | TimeWindowField::SessionNotOnOrAfter,
        }
        | E::ExpiredSession => SamlError::TimeWindow(text),
        E::SubjectConfirmationInvalid { reason } => subject_confirmation(reason, text),
        E::StatusNotSuccess { .. } | E::FailedStatus { .. } | E::UndefinedStatus => SamlError::Status(text),
        E::AlgorithmUnsupported => SamlError::AlgorithmNotAllowed(text),
        E::SignatureMissing
        | E::SignatureVerification { .. }
        | E::ReferenceResolution { .. }
        | E::SignedReferenceMismatch
        | E::AssertionSignatureRequired
        | E::NoTrustedCertificate
        | E::CertificateMismatch
        | E::PotentialWrappingAttack
        | E::FailedToVerifySignature
        | E::UnmatchCertificate
        | E::Crypto(_) => SamlError::Signature(text),
        _ => SamlError::Rejected(text),
    }
}

fn subject_confirmation(reason: SubjectConfirmationReason, text: String) -> SamlError {
    match reason {
        SubjectConfirmationReason::RecipientMismatch => SamlError::Recipient(text),
        SubjectConfirmationReason::TimeWindowInvalid | SubjectConfirmationReason::MissingNotOnOrAfter => {
            SamlError::TimeWindow(text)
        }
        SubjectConfirmationReason::InResponseToMismatch => SamlError::InResponseTo(text),
        _ => SamlError::Rejected(text),
    }
}
