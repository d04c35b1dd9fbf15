//! Sessions, CSRF, local sign-in, lockout and the iframe handoff, over HTTP against the
//! in-process server. Security tests are named after the attack they stop.

use reqwest::StatusCode;
use reqwest::header::{COOKIE, HeaderMap, LOCATION, ORIGIN, SET_COOKIE};
use secrecy::SecretString;
use sha2::{Digest, Sha256};

use crmlens::storage::credentials::hash_password;
use crmlens::storage::ids::{Role, Seat, TenantSlug};
use crmlens::storage::tenants::{self, TenantSettings};
use crmlens::storage::users::{self, NewUser};
use crmlens::storage::{audit, unix_now};

use crate::app::TestApp;

pub const PASSWORD: &str = "correct horse battery staple";

/// A browser without a cookie jar: tests carry cookies by hand to see every attribute.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// Adds a tenant `slug` (framable by `crm_origin`) with one user holding a password.
pub fn seed_user(app: &TestApp, slug: &str, email: &str, seat: Seat) -> users::User {
    let mut conn = app.state.pool.get().unwrap();
    let slug = TenantSlug::parse(slug).unwrap();
    let tenant = match tenants::find_by_slug(&mut conn, &slug).unwrap() {
        Some(tenant) => tenant,
        None => tenants::create(&mut conn, &slug, &TenantSettings::named("Acme"), unix_now()).unwrap(),
    };
    let new = NewUser {
        email: email.into(),
        name: "Rita Rep".into(),
        role: Role::Rep,
        seat,
        member_id: None,
        password_hash: Some(hash_password(&SecretString::from(PASSWORD)).unwrap()),
    };
    users::add(&mut conn, tenant.id, &new, unix_now()).unwrap()
}

/// The session cookie's `name=value` from a response, if it set one.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with("__Host-crmlens_session=") && !v.contains("Max-Age=0"))
        .map(|v| v.split(';').next().unwrap().to_owned())
}

pub async fn sign_in(app: &TestApp, tenant: &str, email: &str, password: &str) -> reqwest::Response {
    client()
        .post(app.url("/auth/signin"))
        .header(ORIGIN, &app.address)
        .form(&[("tenant", tenant), ("email", email), ("password", password)])
        .send()
        .await
        .unwrap()
}

