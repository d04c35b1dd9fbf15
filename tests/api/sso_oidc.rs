//! OIDC relying party against a real provider (node-oidc-provider, OpenID Certified): a round
//! trip, then one test per attack. Forged tokens are signed in the test, with the provider's own
//! key where the attack needs a valid signature.

use std::io::{Read, Write};
use std::time::{Duration, SystemTime};

use chrono::Utc;
use crmlens::sso::EmailDomains;
use crmlens::sso::identity::EmailError;
use crmlens::sso::oidc::{
    OidcCallback, OidcConfigError, OidcError, OidcRelyingParty, OidcSettings, PendingOidcLogin,
    require_pkce_s256,
};
use openidconnect::core::{
    CoreHmacKey, CoreIdToken, CoreIdTokenClaims, CoreJwsSigningAlgorithm, CoreRsaPrivateSigningKey,
};
use openidconnect::{
    Audience, EmptyAdditionalClaims, EndUserEmail, IssuerUrl, JsonWebKeyId, Nonce, StandardClaims,
    SubjectIdentifier,
};
use secrecy::SecretString;

use crate::sso_support::{
    IdpProcess, identity_providers_installed, start_oidc_provider, start_oidc_provider_with_tls,
};

const REDIRECT_URI: &str = "https://crmlens.test/auth/oidc/callback";

struct Provider {
    process: IdpProcess,
}

impl Provider {
    fn start() -> Option<Self> {
        identity_providers_installed().then(|| Self { process: start_oidc_provider(None) })
    }

    fn issuer(&self) -> String {
        self.process.announcement["issuer"].as_str().unwrap().to_owned()
    }

    fn port(&self) -> u16 {
        self.process.announcement["port"].as_u64().unwrap() as u16
    }

    /// The provider's own signing key, to forge tokens whose signature is valid.
    fn signing_key(&self) -> CoreRsaPrivateSigningKey {
        let pem = self.process.announcement["signing_key_pem"].as_str().unwrap();
        let kid = self.process.announcement["kid"].as_str().unwrap();
        CoreRsaPrivateSigningKey::from_pem(pem, Some(JsonWebKeyId::new(kid.to_owned()))).unwrap()
    }

    fn settings(&self, client_id: &str) -> OidcSettings {
        OidcSettings::new(
            self.issuer(),
            client_id,
            SecretString::from(format!("{client_id}-secret")),
            REDIRECT_URI,
            EmailDomains::new(["example.com"]),
        )
    }

    async fn relying_party(&self, client_id: &str) -> OidcRelyingParty {
        OidcRelyingParty::discover(self.settings(client_id), SystemTime::now()).await.unwrap()
    }
}

/// Plays the browser: follows the provider's redirects (with its cookies) through login and
/// consent until it is sent back to our redirect URI, and returns that callback.
async fn sign_in_at_provider(authorization_url: &str) -> OidcCallback {
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    browse_to_callback(browser, authorization_url).await
}

/// As [`sign_in_at_provider`], for a provider whose certificate comes from a private CA.
async fn sign_in_at_provider_trusting(authorization_url: &str, ca_pem: &str) -> OidcCallback {
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .add_root_certificate(reqwest::Certificate::from_pem(ca_pem.as_bytes()).unwrap())
        .build()
        .unwrap();
    browse_to_callback(browser, authorization_url).await
}

async fn browse_to_callback(browser: reqwest::Client, authorization_url: &str) -> OidcCallback {
    let mut url = reqwest::Url::parse(authorization_url).unwrap();
    for _ in 0..10 {
        let response = browser.get(url.clone()).send().await.unwrap();
        let location = response.headers().get("location").map(|value| value.to_str().unwrap().to_owned());
        let Some(location) = location else {
            panic!(
                "provider stopped at {url} with {}: {}",
                response.status(),
                response.text().await.unwrap()
            );
        };
        url = url.join(&location).unwrap();
        if url.as_str().starts_with(REDIRECT_URI) {
            let query: std::collections::HashMap<String, String> = url.query_pairs().into_owned().collect();
            return OidcCallback {
                code: query.get("code").cloned(),
                state: query.get("state").cloned(),
                iss: query.get("iss").cloned(),
                error: query.get("error").cloned(),
                error_description: query.get("error_description").cloned(),
            };
        }
    }
    panic!("too many redirects at the provider");
}

