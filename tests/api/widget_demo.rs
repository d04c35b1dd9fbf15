//! `serve --demo`: the demo CRM site on its own origin, and the privacy proof: hundreds of widget
//! loads, searches, overrides and Canvas requests carrying canary values leave no trace in the
//! database, its WAL, the log or the metrics.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use secrecy::ExposeSecret;
use sha2::Sha256;

use crate::app::ServerProcess;
use crmlens::http::session::{SignInMethod, start_session};
use crmlens::storage::ids::{Crm, OrgId, TenantSlug};
use crmlens::storage::{orgs, tenants, unix_now, users};

const DEMO_ORG: &str = "00D000000000DEMO01";

/// The demo CRM's address, from the server's own log line.
pub fn demo_address(server: &ServerProcess) -> String {
    let log = server.log();
    let line = log.lines().find(|l| l.contains("demo CRM is listening")).expect("demo CRM log line");
    let json: serde_json::Value = serde_json::from_str(line).unwrap();
    format!("http://{}", json["address"].as_str().unwrap())
}

/// A demo server whose directory index is loaded (cards can be shown).
pub fn start_demo() -> ServerProcess {
    let server = ServerProcess::start(&[
        "--demo",
        "--demo-bind",
        "127.0.0.1:0",
        "--public-url",
        "http://localhost:{port}",
    ]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while reqwest::blocking::get(server.url("/readyz")).unwrap().status() != 200 {
        assert!(std::time::Instant::now() < deadline, "the demo never became ready:\n{}", server.log());
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    server
}

fn open_db(server: &ServerProcess) -> crmlens::storage::DbConnection {
    let url =
        crmlens::config::DatabaseUrl::parse(&server.dir().join("test.db").display().to_string()).unwrap();
    crmlens::storage::establish(&url).unwrap()
}

/// A session for the demo rep, as a `Cookie` header value.
pub fn demo_rep_cookie(server: &ServerProcess, email: &str) -> String {
    let mut conn = open_db(server);
    let tenant = tenants::find_by_slug(&mut conn, &TenantSlug::parse("demo").unwrap()).unwrap().unwrap();
    let user = users::find_by_email(&mut conn, tenant.id, email).unwrap().unwrap();
    let session = start_session(&mut conn, user.id, SignInMethod::Password, unix_now()).unwrap();
    format!("__Host-crmlens_session={}", session.value.expose_secret())
}

#[test]
fn demo_crm_pages_embed_the_widgets_from_an_allowed_second_origin() {
    let server = start_demo();
    let demo = demo_address(&server);
    let client = reqwest::blocking::Client::new();
    let list = client.get(format!("{demo}/salesforce")).send().unwrap().text().unwrap();
    for situation in
        ["clean match", "nickname", "stale company", "namesakes (pick-list)", "not in the directory"]
    {
        assert!(list.contains(situation), "the demo shows a {situation} record:\n{list}");
    }
    let link = list
        .split("href=\"")
        .map(|s| s.split('"').next().unwrap())
        .find(|l| l.starts_with("/salesforce/"))
        .unwrap();
    let page = client.get(format!("{demo}{link}")).send().unwrap().text().unwrap();
    let port = server.address.rsplit(':').next().unwrap();
    assert!(page.contains(&format!(r#"<script src="http://localhost:{port}/embed.js" defer>"#)), "{page}");
    assert!(page.contains(r#"data-crmlens="member""#) && page.contains(DEMO_ORG), "{page}");
    assert!(client.get(format!("{demo}/dynamics")).send().unwrap().text().unwrap().contains("/dynamics/"));

    let mut conn = open_db(&server);
    let tenant = tenants::find_by_slug(&mut conn, &TenantSlug::parse("demo").unwrap()).unwrap().unwrap();
    assert_eq!(tenant.allowed_origins, std::slice::from_ref(&demo), "the demo origin may frame the widgets");
    let shell =
        client.get(server.url(&format!("/embed/member?crm=salesforce&org={DEMO_ORG}"))).send().unwrap();
    let csp = shell.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.ends_with(&format!("frame-ancestors {demo}")), "{csp}");
}

fn sign_canvas(envelope: &serde_json::Value, secret: &str) -> String {
    let encoded = STANDARD.encode(envelope.to_string());
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(encoded.as_bytes());
    format!("{}.{encoded}", STANDARD.encode(mac.finalize().into_bytes()))
}

fn occurrences(haystack: &[u8], needle: &[u8]) -> usize {
    let lower: Vec<u8> = haystack.iter().map(u8::to_ascii_lowercase).collect();
    lower.windows(needle.len()).filter(|w| *w == needle).count()
}

#[test]
fn canary_values_from_crm_fields_never_reach_database_wal_log_or_metrics() {
    let server = start_demo();
    let cookie = demo_rep_cookie(&server, "rep@demo.crmlens.test");
    let client = reqwest::blocking::Client::new();
    let shell = client
        .get(server.url(&format!("/embed/member?crm=salesforce&org={DEMO_ORG}")))
        .header("cookie", &cookie)
        .send()
        .unwrap()
        .text()
        .unwrap();
    let csrf = crate::widget::csrf_token(&shell).expect("a signed-in shell carries a CSRF token");
    let (secret, someone) = {
        let mut conn = open_db(&server);
        let someone = crmlens::storage::directory::member_page(&mut conn, None, 1).unwrap()[0].id.clone();
        let org = orgs::find(&mut conn, Crm::Salesforce, &OrgId::parse(DEMO_ORG).unwrap()).unwrap().unwrap();
        (org.canvas_secret.unwrap().expose_secret().to_owned(), someone)
    };
    let post = |path: &str, form: &[(&str, String)]| {
        let response = client
            .post(server.url(path))
            .header("cookie", &cookie)
            .header("x-csrf-token", &csrf)
            .form(form)
            .send()
            .unwrap();
        assert_eq!(response.status(), 200, "{path}");
        response.text().unwrap()
    };
    for i in 0..120 {
        let canary = |field: &str| format!("zqxcanary{i}{field}");
        let record = format!("00Q{:015}", i % 40);
        let member: Vec<(&str, String)> = vec![
            ("crm", "salesforce".into()),
            ("org", DEMO_ORG.into()),
            ("object", "lead".into()),
            ("record_id", record.clone()),
            ("first_name", canary("first")),
            ("last_name", canary("last")),
            ("company", canary("company")),
            ("title", canary("title")),
            ("email", format!("{}@{}.example", canary("mail"), canary("domain"))),
        ];
        let card = post("/embed/member/card", &member);
        assert!(card.contains("data-state="), "a designed card, not an access card: {card}");
        let mut search = member.clone();
        search.push(("q", canary("search")));
        post("/embed/member/search", &search);
        if i % 3 == 0 {
            let mut pick = member.clone();
            pick.push(("entity_id", if i % 2 == 0 { "none".into() } else { someone.clone() }));
            let picked = post("/embed/member/override", &pick);
            assert!(picked.contains("Saved for everyone"), "{picked}");
            post("/embed/member/undo", &member);
        }
        let company: Vec<(&str, String)> = vec![
            ("crm", "salesforce".into()),
            ("org", DEMO_ORG.into()),
            ("object", "account".into()),
            ("record_id", format!("001{:015}", i % 40)),
            ("name", canary("name")),
            ("industry", canary("industry")),
            ("location", canary("location")),
            ("website", format!("{}.example", canary("web"))),
        ];
        post("/embed/company/card", &company);
        post("/embed/company/picker", &company);
        if i % 10 == 0 {
            let envelope = serde_json::json!({
                "algorithm": "HMACSHA256", "issuedAt": unix_now(),
                "context": {"organization": {"organizationId": DEMO_ORG}, "environment": {
                    "record": {"attributes": {"type": "Contact"}, "Id": record, "FirstName": canary("sffirst"),
                               "LastName": canary("sflast"), "Email": format!("{}@x.example", canary("sfmail"))},
                    "parameters": {"company": canary("sfcompany"), "title": canary("sftitle")}}}
            });
            let response = client
                .post(server.url("/embed/salesforce/canvas"))
                .header("cookie", &cookie)
                .form(&[("signed_request", sign_canvas(&envelope, &secret))])
                .send()
                .unwrap();
            assert_eq!(response.status(), 200);
        }
    }
    let metrics = client.get(server.url("/metrics")).send().unwrap().text().unwrap();
    assert!(metrics.contains("/embed/member/card"), "metrics saw the widget routes");
    let mut places: Vec<(String, Vec<u8>)> =
        vec![("/metrics".into(), metrics.into_bytes()), ("server log".into(), server.log().into_bytes())];
    for file in ["test.db", "test.db-wal", "test.db-shm"] {
        if let Ok(bytes) = std::fs::read(server.dir().join(file)) {
            places.push((file.into(), bytes));
        }
    }
    assert!(
        places.iter().any(|(name, bytes)| name == "test.db-wal" && !bytes.is_empty()),
        "the WAL was searched"
    );
    for (name, bytes) in &places {
        assert_eq!(occurrences(bytes, b"zqxcanary"), 0, "a CRM value leaked into {name}");
    }
}
