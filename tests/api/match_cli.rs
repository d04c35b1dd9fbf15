//! `crmlens match` against the imported directory: the resolver order of the widgets (a tenant's
//! manual override, then its sync mapping when sync is on, then the engine), on both backends.

use crmlens::storage::ids::{Crm, CrmObject, EntityId, EntityKind, OrgId, RecordId, TenantSlug};
use crmlens::storage::record_links::{self, LinkSource, LinkTarget, RecordKey};
use crmlens::storage::tenants::{self, TenantSettings};
use serde_json::Value;

use crate::helpers::{TestDb, each_backend, member_line, stderr, stdout, write_lines};

const ORG: &str = "00D000000000TEST01";

fn queries() -> Vec<String> {
    [("00Q000000000000001", "Ada", "Lovelace"), ("00Q000000000000002", "Grace", "Hopper"), ("00Q000000000000003", "Ada", "Lovelace")]
        .iter()
        .map(|(record, first, last)| {
            format!(r#"{{"record_id":"{record}","crm":"salesforce","object":"lead","first_name":"{first}","last_name":"{last}","company":null,"title":null,"email":null}}"#)
        })
        .collect()
}

fn link(db: &TestDb, tenant: &tenants::Tenant, source: LinkSource, record: &str, target: LinkTarget) {
    let key = RecordKey {
        tenant: tenant.id,
        crm: Crm::Salesforce,
        org: OrgId::parse(ORG).unwrap(),
        object: CrmObject::Lead,
        record: RecordId::parse(record).unwrap(),
        kind: EntityKind::Member,
    };
    record_links::set(&mut db.conn(), source, &key, &target, None, 0).unwrap();
}

fn decisions(output: &std::process::Output) -> Vec<(String, Option<String>)> {
    assert!(output.status.success(), "{}", stderr(output));
    stdout(output)
        .lines()
        .map(|line| {
            let row: Value = serde_json::from_str(line).unwrap();
            (row["decision"].as_str().unwrap().to_owned(), row["entity_id"].as_str().map(str::to_owned))
        })
        .collect()
}

#[test]
fn match_applies_override_then_sync_then_engine() {
    each_backend("match_applies_override_then_sync_then_engine", |db| {
        let dir = tempfile::tempdir().unwrap();
        let members = write_lines(
            dir.path(),
            "members.jsonl",
            &[member_line("m000001", "Ada", "Lovelace", &[]), member_line("m000002", "Grace", "Hopper", &[])],
        );
        let queries = write_lines(dir.path(), "queries.jsonl", &queries());
        let queries = queries.to_str().unwrap();
        assert!(db.cli(&["import", "members", members.to_str().unwrap()], b"").status.success());

        let engine_only = decisions(&db.cli(&["match", "--kind", "member", "--input", queries], b""));
        assert_ne!(engine_only[0].1.as_deref(), Some("m000002"), "{engine_only:?}");

        let mut conn = db.conn();
        let tenant = tenants::create(
            &mut conn,
            &TenantSlug::parse("acme").unwrap(),
            &TenantSettings::named("Acme"),
            0,
        )
        .unwrap();
        link(
            db,
            &tenant,
            LinkSource::Override,
            "00Q000000000000001",
            LinkTarget::Entity(EntityId::parse("m000002").unwrap()),
        );
        link(db, &tenant, LinkSource::Override, "00Q000000000000002", LinkTarget::NoMatch);
        link(
            db,
            &tenant,
            LinkSource::Sync,
            "00Q000000000000003",
            LinkTarget::Entity(EntityId::parse("m000002").unwrap()),
        );

        let args = ["match", "--kind", "member", "--input", queries, "--tenant", "acme"];
        let with_tenant = decisions(&db.cli(&args, b""));
        assert_eq!(
            with_tenant[0],
            ("match".to_owned(), Some("m000002".to_owned())),
            "override wins over the engine"
        );
        assert_eq!(with_tenant[1], ("none".to_owned(), None), "an override to 'no match' hides the card");
        assert_eq!(with_tenant[2], engine_only[2], "sync mappings apply only when the tenant enabled sync");

        let mut settings = TenantSettings::named("Acme");
        settings.sync_enabled = true;
        tenants::update(&mut conn, tenant.id, &settings).unwrap();
        let with_sync = decisions(&db.cli(&args, b""));
        assert_eq!(with_sync[2], ("match".to_owned(), Some("m000002".to_owned())), "sync mapping applies");
    });
}

#[test]
fn match_on_an_empty_directory_says_to_import_first() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let queries = write_lines(dir.path(), "queries.jsonl", &queries());
    let output = db.cli(&["match", "--kind", "member", "--input", queries.to_str().unwrap()], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("import it first"), "{}", stderr(&output));
}

#[test]
fn match_with_an_unknown_tenant_exits_2() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let queries = write_lines(dir.path(), "queries.jsonl", &queries());
    let output =
        db.cli(&["match", "--kind", "member", "--input", queries.to_str().unwrap(), "--tenant", "nope"], b"");
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
}
