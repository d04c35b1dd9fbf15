//! SAML service provider against a real IdP (pysaml2 signing through xmlsec1): a round trip,
//! then one test per attack, each crafted from a real signed response. Where an attack is
//! refused by our pre-parse guard, the test also feeds it to the bare signature verifier
//! (saml-rs) to show the library alone would refuse it too.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use crmlens::sso::saml::{
    AcsForm, PendingRequests, PendingSamlLogin, ReplayCache, ResponseVerifier, SamlConfigError, SamlError,
    SamlServiceProvider, SpSettings, SpSigningKey, TenantSamlSettings, VerifyInput, XmlGuardError,
    import_idp_metadata, sp_metadata_xml,
};
use crmlens::sso::{EmailDomains, SsoMethod};

use crate::sso_support::{
    IdpProcess, decode, element, element_spans, encode, identity_providers_installed, rsa_key_pair, splice,
    start_saml_idp, with_first_id, without_signature,
};

const SP_ENTITY: &str = "https://crmlens.test/auth/saml/metadata";
const ACS: &str = "https://crmlens.test/auth/saml/acs";

#[derive(Default)]
struct MemoryPending(Mutex<HashMap<String, PendingSamlLogin>>);

impl MemoryPending {
    fn put(&self, pending: PendingSamlLogin) {
        self.0.lock().unwrap().insert(pending.request_id.clone(), pending);
    }
}

impl PendingRequests for MemoryPending {
    fn take(&self, request_id: &str) -> Option<PendingSamlLogin> {
        self.0.lock().unwrap().remove(request_id)
    }
}

#[derive(Default)]
struct MemoryReplayCache(Mutex<HashSet<(String, String)>>);

impl ReplayCache for MemoryReplayCache {
    fn remember(&self, issuer: &str, assertion_id: &str, _keep_until: SystemTime) -> Result<bool, String> {
        Ok(self.0.lock().unwrap().insert((issuer.to_owned(), assertion_id.to_owned())))
    }
}

/// A real IdP that trusts our SP, and the tenant settings that trust it.
struct Fixture {
    idp: IdpProcess,
    tenant: TenantSamlSettings,
    _dir: tempfile::TempDir,
}

/// One issued response, with the pending request it answers.
struct Issued {
    xml: String,
    relay_state: Option<String>,
    pending: PendingSamlLogin,
}

fn sp_settings() -> SpSettings {
    SpSettings::new(SP_ENTITY, ACS)
}

impl Fixture {
    fn start() -> Option<Self> {
        Self::start_as(None)
    }

    fn start_as(impersonate: Option<(&str, &str)>) -> Option<Self> {
        Self::start_with(&sp_settings(), impersonate, false)
    }

