//! The embedded widgets over HTTP: which resolution step produced a card, corrections that
//! serve every rep of an org, framing and caching headers, escaping of CRM values.

use crmlens::http::session::{SignInMethod, start_session};
use crmlens::import::{Companies, ImportObserver, ImportOptions, ImportReport, Members, import_files};
use crmlens::jsonl::{LineError, StreamError};
use crmlens::link_cache::RECHECK;
use crmlens::storage::credentials::sha256_hex;
use crmlens::storage::ids::{Crm, CrmObject, EntityId, EntityKind, OrgId, RecordId, Role, Seat, TenantSlug};
use crmlens::storage::record_links::{self, LinkSource, LinkTarget, RecordKey};
use crmlens::storage::tenants::{self, Tenant, TenantSettings};
use crmlens::storage::users::{self, NewUser, User};
use crmlens::storage::{orgs, sessions, unix_now};
use secrecy::{ExposeSecret, SecretString};

use crate::app::TestApp;
use crate::helpers::{POSTGRES_ENV, TestDb, write_lines};

pub const ORG: &str = "00D000000000TEST01";
pub const CRM_ORIGIN: &str = "https://acme.lightning.force.com";
pub const CANVAS_SECRET: &str = "canvas-consumer-secret";
pub const LEAD: &str = "00Q000000000001AAA";

struct Quiet;
impl ImportObserver for Quiet {
    fn bad_line(&mut self, _: &LineError) {}
    fn broken_file(&mut self, _: &StreamError) {}
    fn progress(&mut self, _: &ImportReport) {}
}

/// A tenant with a Salesforce org, two reps with seats, one without, and a small directory:
/// Robert Smith at Acme (known e-mail), two namesakes called Jane Doe, Alice Wong.
pub struct Fixture {
    pub app: TestApp,
    pub tenant: Tenant,
    pub rep_a: User,
    pub rep_b: User,
    pub no_seat: User,
}

pub fn member(
    id: &str,
    first: &str,
    last: &str,
    title: &str,
    company: (&str, &str),
    emails: &[&str],
) -> String {
    serde_json::json!({
        "id": id, "first_name": first, "last_name": last, "headline": format!("{title} at {}", company.1),
        "title": title, "company_id": company.0, "company_name": company.1,
        "location": "Austin, Texas, United States", "emails": emails,
        "past_companies": [{"company_id": "c000003", "company_name": "Initech", "title": "Analyst"}],
    })
    .to_string()
}

impl Fixture {
    pub async fn start() -> Self {
        Self::start_on(&TestDb::sqlite()).await
    }

    /// The fixture on `db` (SQLite or PostgreSQL).
    pub async fn start_on(db: &TestDb) -> Self {
        let url = db.url().to_owned();
        let app = TestApp::spawn_with(|args| args.database_url = Some(url)).await;
        let mut conn = app.state.pool.get().unwrap();
        let now = unix_now();
        let mut settings = TenantSettings::named("Acme Sales");
        settings.allowed_origins = vec![CRM_ORIGIN.to_owned(), "https://acme.crm.dynamics.com".to_owned()];
        let tenant = tenants::create(&mut conn, &TenantSlug::parse("acme").unwrap(), &settings, now).unwrap();
        let secret = SecretString::from(CANVAS_SECRET);
        orgs::add(&mut conn, tenant.id, Crm::Salesforce, &OrgId::parse(ORG).unwrap(), Some(&secret), now)
            .unwrap();
        orgs::add(&mut conn, tenant.id, Crm::Dynamics, &OrgId::parse("acme-dyn").unwrap(), None, now)
            .unwrap();
        let user = |conn: &mut _, email: &str, name: &str, seat| {
            let new = NewUser {
                email: email.into(),
                name: name.into(),
                role: Role::Rep,
                seat,
                member_id: None,
                password_hash: None,
            };
            users::add(conn, tenant.id, &new, now).unwrap()
        };
        let rep_a = user(&mut conn, "rep.a@acme.test", "Rita Rep", Seat::Team);
        let rep_b = user(&mut conn, "rep.b@acme.test", "Bert Rep", Seat::Team);
        let no_seat = user(&mut conn, "viewer@acme.test", "Nora Noseat", Seat::None);

        let dir = tempfile::tempdir().unwrap();
        let companies = write_lines(
            dir.path(),
            "companies.jsonl",
            &[
                r#"{"id":"c000001","name":"Acme Corporation","industry":"Software Development","location":"Austin, Texas, United States","website":"acme.com","size":1200,"description":"Makes everything."}"#.to_owned(),
                r#"{"id":"c000002","name":"Globex","industry":"Utilities","location":"Springfield, United States","website":"globex.com","size":300,"description":""}"#.to_owned(),
                r#"{"id":"c000003","name":"Initech","industry":"Software Development","location":"Austin, Texas, United States","website":"initech.com","size":90,"description":""}"#.to_owned(),
            ],
        );
        let members = write_lines(
            dir.path(),
            "members.jsonl",
            &[
                member(
                    "m000001",
                    "Robert",
                    "Smith",
                    "VP Sales",
                    ("c000001", "Acme Corporation"),
                    &["robert.smith@acme.com"],
                ),
                member("m000002", "Jane", "Doe", "Engineer", ("c000002", "Globex"), &[]),
                member("m000003", "Jane", "Doe", "Designer", ("c000003", "Initech"), &[]),
                member("m000004", "Alice", "Wong", "Director", ("c000003", "Initech"), &[]),
            ],
        );
        let options = ImportOptions { strict: true, ..Default::default() };
        import_files(&mut conn, &Companies, &[companies.display().to_string()], options, &mut Quiet).unwrap();
        let key = (*app.state.email_key).clone();
        import_files(&mut conn, &Members::new(key), &[members.display().to_string()], options, &mut Quiet)
            .unwrap();
        let index =
            crmlens::directory::database::load_index(&mut conn, crmlens::matching::ModelParams::default())
                .unwrap();
        app.state.directory.replace(index);
        drop(conn);
        Self { app, tenant, rep_a, rep_b, no_seat }
    }