/// A real sign-in up to the callback: what the browser brings back and what we kept.
async fn callback_for(rp: &OidcRelyingParty) -> (PendingOidcLogin, OidcCallback) {
    let started = rp.start_login(SystemTime::now()).unwrap();
    let callback = sign_in_at_provider(&started.authorization_url).await;
    (started.pending, callback)
}

/// What an attacker holding a code and verifier gets from the token endpoint: a real ID token.
async fn real_id_token(provider: &Provider, client_id: &str) -> (String, PendingOidcLogin) {
    let rp = provider.relying_party(client_id).await;
    let (pending, callback) = callback_for(&rp).await;
    let response: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/token", provider.issuer()))
        .basic_auth(client_id, Some(format!("{client_id}-secret")))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", callback.code.as_deref().unwrap()),
            ("redirect_uri", REDIRECT_URI),
            ("code_verifier", &pending.pkce_verifier),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (response["id_token"].as_str().unwrap_or_else(|| panic!("no id_token in {response}")).to_owned(), pending)
}

/// Valid claims for `pending`, for forging variations of.
fn claims_for(provider: &Provider, pending: &PendingOidcLogin) -> CoreIdTokenClaims {
    let now = Utc::now();
    CoreIdTokenClaims::new(
        IssuerUrl::new(provider.issuer()).unwrap(),
        vec![Audience::new("crmlens".to_owned())],
        now + chrono::Duration::minutes(10),
        now,
        StandardClaims::new(SubjectIdentifier::new("mallory".to_owned()))
            .set_email(Some(EndUserEmail::new("admin@example.com".to_owned()))),
        EmptyAdditionalClaims {},
    )
    .set_nonce(Some(Nonce::new(pending.nonce.clone())))
}

fn sign(provider: &Provider, claims: CoreIdTokenClaims) -> String {
    let token = CoreIdToken::new(
        claims,
        &provider.signing_key(),
        CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
        None,
        None,
    )
    .unwrap();
    token.to_string()
}

#[tokio::test]
async fn oidc_login_round_trip_with_real_provider() {
    let Some(provider) = Provider::start() else { return };
    let rp = provider.relying_party("crmlens").await;
    let (pending, callback) = callback_for(&rp).await;
    assert_eq!(callback.iss.as_deref(), Some(provider.issuer().as_str()), "provider sends RFC 9207 iss");
    let identity = rp.finish_login(&pending, &callback, SystemTime::now()).await.unwrap();
    assert_eq!(identity.subject, "alice");
    assert_eq!(identity.email, "alice@example.com");
    assert_eq!(identity.name.as_deref(), Some("Alice Example"));
    assert_eq!(identity.issuer, provider.issuer());
    assert_eq!(identity.method, crmlens::sso::SsoMethod::Oidc);
}

#[tokio::test]
async fn oidc_forged_token_with_the_providers_key_is_accepted_as_control() {
    // Control for the forgery tests below: the same forging path, unaltered, verifies.
    let Some(provider) = Provider::start() else { return };
    let rp = provider.relying_party("crmlens").await;
    let (_, pending) = real_id_token(&provider, "crmlens").await;
    let token = sign(&provider, claims_for(&provider, &pending));
    let identity = rp.verify_id_token(&token, &pending, SystemTime::now()).await.unwrap();
    assert_eq!(identity.subject, "mallory");
}

