//! The OIDC and SAML sign-in routes against the real test IdPs, with the handoff to the iframe,
//! just-in-time provisioning, refusals, and the SAML replay / CSRF-exemption rules.

use reqwest::StatusCode;
use reqwest::header::{COOKIE, LOCATION, ORIGIN};

use crmlens::storage::ids::{Seat, TenantId, TenantSlug};
use crmlens::storage::sso_config::{self, OidcClientConfig, SamlIdpConfig, SsoConfig};
use crmlens::storage::tenants::{self, TenantSettings};
use crmlens::storage::{audit, unix_now, users};

use crate::app::{TestApp, free_port};
use crate::auth::{client, handoff_secret, redeem, session_cookie};
use crate::sso_support::{
    IdpProcess, identity_providers_installed, start_oidc_provider_redirecting_to, start_saml_idp,
};

/// An app whose public URL is the address tests and browsers use (SSO needs exact URLs).
pub async fn app_with_public_url() -> TestApp {
    let port = free_port();
    TestApp::spawn_with(|args| {
        args.bind = Some(format!("127.0.0.1:{port}"));
        args.public_url = Some(format!("http://localhost:{port}"));
    })
    .await
}

pub fn create_tenant(app: &TestApp, slug: &str) -> TenantId {
    let mut conn = app.state.pool.get().unwrap();
    tenants::create(
        &mut conn,
        &TenantSlug::parse(slug).unwrap(),
        &TenantSettings::named("Example"),
        unix_now(),
    )
    .unwrap()
    .id
}

pub fn configure_sso(app: &TestApp, tenant: TenantId, config: &SsoConfig) {
    let mut conn = app.state.pool.get().unwrap();
    sso_config::put(&mut conn, tenant, config, unix_now()).unwrap();
}

/// Starts the OIDC provider for this app and configures the tenant for it.
pub fn oidc_tenant(app: &TestApp, slug: &str, jit: bool, domains: &[&str]) -> (IdpProcess, TenantId) {
    let provider = start_oidc_provider_redirecting_to(&format!("{}/auth/oidc/callback", app.address));
    let tenant = create_tenant(app, slug);
    let config = SsoConfig {
        oidc: Some(OidcClientConfig {
            issuer: provider.announcement["issuer"].as_str().unwrap().to_owned(),
            client_id: "crmlens".into(),
            client_secret: Some("crmlens-secret".into()),
        }),
        saml: None,
        allowed_domains: domains.iter().map(|d| (*d).to_owned()).collect(),
        jit_provisioning: jit,
    };
    configure_sso(app, tenant, &config);
    (provider, tenant)
}

/// Plays the browser at the provider: follows redirects (keeping the provider's cookies) from
/// our start URL until the provider sends it back to our callback; returns that callback URL.
async fn through_provider(app: &TestApp, start: &str) -> String {
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut url = reqwest::Url::parse(&app.url(start)).unwrap();
    for _ in 0..12 {
        let response = browser.get(url.clone()).send().await.unwrap();
        let location = response.headers().get(LOCATION).map(|v| v.to_str().unwrap().to_owned());
        let Some(location) = location else {
            panic!("stopped at {url} with {}: {}", response.status(), response.text().await.unwrap());
        };
        url = url.join(&location).unwrap();
        if url.as_str().starts_with(&app.url("/auth/oidc/callback")) {
            return url.to_string();
        }
    }
    panic!("too many redirects");
}

#[actix_web::test]
async fn oidc_sign_in_provisions_just_in_time_and_hands_the_session_to_the_iframe() {
    if !identity_providers_installed() {
        return;
    }
    let app = app_with_public_url().await;
    let (_provider, tenant) = oidc_tenant(&app, "example", true, &["example.com"]);
    let (secret, hash) = handoff_secret();
    let callback = through_provider(&app, &format!("/auth/oidc/start?tenant=example&handoff={hash}")).await;
    let response = client().get(&callback).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{}", response.text().await.unwrap());
    assert_eq!(response.headers()[LOCATION], "/auth/signed-in");
    let redeemed = redeem(&app, &secret).await;
    assert_eq!(redeemed.status(), StatusCode::OK);
    let cookie = session_cookie(redeemed.headers()).unwrap();
    let account = client().get(app.url("/auth/account")).header(COOKIE, cookie).send().await.unwrap();
    let body = account.text().await.unwrap();
    assert!(body.contains("alice@example.com") && body.contains("oidc"), "{body}");

    let mut conn = app.state.pool.get().unwrap();
    let alice = users::find_by_email(&mut conn, tenant, "alice@example.com").unwrap().unwrap();
    assert_eq!(
        (alice.seat, alice.name.as_str()),
        (Seat::None, "Alice Example"),
        "provisioned without a seat"
    );
    let events: Vec<String> =
        audit::recent_for_tenant(&mut conn, tenant, 10).unwrap().into_iter().map(|e| e.event).collect();
    assert!(events.contains(&"user_provisioned".to_owned()) && events.contains(&"sign_in".to_owned()));
}

#[actix_web::test]
async fn oidc_state_replay_is_refused() {
    if !identity_providers_installed() {
        return;
    }
    let app = app_with_public_url().await;
    let _idp = oidc_tenant(&app, "example", true, &["example.com"]);
    let callback = through_provider(&app, "/auth/oidc/start?tenant=example").await;
    assert_eq!(client().get(&callback).send().await.unwrap().status(), StatusCode::SEE_OTHER);
    let replay = client().get(&callback).send().await.unwrap();
    assert_eq!(replay.status(), StatusCode::BAD_REQUEST);
    assert!(session_cookie(replay.headers()).is_none());
}

