//! Storage: connections, migrations, the instance secret and each aggregate, on every backend.

use std::time::{Duration, Instant};

use diesel::RunQueryDsl;
use diesel::sql_types::Text;
use secrecy::{ExposeSecret, SecretString};

use crmlens::config::DatabaseUrl;
use crmlens::link_cache::{LinkCache, RECHECK};
use crmlens::storage::ids::{Crm, CrmObject, EntityId, EntityKind, OrgId, RecordId, Role, Seat, TenantSlug};
use crmlens::storage::record_links::{self, LinkSource, LinkTarget, RecordKey};
use crmlens::storage::tenants::{self, TenantSettings};
use crmlens::storage::users::{self, NewUser, UserChanges};
use crmlens::storage::{self, DbConnection, StorageError, api_keys, credentials, directory, orgs, sessions};

use crate::helpers::*;

const NOW: i64 = 1_800_000_000;

fn tenant(conn: &mut DbConnection, slug: &str) -> tenants::Tenant {
    tenants::create(conn, &TenantSlug::parse(slug).unwrap(), &TenantSettings::named("Acme Sales"), NOW)
        .unwrap()
}

fn rep(conn: &mut DbConnection, tenant: &tenants::Tenant, email: &str) -> users::User {
    let new = NewUser {
        email: email.into(),
        name: "Rita Rep".into(),
        role: Role::Rep,
        seat: Seat::Team,
        member_id: None,
        password_hash: None,
    };
    users::add(conn, tenant.id, &new, NOW).unwrap()
}

#[test]
fn pool_connections_answer_and_migrations_run_once() {
    each_backend("pool_connections_answer_and_migrations_run_once", |db| {
        let pool = storage::connect(&db.database_url(), 3).unwrap();
        let mut conn = pool.get().unwrap();
        assert!(storage::run_migrations(&mut conn).unwrap() >= 1, "a fresh database needs migrations");
        assert_eq!(storage::run_migrations(&mut conn).unwrap(), 0);
        assert!(!storage::has_pending_migrations(&mut conn).unwrap());
        storage::ping(&mut conn).unwrap();
    });
}

#[derive(diesel::QueryableByName)]
struct Pragma {
    #[diesel(sql_type = Text)]
    value: String,
}

/// The one text value a query returns (`SELECT … AS value`).
fn scalar(conn: &mut DbConnection, query: &str) -> String {
    let rows: Vec<Pragma> = match conn {
        DbConnection::Sqlite(c) => diesel::sql_query(query).load(c),
        DbConnection::Postgres(c) => diesel::sql_query(query).load(c),
    }
    .unwrap();
    rows.into_iter().next().expect("the query returns a row").value
}

#[test]
fn sqlite_connections_use_wal_and_enforce_foreign_keys() {
    let db = TestDb::sqlite();
    let pool = storage::connect(&db.database_url(), 2).unwrap();
    let mut conn = pool.get().unwrap();
    let DbConnection::Sqlite(sqlite) = &mut *conn else { panic!("expected SQLite") };
    let mode: Vec<Pragma> =
        diesel::sql_query("SELECT journal_mode AS value FROM pragma_journal_mode").load(sqlite).unwrap();
    assert_eq!(mode[0].value, "wal");
    let keys: Vec<Pragma> =
        diesel::sql_query("SELECT CAST(foreign_keys AS TEXT) AS value FROM pragma_foreign_keys")
            .load(sqlite)
            .unwrap();
    assert_eq!(keys[0].value, "1");
}

#[test]
fn postgres_connection_errors_keep_the_real_cause() {
    let url = DatabaseUrl::parse("postgres://crmlens:hunter2@127.0.0.1:1/nowhere").unwrap();
    let message = storage::connect(&url, 1).expect_err("nothing listens on port 1").to_string();
    assert!(message.contains("Connection refused") || message.contains("connection refused"), "{message}");
    assert!(!message.contains("hunter2"), "{message}");
}

