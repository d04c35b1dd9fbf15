//! SAML 2.0 service provider for one tenant: SP metadata, SP-initiated sign-in over
//! HTTP-Redirect, and verification of the HTTP-POST response at the assertion consumer service.
//! XML is screened by [`xml_guard`] before any parser sees it; signatures are checked behind the
//! [`ResponseVerifier`] trait; request correlation and replay use caller-supplied stores.

mod config;
mod error;
mod identity;
mod request;
mod verifier;
pub mod xml_guard;

use std::time::SystemTime;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use saml_rs::{
    AcsEndpoint, CertificatePem, ClockSkew, Credentials, EntityId, IdpDescriptor, PrivateKeyPem,
    RelayStateParam, Saml, Sp, SpConfig, StartSso,
};

pub use config::{IdpSummary, SpSettings, SpSigningKey, TenantSamlSettings, import_idp_metadata};
pub use error::{SamlConfigError, SamlError, XmlGuardError};
pub use request::{PendingSamlLogin, StartedSamlLogin};
pub use verifier::{ResponseVerifier, SamlRsVerifier, VerifiedAssertion, VerifyInput};

use crate::sso::identity::{EmailDomains, VerifiedIdentity};

/// The largest decoded SAMLResponse accepted; real ones are a few kilobytes.
pub const MAX_RESPONSE_BYTES: usize = 256 * 1024;

/// Requests we issued and have not consumed (the caller's store, e.g. a database table).
pub trait PendingRequests {
    /// Removes and returns the pending request with this ID, if there is one.
    fn take(&self, request_id: &str) -> Option<PendingSamlLogin>;
}

/// Assertion IDs already used, shared by every app server (the caller's store).
pub trait ReplayCache {
    /// Records the assertion; returns `Ok(false)` when it was already recorded. Entries may be
    /// forgotten after `keep_until`, when the assertion has expired anyway.
    fn remember(&self, issuer: &str, assertion_id: &str, keep_until: SystemTime) -> Result<bool, String>;
}

/// What the ACS received: the form fields of the IdP's HTTP-POST.
#[derive(Debug, Clone, Copy)]
pub struct AcsForm<'a> {
    pub saml_response: &'a str,
    pub relay_state: Option<&'a str>,
}

/// A completed SAML sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SamlLogin {
    pub identity: VerifiedIdentity,
    pub assertion_id: String,
    pub relay_state: Option<String>,
}

/// One tenant's service provider, trusting one IdP.
pub struct SamlServiceProvider {
    settings: SpSettings,
    sp: Saml<Sp>,
    idp: IdpDescriptor,
    allowed_email_domains: EmailDomains,
    verifier: Box<dyn ResponseVerifier>,
}

impl SamlServiceProvider {
    /// Builds the SP from its settings and the tenant's imported IdP metadata.
    pub fn new(settings: SpSettings, tenant: &TenantSamlSettings) -> Result<Self, SamlConfigError> {
        let (idp, _) = import_idp_metadata(&tenant.idp_metadata_xml)?;
        let sp = build_sp(&settings, tenant.allow_sha1)?;
        let verifier = saml_rs_verifier(&settings, tenant)?;
        Ok(Self {
            settings,
            sp,
            idp,
            allowed_email_domains: tenant.allowed_email_domains.clone(),
            verifier: Box::new(verifier),
        })
    }

    /// Our SP metadata XML, served at `/auth/saml/metadata`.
    pub fn metadata_xml(&self) -> &str {
        self.sp.metadata_xml()
    }

    /// Starts SP-initiated sign-in: the IdP URL to redirect to and the pending record to keep.
    pub fn start_login(
        &self,
        relay_state: Option<&str>,
        now: SystemTime,
    ) -> Result<StartedSamlLogin, SamlError> {
        let relay_state = RelayStateParam::try_from_option(relay_state.map(str::to_owned))
            .map_err(|error| SamlError::Rejected(format!("RelayState is not usable: {error}")))?;
        let started = self
            .sp
            .start_sso(&self.idp, StartSso::redirect().relay_state(relay_state))
            .map_err(verifier::from_saml_rs)?;
        let redirect_url = started.outbound.redirect_url().map_err(verifier::from_saml_rs)?.to_owned();
        Ok(StartedSamlLogin { redirect_url, pending: PendingSamlLogin::from_saml_rs(&started.pending, now) })
    }