    /// A signed-in browser for `user`: its session cookie and the CSRF token of its widgets.
    pub async fn rep(&self, user: &User) -> Rep {
        let mut conn = self.app.state.pool.get().unwrap();
        let session = start_session(&mut conn, user.id, SignInMethod::Password, unix_now()).unwrap();
        let session_id = session.value.expose_secret().to_owned();
        let cookie = format!("__Host-crmlens_session={session_id}");
        let mut rep = Rep {
            base: self.app.address.clone(),
            cookie,
            csrf: String::new(),
            client: reqwest::Client::new(),
        };
        let shell = rep.get(&format!("/embed/member?crm=salesforce&org={ORG}")).await.text().await.unwrap();
        rep.csrf = csrf_token(&shell).unwrap_or_default();
        if user.seat != Seat::None {
            assert_eq!(
                rep.csrf, session.csrf_token,
                "the widget document hands HTMX the session's CSRF token"
            );
        }
        rep
    }

    pub fn record_key(&self, record: &str) -> RecordKey {
        RecordKey {
            tenant: self.tenant.id,
            crm: Crm::Salesforce,
            org: OrgId::parse(ORG).unwrap(),
            object: CrmObject::Lead,
            record: RecordId::parse(record).unwrap(),
            kind: EntityKind::Member,
        }
    }
}

/// The token the widget document gives HTMX (`hx-headers`).
pub fn csrf_token(document: &str) -> Option<String> {
    let start = document.find("\"X-CSRF-Token\": \"")? + "\"X-CSRF-Token\": \"".len();
    let end = document[start..].find('"')? + start;
    Some(document[start..end].to_owned())
}

pub struct Rep {
    pub base: String,
    pub cookie: String,
    pub csrf: String,
    pub client: reqwest::Client,
}

impl Rep {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.base)).header("cookie", &self.cookie).send().await.unwrap()
    }

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.base))
            .header("cookie", &self.cookie)
            .header("x-csrf-token", &self.csrf)
            .header("hx-request", "true")
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// A card for lead `record` with these CRM values (plus the org context).
    pub async fn card(&self, action: &str, record: &str, values: &[(&str, &str)]) -> String {
        let mut form = vec![("crm", "salesforce"), ("org", ORG), ("object", "lead"), ("record_id", record)];
        form.extend_from_slice(values);
        let response = self.post(&format!("/embed/member/{action}"), &form).await;
        assert_eq!(response.status(), 200);
        response.text().await.unwrap()
    }
}

const ROBERT: &[(&str, &str)] =
    &[("first_name", "Bob"), ("last_name", "Smith"), ("company", "Acme"), ("email", "robert.smith@acme.com")];
const JANE: &[(&str, &str)] = &[("first_name", "Jane"), ("last_name", "Doe")];