#[test]
fn instance_secret_is_generated_once_and_a_configured_one_wins() {
    each_backend("instance_secret_is_generated_once_and_a_configured_one_wins", |db| {
        let mut conn = db.conn();
        let first = storage::instance_secret(&mut conn, None).unwrap();
        assert_eq!(first.expose_secret().len(), 64, "256 bits, hex");
        let again = storage::instance_secret(&mut db.conn(), None).unwrap();
        assert_eq!(first.expose_secret(), again.expose_secret());
        let configured = SecretString::from("x".repeat(40));
        let chosen = storage::instance_secret(&mut conn, Some(&configured)).unwrap();
        assert_eq!(chosen.expose_secret(), configured.expose_secret());
    });
}

#[test]
fn tenants_are_created_listed_and_updated() {
    each_backend("tenants_are_created_listed_and_updated", |db| {
        let mut conn = db.conn();
        let acme = tenant(&mut conn, "acme");
        tenant(&mut conn, "beta");
        let taken = tenants::create(&mut conn, &acme.slug, &TenantSettings::named("Again"), NOW);
        assert!(matches!(taken, Err(StorageError::Conflict(_))), "{taken:?}");

        let mut settings = TenantSettings::named("Acme Corp");
        settings.allowed_origins = vec![tenants::parse_origin("https://Acme.my.salesforce.com/").unwrap()];
        settings.sync_enabled = true;
        settings.auto_match_threshold = Some(0.9);
        settings.suggest_threshold = Some(0.3);
        let updated = tenants::update(&mut conn, acme.id, &settings).unwrap();
        assert_eq!(updated.allowed_origins, ["https://acme.my.salesforce.com"]);
        assert!(updated.sync_enabled);
        assert_eq!(updated.auto_match_threshold, Some(0.9));
        settings.suggest_threshold = Some(0.95);
        assert!(matches!(tenants::update(&mut conn, acme.id, &settings), Err(StorageError::Invalid(_))));

        let slugs: Vec<String> =
            tenants::list(&mut conn).unwrap().into_iter().map(|t| t.slug.to_string()).collect();
        assert_eq!(slugs, ["acme", "beta"]);
        let found = tenants::find_by_slug(&mut conn, &acme.slug).unwrap().unwrap();
        assert_eq!(found.name, "Acme Corp");
    });
}

#[test]
fn origins_must_be_https_except_for_localhost() {
    assert!(tenants::parse_origin("http://evil.example").is_err());
    assert!(tenants::parse_origin("https://x.example/path?q").is_err());
    assert_eq!(tenants::parse_origin("http://localhost:8081").unwrap(), "http://localhost:8081");
}

#[test]
fn a_crm_org_belongs_to_one_tenant_and_keeps_its_canvas_secret() {
    each_backend("a_crm_org_belongs_to_one_tenant_and_keeps_its_canvas_secret", |db| {
        let mut conn = db.conn();
        let (acme, beta) = (tenant(&mut conn, "acme"), tenant(&mut conn, "beta"));
        let org = OrgId::parse("00D5e000000AbCdEAB").unwrap();
        let secret = SecretString::from("canvas-consumer-secret");
        orgs::add(&mut conn, acme.id, Crm::Salesforce, &org, Some(&secret), NOW).unwrap();
        let again = orgs::add(&mut conn, beta.id, Crm::Salesforce, &org, None, NOW);
        assert!(matches!(again, Err(StorageError::Conflict(_))));

        let found = orgs::find(&mut conn, Crm::Salesforce, &org).unwrap().unwrap();
        assert_eq!(found.tenant_id, acme.id);
        assert_eq!(found.canvas_secret.unwrap().expose_secret(), "canvas-consumer-secret");
        assert!(
            !format!("{:?}", orgs::list_for_tenant(&mut conn, acme.id).unwrap()).contains("canvas-consumer")
        );
        assert!(orgs::find(&mut conn, Crm::Dynamics, &org).unwrap().is_none());
        assert!(orgs::remove(&mut conn, Crm::Salesforce, &org).unwrap());
        assert!(orgs::find(&mut conn, Crm::Salesforce, &org).unwrap().is_none());
    });
}