#[tokio::test]
async fn oidc_rejects_alg_none() {
    let Some(provider) = Provider::start() else { return };
    let rp = provider.relying_party("crmlens").await;
    let (real, pending) = real_id_token(&provider, "crmlens").await;
    use base64::Engine;
    let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let payload = real.split('.').nth(1).unwrap();
    for header in [r#"{"alg":"none"}"#, r#"{"alg":"none","typ":"JWT"}"#, r#"{"alg":"None"}"#] {
        let unsigned = format!("{}.{payload}.", engine.encode(header));
        let error = rp.verify_id_token(&unsigned, &pending, SystemTime::now()).await.unwrap_err();
        assert!(
            matches!(error, OidcError::Signature(_) | OidcError::MalformedIdToken(_)),
            "{header}: {error}"
        );
    }
}

#[tokio::test]
async fn oidc_rejects_hmac_token_signed_with_client_secret() {
    // Algorithm confusion: a token "signed" with the client secret proves nothing about the provider.
    let Some(provider) = Provider::start() else { return };
    let rp = provider.relying_party("crmlens").await;
    let (_, pending) = real_id_token(&provider, "crmlens").await;
    let key = CoreHmacKey::new("crmlens-secret".as_bytes());
    let token = CoreIdToken::new(
        claims_for(&provider, &pending),
        &key,
        CoreJwsSigningAlgorithm::HmacSha256,
        None,
        None,
    )
    .unwrap();
    let error = rp.verify_id_token(&token.to_string(), &pending, SystemTime::now()).await.unwrap_err();
    assert!(matches!(error, OidcError::Signature(_)), "{error}");
}

#[tokio::test]
async fn oidc_rejects_token_signed_by_another_key() {
    let Some(provider) = Provider::start() else { return };
    let stranger = Provider::start().unwrap();
    let rp = provider.relying_party("crmlens").await;
    let (_, pending) = real_id_token(&provider, "crmlens").await;
    // Claims our provider would issue, signed by another provider's key: once under our
    // provider's kid (bad signature), once under the stranger's own kid (unknown key).
    let our_kid = provider.process.announcement["kid"].as_str().unwrap();
    let pem = stranger.process.announcement["signing_key_pem"].as_str().unwrap();
    let key = CoreRsaPrivateSigningKey::from_pem(pem, Some(JsonWebKeyId::new(our_kid.to_owned()))).unwrap();
    let alg = CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256;
    let token = CoreIdToken::new(claims_for(&provider, &pending), &key, alg.clone(), None, None).unwrap();
    let error = rp.verify_id_token(&token.to_string(), &pending, SystemTime::now()).await.unwrap_err();
    assert!(matches!(error, OidcError::Signature(_)), "{error}");
    let token =
        CoreIdToken::new(claims_for(&provider, &pending), &stranger.signing_key(), alg, None, None).unwrap();
    let error = rp.verify_id_token(&token.to_string(), &pending, SystemTime::now()).await.unwrap_err();
    assert!(matches!(error, OidcError::UnknownSigningKey), "{error}");
}

#[tokio::test]
async fn oidc_rejects_wrong_audience() {
    let Some(provider) = Provider::start() else { return };
    let rp = provider.relying_party("crmlens").await;
    // A real token the provider issued to another client.
    let (token, pending) = real_id_token(&provider, "other-client").await;
    let error = rp.verify_id_token(&token, &pending, SystemTime::now()).await.unwrap_err();
    assert!(matches!(error, OidcError::Audience(_)), "{error}");
    // And a validly signed token listing us beside an audience we do not trust.
    let mut claims = claims_for(&provider, &pending);
    claims = claims
        .set_audiences(vec![Audience::new("crmlens".to_owned()), Audience::new("other-client".to_owned())]);
    let error = rp.verify_id_token(&sign(&provider, claims), &pending, SystemTime::now()).await.unwrap_err();
    assert!(matches!(error, OidcError::Audience(_)), "{error}");
}

