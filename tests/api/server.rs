//! The server's operational surface: probes, metrics, headers, TLS, shutdown, log privacy.

use std::time::Duration;

use crate::app::{ServerProcess, TestApp};

#[actix_web::test]
async fn healthz_answers_ok() {
    let app = TestApp::spawn().await;
    let response = reqwest::get(app.url("/healthz")).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "ok");
}

#[actix_web::test]
async fn readyz_turns_ready_once_the_directory_index_is_loaded() {
    let app = TestApp::spawn().await;
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let response = reqwest::get(app.url("/readyz")).await.unwrap();
        let (status, body) = (response.status(), response.text().await.unwrap());
        if status == 200 {
            assert!(body.contains("directory index: loaded"), "{body}");
            break;
        }
        assert_eq!(status, 503, "{body}");
        assert!(app.state.directory.snapshot().is_none(), "ready index but 503: {body}");
        assert!(std::time::Instant::now() < deadline, "index never loaded: {body}");
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
}

#[test]
fn an_import_from_another_process_replaces_the_running_servers_index() {
    let server = ServerProcess::start(&[]);
    let client = reqwest::blocking::Client::new();
    let members = server.dir().join("members.jsonl");
    std::fs::write(
        &members,
        r#"{"id":"m000001","first_name":"Ada","last_name":"Lovelace","title":"Analyst","company_id":null,"company_name":"","location":"London","emails":[],"past_companies":[]}"#,
    )
    .unwrap();
    let import =
        crate::app::crmlens(server.dir(), &["--db", "test.db", "import", "members", "members.jsonl"], &[]);
    assert!(import.status.success(), "{import:?}");
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while !server.log().contains(r#""members":1"#) {
        assert!(std::time::Instant::now() < deadline, "index was not rebuilt:\n{}", server.log());
        assert_eq!(client.get(server.url("/healthz")).send().unwrap().status(), 200);
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[actix_web::test]
async fn metrics_count_requests_by_route_pattern() {
    let app = TestApp::spawn().await;
    reqwest::get(app.url("/healthz")).await.unwrap();
    let body = reqwest::get(app.url("/metrics")).await.unwrap().text().await.unwrap();
    assert!(body.contains(r#"http_requests_total{method="GET",route="/healthz",status="200"}"#), "{body}");
    assert!(body.contains("http_request_duration_seconds_bucket"), "{body}");
}

#[actix_web::test]
async fn responses_carry_security_headers_and_are_not_frameable() {
    let app = TestApp::spawn().await;
    let response = reqwest::get(app.url("/healthz")).await.unwrap();
    let headers = response.headers();
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "no-referrer");
    assert_eq!(headers["x-frame-options"], "DENY");
    assert!(headers["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"));
}

#[actix_web::test]
async fn static_files_are_cached_and_revalidated() {
    let app = TestApp::spawn().await;
    let client = reqwest::Client::new();
    let response = client.get(app.url("/static/css/crmlens.css")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["cache-control"].to_str().unwrap().contains("max-age"));
    let etag = response.headers()["etag"].clone();
    let again =
        client.get(app.url("/static/css/crmlens.css")).header("if-none-match", etag).send().await.unwrap();
    assert_eq!(again.status(), 304);
}

#[actix_web::test]
async fn serves_https_with_the_configured_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let certified = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let cert_path = dir.path().join("cert.pem");
    let key_path = dir.path().join("key.pem");
    std::fs::write(&cert_path, certified.cert.pem()).unwrap();
    std::fs::write(&key_path, certified.key_pair.serialize_pem()).unwrap();
    let app = TestApp::spawn_with(|args| {
        args.tls_cert = Some(cert_path.clone());
        args.tls_key = Some(key_path.clone());
    })
    .await;
    assert!(app.address.starts_with("https://"));
    let root = reqwest::Certificate::from_pem(certified.cert.pem().as_bytes()).unwrap();
    let client = reqwest::Client::builder().add_root_certificate(root).build().unwrap();
    let response = client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["strict-transport-security"], "max-age=31536000");
    let untrusting = reqwest::Client::new();
    assert!(untrusting.get(app.url("/healthz")).send().await.is_err(), "an untrusted certificate must fail");
}

#[test]
fn personal_values_in_query_strings_never_reach_the_log() {
    let server = ServerProcess::start(&[]);
    let canary = "Zyxwvuta-Canary-7731";
    let client = reqwest::blocking::Client::new();
    for path in ["/healthz", "/readyz", "/no-such-page", "/static/css/crmlens.css"] {
        let url = format!("{}?first_name={canary}&email={canary}%40example.com", server.url(path));
        client.get(url).send().unwrap();
    }
    let log = server.log();
    assert!(log.contains("request finished"), "the requests were not logged at all:\n{log}");
    assert!(log.contains("request_id"), "log lines carry no request id:\n{log}");
    assert!(!log.contains(canary), "a query-string value reached the log:\n{log}");
    let metrics = client.get(server.url("/metrics")).send().unwrap().text().unwrap();
    assert!(!metrics.contains(canary));
}

#[test]
fn sigterm_stops_the_server_cleanly() {
    let mut server = ServerProcess::start(&[]);
    let client = reqwest::blocking::Client::new();
    assert_eq!(client.get(server.url("/healthz")).send().unwrap().status(), 200);
    server.terminate();
    assert_eq!(server.wait_exit(Duration::from_secs(20)), Some(0), "log:\n{}", server.log());
    assert!(server.log().contains("crmlens stopped"));
}

#[actix_web::test]
async fn embed_loader_is_served_as_javascript_to_any_site() {
    let app = TestApp::spawn().await;
    let response = reqwest::get(app.url("/embed.js")).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/javascript; charset=utf-8");
    assert_eq!(response.headers()["cross-origin-resource-policy"], "cross-origin");
    assert!(response.text().await.unwrap().contains("MutationObserver"));
}

#[test]
fn demo_seeds_an_empty_database_once_and_prints_credentials() {
    let mut server = ServerProcess::start(&["--demo", "--demo-bind", "127.0.0.1:0"]);
    let log = server.log();
    assert!(log.contains("crmlens demo is ready"), "{log}");
    assert!(log.contains("rep@demo.crmlens.test"), "{log}");
    server.terminate();
    assert_eq!(server.wait_exit(Duration::from_secs(20)), Some(0));

    let url =
        crmlens::config::DatabaseUrl::parse(&server.dir().join("test.db").display().to_string()).unwrap();
    let mut conn = crmlens::storage::establish(&url).unwrap();
    let tenants = crmlens::storage::tenants::list(&mut conn).unwrap();
    assert_eq!(tenants.iter().map(|t| t.slug.as_str()).collect::<Vec<_>>(), ["demo"]);
    assert_eq!(crmlens::storage::directory::counts(&mut conn).unwrap().members, 10_000);

    let mut again = ServerProcess::start_in(server.take_dir(), &["--demo", "--demo-bind", "127.0.0.1:0"]);
    assert!(again.log().contains("already holds data"), "{}", again.log());
    again.terminate();
    assert_eq!(again.wait_exit(Duration::from_secs(20)), Some(0));
}

#[actix_web::test]
async fn home_page_shows_the_directory_and_the_embed_snippet() {
    let app = TestApp::spawn().await;
    let response = reqwest::get(app.url("/")).await.unwrap();
    assert_eq!(response.status(), 200);
    let body = response.text().await.unwrap();
    assert!(body.contains("<dt>Members</dt><dd>0</dd>"), "{body}");
    assert!(body.contains("/embed.js"), "{body}");
}