#[test]
fn disabling_a_user_ends_their_sessions() {
    each_backend("disabling_a_user_ends_their_sessions", |db| {
        let mut conn = db.conn();
        let acme = tenant(&mut conn, "acme");
        let user = rep(&mut conn, &acme, " Rita@Acme.COM ");
        assert_eq!(user.email, "rita@acme.com");
        let duplicate = NewUser {
            email: "rita@acme.com".into(),
            name: "Other".into(),
            role: Role::Admin,
            seat: Seat::None,
            member_id: None,
            password_hash: None,
        };
        assert!(matches!(users::add(&mut conn, acme.id, &duplicate, NOW), Err(StorageError::Conflict(_))));

        sessions::create(
            &mut conn,
            &sessions::NewSession {
                id_hash: "hash-1",
                user: user.id,
                csrf_token: "token",
                method: "password",
                now: NOW,
                idle_expires_at: NOW + 3600,
                absolute_expires_at: NOW + 7200,
            },
        )
        .unwrap();
        assert!(sessions::find_active(&mut conn, "hash-1", NOW + 10).unwrap().is_some());
        assert!(sessions::find_active(&mut conn, "hash-1", NOW + 3600).unwrap().is_none(), "expired");

        let hash = credentials::hash_password(&SecretString::from("a long enough password")).unwrap();
        let changes = UserChanges {
            seat: Some(Seat::Enterprise),
            member_id: Some(Some(EntityId::parse("m100002").unwrap())),
            password_hash: Some(hash),
            ..UserChanges::default()
        };
        let updated = users::update(&mut conn, user.id, &changes).unwrap();
        assert_eq!((updated.seat, updated.has_password), (Seat::Enterprise, true));
        let stored = users::password_hash(&mut conn, user.id).unwrap().unwrap();
        assert!(credentials::verify_password(&stored, &SecretString::from("a long enough password")));

        users::update(&mut conn, user.id, &UserChanges { disabled: Some(true), ..UserChanges::default() })
            .unwrap();
        assert!(sessions::find_active(&mut conn, "hash-1", NOW + 10).unwrap().is_none());
        assert!(users::find_by_email(&mut conn, acme.id, "RITA@acme.com").unwrap().unwrap().disabled);
    });
}

#[test]
fn api_keys_authenticate_until_revoked_and_are_stored_hashed() {
    each_backend("api_keys_authenticate_until_revoked_and_are_stored_hashed", |db| {
        let mut conn = db.conn();
        let acme = tenant(&mut conn, "acme");
        let (record, key) = api_keys::create(&mut conn, acme.id, "nightly sync", NOW).unwrap();
        let key = key.expose_secret().to_owned();
        assert_eq!(api_keys::authenticate(&mut conn, &key).unwrap().unwrap().tenant_id, acme.id);
        assert!(api_keys::authenticate(&mut conn, &format!("{key}x")).unwrap().is_none());

        #[derive(diesel::QueryableByName)]
        struct Stored {
            #[diesel(sql_type = Text)]
            key_hash: String,
        }
        let query = "SELECT key_hash FROM api_keys";
        let stored: Vec<Stored> = match &mut conn {
            DbConnection::Sqlite(c) => diesel::sql_query(query).load(c).unwrap(),
            DbConnection::Postgres(c) => diesel::sql_query(query).load(c).unwrap(),
        };
        let hashes: Vec<&str> = stored.iter().map(|s| s.key_hash.as_str()).collect();
        assert_eq!(hashes, [credentials::sha256_hex(&key)], "only the hash is stored");

        api_keys::revoke(&mut conn, acme.id, &record.prefix, NOW + 5).unwrap();
        assert!(api_keys::authenticate(&mut conn, &key).unwrap().is_none());
        let listed = api_keys::list_for_tenant(&mut conn, acme.id).unwrap();
        assert_eq!(listed[0].revoked_at, Some(NOW + 5));
    });
}

fn record_key(tenant: &tenants::Tenant) -> RecordKey {
    RecordKey {
        tenant: tenant.id,
        crm: Crm::Salesforce,
        org: OrgId::parse("00D5e000000AbCdEAB").unwrap(),
        object: CrmObject::Lead,
        record: RecordId::parse("00Q5e00000AbCdEfGH").unwrap(),
        kind: EntityKind::Member,
    }
}