#[tokio::test]
async fn oidc_rejects_wrong_authorized_party() {
    let Some(provider) = Provider::start() else { return };
    let rp = provider.relying_party("crmlens").await;
    let (_, pending) = real_id_token(&provider, "crmlens").await;
    let claims = claims_for(&provider, &pending)
        .set_authorized_party(Some(openidconnect::ClientId::new("other-client".to_owned())));
    let error = rp.verify_id_token(&sign(&provider, claims), &pending, SystemTime::now()).await.unwrap_err();
    assert!(matches!(error, OidcError::AuthorizedParty(_)), "{error}");
}

#[tokio::test]
async fn oidc_rejects_wrong_issuer_claim() {
    let Some(provider) = Provider::start() else { return };
    let rp = provider.relying_party("crmlens").await;
    let (_, pending) = real_id_token(&provider, "crmlens").await;
    let claims =
        claims_for(&provider, &pending).set_issuer(IssuerUrl::new("https://evil.test".to_owned()).unwrap());
    let error = rp.verify_id_token(&sign(&provider, claims), &pending, SystemTime::now()).await.unwrap_err();
    assert!(matches!(error, OidcError::Issuer(_)), "{error}");
}

#[tokio::test]
async fn oidc_rejects_expired_token() {
    let Some(provider) = Provider::start() else { return };
    let rp = provider.relying_party("crmlens").await;
    let (token, pending) = real_id_token(&provider, "crmlens").await;
    // The provider puts the e-mail in UserInfo, not the token, so the bare token stops there.
    let now = rp.verify_id_token(&token, &pending, SystemTime::now()).await.unwrap_err();
    assert!(matches!(now, OidcError::Email(EmailError::Missing)), "{now}");
    let two_hours_later = SystemTime::now() + Duration::from_secs(2 * 3600);
    let error = rp.verify_id_token(&token, &pending, two_hours_later).await.unwrap_err();
    assert!(matches!(error, OidcError::Expired(_)), "{error}");
}

#[tokio::test]
async fn oidc_rejects_stale_or_future_issued_at() {
    let Some(provider) = Provider::start() else { return };
    let rp = provider.relying_party("crmlens").await;
    let (_, pending) = real_id_token(&provider, "crmlens").await;
    for shift in [chrono::Duration::hours(-1), chrono::Duration::hours(1)] {
        let claims = claims_for(&provider, &pending)
            .set_issue_time(Utc::now() + shift)
            .set_expiration(Utc::now() + chrono::Duration::hours(3));
        let error =
            rp.verify_id_token(&sign(&provider, claims), &pending, SystemTime::now()).await.unwrap_err();
        assert!(matches!(error, OidcError::IssuedAt(_)), "{error}");
    }
}

#[tokio::test]
async fn oidc_rejects_nonce_replay() {
    let Some(provider) = Provider::start() else { return };
    let rp = provider.relying_party("crmlens").await;
    // A real token from one sign-in, replayed into another sign-in.
    let (token, _) = real_id_token(&provider, "crmlens").await;
    let other = rp.start_login(SystemTime::now()).unwrap().pending;
    let error = rp.verify_id_token(&token, &other, SystemTime::now()).await.unwrap_err();
    assert!(matches!(error, OidcError::Nonce(_)), "{error}");
}

#[tokio::test]
async fn oidc_rejects_state_mismatch() {
    let Some(provider) = Provider::start() else { return };
    let rp = provider.relying_party("crmlens").await;
    let (pending, mut callback) = callback_for(&rp).await;
    callback.state = Some("attacker-state".to_owned());
    let error = rp.finish_login(&pending, &callback, SystemTime::now()).await.unwrap_err();
    assert!(matches!(error, OidcError::StateMismatch), "{error}");
    callback.state = None;
    let error = rp.finish_login(&pending, &callback, SystemTime::now()).await.unwrap_err();
    assert!(matches!(error, OidcError::StateMismatch), "{error}");
}

