//! `crmlens admin sso …` and `admin user end-sessions`, driven as an operator would.

use serde_json::Value;

use crmlens::storage::ids::TenantSlug;
use crmlens::storage::sessions::{self, NewSession};
use crmlens::storage::{sso_config, tenants, unix_now, users};

use crate::helpers::*;

fn admin_json(db: &TestDb, args: &[&str], stdin: &[u8]) -> Value {
    let mut all = vec!["admin"];
    all.extend_from_slice(args);
    all.push("--json");
    let output = db.cli(&all, stdin);
    assert!(output.status.success(), "crmlens {all:?} failed: {}", stderr(&output));
    serde_json::from_str(&stdout(&output)).expect("JSON output")
}

fn tenant(db: &TestDb) {
    admin_json(db, &["tenant", "create", "acme", "--name", "Acme"], b"");
}

#[test]
fn oidc_is_configured_shown_without_its_secret_and_disabled_from_the_cli() {
    each_backend("oidc_is_configured_shown_without_its_secret_and_disabled_from_the_cli", |db| {
        tenant(db);
        let shown = admin_json(
            db,
            &[
                "sso",
                "oidc",
                "set",
                "--tenant",
                "acme",
                "--issuer",
                "https://idp.acme.com",
                "--client-id",
                "crmlens",
                "--client-secret-file",
                "-",
                "--domain",
                "Acme.com",
                "--jit",
                "on",
            ],
            b"top-secret-value\n",
        );
        assert_eq!(shown["oidc_issuer"], "https://idp.acme.com");
        assert_eq!(shown["oidc_has_client_secret"], true);
        assert_eq!(shown["allowed_domains"], serde_json::json!(["acme.com"]));
        assert_eq!(shown["jit_provisioning"], true);
        assert!(shown["oidc_redirect_uri"].as_str().unwrap().ends_with("/auth/oidc/callback"));
        let text = stdout(&db.cli(&["admin", "sso", "show", "--tenant", "acme"], b""));
        assert!(!text.contains("top-secret-value"), "{text}");

        let mut conn = db.conn();
        let acme = tenants::require_by_slug(&mut conn, &TenantSlug::parse("acme").unwrap()).unwrap();
        let stored = sso_config::get(&mut conn, acme.id).unwrap();
        assert_eq!(stored.oidc.unwrap().client_secret.as_deref(), Some("top-secret-value"));

        let disabled = admin_json(db, &["sso", "disable", "--tenant", "acme", "--oidc"], b"");
        assert_eq!(disabled["oidc_issuer"], Value::Null);
        assert_eq!(disabled["allowed_domains"], serde_json::json!(["acme.com"]), "the policy stays");
    });
}

#[test]
fn saml_import_refuses_metadata_that_is_not_usable() {
    each_backend("saml_import_refuses_metadata_that_is_not_usable", |db| {
        tenant(db);
        let dir = tempfile::tempdir().unwrap();
        let doctype = write_bytes(
            dir.path(),
            "idp.xml",
            b"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><md:EntityDescriptor/>",
        );
        let output = db.cli(
            &["admin", "sso", "saml", "import", "--tenant", "acme", "--metadata", doctype.to_str().unwrap()],
            b"",
        );
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        assert!(stderr(&output).contains("not usable IdP metadata"), "{}", stderr(&output));
    });
}

#[test]
fn admin_can_end_a_users_sessions_from_the_cli() {
    each_backend("admin_can_end_a_users_sessions_from_the_cli", |db| {
        tenant(db);
        admin_json(db, &["user", "add", "--tenant", "acme", "rita@acme.com", "--name", "Rita"], b"");
        let mut conn = db.conn();
        let acme = tenants::require_by_slug(&mut conn, &TenantSlug::parse("acme").unwrap()).unwrap();
        let rita = users::require_by_email(&mut conn, acme.id, "rita@acme.com").unwrap();
        let now = unix_now();
        let session = NewSession {
            id_hash: "h",
            user: rita.id,
            csrf_token: "t",
            method: "password",
            now,
            idle_expires_at: now + 600,
            absolute_expires_at: now + 6000,
        };
        sessions::create(&mut conn, &session).unwrap();
        let done = admin_json(db, &["user", "end-sessions", "--tenant", "acme", "rita@acme.com"], b"");
        assert_eq!(done["sessions_ended"], 1);
        assert!(sessions::find_active(&mut conn, "h", now + 1).unwrap().is_none());
        assert!(!users::get(&mut conn, rita.id).unwrap().disabled, "the user stays enabled");
    });
}

#[test]
fn saml_idp_metadata_is_imported_from_the_cli() {
    if !crate::sso_support::identity_providers_installed() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let sp = crmlens::sso::saml::SpSettings::new(
        "https://crmlens.test/auth/saml/metadata",
        "https://crmlens.test/auth/saml/acs",
    );
    let sp_path =
        write_bytes(dir.path(), "sp.xml", crmlens::sso::saml::sp_metadata_xml(&sp).unwrap().as_bytes());
    let idp = crate::sso_support::start_saml_idp(&sp_path, None, false);
    let metadata =
        reqwest::blocking::get(idp.announcement["metadata_url"].as_str().unwrap()).unwrap().text().unwrap();
    let idp_path = write_bytes(dir.path(), "idp.xml", metadata.as_bytes());
    each_backend("saml_idp_metadata_is_imported_from_the_cli", |db| {
        tenant(db);
        let shown = admin_json(
            db,
            &[
                "sso",
                "saml",
                "import",
                "--tenant",
                "acme",
                "--metadata",
                idp_path.to_str().unwrap(),
                "--domain",
                "example.com",
            ],
            b"",
        );
        assert_eq!(shown["saml_idp_entity_id"], idp.announcement["entity_id"]);
        assert_eq!(shown["saml_allow_sha1"], false);
        assert!(shown["saml_acs_url"].as_str().unwrap().ends_with("/auth/saml/acs"));
    });
}