#[test]
fn overrides_win_over_sync_and_undo_restores_the_previous_target() {
    each_backend("overrides_win_over_sync_and_undo_restores_the_previous_target", |db| {
        let mut conn = db.conn();
        let acme = tenant(&mut conn, "acme");
        let user = rep(&mut conn, &acme, "rita@acme.com");
        let key = record_key(&acme);
        let m1 = LinkTarget::Entity(EntityId::parse("m100001").unwrap());
        record_links::set(&mut conn, LinkSource::Sync, &key, &m1, None, NOW).unwrap();
        assert_eq!(record_links::resolve(&mut conn, &key).unwrap().unwrap().source, LinkSource::Sync);

        record_links::set(
            &mut conn,
            LinkSource::Override,
            &key,
            &LinkTarget::NoMatch,
            Some(user.id),
            NOW + 1,
        )
        .unwrap();
        let m2 = LinkTarget::Entity(EntityId::parse("m100002").unwrap());
        let link =
            record_links::set(&mut conn, LinkSource::Override, &key, &m2, Some(user.id), NOW + 2).unwrap();
        assert_eq!(link.previous, Some(LinkTarget::NoMatch));
        let resolved = record_links::resolve(&mut conn, &key).unwrap().unwrap();
        assert_eq!(
            (resolved.source, &resolved.target, resolved.set_by),
            (LinkSource::Override, &m2, Some(user.id))
        );

        let undone =
            record_links::undo(&mut conn, LinkSource::Override, &key, Some(user.id), NOW + 3).unwrap();
        assert_eq!(undone.unwrap().target, LinkTarget::NoMatch);
        assert_eq!(record_links::count_for_tenant(&mut conn, acme.id, LinkSource::Override).unwrap(), 1);
        assert!(record_links::remove(&mut conn, LinkSource::Override, &key).unwrap());
        assert_eq!(record_links::resolve(&mut conn, &key).unwrap().unwrap().target, m1);
    });
}

/// Servers cache links and drop that cache when the link generation moves, so every kind of
/// change must move it: new, replaced, undone, removed, and deleted with the tenant.
#[test]
fn every_change_to_a_link_moves_the_link_generation() {
    each_backend("every_change_to_a_link_moves_the_link_generation", |db| {
        let mut conn = db.conn();
        let acme = tenant(&mut conn, "acme");
        let key = record_key(&acme);
        let target = |id: &str| LinkTarget::Entity(EntityId::parse(id).unwrap());
        let mut seen = vec![record_links::generation(&mut conn).unwrap()];
        let mut assert_moved = |conn: &mut DbConnection, change: &str| {
            let generation = record_links::generation(conn).unwrap();
            assert!(!seen.contains(&generation), "{change} left the link generation at {generation}");
            seen.push(generation);
        };
        record_links::set(&mut conn, LinkSource::Override, &key, &target("m100001"), None, NOW).unwrap();
        assert_moved(&mut conn, "a new link");
        record_links::set(&mut conn, LinkSource::Override, &key, &target("m100002"), None, NOW + 1).unwrap();
        assert_moved(&mut conn, "a replaced link");
        record_links::undo(&mut conn, LinkSource::Override, &key, None, NOW + 2).unwrap();
        assert_moved(&mut conn, "an undo");
        assert!(record_links::remove(&mut conn, LinkSource::Override, &key).unwrap());
        assert_moved(&mut conn, "a removal");
        record_links::set(&mut conn, LinkSource::Sync, &key, &target("m100003"), None, NOW + 3).unwrap();
        assert_moved(&mut conn, "a sync mapping");
        let delete = format!("DELETE FROM tenants WHERE id = {}", acme.id.0);
        match &mut conn {
            DbConnection::Sqlite(c) => diesel::sql_query(delete).execute(c),
            DbConnection::Postgres(c) => diesel::sql_query(delete).execute(c),
        }
        .unwrap();
        assert_moved(&mut conn, "deleting the tenant (its links cascade)");
    });
}

