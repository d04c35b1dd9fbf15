//! The JSON matching API: `/api/v1/match/{member,company}` with tenant API keys, the resolver
//! order (override, sync when enabled, engine), RFC 9457 problems for every refused request, the
//! OpenAPI document describing all of it, and the privacy of the values a caller sends.

mod schema;

use std::time::Duration;

use crmlens::config::DatabaseUrl;
use crmlens::storage::ids::{Crm, CrmObject, EntityId, EntityKind, OrgId, RecordId, TenantSlug};
use crmlens::storage::record_links::{self, LinkSource, LinkTarget, RecordKey};
use crmlens::storage::tenants::{self, Tenant, TenantSettings};
use crmlens::storage::{self, DbConnection, api_keys, orgs};
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use secrecy::ExposeSecret;
use serde_json::{Value, json};

use crate::app::{ServerProcess, TestApp};
use crate::helpers::{TestDb, company_line, each_backend, member_line, run_cli, stderr, write_lines};
use schema::assert_fits;

const ORG: &str = "00D000000000ACME01";
const OTHER_ORG: &str = "00D000000000GLBX01";
const LEAD: &str = "00Q000000000000001";

/// Two tenants, each with an org and an API key, over a small imported directory.
struct Seeded {
    acme: Tenant,
    key: String,
    other_key: String,
}

fn connect(url: &str) -> DbConnection {
    let mut conn = storage::establish(&DatabaseUrl::parse(url).unwrap()).unwrap();
    storage::run_migrations(&mut conn).unwrap();
    conn
}

fn directory_members() -> Vec<String> {
    let mut members = vec![
        member_line("m000001", "Ada", "Lovelace", &["ada.lovelace@acme.example"]),
        member_line("m000002", "Grace", "Hopper", &[]),
    ];
    members.extend(crate::helpers::generated_members(200).into_iter().skip(3));
    members
}

/// Imports the directory through the CLI and creates the tenants, orgs and keys.
fn seed(database_url: &str) -> Seeded {
    let dir = tempfile::tempdir().unwrap();
    let members = write_lines(dir.path(), "members.jsonl", &directory_members());
    let companies = write_lines(
        dir.path(),
        "companies.jsonl",
        &[company_line("c000001", "Acme Inc."), company_line("c000002", "Globex Logistik GmbH")],
    );
    for (kind, file) in [("members", &members), ("companies", &companies)] {
        let output = run_cli(&["--db", database_url, "import", kind, file.to_str().unwrap()], b"");
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let mut conn = connect(database_url);
    let mut tenant = |slug: &str, org: &str| {
        let tenant =
            tenants::create(&mut conn, &TenantSlug::parse(slug).unwrap(), &TenantSettings::named(slug), 0)
                .unwrap();
        orgs::add(&mut conn, tenant.id, Crm::Salesforce, &OrgId::parse(org).unwrap(), None, 0).unwrap();
        let (_, key) = api_keys::create(&mut conn, tenant.id, "test", 0).unwrap();
        (tenant, key.expose_secret().to_owned())
    };
    let (acme, key) = tenant("acme", ORG);
    let (_, other_key) = tenant("globex", OTHER_ORG);
    Seeded { acme, key, other_key }
}

fn clean_lead() -> Value {
    json!({
        "record_id": LEAD, "crm": "salesforce", "object": "lead",
        "first_name": "Ada", "last_name": "Lovelace", "company": "Acme Inc.", "title": "Engineer",
        "email": "ada.lovelace@acme.example",
    })
}

async fn post(app: &TestApp, path: &str, key: &str, body: &Value) -> reqwest::Response {
    reqwest::Client::new().post(app.url(path)).bearer_auth(key).json(body).send().await.unwrap()
}

async fn openapi(app: &TestApp) -> Value {
    reqwest::get(app.url("/api/v1/openapi.json")).await.unwrap().json().await.unwrap()
}

/// A 200 answer, checked against the OpenAPI schema.
async fn answer(app: &TestApp, path: &str, key: &str, body: &Value) -> Value {
    let response = post(app, path, key, body).await;
    assert_eq!(response.status(), 200);
    let answer: Value = response.json().await.unwrap();
    assert_fits(&openapi(app).await, "MatchAnswer", &answer);
    answer
}

/// A problem answer with the given status, checked against the OpenAPI schema.
async fn problem(response: reqwest::Response, status: u16) -> Value {
    assert_eq!(response.status(), status);
    assert_eq!(response.headers()[CONTENT_TYPE], "application/problem+json");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], status);
    body
}