#[tokio::test]
async fn oidc_rejects_pkce_downgrade() {
    let Some(provider) = Provider::start() else { return };
    let rp = provider.relying_party("crmlens").await;
    // We always ask for S256...
    let started = rp.start_login(SystemTime::now()).unwrap();
    let url = reqwest::Url::parse(&started.authorization_url).unwrap();
    let query: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
    assert_eq!(query.get("code_challenge_method").map(String::as_str), Some("S256"));
    assert!(
        query.contains_key("code_challenge") && query.contains_key("nonce") && query.contains_key("state")
    );
    // ...refuse a provider offering only `plain`...
    assert!(matches!(
        require_pkce_s256(Some(&["plain".to_owned()])),
        Err(OidcConfigError::PkceS256Unsupported { .. })
    ));
    // ...and a code redeemed without its verifier (an injected or stolen code) is refused by
    // the real provider, so the sign-in fails.
    let (mut pending, callback) = callback_for(&rp).await;
    pending.pkce_verifier = rp.start_login(SystemTime::now()).unwrap().pending.pkce_verifier;
    let error = rp.finish_login(&pending, &callback, SystemTime::now()).await.unwrap_err();
    assert!(matches!(error, OidcError::TokenExchange(_)), "{error}");
}

#[tokio::test]
async fn oidc_rejects_mix_up_wrong_iss() {
    let Some(provider) = Provider::start() else { return };
    let rp = provider.relying_party("crmlens").await;
    let (pending, mut callback) = callback_for(&rp).await;
    callback.iss = Some("https://attacker-idp.test".to_owned());
    let error = rp.finish_login(&pending, &callback, SystemTime::now()).await.unwrap_err();
    assert!(matches!(error, OidcError::IssuerMixUp { .. }), "{error}");
    // The provider announces RFC 9207, so a callback without `iss` is refused too.
    callback.iss = None;
    let error = rp.finish_login(&pending, &callback, SystemTime::now()).await.unwrap_err();
    assert!(matches!(error, OidcError::MissingIssuerParameter), "{error}");
    // A sign-in started at another tenant's provider cannot be finished here.
    let (mut pending, callback) = callback_for(&rp).await;
    pending.issuer = "https://attacker-idp.test".to_owned();
    let error = rp.finish_login(&pending, &callback, SystemTime::now()).await.unwrap_err();
    assert!(matches!(error, OidcError::PendingForAnotherProvider), "{error}");
}

#[tokio::test]
async fn oidc_rejects_email_outside_allowed_domains() {
    let Some(provider) = Provider::start() else { return };
    let mut settings = provider.settings("crmlens");
    settings.allowed_email_domains = EmailDomains::new(["other.test"]);
    let rp = OidcRelyingParty::discover(settings, SystemTime::now()).await.unwrap();
    let (pending, callback) = callback_for(&rp).await;
    let error = rp.finish_login(&pending, &callback, SystemTime::now()).await.unwrap_err();
    assert!(matches!(error, OidcError::Email(EmailError::DomainNotAllowed { .. })), "{error}");
}

#[tokio::test]
async fn oidc_refreshes_jwks_on_key_rotation_at_most_once_per_floor() {
    let Some(provider) = Provider::start() else { return };
    let port = provider.port();
    let eager = provider.relying_party("crmlens").await;
    let mut settings = provider.settings("crmlens");
    settings.jwks_min_refresh_interval = Duration::from_secs(3600);
    let patient = OidcRelyingParty::discover(settings, SystemTime::now()).await.unwrap();
    // The provider restarts on the same issuer URL with a new key.
    drop(provider);
    let rotated = Provider { process: start_oidc_provider(Some(port)) };
    let (pending, callback) = callback_for(&eager).await;
    let later = SystemTime::now() + Duration::from_secs(61);
    eager.finish_login(&pending, &callback, later).await.expect("unknown kid triggers one JWKS refresh");
    let (pending, callback) = callback_for(&patient).await;
    let error = patient.finish_login(&pending, &callback, later).await.unwrap_err();
    assert!(matches!(error, OidcError::UnknownSigningKey), "refresh floor not respected: {error}");
    drop(rotated);
}