    /// Verifies the ACS post: screens the XML, consumes the pending request it answers, verifies
    /// the signed assertion, applies the e-mail allow-list and finally records the assertion ID.
    pub fn finish_login(
        &self,
        form: AcsForm<'_>,
        pending_requests: &dyn PendingRequests,
        replay_cache: &dyn ReplayCache,
        now: SystemTime,
    ) -> Result<SamlLogin, SamlError> {
        let xml = decode_response(form.saml_response)?;
        let shape = xml_guard::check_response(&xml)?;
        let request_id = shape.in_response_to.ok_or(SamlError::Unsolicited)?;
        let pending = pending_requests
            .take(&request_id)
            .ok_or_else(|| SamlError::UnknownInResponseTo(request_id.clone()))?;
        self.check_pending(&pending, now)?;
        let assertion = self.verifier.verify(VerifyInput {
            saml_response_base64: form.saml_response,
            relay_state: form.relay_state,
            pending: &pending,
            now,
        })?;
        let identity = identity::from_assertion(&assertion, &self.allowed_email_domains)?;
        remember_assertion(replay_cache, &assertion, now, self.settings.request_lifetime)?;
        Ok(SamlLogin { identity, assertion_id: assertion.assertion_id, relay_state: pending.relay_state })
    }

    fn check_pending(&self, pending: &PendingSamlLogin, now: SystemTime) -> Result<(), SamlError> {
        if pending.idp_entity_id != self.idp.entity_id().as_str() {
            return Err(SamlError::WrongIdentityProvider);
        }
        if pending.is_expired(now, self.settings.request_lifetime) {
            return Err(SamlError::RequestExpired);
        }
        Ok(())
    }
}

/// The saml-rs [`ResponseVerifier`] for these settings (used by [`SamlServiceProvider::new`]).
pub fn saml_rs_verifier(
    settings: &SpSettings,
    tenant: &TenantSamlSettings,
) -> Result<SamlRsVerifier, SamlConfigError> {
    let (idp, _) = import_idp_metadata(&tenant.idp_metadata_xml)?;
    let skew = i64::try_from(settings.clock_skew.as_millis()).unwrap_or(i64::MAX);
    let sp = build_sp(settings, tenant.allow_sha1)?;
    Ok(SamlRsVerifier::new(sp, idp, ClockSkew::from_millis(-skew, skew), tenant.allow_sha1))
}

/// Our SP metadata XML for these settings, available before any IdP is configured.
pub fn sp_metadata_xml(settings: &SpSettings) -> Result<String, SamlConfigError> {
    Ok(build_sp(settings, false)?.metadata_xml().to_owned())
}

fn build_sp(settings: &SpSettings, allow_sha1: bool) -> Result<Saml<Sp>, SamlConfigError> {
    let invalid = |error: saml_rs::SamlError| SamlConfigError::ServiceProvider(error.to_string());
    let credentials = settings.signing.as_ref().map_or_else(Credentials::default, |signing| Credentials {
        signing_key: Some(PrivateKeyPem::new(signing.private_key_pem.clone())),
        signing_certificate: Some(CertificatePem::new(signing.certificate_pem.clone())),
        ..Credentials::default()
    });
    let config = SpConfig::builder(EntityId::try_new(settings.entity_id.clone()).map_err(invalid)?)
        .acs_endpoint(AcsEndpoint::post(settings.acs_url.clone()).map_err(invalid)?)
        .credentials(credentials)
        .validation(verifier::validation_policy(allow_sha1, settings.signing.is_some()))
        .build()
        .map_err(invalid)?;
    Saml::sp(config).map_err(invalid)
}

/// The request a posted response claims to answer (`InResponseTo`), after the same decoding
/// and XML screening as [`SamlServiceProvider::finish_login`]: lets the caller find which
/// tenant's request it was before it builds that tenant's service provider. Nothing is trusted
/// yet; `finish_login` still verifies everything.
pub fn claimed_in_response_to(saml_response: &str) -> Result<String, SamlError> {
    let xml = decode_response(saml_response)?;
    xml_guard::check_response(&xml)?.in_response_to.ok_or(SamlError::Unsolicited)
}

/// Decodes the posted base64 (line breaks allowed) into UTF-8 XML, within the size limit.
fn decode_response(saml_response: &str) -> Result<String, SamlError> {
    let compact: String = saml_response.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    if compact.len() / 4 * 3 > MAX_RESPONSE_BYTES {
        return Err(SamlError::TooLarge { limit: MAX_RESPONSE_BYTES });
    }
    let bytes = STANDARD.decode(compact).map_err(|_| SamlError::Encoding)?;
    String::from_utf8(bytes).map_err(|_| SamlError::Encoding)
}

/// Records the assertion in the shared replay cache, kept at least until it expires.
fn remember_assertion(
    cache: &dyn ReplayCache,
    assertion: &VerifiedAssertion,
    now: SystemTime,
    minimum: std::time::Duration,
) -> Result<(), SamlError> {
    let expires = assertion.not_on_or_after.as_deref().and_then(identity::parse_instant);
    let keep_until = expires.map_or(now + minimum, |expires| expires.max(now + minimum));
    match cache.remember(&assertion.issuer, &assertion.assertion_id, keep_until) {
        Ok(true) => Ok(()),
        Ok(false) => Err(SamlError::Replayed(assertion.assertion_id.clone())),
        Err(error) => Err(SamlError::ReplayCache(error)),
    }
}