/// Runs `test` against an in-process server over a seeded database of each backend.
fn each_backend_app(name: &str, test: impl AsyncFn(TestApp, Seeded, &TestDb)) {
    each_backend(name, |db| {
        let seeded = seed(db.url());
        actix_web::rt::System::new().block_on(async {
            let app = TestApp::spawn_on(db.url()).await;
            app.wait_until_ready().await;
            test(app, seeded, db).await;
        });
    });
}

fn lead_key(tenant: &Tenant, record: &str) -> RecordKey {
    RecordKey {
        tenant: tenant.id,
        crm: Crm::Salesforce,
        org: OrgId::parse(ORG).unwrap(),
        object: CrmObject::Lead,
        record: RecordId::parse(record).unwrap(),
        kind: EntityKind::Member,
    }
}

fn link_to_grace(db: &TestDb, tenant: &Tenant, source: LinkSource, record: &str) {
    let target = LinkTarget::Entity(EntityId::parse("m000002").unwrap());
    record_links::set(&mut db.conn(), source, &lead_key(tenant, record), &target, None, 0).unwrap();
}

#[test]
fn api_matches_clean_member_and_company_records_with_evidence() {
    each_backend_app("api_matches_clean_member_and_company_records_with_evidence", async |app, seeded, _| {
        let response = post(&app, "/api/v1/match/member", &seeded.key, &clean_lead()).await;
        assert_eq!(response.headers()["cache-control"], "no-store");
        assert_eq!(response.headers()["x-frame-options"], "DENY");
        assert!(
            response.headers()["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("frame-ancestors 'none'")
        );

        let member = answer(&app, "/api/v1/match/member", &seeded.key, &clean_lead()).await;
        assert_eq!(
            (member["decision"].as_str(), member["entity_id"].as_str()),
            (Some("match"), Some("m000001"))
        );
        assert_eq!(member["source"], "match");
        assert_eq!(member["record_id"], LEAD);
        assert!(!member["candidates"][0]["evidence"].as_array().unwrap().is_empty(), "{member}");

        let stranger = json!({"record_id": LEAD, "first_name": "Zebulon", "last_name": "Quarterfield"});
        let nobody = answer(&app, "/api/v1/match/member", &seeded.key, &stranger).await;
        assert_ne!(nobody["decision"], "match", "{nobody}");
        assert_eq!(nobody["entity_id"], Value::Null);

        let account = json!({"record_id": "001000000000000001", "crm": "salesforce", "object": "account",
            "name": "Globex Logistik", "location": "Berlin", "website": "https://www.acme.com/about"});
        let company = answer(&app, "/api/v1/match/company", &seeded.key, &account).await;
        assert_eq!(company["candidates"][0]["entity_id"], "c000002", "{company}");
        assert_eq!(company["source"], "match");
    });
}

#[test]
fn api_honours_the_override_then_the_sync_mapping_only_when_sync_is_enabled() {
    each_backend_app("api_honours_override_then_sync", async |app, seeded, db| {
        const SYNCED: &str = "00Q000000000000002";
        link_to_grace(db, &seeded.acme, LinkSource::Override, LEAD);
        link_to_grace(db, &seeded.acme, LinkSource::Sync, SYNCED);
        let with_org = |record: &str| {
            let mut body = clean_lead();
            body["org"] = json!(ORG);
            body["record_id"] = json!(record);
            body
        };
        let path = "/api/v1/match/member";

        let overridden = answer(&app, path, &seeded.key, &with_org(LEAD)).await;
        assert_eq!(
            (overridden["source"].as_str(), overridden["entity_id"].as_str()),
            (Some("override"), Some("m000002"))
        );
        let without_org = answer(&app, path, &seeded.key, &clean_lead()).await;
        assert_eq!(without_org["entity_id"], "m000001", "without org, no stored link applies");

        const HIDDEN: &str = "00Q000000000000003";
        let no_match = LinkTarget::NoMatch;
        record_links::set(
            &mut db.conn(),
            LinkSource::Override,
            &lead_key(&seeded.acme, HIDDEN),
            &no_match,
            None,
            0,
        )
        .unwrap();
        let hidden = answer(&app, path, &seeded.key, &with_org(HIDDEN)).await;
        assert_eq!(
            (hidden["source"].as_str(), hidden["decision"].as_str(), &hidden["entity_id"]),
            (Some("override"), Some("none"), &Value::Null),
            "an override to 'no match' hides the engine's answer"
        );

        let sync_off = answer(&app, path, &seeded.key, &with_org(SYNCED)).await;
        assert_eq!(
            (sync_off["source"].as_str(), sync_off["entity_id"].as_str()),
            (Some("match"), Some("m000001"))
        );
        let mut settings = TenantSettings::named("acme");
        settings.sync_enabled = true;
        tenants::update(&mut db.conn(), seeded.acme.id, &settings).unwrap();
        let sync_on = answer(&app, path, &seeded.key, &with_org(SYNCED)).await;
        assert_eq!(
            (sync_on["source"].as_str(), sync_on["entity_id"].as_str()),
            (Some("sync"), Some("m000002"))
        );
    });
}

#[test]
fn api_refuses_a_key_reading_another_tenants_org() {
    each_backend_app("api_refuses_another_tenants_org", async |app, seeded, db| {
        link_to_grace(db, &seeded.acme, LinkSource::Override, LEAD);
        let mut body = clean_lead();
        body["org"] = json!(ORG);
        let refused = problem(post(&app, "/api/v1/match/member", &seeded.other_key, &body).await, 403).await;
        assert_eq!(refused["type"], "urn:crmlens:problem:forbidden");
        assert!(!refused.to_string().contains("m000002"), "the other tenant's override leaked: {refused}");

        body["org"] = json!("00D000000000NONE01");
        problem(post(&app, "/api/v1/match/member", &seeded.key, &body).await, 403).await;
        body["org"] = json!(ORG);
        body["crm"] = json!("dynamics");
        problem(post(&app, "/api/v1/match/member", &seeded.key, &body).await, 403).await;
    });
}

#[test]
fn api_refuses_missing_unknown_and_revoked_keys() {
    each_backend_app("api_refuses_missing_unknown_and_revoked_keys", async |app, seeded, db| {
        let client = reqwest::Client::new();
        let url = app.url("/api/v1/match/member");
        let missing = client.post(&url).json(&clean_lead()).send().await.unwrap();
        assert_eq!(missing.headers()["www-authenticate"], r#"Bearer realm="crmlens""#);
        assert_eq!(problem(missing, 401).await["type"], "urn:crmlens:problem:unauthorized");

        let forged = format!("{}x", &seeded.key[..seeded.key.len() - 1]);
        for presented in [forged.as_str(), "crml_nothing", "", "Basic"] {
            let response = client
                .post(&url)
                .header(AUTHORIZATION, format!("Bearer {presented}"))
                .json(&clean_lead())
                .send()
                .await
                .unwrap();
            assert!(response.headers()["www-authenticate"].to_str().unwrap().starts_with("Bearer"));
            problem(response, 401).await;
        }
        let basic =
            client.post(&url).basic_auth("acme", Some(&seeded.key)).json(&clean_lead()).send().await.unwrap();
        problem(basic, 401).await;

        let prefix = api_keys::list_for_tenant(&mut db.conn(), seeded.acme.id).unwrap()[0].prefix.clone();
        answer(&app, "/api/v1/match/member", &seeded.key, &clean_lead()).await;
        api_keys::revoke(&mut db.conn(), seeded.acme.id, &prefix, 1).unwrap();
        let revoked = post(&app, "/api/v1/match/member", &seeded.key, &clean_lead()).await;
        assert!(revoked.headers()["www-authenticate"].to_str().unwrap().contains("invalid_token"));
        problem(revoked, 401).await;
    });
}

/// Runs `test` against an in-process server over a seeded SQLite database (for behaviour that
/// does not depend on the backend beyond authentication, which the tests above cover on both).
fn sqlite_app(test: impl AsyncFnOnce(TestApp, Seeded)) {
    let db = TestDb::sqlite();
    let seeded = seed(db.url());
    actix_web::rt::System::new().block_on(async {
        let app = TestApp::spawn_on(db.url()).await;
        app.wait_until_ready().await;
        test(app, seeded).await;
    });
}

const CANARY: &str = "Qwxz-Canary-4471";

/// Sends a raw body with a content type and returns the problem, checked against the schema.
async fn raw_problem(
    app: &TestApp,
    key: &str,
    content_type: Option<&str>,
    body: Vec<u8>,
    status: u16,
) -> Value {
    let mut request =
        reqwest::Client::new().post(app.url("/api/v1/match/member")).bearer_auth(key).body(body);
    if let Some(content_type) = content_type {
        request = request.header(CONTENT_TYPE, content_type);
    }
    let problem = problem(request.send().await.unwrap(), status).await;
    assert_fits(&openapi(app).await, "Problem", &problem);
    assert!(!problem.to_string().contains(CANARY), "a value sent was echoed: {problem}");
    problem
}

fn pointers(problem: &Value) -> Vec<&str> {
    problem["errors"].as_array().unwrap().iter().map(|e| e["pointer"].as_str().unwrap()).collect()
}

#[test]
fn api_answers_every_malformed_request_with_a_problem_naming_the_field_not_its_value() {
    sqlite_app(async |app, seeded| {
        let key = seeded.key.as_str();
        let json = Some("application/json");
        let send = |body: Value, status| raw_problem(&app, key, json, body.to_string().into_bytes(), status);

        let syntax =
            raw_problem(&app, key, json, format!(r#"{{"first_name":"{CANARY}""#).into_bytes(), 400).await;
        assert_eq!(syntax["type"], "urn:crmlens:problem:invalid-json");

        let not_object = send(json!([CANARY]), 422).await;
        assert_eq!(pointers(&not_object), [""]);

        let mut unknown = clean_lead();
        unknown["nickname"] = json!(CANARY);
        let unknown = send(unknown, 422).await;
        assert_eq!(unknown["type"], "urn:crmlens:problem:invalid-request");
        assert_eq!(pointers(&unknown), ["/nickname"]);

        let mut mistyped = clean_lead();
        mistyped["first_name"] = json!({"value": CANARY});
        mistyped["last_name"] = json!([CANARY]);
        mistyped["email"] = json!(4471);
        let mistyped = send(mistyped, 422).await;
        assert_eq!(pointers(&mistyped), ["/email", "/first_name", "/last_name"]);

        let missing = send(json!({"first_name": CANARY}), 422).await;
        assert_eq!(pointers(&missing), ["/record_id"]);

        let mut wrong_object = clean_lead();
        wrong_object["object"] = json!("account");
        wrong_object["crm"] = json!("hubspot");
        assert_eq!(pointers(&send(wrong_object, 422).await), ["/crm", "/object"]);

        let org_alone = json!({"record_id": LEAD, "org": ORG, "first_name": CANARY});
        assert_eq!(pointers(&send(org_alone, 422).await), ["/crm", "/object"]);
        let mut free_text_record = clean_lead();
        free_text_record["org"] = json!(ORG);
        free_text_record["record_id"] = json!(CANARY);
        assert_eq!(pointers(&send(free_text_record, 422).await), ["/record_id"]);

        let mut oversized = clean_lead();
        oversized["title"] = json!(CANARY.repeat(5000));
        let too_large = send(oversized, 413).await;
        assert_eq!(too_large["type"], "urn:crmlens:problem:payload-too-large");

        let body = clean_lead().to_string().into_bytes();
        let plain = raw_problem(&app, key, Some("text/plain"), body.clone(), 415).await;
        assert_eq!(plain["type"], "urn:crmlens:problem:unsupported-media-type");
        raw_problem(&app, key, None, body.clone(), 415).await;
        let with_charset = reqwest::Client::new()
            .post(app.url("/api/v1/match/member"))
            .bearer_auth(key)
            .header(CONTENT_TYPE, "application/json; charset=utf-8")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(with_charset.status(), 200);
    });
}

#[test]
fn api_refuses_an_oversized_body_sent_without_a_length() {
    sqlite_app(async |app, seeded| {
        let (address, key) = (app.address.clone(), seeded.key.clone());
        // A chunked body declares no length: the limit must hold while reading.
        let response = actix_web::rt::task::spawn_blocking(move || {
            use std::io::{Read, Write};
            let host = address.trim_start_matches("http://");
            let mut stream = std::net::TcpStream::connect(host).unwrap();
            let head = format!(
                "POST /api/v1/match/member HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {key}\r\n\
                 Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            );
            stream.write_all(head.as_bytes()).unwrap();
            let chunk = format!("{:x}\r\n{}\r\n", 1024, " ".repeat(1024));
            for _ in 0..80 {
                if stream.write_all(chunk.as_bytes()).is_err() {
                    break; // the server answered and closed early
                }
            }
            let _ = stream.write_all(b"0\r\n\r\n");
            let mut response = String::new();
            let _ = stream.read_to_string(&mut response);
            response
        })
        .await
        .unwrap();
        assert!(response.starts_with("HTTP/1.1 413"), "{response}");
        assert!(response.contains("urn:crmlens:problem:payload-too-large"), "{response}");
    });
}

#[test]
fn api_answers_wrong_methods_and_unknown_paths_with_problems() {
    sqlite_app(async |app, _| {
        let get = reqwest::get(app.url("/api/v1/match/company")).await.unwrap();
        assert_eq!(get.headers()["allow"], "POST");
        assert_eq!(problem(get, 405).await["type"], "urn:crmlens:problem:method-not-allowed");
        let unknown = reqwest::get(app.url("/api/v1/match/people")).await.unwrap();
        assert_eq!(problem(unknown, 404).await["type"], "urn:crmlens:problem:not-found");
    });
}

#[actix_web::test]
async fn api_answers_503_while_the_directory_index_is_loading() {
    use actix_web::test;
    let db = TestDb::sqlite();
    let (_, key) = api_keys::create(
        &mut db.conn(),
        tenants::create(
            &mut db.conn(),
            &TenantSlug::parse("acme").unwrap(),
            &TenantSettings::named("acme"),
            0,
        )
        .unwrap()
        .id,
        "test",
        0,
    )
    .unwrap();
    let pool = storage::connect(&db.database_url(), 2).unwrap();
    // No loader is started: the index stays unloaded, as in the first seconds after a start.
    let state = crmlens::http::state::AppState::new(
        pool,
        "http://127.0.0.1:8080",
        crmlens::matching::email::EmailKey::derive(b"test"),
    );
    let service = test::init_service(
        actix_web::App::new().app_data(actix_web::web::Data::new(state)).configure(crmlens::http::configure),
    )
    .await;
    let request = test::TestRequest::post()
        .uri("/api/v1/match/member")
        .insert_header(("authorization", format!("Bearer {}", key.expose_secret())))
        .set_json(clean_lead())
        .to_request();
    let response = test::call_service(&service, request).await;
    assert_eq!(response.status(), 503);
    assert_eq!(response.headers().get("retry-after").unwrap(), "5");
    let body: Value = test::read_body_json(response).await;
    assert_eq!(body["type"], "urn:crmlens:problem:index-loading");
}

#[test]
fn openapi_document_describes_both_endpoints_and_its_examples_fit_their_schemas() {
    sqlite_app(async |app, _| {
        let response = reqwest::get(app.url("/api/v1/openapi.json")).await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["cache-control"], "no-store");
        let document: Value = response.json().await.unwrap();
        assert_eq!(document["openapi"], "3.1.0");
        assert_eq!(document["servers"][0]["url"], app.state.public_url.trim_end_matches('/'));
        assert_eq!(document["components"]["securitySchemes"]["apiKey"]["scheme"], "bearer");
        for (path, query_schema) in
            [("/api/v1/match/member", "MemberQuery"), ("/api/v1/match/company", "CompanyQuery")]
        {
            let operation = &document["paths"][path]["post"];
            let request = &operation["requestBody"]["content"]["application/json"];
            assert_eq!(request["schema"]["$ref"], format!("#/components/schemas/{query_schema}"));
            assert_fits(&document, query_schema, &request["example"]);
            for status in ["200", "400", "401", "403", "413", "415", "422", "503"] {
                assert!(operation["responses"][status].is_object(), "{path} does not document {status}");
            }
        }
        assert_fits(
            &document,
            "MatchAnswer",
            &document["components"]["responses"]["MatchAnswer"]["content"]["application/json"]["example"],
        );
        assert_fits(&document, "MemberQuery", &clean_lead());
    });
}

/// A server process over a seeded database in its working directory.
fn seeded_server() -> (ServerProcess, Seeded) {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(&dir.path().join("test.db").display().to_string());
    (ServerProcess::start_in(dir, &[]), seeded)
}

fn wait_until_ready(server: &ServerProcess) {
    let client = reqwest::blocking::Client::new();
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while client.get(server.url("/readyz")).send().unwrap().status() != 200 {
        assert!(std::time::Instant::now() < deadline, "never ready:\n{}", server.log());
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn api_query_values_never_reach_the_log_or_metrics() {
    let (server, seeded) = seeded_server();
    wait_until_ready(&server);
    let client = reqwest::blocking::Client::new();
    let canary_lead = json!({
        "record_id": LEAD, "crm": "salesforce", "object": "lead", "org": ORG,
        "first_name": CANARY, "last_name": CANARY, "company": CANARY, "title": CANARY,
        "email": format!("{CANARY}@example.com"),
    });
    let canary_account =
        json!({"record_id": LEAD, "name": CANARY, "industry": CANARY, "location": CANARY, "website": CANARY});
    let mut unknown = canary_lead.clone();
    unknown[CANARY] = json!(CANARY);
    let mut mistyped = canary_lead.clone();
    mistyped["title"] = json!({ CANARY: [CANARY] });
    let mut foreign = canary_lead.clone();
    foreign["org"] = json!(OTHER_ORG);
    let requests = [
        ("member", seeded.key.as_str(), canary_lead.to_string()),
        ("company", seeded.key.as_str(), canary_account.to_string()),
        ("member", seeded.key.as_str(), unknown.to_string()),
        ("member", seeded.key.as_str(), mistyped.to_string()),
        ("member", seeded.key.as_str(), foreign.to_string()),
        ("member", seeded.key.as_str(), format!(r#"{{"first_name":"{CANARY}"#)),
        ("member", CANARY, canary_lead.to_string()),
    ];
    let mut statuses = Vec::new();
    for (kind, key, body) in requests {
        let response = client
            .post(server.url(&format!("/api/v1/match/{kind}")))
            .bearer_auth(key)
            .header(CONTENT_TYPE, "application/json")
            .body(body)
            .send()
            .unwrap();
        statuses.push(response.status().as_u16());
    }
    assert_eq!(statuses, [200, 200, 422, 422, 403, 400, 401]);
    let log = server.log();
    assert!(log.contains("/api/v1/match/member"), "the API requests were not logged at all:\n{log}");
    assert!(!log.contains(CANARY), "a value sent to the API reached the log:\n{log}");
    let metrics = client.get(server.url("/metrics")).send().unwrap().text().unwrap();
    assert!(metrics.contains("/api/v1/match/member"), "{metrics}");
    assert!(!metrics.contains(CANARY), "a value sent to the API reached /metrics");
}

/// A request whose body is sent in two halves, so that it is still in flight when the test
/// chooses: the server has read the headers and waits for the rest.
struct HalfSentRequest {
    stream: std::net::TcpStream,
    rest: Vec<u8>,
}

impl HalfSentRequest {
    fn start(address: &str, key: &str, body: &str) -> Self {
        use std::io::Write;
        let host = address.trim_start_matches("http://");
        let mut stream = std::net::TcpStream::connect(host).unwrap();
        let head = format!(
            "POST /api/v1/match/member HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {key}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let (first, rest) = body.as_bytes().split_at(body.len() / 2);
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(first).unwrap();
        stream.flush().unwrap();
        Self { stream, rest: rest.to_vec() }
    }

    /// Sends the rest and reads the whole response: (status line, body).
    fn finish(mut self) -> (String, String) {
        use std::io::{Read, Write};
        self.stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        self.stream.write_all(&self.rest).unwrap();
        let mut response = String::new();
        self.stream.read_to_string(&mut response).expect("the response was cut off");
        let (head, body) = response.split_once("\r\n\r\n").expect("a complete response head");
        let length: usize = head
            .lines()
            .find_map(|line| {
                line.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap())
            })
            .expect("a Content-Length");
        assert_eq!(body.len(), length, "the body was cut off: {response}");
        (head.lines().next().unwrap_or_default().to_owned(), body.to_owned())
    }
}

/// SIGTERM while API requests are in flight: requests the server had begun (a few with half their
/// body still to come, many more from concurrent clients) all get a whole 200 answer, none is cut
/// off mid-response; requests after the signal are refused before any response begins; the process
/// logs that it stopped and exits 0.
#[test]
fn sigterm_lets_in_flight_api_requests_finish_and_exits_cleanly() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Barrier};

    const CLIENTS: usize = 16;
    let (mut server, seeded) = seeded_server();
    wait_until_ready(&server);
    let body = clean_lead().to_string();
    let half_sent: Vec<HalfSentRequest> =
        (0..3).map(|_| HalfSentRequest::start(&server.address, &seeded.key, &body)).collect();

    let url = server.url("/api/v1/match/member");
    let signal_requested = Arc::new(AtomicBool::new(false));
    let started = Arc::new(Barrier::new(CLIENTS + 1));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (url, key, body) = (url.clone(), seeded.key.clone(), body.clone());
            let (signal_requested, started) = (signal_requested.clone(), started.clone());
            std::thread::spawn(move || {
                // A fresh connection per request: an error then means the request was not taken.
                let client = reqwest::blocking::Client::builder().pool_max_idle_per_host(0).build().unwrap();
                let mut answered = 0_usize;
                started.wait();
                loop {
                    let sent = client
                        .post(&url)
                        .bearer_auth(&key)
                        .header(CONTENT_TYPE, "application/json")
                        .body(body.clone())
                        .send();
                    let Ok(response) = sent else {
                        assert!(
                            signal_requested.load(Ordering::SeqCst),
                            "refused before the signal: {sent:?}"
                        );
                        return answered;
                    };
                    assert_eq!(response.status(), 200, "a request the server took was not answered");
                    let answer: Value = response.json().expect("a response was cut off mid-body");
                    assert_eq!(answer["entity_id"], "m000001");
                    answered += 1;
                }
            })
        })
        .collect();
    started.wait();
    std::thread::sleep(Duration::from_millis(300));
    signal_requested.store(true, Ordering::SeqCst);
    server.terminate();
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(server.child.try_wait().unwrap(), None, "the server exited with requests in flight");

    for request in half_sent {
        let (status, body) = request.finish();
        assert!(status.starts_with("HTTP/1.1 200"), "{status}");
        assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["entity_id"], "m000001");
    }
    let answered: usize =
        clients.into_iter().map(|client| client.join().expect("a client saw a broken answer")).sum();
    assert!(answered > 0, "the concurrent clients got no answer at all");
    assert_eq!(server.wait_exit(Duration::from_secs(40)), Some(0), "log:\n{}", server.log());
    assert!(server.log().contains("crmlens stopped"), "{}", server.log());
}
