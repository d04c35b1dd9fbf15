//! Sessions live only in the database: two `crmlens serve` processes over one PostgreSQL
//! database agree on them, and a revocation through one is refused by the other at once.

use reqwest::StatusCode;
use reqwest::blocking::Client;
use reqwest::header::{COOKIE, ORIGIN};
use secrecy::SecretString;

use crmlens::storage::credentials::hash_password;
use crmlens::storage::ids::{Role, Seat, TenantSlug};
use crmlens::storage::tenants::{self, TenantSettings};
use crmlens::storage::unix_now;
use crmlens::storage::users::{self, NewUser};

use crate::app::ServerProcess;
use crate::auth::{PASSWORD, session_cookie};
use crate::helpers::{POSTGRES_ENV, TestDb};

fn client() -> Client {
    Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

fn account(server: &ServerProcess, cookie: &str) -> reqwest::blocking::Response {
    client().get(server.url("/auth/account")).header(COOKIE, cookie).send().unwrap()
}

fn csrf_token(page: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start = page.find(marker).unwrap() + marker.len();
    page[start..].split('"').next().unwrap().to_owned()
}

#[test]
fn revoked_session_is_refused_by_every_app_server_sharing_the_database() {
    let Some(postgres) = std::env::var(POSTGRES_ENV).ok().filter(|url| !url.is_empty()) else {
        eprintln!("{POSTGRES_ENV} is not set: the two-server session test is skipped");
        return;
    };
    let db = TestDb::postgres(&postgres);
    {
        let mut conn = db.conn();
        let slug = TenantSlug::parse("acme").unwrap();
        let tenant = tenants::create(&mut conn, &slug, &TenantSettings::named("Acme"), unix_now()).unwrap();
        let new = NewUser {
            email: "rita@acme.com".into(),
            name: "Rita Rep".into(),
            role: Role::Rep,
            seat: Seat::Team,
            member_id: None,
            password_hash: Some(hash_password(&SecretString::from(PASSWORD)).unwrap()),
        };
        users::add(&mut conn, tenant.id, &new, unix_now()).unwrap();
    }
    let first = ServerProcess::start(&["--db", db.url()]);
    let second = ServerProcess::start(&["--db", db.url()]);

    let signed_in = client()
        .post(first.url("/auth/signin"))
        .header(ORIGIN, &first.address)
        .form(&[("tenant", "acme"), ("email", "rita@acme.com"), ("password", PASSWORD)])
        .send()
        .unwrap();
    assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);
    let cookie = session_cookie(signed_in.headers()).unwrap();
    let on_second = account(&second, &cookie);
    assert_eq!(on_second.status(), StatusCode::OK, "the other server knows the session");
    let token = csrf_token(&on_second.text().unwrap());

    let signed_out = client()
        .post(first.url("/auth/signout"))
        .header(COOKIE, &cookie)
        .header("X-CSRF-Token", token)
        .header(ORIGIN, &first.address)
        .send()
        .unwrap();
    assert_eq!(signed_out.status(), StatusCode::SEE_OTHER);
    assert_eq!(account(&second, &cookie).status(), StatusCode::UNAUTHORIZED, "refused on the next request");
    assert_eq!(account(&first, &cookie).status(), StatusCode::UNAUTHORIZED);
}