    fn start_with(sp: &SpSettings, impersonate: Option<(&str, &str)>, want_signed: bool) -> Option<Self> {
        if !identity_providers_installed() {
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let metadata_path = dir.path().join("sp.xml");
        std::fs::write(&metadata_path, sp_metadata_xml(sp).unwrap()).unwrap();
        let idp = start_saml_idp(&metadata_path, impersonate, want_signed);
        let metadata_url = idp.announcement["metadata_url"].as_str().unwrap().to_owned();
        let idp_metadata_xml = reqwest::blocking::get(metadata_url).unwrap().text().unwrap();
        let tenant = TenantSamlSettings {
            idp_metadata_xml,
            allowed_email_domains: EmailDomains::new(["example.com"]),
            allow_sha1: false,
        };
        Some(Self { idp, tenant, _dir: dir })
    }

    fn entity_id(&self) -> &str {
        self.idp.announcement["entity_id"].as_str().unwrap()
    }

    fn sp(&self) -> SamlServiceProvider {
        SamlServiceProvider::new(sp_settings(), &self.tenant).unwrap()
    }

    /// Runs SP-initiated sign-in at the real IdP; `query` shapes its answer (see idp.py).
    fn issue(&self, sp: &SamlServiceProvider, query: &str) -> Issued {
        let started = sp.start_login(Some("back-to-card"), SystemTime::now()).unwrap();
        // Sent to this fixture's IdP, whichever IdP the SP trusts (see saml_rejects_untrusted_key).
        let (_, request) = started.redirect_url.split_once('?').unwrap();
        let url = format!("{}?{request}&{query}", self.idp.announcement["sso_url"].as_str().unwrap());
        let response = reqwest::blocking::get(url).unwrap();
        assert_eq!(response.status(), 200, "IdP refused our AuthnRequest: {}", response.text().unwrap());
        let answer: serde_json::Value = response.json().unwrap();
        Issued {
            xml: decode(answer["saml_response"].as_str().unwrap()),
            relay_state: answer["relay_state"].as_str().map(str::to_owned),
            pending: started.pending,
        }
    }
}

/// Posts `xml` to the ACS with its pending request stored, as the browser would.
fn post(
    sp: &SamlServiceProvider,
    issued: &Issued,
    xml: &str,
) -> Result<crmlens::sso::saml::SamlLogin, SamlError> {
    post_at(sp, issued, xml, SystemTime::now())
}

fn post_at(
    sp: &SamlServiceProvider,
    issued: &Issued,
    xml: &str,
    now: SystemTime,
) -> Result<crmlens::sso::saml::SamlLogin, SamlError> {
    let pending = MemoryPending::default();
    pending.put(issued.pending.clone());
    let form = AcsForm { saml_response: &encode(xml), relay_state: issued.relay_state.as_deref() };
    sp.finish_login(form, &pending, &MemoryReplayCache::default(), now)
}

/// The bare saml-rs verifier, without our pre-parse guard: the library's own verdict.
fn library_verdict(fixture: &Fixture, issued: &Issued, xml: &str) -> Result<String, SamlError> {
    let verifier = crmlens::sso::saml::saml_rs_verifier(&sp_settings(), &fixture.tenant).unwrap();
    let input = VerifyInput {
        saml_response_base64: &encode(xml),
        relay_state: issued.relay_state.as_deref(),
        pending: &issued.pending,
        now: SystemTime::now(),
    };
    verifier.verify(input).map(|assertion| assertion.name_id)
}

fn assert_library_refuses(fixture: &Fixture, issued: &Issued, xml: &str) {
    let verdict = library_verdict(fixture, issued, xml);
    assert!(verdict.is_err(), "saml-rs alone accepted the forged response as {verdict:?}");
}

/// The signed assertion with the NameID and e-mail replaced by the attacker's choice.
fn evil(assertion: &str) -> String {
    assertion.replace("alice@example.com", "admin@example.com")
}

fn assertion_span(xml: &str) -> std::ops::Range<usize> {
    element_spans(xml, "Assertion")[0].clone()
}

fn signature_of(xml: &str) -> &str {
    element(xml, "Signature")
}

/// Inserts `inner` just before the closing tag of the element `outer`.
fn inside(outer: &str, inner: &str) -> String {
    let close = outer.rfind("</").unwrap();
    format!("{}{}{}", &outer[..close], inner, &outer[close..])
}

#[test]
fn saml_login_round_trip_with_real_idp() {
    let Some(fixture) = Fixture::start() else { return };
    let sp = fixture.sp();
    for signing in ["both", "response", "assertion"] {
        let issued = fixture.issue(&sp, &format!("sign={signing}"));
        let login = post(&sp, &issued, &issued.xml).unwrap_or_else(|error| panic!("sign={signing}: {error}"));
        assert_eq!(login.identity.email, "alice@example.com");
        assert_eq!(login.identity.subject, "alice@example.com");
        assert_eq!(login.identity.name.as_deref(), Some("Alice Example"));
        assert_eq!(login.identity.issuer, fixture.entity_id());
        assert_eq!(login.identity.method, SsoMethod::Saml);
        assert_eq!(login.relay_state.as_deref(), Some("back-to-card"));
        assert!(!login.assertion_id.is_empty());
    }
}

#[test]
fn saml_rejects_unsigned_response() {
    let Some(fixture) = Fixture::start() else { return };
    let sp = fixture.sp();
    let issued = fixture.issue(&sp, "sign=none");
    let error = post(&sp, &issued, &issued.xml).unwrap_err();
    assert!(matches!(error, SamlError::Signature(_)), "{error}");
}

#[test]
fn saml_rejects_stripped_signature() {
    let Some(fixture) = Fixture::start() else { return };
    let sp = fixture.sp();
    let issued = fixture.issue(&sp, "sign=assertion");
    let error = post(&sp, &issued, &without_signature(&issued.xml)).unwrap_err();
    assert!(matches!(error, SamlError::Signature(_)), "{error}");
}

#[test]
fn saml_rejects_emptied_signature_value() {
    let Some(fixture) = Fixture::start() else { return };
    let sp = fixture.sp();
    let issued = fixture.issue(&sp, "sign=assertion");
    let value = element_spans(&issued.xml, "SignatureValue")[0].clone();
    let tag_end = issued.xml[value.clone()].find('>').unwrap() + 1;
    let close = issued.xml[value.clone()].rfind("</").unwrap();
    let emptied = splice(&issued.xml, value.start + tag_end..value.start + close, "");
    let error = post(&sp, &issued, &emptied).unwrap_err();
    assert!(matches!(error, SamlError::Signature(_)), "{error}");
}

#[test]
fn saml_rejects_assertion_edited_after_signing() {
    let Some(fixture) = Fixture::start() else { return };
    let sp = fixture.sp();
    for signing in ["assertion", "response"] {
        let issued = fixture.issue(&sp, &format!("sign={signing}"));
        let error = post(&sp, &issued, &evil(&issued.xml)).unwrap_err();
        assert!(matches!(error, SamlError::Signature(_)), "sign={signing}: {error}");
    }
}

#[test]
fn saml_rejects_untrusted_key() {
    let Some(fixture) = Fixture::start() else { return };
    // The same entity ID at a second real IdP with its own key: a valid signature, wrong signer.
    let sso_url = fixture.idp.announcement["sso_url"].as_str().unwrap();
    let impostor = Fixture::start_as(Some((fixture.entity_id(), sso_url))).unwrap();
    let sp = fixture.sp();
    let issued = impostor.issue(&sp, "sign=both");
    let error = post(&sp, &issued, &issued.xml).unwrap_err();
    assert!(matches!(error, SamlError::Signature(_)), "{error}");
}

#[test]
fn saml_rejects_sha1_unless_tenant_opts_in() {
    let Some(mut fixture) = Fixture::start() else { return };
    let sp = fixture.sp();
    let issued = fixture.issue(&sp, "sign=both&sig=sha1");
    let error = post(&sp, &issued, &issued.xml).unwrap_err();
    assert!(matches!(error, SamlError::Signature(_) | SamlError::AlgorithmNotAllowed(_)), "{error}");
    fixture.tenant.allow_sha1 = true;
    let opted_in = fixture.sp();
    let issued = fixture.issue(&opted_in, "sign=both&sig=sha1");
    post(&opted_in, &issued, &issued.xml).unwrap();
}

/// XSW1: an unsigned clone of the Response at the root; the original signed Response hidden
/// inside the signature that is moved to the clone.
#[test]
fn saml_rejects_xsw1() {
    let Some(fixture) = Fixture::start() else { return };
    let sp = fixture.sp();
    let issued = fixture.issue(&sp, "sign=response");
    let original = &issued.xml;
    let signature = signature_of(original);
    let forged_root = with_first_id(&evil(original), "_evil_response");
    let forged = forged_root.replacen(signature, &inside(signature, original), 1);
    assert_refused(&fixture, &sp, &issued, &forged);
}

/// XSW2: like XSW1 but the original signed Response sits beside the signature (detached).
#[test]
fn saml_rejects_xsw2() {
    let Some(fixture) = Fixture::start() else { return };
    let sp = fixture.sp();
    let issued = fixture.issue(&sp, "sign=response");
    let original = &issued.xml;
    let signature = signature_of(original);
    let forged_root = with_first_id(&evil(original), "_evil_response");
    let forged = forged_root.replacen(signature, &format!("{original}{signature}"), 1);
    assert_refused(&fixture, &sp, &issued, &forged);
}

/// XSW3: an unsigned evil assertion inserted before the original signed one.
#[test]
fn saml_rejects_xsw3() {
    let Some(fixture) = Fixture::start() else { return };
    let sp = fixture.sp();
    let issued = fixture.issue(&sp, "sign=assertion");
    let span = assertion_span(&issued.xml);
    let original = &issued.xml[span.clone()];
    let evil_assertion = with_first_id(&without_signature(&evil(original)), "_evil");
    let forged = splice(&issued.xml, span, &format!("{evil_assertion}{original}"));
    assert_refused(&fixture, &sp, &issued, &forged);
}

/// XSW4: the original signed assertion wrapped inside an unsigned evil assertion.
#[test]
fn saml_rejects_xsw4() {
    let Some(fixture) = Fixture::start() else { return };
    let sp = fixture.sp();
    let issued = fixture.issue(&sp, "sign=assertion");
    let span = assertion_span(&issued.xml);
    let original = &issued.xml[span.clone()];
    let evil_assertion = with_first_id(&without_signature(&evil(original)), "_evil");
    let forged = splice(&issued.xml, span, &inside(&evil_assertion, original));
    assert_refused(&fixture, &sp, &issued, &forged);
}

/// XSW5: the evil assertion keeps the signature; an unsigned copy of the original (which the
/// signature still digests correctly) is appended at the end of the Response.
#[test]
fn saml_rejects_xsw5() {
    let Some(fixture) = Fixture::start() else { return };
    let sp = fixture.sp();
    let issued = fixture.issue(&sp, "sign=assertion");
    let span = assertion_span(&issued.xml);
    let original = &issued.xml[span.clone()];
    let evil_assertion = with_first_id(&evil(original), "_evil");
    let forged = inside(&splice(&issued.xml, span, &evil_assertion), &without_signature(original));
    assert_refused(&fixture, &sp, &issued, &forged);
}

/// XSW6: the evil assertion keeps the signature, with the unsigned original inside it.
#[test]
fn saml_rejects_xsw6() {
    let Some(fixture) = Fixture::start() else { return };
    let sp = fixture.sp();
    let issued = fixture.issue(&sp, "sign=assertion");
    let span = assertion_span(&issued.xml);
    let original = &issued.xml[span.clone()];
    let evil_assertion = with_first_id(&evil(original), "_evil");
    let signature = signature_of(&evil_assertion).to_owned();
    let wrapped = evil_assertion.replacen(&signature, &inside(&signature, &without_signature(original)), 1);
    let forged = splice(&issued.xml, span, &wrapped);
    assert_refused(&fixture, &sp, &issued, &forged);
}

/// XSW7: the original signed assertion hidden in an Extensions element; an unsigned evil one
/// takes its place.
#[test]
fn saml_rejects_xsw7() {
    let Some(fixture) = Fixture::start() else { return };
    let sp = fixture.sp();
    let issued = fixture.issue(&sp, "sign=assertion");
    let span = assertion_span(&issued.xml);
    let original = &issued.xml[span.clone()];
    let evil_assertion = with_first_id(&without_signature(&evil(original)), "_evil");
    let extensions = format!(
        r#"<samlp:Extensions xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">{original}</samlp:Extensions>"#
    );
    let status = element_spans(&issued.xml, "Status")[0].clone();
    let forged = splice(&issued.xml, span, &evil_assertion);
    let forged = splice(&forged, status.start..status.start, &extensions);
    assert_refused(&fixture, &sp, &issued, &forged);
}

/// XSW8: the evil assertion keeps the signature, with the unsigned original inside a ds:Object
/// in that signature.
#[test]
fn saml_rejects_xsw8() {
    let Some(fixture) = Fixture::start() else { return };
    let sp = fixture.sp();
    let issued = fixture.issue(&sp, "sign=assertion");
    let span = assertion_span(&issued.xml);
    let original = &issued.xml[span.clone()];
    let evil_assertion = with_first_id(&evil(original), "_evil");
    let signature = signature_of(&evil_assertion).to_owned();
    let object = format!(
        r#"<ds:Object xmlns:ds="http://www.w3.org/2000/09/xmldsig#">{}</ds:Object>"#,
        without_signature(original)
    );
    let wrapped = evil_assertion.replacen(&signature, &inside(&signature, &object), 1);
    let forged = splice(&issued.xml, span, &wrapped);
    assert_refused(&fixture, &sp, &issued, &forged);
}

/// Both our service provider and the bare library must refuse a forged response.
fn assert_refused(fixture: &Fixture, sp: &SamlServiceProvider, issued: &Issued, forged: &str) {
    let result = post(sp, issued, forged);
    assert!(result.is_err(), "forged response accepted as {result:?}");
    assert_library_refuses(fixture, issued, forged);
}

#[test]
fn saml_rejects_comment_injection_in_nameid() {
    let Some(fixture) = Fixture::start() else { return };
    let sp = fixture.sp();
    // The attacker owns admin@example.com.evil.com at the IdP and cuts it with a comment, which
    // exclusive C14N ignores, hoping we read only the text before it.
    let issued = fixture.issue(&sp, "sign=both&name_id=admin@example.com.evil.com&mail=eve@example.com");
    let name_id = element_spans(&issued.xml, "NameID")[0].clone();
    let cut = name_id.start + issued.xml[name_id.clone()].find(".evil.com").unwrap();
    let forged = splice(&issued.xml, cut..cut, "<!---->");
    let error = post(&sp, &issued, &forged).unwrap_err();
    assert!(matches!(error, SamlError::Xml(XmlGuardError::Comment)), "{error}");
    let verdict = library_verdict(&fixture, &issued, &forged);
    assert!(
        !matches!(verdict.as_deref(), Ok("admin@example.com")),
        "saml-rs truncated the NameID: {verdict:?}"
    );
}

#[test]
fn saml_rejects_comment_injection_in_attribute() {
    let Some(fixture) = Fixture::start() else { return };
    let sp = fixture.sp();
    let issued = fixture.issue(&sp, "sign=both&mail=admin@example.com.evil.com");
    let values = element_spans(&issued.xml, "AttributeValue");
    let value = values.iter().find(|span| issued.xml[(*span).clone()].contains(".evil.com")).unwrap().clone();
    let cut = value.start + issued.xml[value].find(".evil.com").unwrap();
    let forged = splice(&issued.xml, cut..cut, "<!---->");
    let error = post(&sp, &issued, &forged).unwrap_err();
    assert!(matches!(error, SamlError::Xml(XmlGuardError::Comment)), "{error}");
    // Without the comment, the full (foreign) address is refused by the domain allow-list.
    let error = post(&sp, &issued, &issued.xml).unwrap_err();
    assert!(matches!(error, SamlError::Email(_)), "{error}");
}

#[test]
fn saml_rejects_wrong_audience() {
    let Some(fixture) = Fixture::start() else { return };
    let issued = fixture.issue(&fixture.sp(), "sign=both");
    let other_sp = SpSettings::new("https://other-sp.test/metadata", ACS);
    let sp = SamlServiceProvider::new(other_sp, &fixture.tenant).unwrap();
    let error = post(&sp, &issued, &issued.xml).unwrap_err();
    assert!(matches!(error, SamlError::Audience(_)), "{error}");
}

#[test]
fn saml_rejects_wrong_destination() {
    let Some(fixture) = Fixture::start() else { return };
    let issued = fixture.issue(&fixture.sp(), "sign=both");
    let elsewhere = SpSettings::new(SP_ENTITY, "https://elsewhere.test/auth/saml/acs");
    let sp = SamlServiceProvider::new(elsewhere, &fixture.tenant).unwrap();
    let mut issued = issued;
    issued.pending.acs_url = "https://elsewhere.test/auth/saml/acs".to_owned();
    let error = post(&sp, &issued, &issued.xml).unwrap_err();
    assert!(matches!(error, SamlError::Destination(_)), "{error}");
}

#[test]
fn saml_rejects_wrong_recipient() {
    let Some(fixture) = Fixture::start() else { return };
    // The assertion (signed) names our real ACS as Recipient; the unsigned Response envelope is
    // re-addressed to another ACS, so only the Recipient check can catch it.
    let mut issued = fixture.issue(&fixture.sp(), "sign=assertion");
    let elsewhere_acs = "https://elsewhere.test/auth/saml/acs";
    let forged = issued.xml.replacen(
        &format!("Destination=\"{ACS}\""),
        &format!("Destination=\"{elsewhere_acs}\""),
        1,
    );
    assert_ne!(forged, issued.xml);
    issued.pending.acs_url = elsewhere_acs.to_owned();
    let sp = SamlServiceProvider::new(SpSettings::new(SP_ENTITY, elsewhere_acs), &fixture.tenant).unwrap();
    let error = post(&sp, &issued, &forged).unwrap_err();
    assert!(matches!(error, SamlError::Recipient(_)), "{error}");
}

#[test]
fn saml_rejects_expired_assertion() {
    let Some(fixture) = Fixture::start() else { return };
    let mut settings = sp_settings();
    settings.request_lifetime = Duration::from_secs(24 * 3600);
    let sp = SamlServiceProvider::new(settings, &fixture.tenant).unwrap();
    let issued = fixture.issue(&sp, "sign=both");
    let an_hour_later = SystemTime::now() + Duration::from_secs(3600);
    let error = post_at(&sp, &issued, &issued.xml, an_hour_later).unwrap_err();
    assert!(matches!(error, SamlError::TimeWindow(_)), "{error}");
}

#[test]
fn saml_rejects_expired_request() {
    let Some(fixture) = Fixture::start() else { return };
    let sp = fixture.sp();
    let issued = fixture.issue(&sp, "sign=both");
    let error =
        post_at(&sp, &issued, &issued.xml, SystemTime::now() + Duration::from_secs(3600)).unwrap_err();
    assert!(matches!(error, SamlError::RequestExpired), "{error}");
}

#[test]
fn saml_rejects_replayed_assertion() {
    let Some(fixture) = Fixture::start() else { return };
    let sp = fixture.sp();
    let issued = fixture.issue(&sp, "sign=both");
    let pending = MemoryPending::default();
    let replay_cache = MemoryReplayCache::default();
    let form = AcsForm { saml_response: &encode(&issued.xml), relay_state: issued.relay_state.as_deref() };
    pending.put(issued.pending.clone());
    sp.finish_login(form, &pending, &replay_cache, SystemTime::now()).unwrap();
    // Replayed as is: the request was consumed.
    let error = sp.finish_login(form, &pending, &replay_cache, SystemTime::now()).unwrap_err();
    assert!(matches!(error, SamlError::UnknownInResponseTo(_)), "{error}");
    // Even if the request were still pending (say, a second server's store), the shared replay
    // cache refuses the assertion.
    pending.put(issued.pending.clone());
    let error = sp.finish_login(form, &pending, &replay_cache, SystemTime::now()).unwrap_err();
    assert!(matches!(error, SamlError::Replayed(_)), "{error}");
}

#[test]
fn saml_rejects_unknown_in_response_to() {
    let Some(fixture) = Fixture::start() else { return };
    let sp = fixture.sp();
    let issued = fixture.issue(&sp, "sign=both");
    let form = AcsForm { saml_response: &encode(&issued.xml), relay_state: issued.relay_state.as_deref() };
    let error = sp
        .finish_login(form, &MemoryPending::default(), &MemoryReplayCache::default(), SystemTime::now())
        .unwrap_err();
    assert!(matches!(error, SamlError::UnknownInResponseTo(_)), "{error}");
}

#[test]
fn saml_rejects_response_to_another_pending_request() {
    let Some(fixture) = Fixture::start() else { return };
    let sp = fixture.sp();
    let first = fixture.issue(&sp, "sign=both");
    let second = fixture.issue(&sp, "sign=assertion");
    // Re-pointing a response at another pending request breaks the response signature...
    let forged = first.xml.replace(&first.pending.request_id, &second.pending.request_id);
    let as_second = Issued {
        xml: forged.clone(),
        relay_state: first.relay_state.clone(),
        pending: second.pending.clone(),
    };
    let error = post(&sp, &as_second, &forged).unwrap_err();
    assert!(matches!(error, SamlError::Signature(_)), "{error}");
    // ...and where only the assertion is signed, its InResponseTo still names the first request.
    let third = fixture.issue(&sp, "sign=assertion");
    let forged = third.xml.replacen(&third.pending.request_id, &second.pending.request_id, 1);
    let as_second =
        Issued { xml: forged.clone(), relay_state: third.relay_state.clone(), pending: second.pending };
    let error = post(&sp, &as_second, &forged).unwrap_err();
    assert!(matches!(error, SamlError::InResponseTo(_)), "{error}");
}

#[test]
fn saml_rejects_doctype() {
    let Some(fixture) = Fixture::start() else { return };
    let sp = fixture.sp();
    let issued = fixture.issue(&sp, "sign=both");
    let body = issued.xml.trim_start_matches(|c| c != '<');
    let body = if body.starts_with("<?xml") { &body[body.find("?>").unwrap() + 2..] } else { body };
    let forged = format!(r#"<!DOCTYPE Response [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>{body}"#);
    let error = post(&sp, &issued, &forged).unwrap_err();
    assert!(matches!(error, SamlError::Xml(XmlGuardError::Doctype)), "{error}");
}

#[test]
fn saml_sp_metadata_and_authn_request_are_accepted_by_the_idp() {
    let Some(fixture) = Fixture::start() else { return };
    let metadata = fixture.sp().metadata_xml().to_owned();
    assert!(metadata.contains(SP_ENTITY) && metadata.contains(ACS), "{metadata}");
    let started = fixture.sp().start_login(Some("r"), SystemTime::now()).unwrap();
    assert!(started.redirect_url.starts_with(fixture.idp.announcement["sso_url"].as_str().unwrap()));
    assert!(started.redirect_url.contains("SAMLRequest=") && started.redirect_url.contains("RelayState=r"));
}

#[test]
fn saml_signed_authn_request_is_verified_by_the_idp() {
    if !identity_providers_installed() {
        return;
    }
    let (private_key_pem, certificate_pem) = rsa_key_pair();
    let mut settings = sp_settings();
    settings.signing = Some(SpSigningKey { private_key_pem, certificate_pem });
    let fixture = Fixture::start_with(&settings, None, true).unwrap();
    let sp = SamlServiceProvider::new(settings.clone(), &fixture.tenant).unwrap();
    let started = sp.start_login(Some("r"), SystemTime::now()).unwrap();
    assert!(started.redirect_url.contains("SigAlg=") && started.redirect_url.contains("Signature="));
    let issued = fixture.issue(&sp, "sign=both");
    post(&sp, &issued, &issued.xml).unwrap();
    // The IdP's metadata asks for signed requests: an SP without a key refuses to send unsigned ones.
    let unsigned = SamlServiceProvider::new(sp_settings(), &fixture.tenant).unwrap();
    let error = unsigned.start_login(None, SystemTime::now()).unwrap_err();
    assert!(error.to_string().contains("WantAuthnRequestsSigned"), "{error}");
}

#[test]
fn saml_rejects_doctype_in_idp_metadata() {
    let Some(fixture) = Fixture::start() else { return };
    let metadata = format!(
        r#"<!DOCTYPE m [<!ENTITY x "y">]>{}"#,
        fixture.tenant.idp_metadata_xml.trim_start_matches(|c| c != '<')
    );
    let metadata = metadata.replacen(r#"<?xml version="1.0" encoding="utf-8"?>"#, "", 1);
    let error = import_idp_metadata(&metadata).err().unwrap();
    assert!(matches!(error, SamlConfigError::Xml(XmlGuardError::Doctype)), "{error}");
    let (_, summary) = import_idp_metadata(&fixture.tenant.idp_metadata_xml).unwrap();
    assert_eq!(summary.entity_id, fixture.entity_id());
    assert_eq!(summary.sso_redirect_url, fixture.idp.announcement["sso_url"].as_str().unwrap());
    assert_eq!(summary.signing_certificates.len(), 1);
}