/// Signs in and returns the cookie and the session's CSRF token.
pub async fn signed_in(app: &TestApp, tenant: &str, email: &str) -> (String, String) {
    let response = sign_in(app, tenant, email, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let cookie = session_cookie(response.headers()).expect("a session cookie");
    let token = csrf_token(app, &cookie).await;
    (cookie, token)
}

/// Reads the CSRF token from the account page.
pub async fn csrf_token(app: &TestApp, cookie: &str) -> String {
    let page = client().get(app.url("/auth/account")).header(COOKIE, cookie).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let body = page.text().await.unwrap();
    let start = body.find("name=\"csrf_token\" value=\"").unwrap() + "name=\"csrf_token\" value=\"".len();
    body[start..].split('"').next().unwrap().to_owned()
}

async fn account_status(app: &TestApp, cookie: &str) -> StatusCode {
    client().get(app.url("/auth/account")).header(COOKIE, cookie).send().await.unwrap().status()
}

#[actix_web::test]
async fn sign_in_sets_a_host_only_partitioned_session_cookie() {
    let app = TestApp::spawn().await;
    seed_user(&app, "acme", "rita@acme.com", Seat::Team);
    let response = sign_in(&app, "acme", "rita@acme.com", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let set_cookie = response.headers().get(SET_COOKIE).unwrap().to_str().unwrap().to_owned();
    for attribute in
        ["__Host-crmlens_session=", "Secure", "HttpOnly", "SameSite=None", "Partitioned", "Path=/"]
    {
        assert!(set_cookie.contains(attribute), "{attribute} missing: {set_cookie}");
    }
    let cookie = session_cookie(response.headers()).unwrap();
    let account = client().get(app.url("/auth/account")).header(COOKIE, &cookie).send().await.unwrap();
    assert_eq!(account.status(), StatusCode::OK);
    assert!(account.text().await.unwrap().contains("rita@acme.com"));
}

#[actix_web::test]
async fn signed_out_viewer_gets_401() {
    let app = TestApp::spawn().await;
    assert_eq!(account_status(&app, "__Host-crmlens_session=made-up").await, StatusCode::UNAUTHORIZED);
    let bare = client().get(app.url("/auth/account")).send().await.unwrap();
    assert_eq!(bare.status(), StatusCode::UNAUTHORIZED);
}

#[actix_web::test]
async fn session_fixation_planted_cookie_is_replaced_and_revoked_on_sign_in() {
    let app = TestApp::spawn().await;
    seed_user(&app, "acme", "rita@acme.com", Seat::Team);
    seed_user(&app, "acme", "mallory@acme.com", Seat::Team);
    // The attacker plants their own valid session cookie in the victim's browser.
    let (planted, _) = signed_in(&app, "acme", "mallory@acme.com").await;
    let response = client()
        .post(app.url("/auth/signin"))
        .header(ORIGIN, &app.address)
        .header(COOKIE, &planted)
        .form(&[("tenant", "acme"), ("email", "rita@acme.com"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    let fresh = session_cookie(response.headers()).unwrap();
    assert_ne!(fresh, planted, "sign-in must issue a new session id");
    assert_eq!(account_status(&app, &planted).await, StatusCode::UNAUTHORIZED, "the planted session ends");
    assert_eq!(account_status(&app, &fresh).await, StatusCode::OK);
}

#[actix_web::test]
async fn csrf_missing_token_is_refused() {
    let app = TestApp::spawn().await;
    seed_user(&app, "acme", "rita@acme.com", Seat::Team);
    let (cookie, _) = signed_in(&app, "acme", "rita@acme.com").await;
    let forged = client().post(app.url("/auth/signout")).header(COOKIE, &cookie).send().await.unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert_eq!(account_status(&app, &cookie).await, StatusCode::OK, "the session survives");
}

#[actix_web::test]
async fn csrf_wrong_token_is_refused() {
    let app = TestApp::spawn().await;
    seed_user(&app, "acme", "rita@acme.com", Seat::Team);
    seed_user(&app, "acme", "mallory@acme.com", Seat::Team);
    let (cookie, _) = signed_in(&app, "acme", "rita@acme.com").await;
    let (_, other_token) = signed_in(&app, "acme", "mallory@acme.com").await;
    let forged = client()
        .post(app.url("/auth/signout"))
        .header(COOKIE, &cookie)
        .header("X-CSRF-Token", other_token)
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert_eq!(account_status(&app, &cookie).await, StatusCode::OK);
}

#[actix_web::test]
async fn csrf_foreign_origin_is_refused_even_with_the_token() {
    let app = TestApp::spawn().await;
    seed_user(&app, "acme", "rita@acme.com", Seat::Team);
    let (cookie, token) = signed_in(&app, "acme", "rita@acme.com").await;
    let forged = client()
        .post(app.url("/auth/signout"))
        .header(COOKIE, &cookie)
        .header("X-CSRF-Token", &token)
        .header(ORIGIN, "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert_eq!(account_status(&app, &cookie).await, StatusCode::OK);
}

#[actix_web::test]
async fn csrf_token_in_the_header_or_the_form_field_is_accepted() {
    let app = TestApp::spawn().await;
    seed_user(&app, "acme", "rita@acme.com", Seat::Team);
    let (cookie, token) = signed_in(&app, "acme", "rita@acme.com").await;
    let by_header = client()
        .post(app.url("/auth/signout"))
        .header(COOKIE, &cookie)
        .header("X-CSRF-Token", &token)
        .header(ORIGIN, &app.address)
        .send()
        .await
        .unwrap();
    assert_eq!(by_header.status(), StatusCode::SEE_OTHER);
    assert_eq!(account_status(&app, &cookie).await, StatusCode::UNAUTHORIZED, "signed out");

    let (cookie, token) = signed_in(&app, "acme", "rita@acme.com").await;
    let by_form = client()
        .post(app.url("/auth/signout"))
        .header(COOKIE, &cookie)
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(by_form.status(), StatusCode::SEE_OTHER);
    assert_eq!(account_status(&app, &cookie).await, StatusCode::UNAUTHORIZED);
}

#[actix_web::test]
async fn login_csrf_sign_in_from_a_foreign_origin_or_without_origin_is_refused() {
    let app = TestApp::spawn().await;
    seed_user(&app, "acme", "rita@acme.com", Seat::Team);
    for origin in [Some("https://evil.example"), None] {
        let mut request = client().post(app.url("/auth/signin")).form(&[
            ("tenant", "acme"),
            ("email", "rita@acme.com"),
            ("password", PASSWORD),
        ]);
        if let Some(origin) = origin {
            request = request.header(ORIGIN, origin);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "origin {origin:?}");
        assert!(session_cookie(response.headers()).is_none());
    }
}

#[actix_web::test]
async fn sign_out_everywhere_ends_every_session_of_the_user() {
    let app = TestApp::spawn().await;
    seed_user(&app, "acme", "rita@acme.com", Seat::Team);
    let (laptop, token) = signed_in(&app, "acme", "rita@acme.com").await;
    let (phone, _) = signed_in(&app, "acme", "rita@acme.com").await;
    let response = client()
        .post(app.url("/auth/signout/everywhere"))
        .header(COOKIE, &laptop)
        .header("X-CSRF-Token", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(account_status(&app, &laptop).await, StatusCode::UNAUTHORIZED);
    assert_eq!(account_status(&app, &phone).await, StatusCode::UNAUTHORIZED);
}

#[actix_web::test]
async fn account_enumeration_unknown_and_known_accounts_get_identical_refusals() {
    let app = TestApp::spawn().await;
    seed_user(&app, "acme", "rita@acme.com", Seat::Team);
    let wrong_password = sign_in(&app, "acme", "rita@acme.com", "not the password at all").await;
    let no_account = sign_in(&app, "acme", "nobody@acme.com", "not the password at all").await;
    let no_tenant = sign_in(&app, "nosuchtenant", "rita@acme.com", "not the password at all").await;
    let mut bodies = Vec::new();
    for response in [wrong_password, no_account, no_tenant] {
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert!(session_cookie(response.headers()).is_none());
        let body = response.text().await.unwrap();
        assert!(body.contains("The organization, e-mail address or password is wrong."));
        // The form echoes what was typed; remove those values before comparing.
        bodies.push(
            body.replace("rita@acme.com", "EMAIL")
                .replace("nobody@acme.com", "EMAIL")
                .replace("value=\"nosuchtenant\"", "value=\"TENANT\"")
                .replace("value=\"acme\"", "value=\"TENANT\"")
                .replace("value=\"\"", "value=\"TENANT\""),
        );
    }
    assert_eq!(bodies[0], bodies[1], "a known and an unknown account must look alike");
}

#[actix_web::test]
async fn lockout_after_repeated_failures_refuses_even_the_right_password() {
    let app = TestApp::spawn().await;
    let user = seed_user(&app, "acme", "rita@acme.com", Seat::Team);
    for _ in 0..5 {
        let response = sign_in(&app, "acme", "rita@acme.com", "guess guess guess").await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let locked = sign_in(&app, "acme", "rita@acme.com", PASSWORD).await;
    assert_eq!(locked.status(), StatusCode::UNAUTHORIZED);
    assert!(session_cookie(locked.headers()).is_none());
    assert!(locked.text().await.unwrap().contains("Too many failed sign-ins"));
    // Another account is not affected.
    seed_user(&app, "acme", "sam@acme.com", Seat::Team);
    assert_eq!(sign_in(&app, "acme", "sam@acme.com", PASSWORD).await.status(), StatusCode::SEE_OTHER);

    let mut conn = app.state.pool.get().unwrap();
    let events: Vec<String> = audit::recent_for_tenant(&mut conn, user.tenant_id, 50)
        .unwrap()
        .into_iter()
        .map(|e| e.event)
        .collect();
    assert!(events.contains(&"sign_in_lockout".to_owned()), "{events:?}");
    assert!(events.contains(&"sign_in_locked_out".to_owned()), "{events:?}");
    assert!(events.contains(&"sign_in".to_owned()), "{events:?}");
}

#[actix_web::test]
async fn password_change_needs_the_current_password_and_ends_other_sessions() {
    let app = TestApp::spawn().await;
    seed_user(&app, "acme", "rita@acme.com", Seat::Team);
    let (here, token) = signed_in(&app, "acme", "rita@acme.com").await;
    let (elsewhere, _) = signed_in(&app, "acme", "rita@acme.com").await;
    let change = |current: &'static str| {
        client()
            .post(app.url("/auth/password"))
            .header(COOKIE, &here)
            .header("X-CSRF-Token", &token)
            .form(&[("current_password", current), ("new_password", "a brand new long password")])
            .send()
    };
    assert_eq!(change("wrong current password").await.unwrap().status(), StatusCode::BAD_REQUEST);
    assert_eq!(account_status(&app, &elsewhere).await, StatusCode::OK);
    assert_eq!(change(PASSWORD).await.unwrap().status(), StatusCode::OK);
    assert_eq!(account_status(&app, &here).await, StatusCode::OK);
    assert_eq!(account_status(&app, &elsewhere).await, StatusCode::UNAUTHORIZED);
    let response = sign_in(&app, "acme", "rita@acme.com", "a brand new long password").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

/// The iframe's side of the handoff: a secret and the hash the popup gets.
pub fn handoff_secret() -> (String, String) {
    let secret = crmlens::storage::credentials::random_token(32);
    let secret = secrecy::ExposeSecret::expose_secret(&secret).to_owned();
    let hash = hex::encode(Sha256::digest(secret.as_bytes()));
    (secret, hash)
}

async fn popup_sign_in(app: &TestApp, hash: &str) -> reqwest::Response {
    client()
        .post(app.url("/auth/signin"))
        .header(ORIGIN, &app.address)
        .form(&[("tenant", "acme"), ("email", "rita@acme.com"), ("password", PASSWORD), ("handoff", hash)])
        .send()
        .await
        .unwrap()
}

pub async fn redeem(app: &TestApp, secret: &str) -> reqwest::Response {
    client()
        .post(app.url("/auth/handoff/redeem"))
        .header(ORIGIN, &app.address)
        .form(&[("secret", secret)])
        .send()
        .await
        .unwrap()
}

#[actix_web::test]
async fn handoff_gives_the_iframe_its_own_new_session() {
    let app = TestApp::spawn().await;
    seed_user(&app, "acme", "rita@acme.com", Seat::Team);
    let (secret, hash) = handoff_secret();
    assert_eq!(redeem(&app, &secret).await.status(), StatusCode::ACCEPTED, "nothing to redeem yet");
    let popup = popup_sign_in(&app, &hash).await;
    assert_eq!(popup.headers()[LOCATION], "/auth/signed-in");
    let popup_cookie = session_cookie(popup.headers()).unwrap();
    let redeemed = redeem(&app, &secret).await;
    assert_eq!(redeemed.status(), StatusCode::OK);
    let iframe_cookie = session_cookie(redeemed.headers()).unwrap();
    assert_ne!(iframe_cookie, popup_cookie, "the iframe gets a session of its own");
    assert_eq!(account_status(&app, &iframe_cookie).await, StatusCode::OK);
}

#[actix_web::test]
async fn handoff_replay_is_refused() {
    let app = TestApp::spawn().await;
    seed_user(&app, "acme", "rita@acme.com", Seat::Team);
    let (secret, hash) = handoff_secret();
    popup_sign_in(&app, &hash).await;
    assert_eq!(redeem(&app, &secret).await.status(), StatusCode::OK);
    let replay = redeem(&app, &secret).await;
    assert_eq!(replay.status(), StatusCode::ACCEPTED);
    assert!(session_cookie(replay.headers()).is_none());
}

#[actix_web::test]
async fn handoff_wrong_secret_is_refused() {
    let app = TestApp::spawn().await;
    seed_user(&app, "acme", "rita@acme.com", Seat::Team);
    let (secret, hash) = handoff_secret();
    popup_sign_in(&app, &hash).await;
    // Someone who saw the hash (it is in the popup's URL) cannot use it as the secret.
    let (guess, _) = handoff_secret();
    for wrong in [hash.as_str(), guess.as_str()] {
        let response = redeem(&app, wrong).await;
        assert_eq!(response.status(), StatusCode::ACCEPTED);
        assert!(session_cookie(response.headers()).is_none());
    }
    assert_eq!(redeem(&app, &secret).await.status(), StatusCode::OK, "the holder still can");
}

#[actix_web::test]
async fn expired_handoff_is_refused() {
    let app = TestApp::spawn().await;
    let user = seed_user(&app, "acme", "rita@acme.com", Seat::Team);
    let (secret, hash) = handoff_secret();
    let mut conn = app.state.pool.get().unwrap();
    crmlens::storage::handoffs::put(&mut conn, &hash, user.id, "password", unix_now() - 1).unwrap();
    drop(conn);
    assert_eq!(redeem(&app, &secret).await.status(), StatusCode::ACCEPTED);
}

#[actix_web::test]
async fn handoff_redeem_from_a_foreign_origin_is_refused() {
    let app = TestApp::spawn().await;
    seed_user(&app, "acme", "rita@acme.com", Seat::Team);
    let (secret, hash) = handoff_secret();
    popup_sign_in(&app, &hash).await;
    let forged = client()
        .post(app.url("/auth/handoff/redeem"))
        .header(ORIGIN, "https://evil.example")
        .form(&[("secret", secret.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
}

#[actix_web::test]
async fn status_page_is_frameable_only_by_the_tenants_crm_origins() {
    let app = TestApp::spawn().await;
    seed_user(&app, "acme", "rita@acme.com", Seat::None);
    {
        let mut conn = app.state.pool.get().unwrap();
        let tenant = tenants::require_by_slug(&mut conn, &TenantSlug::parse("acme").unwrap()).unwrap();
        let mut settings = TenantSettings::named("Acme");
        settings.allowed_origins = vec!["https://acme.my.salesforce.com".into()];
        tenants::update(&mut conn, tenant.id, &settings).unwrap();
    }
    let signed_out = client().get(app.url("/auth/status?tenant=acme")).send().await.unwrap();
    let csp = signed_out.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("frame-ancestors https://acme.my.salesforce.com"), "{csp}");
    assert!(signed_out.headers().get("x-frame-options").is_none());
    let body = signed_out.text().await.unwrap();
    assert!(body.contains(r#"data-crmlens-signin="/auth/signin?tenant=acme""#), "{body}");
    assert!(body.contains(r#"<script src="/static/js/signin.js" defer></script>"#));

    let (cookie, _) = signed_in(&app, "acme", "rita@acme.com").await;
    let signed_in =
        client().get(app.url("/auth/status?tenant=acme")).header(COOKIE, cookie).send().await.unwrap();
    let body = signed_in.text().await.unwrap();
    assert!(body.contains("Rita Rep") && body.contains("Ask your admin for a seat"), "{body}");

    let sign_in_page = client().get(app.url("/auth/signin?tenant=acme")).send().await.unwrap();
    assert_eq!(sign_in_page.headers()["x-frame-options"], "DENY", "the password form is not frameable");
}

#[actix_web::test]
async fn api_requests_with_a_bearer_token_and_no_session_are_not_csrf_checked() {
    let app = TestApp::spawn().await;
    let response = client()
        .post(app.url("/api/v1/match/member"))
        .header(ORIGIN, "https://acme.my.salesforce.com")
        .header("Authorization", "Bearer crml_000000000000_nonsense")
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_ne!(
        response.status(),
        StatusCode::FORBIDDEN,
        "the API answers for itself (401/404), not the CSRF check"
    );
    // The same request riding on a session cookie is checked.
    seed_user(&app, "acme", "rita@acme.com", Seat::Team);
    let (cookie, _) = signed_in(&app, "acme", "rita@acme.com").await;
    let with_cookie = client()
        .post(app.url("/api/v1/match/member"))
        .header(ORIGIN, "https://acme.my.salesforce.com")
        .header("Authorization", "Bearer crml_000000000000_nonsense")
        .header(COOKIE, cookie)
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(with_cookie.status(), StatusCode::FORBIDDEN);
}

#[actix_web::test]
async fn handoff_hash_already_waiting_cannot_be_claimed_by_a_second_sign_in() {
    let app = TestApp::spawn().await;
    seed_user(&app, "acme", "rita@acme.com", Seat::Team);
    let (secret, hash) = handoff_secret();
    assert_eq!(popup_sign_in(&app, &hash).await.status(), StatusCode::SEE_OTHER);
    // A second sign-in (someone else's, say) naming the same hash is refused, without a session.
    let second = popup_sign_in(&app, &hash).await;
    assert_eq!(second.status(), StatusCode::BAD_REQUEST);
    assert!(session_cookie(second.headers()).is_none());
    assert_eq!(redeem(&app, &secret).await.status(), StatusCode::OK, "the first sign-in is the one redeemed");
}