#[actix_web::test]
async fn cards_say_which_step_produced_them_override_then_sync_then_match() {
    let fx = Fixture::start().await;
    let rep = fx.rep(&fx.rep_a).await;

    let matched = rep.card("card", LEAD, ROBERT).await;
    assert!(matched.contains(r#"data-entity="m000001""#), "{matched}");
    assert!(matched.contains("Automatic match"), "{matched}");
    assert!(matched.contains("same e-mail address"), "{matched}");
    let nickname = rep
        .card(
            "card",
            "00Q000000000009AAA",
            &[("first_name", "Bob"), ("last_name", "Smith"), ("company", "Acme")],
        )
        .await;
    assert!(nickname.contains("Bob is a nickname of Robert"), "{nickname}");

    let key = fx.record_key(LEAD);
    let mut conn = fx.app.state.pool.get().unwrap();
    let jane = LinkTarget::Entity(EntityId::parse("m000002").unwrap());
    record_links::set(&mut conn, LinkSource::Sync, &key, &jane, None, unix_now()).unwrap();
    let sync_off = rep.card("card", LEAD, ROBERT).await;
    assert!(sync_off.contains("Automatic match"), "sync mappings apply only when the tenant enabled sync");

    let mut settings = TenantSettings::named("Acme Sales");
    settings.allowed_origins = fx.tenant.allowed_origins.clone();
    settings.sync_enabled = true;
    tenants::update(&mut conn, fx.tenant.id, &settings).unwrap();
    // Written behind the server's back, as another process would: the server notices within
    // its access cache's lifetime, or at once when told (as the admin console's own writes do).
    fx.app.state.access.forget_all();
    let synced = rep.card("card", LEAD, ROBERT).await;
    assert!(synced.contains("CRM sync") && synced.contains(r#"data-entity="m000002""#), "{synced}");

    let alice = LinkTarget::Entity(EntityId::parse("m000004").unwrap());
    record_links::set(&mut conn, LinkSource::Override, &key, &alice, Some(fx.rep_b.id), unix_now()).unwrap();
    // Also behind the server's back, as another server would: seen once this server reads the
    // link generation again, at most `RECHECK` later.
    actix_web::rt::time::sleep(RECHECK).await;
    let overridden = rep.card("card", LEAD, ROBERT).await;
    assert!(
        overridden.contains("Manual choice") && overridden.contains(r#"data-entity="m000004""#),
        "{overridden}"
    );
    assert!(overridden.contains("Picked by Bert Rep"), "{overridden}");
}

#[actix_web::test]
async fn widget_forms_of_another_type_or_too_large_are_refused_with_a_reason() {
    let fx = Fixture::start().await;
    let rep = fx.rep(&fx.rep_a).await;
    let send = |content_type: &'static str, body: String| {
        rep.client
            .post(format!("{}/embed/member/card", rep.base))
            .header("cookie", &rep.cookie)
            .header("x-csrf-token", &rep.csrf)
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    let form = format!("crm=salesforce&org={ORG}&object=lead&record_id={LEAD}&first_name=Bob");
    let json = send("application/json", format!(r#"{{"first_name":"Bob","org":"{ORG}"}}"#)).await.unwrap();
    assert_eq!(json.status(), 400);
    assert!(json.text().await.unwrap().contains("application/x-www-form-urlencoded"));
    let padded = format!("{form}&last_name={}", "x".repeat(20_000));
    let large = send("application/x-www-form-urlencoded", padded).await.unwrap();
    assert_eq!(large.status(), 400);
    assert!(large.text().await.unwrap().contains("at most"));
    let fine = send("application/x-www-form-urlencoded; charset=UTF-8", form).await.unwrap();
    assert_eq!(fine.status(), 200);
}

/// SQLite, and PostgreSQL when `CRMLENS_TEST_POSTGRES` names a server.
fn backends() -> Vec<TestDb> {
    let mut dbs = vec![TestDb::sqlite()];
    if let Some(server) = std::env::var(POSTGRES_ENV).ok().filter(|url| !url.is_empty()) {
        dbs.push(TestDb::postgres(&server));
    }
    dbs
}

#[actix_web::test]
async fn a_reps_pick_is_stored_with_who_and_previous_and_serves_every_rep_of_the_org() {
    for db in backends() {
        pick_serves_every_rep(&Fixture::start_on(&db).await).await;
    }
}

async fn pick_serves_every_rep(fx: &Fixture) {
    let rita = fx.rep(&fx.rep_a).await;
    let bert = fx.rep(&fx.rep_b).await;

    let ambiguous = rita.card("card", LEAD, JANE).await;
    assert!(ambiguous.contains(r#"data-state="ambiguous""#), "{ambiguous}");
    assert!(ambiguous.contains("Globex") && ambiguous.contains("Initech"), "pick-list shows both namesakes");

    let picked = rita.card("override", LEAD, &[JANE, &[("entity_id", "m000003")]].concat()).await;
    assert!(picked.contains(r#"data-entity="m000003""#) && picked.contains("Saved for everyone"), "{picked}");
    let link =
        record_links::get(&mut fx.app.state.pool.get().unwrap(), LinkSource::Override, &fx.record_key(LEAD))
            .unwrap()
            .unwrap();
    assert_eq!((link.set_by, link.previous), (Some(fx.rep_a.id), None));

    let seen_by_bert = bert.card("card", LEAD, JANE).await;
    assert!(seen_by_bert.contains(r#"data-entity="m000003""#), "{seen_by_bert}");
    assert!(seen_by_bert.contains("Picked by Rita Rep"), "{seen_by_bert}");

    let repicked = bert.card("override", LEAD, &[JANE, &[("entity_id", "m000002")]].concat()).await;
    assert!(repicked.contains(r#"data-entity="m000002""#));
    let undone = bert.card("undo", LEAD, JANE).await;
    assert!(undone.contains(r#"data-entity="m000003""#), "undo restores the previous pick: {undone}");
    let other = "00Q000000000002AAA";
    rita.card("override", other, &[JANE, &[("entity_id", "m000002")]].concat()).await;
    let first_undone = rita.card("undo", other, JANE).await;
    assert!(
        first_undone.contains(r#"data-state="ambiguous""#),
        "undo of a first pick removes it: {first_undone}"
    );

    let none = rita.card("override", LEAD, &[JANE, &[("entity_id", "none")]].concat()).await;
    assert!(none.contains(r#"data-state="marked-none""#), "{none}");
}

#[actix_web::test]
async fn directory_search_finds_people_outside_the_pick_list() {
    let fx = Fixture::start().await;
    let rep = fx.rep(&fx.rep_a).await;
    let found = rep.card("search", LEAD, &[JANE, &[("q", "Alice Wong")]].concat()).await;
    assert!(found.contains(r#"value="m000004""#), "{found}");
    let picker = rep.card("picker", LEAD, ROBERT).await;
    assert!(picker.contains("None of these") && picker.contains(r#"value="m000001""#), "{picker}");
}

#[actix_web::test]
async fn signed_out_no_seat_and_unknown_org_get_designed_cards() {
    let fx = Fixture::start().await;
    let anonymous =
        reqwest::get(fx.app.url(&format!("/embed/member?crm=salesforce&org={ORG}"))).await.unwrap();
    let body = anonymous.text().await.unwrap();
    assert!(body.contains(r#"data-crmlens-signin="/auth/signin?tenant=acme""#), "{body}");
    assert!(body.contains("/static/js/signin.js"), "{body}");

    let nora = fx.rep(&fx.no_seat).await;
    let body = nora.get(&format!("/embed/member?crm=salesforce&org={ORG}")).await.text().await.unwrap();
    assert!(body.contains("No crmlens seat"), "{body}");
    let body = nora.card("card", LEAD, ROBERT).await;
    assert!(body.contains("No crmlens seat") && !body.contains("Robert"), "{body}");

    let rep = fx.rep(&fx.rep_a).await;
    let body = rep.get("/embed/company?crm=salesforce&org=00D00000000UNKNOWN").await.text().await.unwrap();
    assert!(body.contains("not set up"), "{body}");
}

#[actix_web::test]
async fn widgets_are_framed_only_by_the_tenants_origins_and_never_cached() {
    let fx = Fixture::start().await;
    let rep = fx.rep(&fx.rep_a).await;
    let shell = rep.get(&format!("/embed/member?crm=salesforce&org={ORG}")).await;
    let headers = shell.headers().clone();
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.ends_with("frame-ancestors https://acme.lightning.force.com https://acme.crm.dynamics.com"),
        "{csp}"
    );
    assert!(!headers.contains_key("x-frame-options"), "X-Frame-Options DENY would block the CRM");
    assert_eq!(headers["cache-control"], "no-store");
    assert_eq!(headers["referrer-policy"], "no-referrer");
    let card =
        rep.post("/embed/member/card", &[("crm", "salesforce"), ("org", ORG), ("first_name", "x")]).await;
    assert_eq!(card.headers()["cache-control"], "no-store");
    assert_eq!(card.headers()["referrer-policy"], "no-referrer");

    let home = reqwest::get(fx.app.url("/")).await.unwrap();
    assert_eq!(home.headers()["x-frame-options"], "DENY");
    assert!(home.headers()["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"));
}

#[actix_web::test]
async fn script_payloads_in_crm_fields_are_rendered_as_text() {
    let fx = Fixture::start().await;
    let rep = fx.rep(&fx.rep_a).await;
    let payload = r#"<script>alert(1)</script><img src=x onerror=alert(2)>"#;
    let mut values: Vec<(&str, &str)> =
        ["first_name", "last_name", "company", "title", "email"].iter().map(|f| (*f, payload)).collect();
    for action in ["card", "picker", "search"] {
        let mut form = values.clone();
        form.push(("q", payload));
        let body = rep.card(action, LEAD, &form).await;
        assert!(!body.contains("<script>alert") && !body.contains("<img src=x"), "{action}: {body}");
    }
    // A nickname reason echoes the CRM's spelling: still escaped.
    values = vec![("first_name", "Bob<b>"), ("last_name", "Smith"), ("email", "robert.smith@acme.com")];
    let body = rep.card("card", LEAD, &values).await;
    assert!(!body.contains("Bob<b>"), "{body}");
}

/// Widget actions compare the CSRF token in the same database visit that serves them: a request
/// without it, or with another session's, is refused before anything is read or written.
#[actix_web::test]
async fn widget_actions_refuse_a_missing_or_foreign_csrf_token_and_see_revocation_at_once() {
    for db in backends() {
        widget_actions_check_the_session(&Fixture::start_on(&db).await).await;
    }
}

async fn widget_actions_check_the_session(fx: &Fixture) {
    let rita = fx.rep(&fx.rep_a).await;
    let bert = fx.rep(&fx.rep_b).await;
    let form = [("crm", "salesforce"), ("org", ORG), ("object", "lead"), ("record_id", LEAD)];
    let pick = [&form[..], JANE, &[("entity_id", "none")]].concat();
    let send = |token: Option<&str>, action: &str, fields: &[(&str, &str)]| {
        let mut request = rita
            .client
            .post(format!("{}/embed/member/{action}", rita.base))
            .header("cookie", &rita.cookie)
            .form(fields);
        if let Some(token) = token {
            request = request.header("x-csrf-token", token);
        }
        request.send()
    };
    for action in ["card", "picker", "search", "override", "undo"] {
        for token in [None, Some(bert.csrf.as_str())] {
            let refused = send(token, action, &pick).await.unwrap();
            assert_eq!(refused.status(), 403, "{action} with token {token:?}");
        }
    }
    let card = rita.card("card", LEAD, JANE).await;
    assert!(card.contains(r#"data-state="ambiguous""#), "a refused override wrote nothing: {card}");

    let with_field = [&form[..], JANE, &[("csrf_token", rita.csrf.as_str())]].concat();
    let accepted = send(None, "card", &with_field).await.unwrap();
    assert_eq!(accepted.status(), 200, "the token may come as a form field");

    // Signing out on this server is seen by the very next card.
    let signed_out = rita.post("/auth/signout", &[]).await;
    assert!(
        signed_out.status().is_success() || signed_out.status().is_redirection(),
        "{}",
        signed_out.status()
    );
    let revoked = rita.card("card", LEAD, JANE).await;
    assert!(revoked.contains("Sign in to see profiles") && !revoked.contains("Globex"), "{revoked}");

    // A revocation written by another process (the CLI, another app server) is seen once the
    // access cache's entry lapses.
    assert!(!bert.card("card", LEAD, JANE).await.contains("Sign in to see profiles"));
    let mut conn = fx.app.state.pool.get().unwrap();
    let session_id = bert.cookie.trim_start_matches("__Host-crmlens_session=");
    sessions::revoke(&mut conn, &sha256_hex(session_id)).unwrap();
    tokio::time::sleep(crmlens::http::access_cache::ACCESS_TTL).await;
    let revoked = bert.card("card", LEAD, JANE).await;
    assert!(revoked.contains("Sign in to see profiles"), "{revoked}");
}