/// A card server keeps the links it read: its own changes show at once, another server's (here
/// another connection) once the generation is read again, at most `RECHECK` later.
#[test]
fn cached_links_show_changes_made_here_at_once_and_elsewhere_after_the_recheck() {
    each_backend("cached_links_show_changes_made_here_at_once_and_elsewhere_after_the_recheck", |db| {
        let (mut here, mut elsewhere) = (db.conn(), db.conn());
        let acme = tenant(&mut here, "acme");
        let key = record_key(&acme);
        let target = |id: &str| Some(LinkTarget::Entity(EntityId::parse(id).unwrap()));
        let cache = LinkCache::new(100);
        let start = Instant::now();
        let read = |conn: &mut DbConnection, after: Duration| {
            cache.get(conn, LinkSource::Override, &key, start + after).unwrap().map(|link| link.target)
        };
        assert_eq!(read(&mut here, Duration::ZERO), None);

        let m1 = target("m100001").unwrap();
        cache
            .change(&mut here, |conn| record_links::set(conn, LinkSource::Override, &key, &m1, None, NOW))
            .unwrap();
        assert_eq!(read(&mut here, Duration::ZERO), target("m100001"), "this server's own change");

        let m2 = target("m100002").unwrap();
        record_links::set(&mut elsewhere, LinkSource::Override, &key, &m2, None, NOW + 1).unwrap();
        assert_eq!(read(&mut here, RECHECK / 2), target("m100001"), "read again before the recheck: kept");
        assert_eq!(read(&mut here, RECHECK), target("m100002"), "another server's change, after the recheck");

        record_links::undo(&mut elsewhere, LinkSource::Override, &key, None, NOW + 2).unwrap();
        assert_eq!(read(&mut here, RECHECK * 2), target("m100001"), "another server's undo");
    });
}

/// Overrides take only parsed ids: a CRM value (a name, an address, an opportunity title) cannot
/// be turned into any part of a record key or target.
#[test]
fn overrides_cannot_hold_crm_values() {
    for value in ["Jane Doe", "jane.doe@acme.com", "Acme Corp - Renewal 2024", "Müller"] {
        assert!(RecordId::parse(value).is_err(), "{value}");
        assert!(EntityId::parse(value).is_err(), "{value}");
        assert!(OrgId::parse(value).is_err(), "{value}");
    }
}

#[test]
fn member_pages_cover_the_directory_in_id_order() {
    each_backend("member_pages_cover_the_directory_in_id_order", |db| {
        let dir = tempfile::tempdir().unwrap();
        let mut lines = generated_members(25);
        lines.reverse();
        let file = write_lines(dir.path(), "m.jsonl", &lines);
        assert!(db.cli(&["import", "members", file.to_str().unwrap()], b"").status.success());
        let mut conn = db.conn();
        let pages: Vec<Vec<directory::DirectoryMember>> =
            directory::member_pages(&mut conn, 10).collect::<Result<_, _>>().unwrap();
        assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [10, 10, 5]);
        let ids: Vec<&str> = pages.iter().flatten().map(|m| m.id.as_str()).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
        assert!(pages.iter().flatten().all(|m| m.past_positions.len() == 1));
        assert_eq!(pages.iter().flatten().filter(|m| !m.emails.is_empty()).count(), 9);
    });
}

#[test]
fn usage_events_are_written_in_batches_by_the_background_writer() {
    each_backend("usage_events_are_written_in_batches_by_the_background_writer", |db| {
        let acme = tenant(&mut db.conn(), "acme");
        let pool = storage::connect(&db.database_url(), 2).unwrap();
        let recorder = crmlens::http::deferred::DeferredWrites::start(pool.clone()).unwrap();
        let started = std::time::Instant::now();
        for _ in 0..1_500 {
            recorder.record_usage(acme.id, "card_view", "/embed/member");
        }
        recorder.record_usage(acme.id, "override", "/embed/member");
        let seconds_spanned = started.elapsed().as_secs() + 2;
        drop(recorder);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        let expected = vec![("card_view".to_owned(), 1_500), ("override".to_owned(), 1)];
        loop {
            let counts =
                storage::events::counts_by_kind(&mut pool.get().unwrap(), acme.id, 0, i64::MAX).unwrap();
            if counts == expected {
                break;
            }
            assert!(std::time::Instant::now() < deadline, "events written: {counts:?}");
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let rows: u64 = scalar(&mut db.conn(), "SELECT CAST(COUNT(*) AS TEXT) AS value FROM usage_events")
            .parse()
            .unwrap();
        assert!(
            rows <= 2 * seconds_spanned,
            "{rows} rows for 1,501 views: views are counted per second, not a row each"
        );
    });
}
