//! `crmlens admin`: tenants, CRM orgs, users and API keys, driven as an operator would.

use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;

use crmlens::storage::ids::{Crm, OrgId, Seat, TenantSlug};
use crmlens::storage::{api_keys, credentials, orgs, tenants, users};

use crate::helpers::*;

/// Runs an admin command that must succeed and returns its stdout.
fn admin(db: &TestDb, args: &[&str], stdin: &[u8]) -> String {
    let mut all = vec!["admin"];
    all.extend_from_slice(args);
    let output = db.cli(&all, stdin);
    assert!(output.status.success(), "crmlens {all:?} failed: {}", stderr(&output));
    stdout(&output)
}

fn admin_json(db: &TestDb, args: &[&str], stdin: &[u8]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    serde_json::from_str(&admin(db, &all, stdin)).expect("JSON output")
}

#[test]
fn tenants_are_created_listed_shown_and_changed_from_the_cli() {
    each_backend("tenants_are_created_listed_shown_and_changed_from_the_cli", |db| {
        let text = admin(
            db,
            &[
                "tenant",
                "create",
                "acme",
                "--name",
                "Acme Sales",
                "--origin",
                "https://acme.my.salesforce.com",
            ],
            b"",
        );
        assert!(text.contains("tenant acme (Acme Sales)"), "{text}");
        admin(db, &["tenant", "create", "beta", "--name", "Beta"], b"");
        let listed = admin_json(db, &["tenant", "list"], b"");
        let slugs: Vec<&str> =
            listed.as_array().unwrap().iter().map(|t| t["slug"].as_str().unwrap()).collect();
        assert_eq!(slugs, ["acme", "beta"]);

        let args = [
            "tenant",
            "set",
            "acme",
            "--add-origin",
            "https://acme.crm.dynamics.com",
            "--remove-origin",
            "https://acme.my.salesforce.com",
            "--sync",
            "on",
            "--auto-match-threshold",
            "0.9",
            "--suggest-threshold",
            "0.4",
        ];
        admin(db, &args, b"");
        let shown = admin_json(db, &["tenant", "show", "acme"], b"");
        assert_eq!(shown["tenant"]["allowed_origins"], serde_json::json!(["https://acme.crm.dynamics.com"]));
        assert_eq!(shown["tenant"]["sync_enabled"], true);
        assert_eq!(shown["tenant"]["auto_match_threshold"], 0.9);
        admin(
            db,
            &["tenant", "set", "acme", "--auto-match-threshold", "default", "--suggest-threshold", "default"],
            b"",
        );
        let slug = TenantSlug::parse("acme").unwrap();
        let stored = tenants::find_by_slug(&mut db.conn(), &slug).unwrap().unwrap();
        assert_eq!((stored.auto_match_threshold, stored.suggest_threshold), (None, None));
    });
}

#[test]
fn bad_tenant_input_exits_2_with_the_rule() {
    let db = TestDb::sqlite();
    let output = db.cli(&["admin", "tenant", "create", "Bad Slug", "--name", "X"], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("a-z, 0-9 and -"), "{}", stderr(&output));
    admin(&db, &["tenant", "create", "acme", "--name", "Acme"], b"");
    let again = db.cli(&["admin", "tenant", "create", "acme", "--name", "Acme"], b"");
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists"), "{}", stderr(&again));
    let origin = db.cli(&["admin", "tenant", "set", "acme", "--add-origin", "http://evil.example"], b"");
    assert_eq!(origin.status.code(), Some(2));
    let missing = db.cli(&["admin", "user", "list", "--tenant", "nobody"], b"");
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("no tenant `nobody`"), "{}", stderr(&missing));
}

