//! A tenant's SAML settings: our service-provider side and the IdP imported from its metadata.

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use saml_rs::constants::{Binding, CertUse};
use saml_rs::{IdpDescriptor, MetadataTrustPolicy};
use serde::{Deserialize, Serialize};

use super::error::SamlConfigError;
use super::xml_guard;
use crate::sso::identity::EmailDomains;

/// Our service provider for one tenant.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SpSettings {
    /// Our entity ID, usually the URL of `/auth/saml/metadata` for the tenant.
    pub entity_id: String,
    /// The absolute URL of our HTTP-POST assertion consumer service (`/auth/saml/acs`).
    pub acs_url: String,
    /// PEM key and certificate to sign AuthnRequests; `None` sends them unsigned.
    pub signing: Option<SpSigningKey>,
    /// Tolerated clock difference with the IdP for NotBefore / NotOnOrAfter.
    pub clock_skew: Duration,
    /// How long a started sign-in may take before its response is refused.
    pub request_lifetime: Duration,
}

/// A PEM private key and its certificate.
#[derive(Clone, Serialize, Deserialize)]
pub struct SpSigningKey {
    pub private_key_pem: String,
    pub certificate_pem: String,
}

impl std::fmt::Debug for SpSigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SpSigningKey").field("private_key_pem", &"[redacted]").finish_non_exhaustive()
    }
}

impl SpSettings {
    /// Settings with a one-minute clock skew and ten minutes to finish sign-in.
    pub fn new(entity_id: impl Into<String>, acs_url: impl Into<String>) -> Self {
        Self {
            entity_id: entity_id.into(),
            acs_url: acs_url.into(),
            signing: None,
            clock_skew: Duration::from_secs(60),
            request_lifetime: Duration::from_secs(600),
        }
    }
}

/// What a tenant trusts: the IdP metadata an admin imported, and the tenant's own policy.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TenantSamlSettings {
    pub idp_metadata_xml: String,
    pub allowed_email_domains: EmailDomains,
    /// Accept RSA-SHA1 signatures and SHA-1 digests (off unless the tenant opts in).
    pub allow_sha1: bool,
}

/// The facts of an imported IdP metadata document an admin should see before saving it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdpSummary {
    pub entity_id: String,
    pub sso_redirect_url: String,
    /// Base64 DER of each signing certificate.
    pub signing_certificates: Vec<String>,
}

/// Parses IdP metadata XML (refusing any DTD first) into the descriptor and its summary.
pub fn import_idp_metadata(xml: &str) -> Result<(IdpDescriptor, IdpSummary), SamlConfigError> {
    xml_guard::check_document(xml)?;
    // The admin's upload is the trust decision: the metadata itself need not be signed.
    let descriptor = IdpDescriptor::from_metadata_xml(xml, MetadataTrustPolicy::UnsignedForCompatibility)
        .map_err(|error| SamlConfigError::Metadata(error.to_string()))?;
    let metadata = descriptor.metadata();
    let sso_redirect_url = metadata
        .get_single_sign_on_service(Binding::Redirect)
        .ok_or(SamlConfigError::NoRedirectSsoService)?;
    let signing_certificates = signing_certificates(&descriptor)?;
    let summary = IdpSummary {
        entity_id: descriptor.entity_id().as_str().to_owned(),
        sso_redirect_url,
        signing_certificates,
    };
    Ok((descriptor, summary))
}

fn signing_certificates(descriptor: &IdpDescriptor) -> Result<Vec<String>, SamlConfigError> {
    let certificates: Vec<String> = descriptor
        .metadata()
        .x509_certificates(CertUse::Signing)
        .into_iter()
        .map(|certificate| certificate.split_whitespace().collect::<String>())
        .filter(|certificate| STANDARD.decode(certificate).is_ok())
        .collect();
    if certificates.is_empty() { Err(SamlConfigError::NoSigningCertificate) } else { Ok(certificates) }
}