#[tokio::test]
async fn oidc_http_client_follows_no_redirects() {
    // A "provider" whose discovery document redirects elsewhere (say, to an internal address).
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = [0u8; 2048];
        let _ = stream.read(&mut request);
        let answer = "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:9/secret\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        stream.write_all(answer.as_bytes()).unwrap();
    });
    let settings = OidcSettings::new(
        format!("http://127.0.0.1:{port}"),
        "crmlens",
        SecretString::from("s".to_owned()),
        REDIRECT_URI,
        EmailDomains::new(["example.com"]),
    );
    let error = OidcRelyingParty::discover(settings, SystemTime::now()).await.err().unwrap();
    assert!(matches!(error, OidcConfigError::Discovery(_)), "{error}");
    server.join().unwrap();
}

#[tokio::test]
async fn oidc_extra_root_ca_must_be_pem() {
    let mut settings = OidcSettings::new(
        "https://idp.test",
        "crmlens",
        SecretString::from("s".to_owned()),
        REDIRECT_URI,
        EmailDomains::new(["example.com"]),
    );
    settings.extra_root_ca_pem = Some("not a certificate".to_owned());
    let error = OidcRelyingParty::discover(settings, SystemTime::now()).await.err().unwrap();
    assert!(matches!(error, OidcConfigError::RootCa(_)), "{error}");
}

/// A root CA and a certificate for 127.0.0.1 it signed, as PEM: (ca, leaf, leaf key).
fn private_ca_and_server_certificate() -> (String, String, String) {
    let ca_key = rcgen::KeyPair::generate().unwrap();
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params.distinguished_name.push(rcgen::DnType::CommonName, "crmlens test private CA");
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let server_key = rcgen::KeyPair::generate().unwrap();
    let server = rcgen::CertificateParams::new(vec!["127.0.0.1".to_owned()])
        .unwrap()
        .signed_by(&server_key, &ca, &ca_key)
        .unwrap();
    (ca.pem(), server.pem(), server_key.serialize_pem())
}

#[tokio::test]
async fn oidc_trusts_a_private_ca_only_when_configured() {
    if !identity_providers_installed() {
        return;
    }
    let (ca_pem, server_pem, key_pem) = private_ca_and_server_certificate();
    let dir = tempfile::tempdir().unwrap();
    let (certificate, key) = (dir.path().join("server.pem"), dir.path().join("server.key"));
    std::fs::write(&certificate, server_pem).unwrap();
    std::fs::write(&key, key_pem).unwrap();
    let provider = Provider { process: start_oidc_provider_with_tls(None, Some((&certificate, &key))) };
    assert!(provider.issuer().starts_with("https://"));
    // The bundled web roots do not know the private CA...
    let error =
        OidcRelyingParty::discover(provider.settings("crmlens"), SystemTime::now()).await.err().unwrap();
    assert!(matches!(error, OidcConfigError::Discovery(_)), "{error}");
    // ...and with it configured, a full sign-in over TLS works.
    let mut settings = provider.settings("crmlens");
    settings.extra_root_ca_pem = Some(ca_pem.clone());
    let rp = OidcRelyingParty::discover(settings, SystemTime::now()).await.unwrap();
    let started = rp.start_login(SystemTime::now()).unwrap();
    let callback = sign_in_at_provider_trusting(&started.authorization_url, &ca_pem).await;
    let identity = rp.finish_login(&started.pending, &callback, SystemTime::now()).await.unwrap();
    assert_eq!(identity.email, "alice@example.com");
}