#[test]
fn org_canvas_secret_comes_from_stdin_and_is_never_printed() {
    each_backend("org_canvas_secret_comes_from_stdin_and_is_never_printed", |db| {
        admin(db, &["tenant", "create", "acme", "--name", "Acme"], b"");
        let args = [
            "org",
            "add",
            "--tenant",
            "acme",
            "--crm",
            "salesforce",
            "--org-id",
            "00D5e000000AbCdEAB",
            "--canvas-secret-file",
            "-",
        ];
        let text = admin(db, &args, b"canvas-s3cret-value\n");
        assert!(text.contains("Canvas secret set") && !text.contains("canvas-s3cret"), "{text}");
        let shown = admin(db, &["tenant", "show", "acme", "--json"], b"");
        assert!(!shown.contains("canvas-s3cret"), "{shown}");
        let org_id = OrgId::parse("00D5e000000AbCdEAB").unwrap();
        let org = orgs::find(&mut db.conn(), Crm::Salesforce, &org_id).unwrap().unwrap();
        assert_eq!(org.canvas_secret.unwrap().expose_secret(), "canvas-s3cret-value");

        let dir = tempfile::tempdir().unwrap();
        let file = write_bytes(dir.path(), "secret", b"rotated-secret\n");
        admin(
            db,
            &[
                "org",
                "set-secret",
                "--crm",
                "salesforce",
                "--org-id",
                "00D5e000000AbCdEAB",
                "--canvas-secret-file",
                file.to_str().unwrap(),
            ],
            b"",
        );
        let org = orgs::find(&mut db.conn(), Crm::Salesforce, &org_id).unwrap().unwrap();
        assert_eq!(org.canvas_secret.unwrap().expose_secret(), "rotated-secret");
        admin(db, &["org", "remove", "--crm", "salesforce", "--org-id", "00D5e000000AbCdEAB"], b"");
        assert!(orgs::find(&mut db.conn(), Crm::Salesforce, &org_id).unwrap().is_none());
    });
}

#[test]
fn users_get_roles_seats_and_argon2_passwords_from_stdin() {
    each_backend("users_get_roles_seats_and_argon2_passwords_from_stdin", |db| {
        admin(db, &["tenant", "create", "acme", "--name", "Acme"], b"");
        let args = [
            "user",
            "add",
            "--tenant",
            "acme",
            "Rita@Acme.com",
            "--name",
            "Rita Rep",
            "--seat",
            "team",
            "--member-id",
            "m100002",
            "--password-stdin",
        ];
        let added = admin_json(db, &args, b"correct horse battery\n");
        assert_eq!((added["email"].as_str(), added["role"].as_str()), (Some("rita@acme.com"), Some("rep")));
        assert!(!added.to_string().contains("argon2"), "no hash in the output");

        let mut conn = db.conn();
        let tenant = tenants::find_by_slug(&mut conn, &TenantSlug::parse("acme").unwrap()).unwrap().unwrap();
        let user = users::find_by_email(&mut conn, tenant.id, "rita@acme.com").unwrap().unwrap();
        let hash = users::password_hash(&mut conn, user.id).unwrap().unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(credentials::verify_password(&hash, &SecretString::from("correct horse battery")));

        admin(
            db,
            &["user", "set", "--tenant", "acme", "rita@acme.com", "--seat", "enterprise", "--role", "admin"],
            b"",
        );
        admin(db, &["user", "disable", "--tenant", "acme", "rita@acme.com"], b"");
        let user = users::find_by_email(&mut conn, tenant.id, "rita@acme.com").unwrap().unwrap();
        assert_eq!((user.seat, user.disabled), (Seat::Enterprise, true));

        let short = db.cli(
            &["admin", "user", "set", "--tenant", "acme", "rita@acme.com", "--password-stdin"],
            b"short\n",
        );
        assert_eq!(short.status.code(), Some(2));
        assert!(stderr(&short).contains("shorter than"), "{}", stderr(&short));
    });
}

#[test]
fn api_key_is_printed_once_and_stored_only_as_a_hash() {
    each_backend("api_key_is_printed_once_and_stored_only_as_a_hash", |db| {
        admin(db, &["tenant", "create", "acme", "--name", "Acme"], b"");
        let created =
            admin_json(db, &["api-key", "create", "--tenant", "acme", "--name", "nightly sync"], b"");
        let key = created["key"].as_str().unwrap().to_owned();
        let prefix = created["prefix"].as_str().unwrap().to_owned();
        assert!(key.starts_with(&format!("crml_{prefix}_")), "{key}");
        assert!(api_keys::authenticate(&mut db.conn(), &key).unwrap().is_some());

        let listed = admin(db, &["api-key", "list", "--tenant", "acme"], b"");
        let shown = admin(db, &["tenant", "show", "acme"], b"");
        assert!(
            listed.contains(&prefix) && !listed.contains(&key) && !shown.contains(&key),
            "{listed}\n{shown}"
        );

        admin(db, &["api-key", "revoke", "--tenant", "acme", &prefix], b"");
        assert!(api_keys::authenticate(&mut db.conn(), &key).unwrap().is_none());
        assert!(admin(db, &["api-key", "list", "--tenant", "acme"], b"").contains("revoked"));
    });
}
