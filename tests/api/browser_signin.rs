//! Headless-Chromium sign-in from inside a cross-site CRM iframe with third-party cookies
//! blocked: the session must reach the iframe's own partitioned cookie jar.

use crmlens::storage::ids::{Seat, TenantSlug};
use crmlens::storage::tenants::{self, TenantSettings};

use crate::app::{TestApp, free_port};
use crate::auth::{PASSWORD, seed_user};
use crate::browser::{browser, run_scenario};

/// Lets `http://127.0.0.1:crm_port` frame the tenant's pages.
pub fn allow_crm_origin(app: &TestApp, slug: &str, crm_port: u16) {
    let mut conn = app.state.pool.get().unwrap();
    let tenant = tenants::require_by_slug(&mut conn, &TenantSlug::parse(slug).unwrap()).unwrap();
    let mut settings = TenantSettings::named(&tenant.name);
    settings.allowed_origins = vec![format!("http://127.0.0.1:{crm_port}")];
    tenants::update(&mut conn, tenant.id, &settings).unwrap();
}

/// Runs a scenario off the async test thread, so the in-process server keeps answering.
pub async fn run_blocking(
    name: &'static str,
    executable: String,
    env: Vec<(String, String)>,
) -> serde_json::Value {
    actix_web::rt::task::spawn_blocking(move || {
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        run_scenario(name, &executable, &env)
    })
    .await
    .unwrap()
}

#[actix_web::test]
async fn browser_local_sign_in_inside_a_cross_site_iframe_with_third_party_cookies_blocked() {
    let Some(executable) = browser() else { return };
    let app = TestApp::spawn().await;
    seed_user(&app, "acme", "rita@acme.com", Seat::Team);
    let crm_port = free_port();
    allow_crm_origin(&app, "acme", crm_port);
    let env = vec![
        ("CRMLENS_URL".to_owned(), app.address.clone()),
        ("CRMLENS_TENANT".to_owned(), "acme".to_owned()),
        ("CRM_PORT".to_owned(), crm_port.to_string()),
        ("CRMLENS_EMAIL".to_owned(), "rita@acme.com".to_owned()),
        ("CRMLENS_PASSWORD".to_owned(), PASSWORD.to_owned()),
    ];
    let result = run_blocking("signin_local", executable, env).await;
    assert_eq!(result["name"], "Rita Rep");
    assert_eq!(result["via"], "message", "the opener survives our own pages: postMessage is used");
}

#[actix_web::test]
async fn browser_sign_in_reaches_the_iframe_by_polling_when_coop_severs_the_opener() {
    let Some(executable) = browser() else { return };
    let app = TestApp::spawn().await;
    seed_user(&app, "acme", "rita@acme.com", Seat::Team);
    let crm_port = free_port();
    allow_crm_origin(&app, "acme", crm_port);
    let env = vec![
        ("CRMLENS_URL".to_owned(), app.address.clone()),
        ("CRMLENS_TENANT".to_owned(), "acme".to_owned()),
        ("CRM_PORT".to_owned(), crm_port.to_string()),
        ("CRMLENS_EMAIL".to_owned(), "rita@acme.com".to_owned()),
        ("CRMLENS_PASSWORD".to_owned(), PASSWORD.to_owned()),
        ("SEVER_OPENER".to_owned(), "1".to_owned()),
    ];
    let result = run_blocking("signin_local", executable, env).await;
    assert_eq!(result["name"], "Rita Rep");
    assert_eq!(result["via"], "poll");
}

fn scenario_env(app: &TestApp, tenant: &str, crm_port: u16) -> Vec<(String, String)> {
    vec![
        ("CRMLENS_URL".to_owned(), app.address.clone()),
        ("CRMLENS_TENANT".to_owned(), tenant.to_owned()),
        ("CRM_PORT".to_owned(), crm_port.to_string()),
    ]
}

#[actix_web::test]
async fn browser_oidc_sign_in_inside_a_cross_site_iframe_with_third_party_cookies_blocked() {
    let Some(executable) = browser() else { return };
    if !crate::sso_support::identity_providers_installed() {
        return;
    }
    let app = crate::auth_sso::app_with_public_url().await;
    let _provider = crate::auth_sso::oidc_tenant(&app, "example", true, &["example.com"]);
    let crm_port = free_port();
    allow_crm_origin(&app, "example", crm_port);
    let result = run_blocking("signin_oidc", executable, scenario_env(&app, "example", crm_port)).await;
    assert_eq!(result["name"], "Alice Example");
}

#[actix_web::test]
async fn browser_saml_sign_in_inside_a_cross_site_iframe_with_third_party_cookies_blocked() {
    let Some(executable) = browser() else { return };
    if !crate::sso_support::identity_providers_installed() {
        return;
    }
    let app = crate::auth_sso::app_with_public_url().await;
    let (_idp, _tenant, _dir) = crate::auth_sso::saml_tenant(&app, "example", true).await;
    let crm_port = free_port();
    allow_crm_origin(&app, "example", crm_port);
    let result = run_blocking("signin_saml", executable, scenario_env(&app, "example", crm_port)).await;
    assert_eq!(result["name"], "Alice Example");
}