#[actix_web::test]
async fn oidc_without_just_in_time_provisioning_refuses_unknown_users_clearly() {
    if !identity_providers_installed() {
        return;
    }
    let app = app_with_public_url().await;
    let _idp = oidc_tenant(&app, "example", false, &["example.com"]);
    let callback = through_provider(&app, "/auth/oidc/start?tenant=example").await;
    let response = client().get(&callback).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(session_cookie(response.headers()).is_none());
    assert!(response.text().await.unwrap().contains("ask your crmlens admin to add you"));
}

#[actix_web::test]
async fn oidc_identity_from_a_domain_the_tenant_does_not_allow_is_refused() {
    if !identity_providers_installed() {
        return;
    }
    let app = app_with_public_url().await;
    let _idp = oidc_tenant(&app, "example", true, &["acme.com"]);
    let callback = through_provider(&app, "/auth/oidc/start?tenant=example").await;
    let response = client().get(&callback).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(session_cookie(response.headers()).is_none());
    assert!(response.text().await.unwrap().contains("example.com"));
}

/// A tenant trusting a pysaml2 IdP that trusts this app's SP metadata.
pub async fn saml_tenant(
    app: &TestApp,
    slug: &str,
    browser_post: bool,
) -> (IdpProcess, TenantId, tempfile::TempDir) {
    let metadata = client().get(app.url("/auth/saml/metadata")).send().await.unwrap();
    assert_eq!(metadata.status(), StatusCode::OK);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sp.xml");
    std::fs::write(&path, metadata.text().await.unwrap()).unwrap();
    let idp = if browser_post {
        crate::sso_support::start_saml_idp_for_browsers(&path)
    } else {
        start_saml_idp(&path, None, false)
    };
    let idp_metadata =
        reqwest::get(idp.announcement["metadata_url"].as_str().unwrap()).await.unwrap().text().await.unwrap();
    let tenant = create_tenant(app, slug);
    let config = SsoConfig {
        oidc: None,
        saml: Some(SamlIdpConfig { metadata_xml: idp_metadata, allow_sha1: false }),
        allowed_domains: vec!["example.com".into()],
        jit_provisioning: true,
    };
    configure_sso(app, tenant, &config);
    (idp, tenant, dir)
}

/// Starts SAML sign-in and asks the IdP (JSON mode) for its signed response.
async fn saml_response(app: &TestApp, start: &str) -> (String, String) {
    let started = client().get(app.url(start)).send().await.unwrap();
    assert_eq!(started.status(), StatusCode::SEE_OTHER);
    let idp_url = started.headers()[LOCATION].to_str().unwrap().to_owned();
    let answer: serde_json::Value = reqwest::get(&idp_url).await.unwrap().json().await.unwrap();
    (answer["saml_response"].as_str().unwrap().to_owned(), answer["acs_url"].as_str().unwrap().to_owned())
}

async fn post_acs(acs_url: &str, saml_response: &str) -> reqwest::Response {
    client()
        .post(acs_url)
        // The IdP's page posts it: a cross-site request, exempt from the CSRF check.
        .header(ORIGIN, "http://127.0.0.1:1")
        .form(&[("SAMLResponse", saml_response)])
        .send()
        .await
        .unwrap()
}

#[actix_web::test]
async fn saml_sign_in_through_the_acs_hands_the_session_to_the_iframe() {
    if !identity_providers_installed() {
        return;
    }
    let app = app_with_public_url().await;
    let (_idp, tenant, _dir) = saml_tenant(&app, "example", false).await;
    let (secret, hash) = handoff_secret();
    let (response, acs_url) =
        saml_response(&app, &format!("/auth/saml/login?tenant=example&handoff={hash}")).await;
    assert_eq!(acs_url, app.url("/auth/saml/acs"));
    let signed_in = post_acs(&acs_url, &response).await;
    assert_eq!(signed_in.status(), StatusCode::SEE_OTHER, "{}", signed_in.text().await.unwrap());
    assert_eq!(signed_in.headers()[LOCATION], "/auth/signed-in");
    assert_eq!(redeem(&app, &secret).await.status(), StatusCode::OK);
    let mut conn = app.state.pool.get().unwrap();
    assert!(users::find_by_email(&mut conn, tenant, "alice@example.com").unwrap().is_some());
}

#[actix_web::test]
async fn saml_replayed_response_is_refused_at_the_acs() {
    if !identity_providers_installed() {
        return;
    }
    let app = app_with_public_url().await;
    let (_idp, _tenant, _dir) = saml_tenant(&app, "example", false).await;
    let (response, acs_url) = saml_response(&app, "/auth/saml/login?tenant=example").await;
    assert_eq!(post_acs(&acs_url, &response).await.status(), StatusCode::SEE_OTHER);
    let replay = post_acs(&acs_url, &response).await;
    assert_eq!(replay.status(), StatusCode::FORBIDDEN);
    assert!(session_cookie(replay.headers()).is_none());
}

#[actix_web::test]
async fn saml_unsolicited_or_garbage_response_is_refused_at_the_acs() {
    let app = app_with_public_url().await;
    for garbage in ["bm90IHhtbA==", "PFJlc3BvbnNlLz4="] {
        let response = post_acs(&app.url("/auth/saml/acs"), garbage).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert!(session_cookie(response.headers()).is_none());
    }
}
