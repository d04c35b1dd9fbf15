//! Seeds an empty database with everything a newcomer needs to see cards at once: a demo tenant
//! whose allowed CRM origin is the demo CRM site, Salesforce and Dynamics demo orgs, an admin and
//! a rep with a seat (random passwords, printed once), and a 10,000-member synthetic directory.

use std::path::Path;

use anyhow::Context;
use secrecy::{ExposeSecret, SecretString};

use crate::demo_data::{self, DemoSpec, Quiet};
use crate::import::{
    Companies, Connections, ImportObserver, ImportOptions, ImportReport, Importer, Members, import_files,
};
use crate::jsonl::{LineError, StreamError};
use crate::matching::email::EmailKey;
use crate::storage::ids::{Crm, OrgId, Role, Seat, TenantSlug};
use crate::storage::{self, DbConnection, credentials, orgs, tenants, users};

pub const DEMO_TENANT: &str = "demo";
pub const DEMO_SALESFORCE_ORG: &str = "00D000000000DEMO01";
pub const DEMO_DYNAMICS_ORG: &str = "demo-dynamics";
pub const DEMO_MEMBERS: u64 = 10_000;
pub const DEMO_COMPANIES: u64 = 1_000;
pub const DEMO_SEED: u64 = 2026;

/// What the demo prints for the newcomer.
pub struct DemoCredentials {
    pub admin_email: String,
    pub admin_password: SecretString,
    pub rep_email: String,
    pub rep_password: SecretString,
}

/// Seeds the demo into an empty database; `None` when it already holds tenants or a directory
/// (the demo never touches real data).
pub fn seed_if_empty(
    conn: &mut DbConnection,
    email_key: &EmailKey,
    demo_origin: &str,
    now: i64,
) -> anyhow::Result<Option<DemoCredentials>> {
    let counts = storage::directory::counts(conn)?;
    if !tenants::list(conn)?.is_empty() || counts.members > 0 || counts.companies > 0 {
        return Ok(None);
    }
    let credentials = storage::transaction(conn, |conn| seed_accounts(conn, demo_origin, now))?;
    seed_directory(conn, email_key).context("cannot seed the demo directory")?;
    Ok(Some(credentials))
}

/// Adds the demo CRM's origin to the demo tenant's allowed origins (its port can change between
/// runs, e.g. with `--demo-bind 127.0.0.1:0`). Does nothing without a demo tenant.
pub fn allow_demo_origin(conn: &mut DbConnection, demo_origin: &str) -> Result<(), storage::StorageError> {
    let Some(tenant) = tenants::find_by_slug(conn, &TenantSlug::parse(DEMO_TENANT)?)? else { return Ok(()) };
    let origin = tenants::parse_origin(demo_origin)?;
    if tenant.allowed_origins.contains(&origin) {
        return Ok(());
    }
    let mut allowed = tenant.allowed_origins.clone();
    allowed.push(origin);
    let settings = tenants::TenantSettings {
        name: tenant.name,
        allowed_origins: allowed,
        sync_enabled: tenant.sync_enabled,
        auto_match_threshold: tenant.auto_match_threshold,
        suggest_threshold: tenant.suggest_threshold,
    };
    tenants::update(conn, tenant.id, &settings)?;
    Ok(())
}

fn seed_accounts(
    conn: &mut DbConnection,
    demo_origin: &str,
    now: i64,
) -> Result<DemoCredentials, storage::StorageError> {
    let mut settings = tenants::TenantSettings::named("Demo Company");
    settings.allowed_origins = vec![tenants::parse_origin(demo_origin)?];
    let tenant = tenants::create(conn, &TenantSlug::parse(DEMO_TENANT)?, &settings, now)?;
    let canvas_secret = credentials::random_token(32);
    orgs::add(
        conn,
        tenant.id,
        Crm::Salesforce,
        &OrgId::parse(DEMO_SALESFORCE_ORG)?,
        Some(&canvas_secret),
        now,
    )?;
    orgs::add(conn, tenant.id, Crm::Dynamics, &OrgId::parse(DEMO_DYNAMICS_ORG)?, None, now)?;
    let admin = add_user(
        conn,
        tenant.id,
        "admin@demo.crmlens.test",
        "Demo Admin",
        Role::Admin,
        Seat::Enterprise,
        now,
    )?;
    let rep = add_user(conn, tenant.id, "rep@demo.crmlens.test", "Demo Rep", Role::Rep, Seat::Team, now)?;
    Ok(DemoCredentials {
        admin_email: admin.0,
        admin_password: admin.1,
        rep_email: rep.0,
        rep_password: rep.1,
    })
}

fn add_user(
    conn: &mut DbConnection,
    tenant: storage::ids::TenantId,
    email: &str,
    name: &str,
    role: Role,
    seat: Seat,
    now: i64,
) -> Result<(String, SecretString), storage::StorageError> {
    let password = credentials::random_token(12);
    let user = users::NewUser {
        email: email.to_owned(),
        name: name.to_owned(),
        role,
        seat,
        member_id: None,
        password_hash: Some(credentials::hash_password(&password)?),
    };
    users::add(conn, tenant, &user, now)?;
    Ok((email.to_owned(), password))
}

fn seed_directory(conn: &mut DbConnection, email_key: &EmailKey) -> anyhow::Result<()> {
    let dir = tempfile::tempdir().context("cannot create a temporary folder for the demo directory")?;
    let spec = DemoSpec { members: DEMO_MEMBERS, companies: DEMO_COMPANIES, seed: DEMO_SEED, queries: 0 };
    demo_data::generate(&spec, dir.path(), &mut Quiet)?;
    import_one(conn, &Companies, dir.path(), "companies.jsonl.gz")?;
    import_one(conn, &Members::new(email_key.clone()), dir.path(), "members.jsonl.gz")?;
    import_one(conn, &Connections, dir.path(), "connections.jsonl.gz")?;
    Ok(())
}

fn import_one<K: Importer>(conn: &mut DbConnection, kind: &K, dir: &Path, file: &str) -> anyhow::Result<()> {
    let path = dir.join(file).display().to_string();
    let report =
        import_files(conn, kind, &[path], ImportOptions { strict: true, ..Default::default() }, &mut Silent)?;
    anyhow::ensure!(report.bad_lines == 0, "the generated {file} had {} bad lines", report.bad_lines);
    Ok(())
}

/// Generated data is well-formed; strict mode turns any surprise into an error.
struct Silent;

impl ImportObserver for Silent {
    fn bad_line(&mut self, _: &LineError) {}
    fn broken_file(&mut self, _: &StreamError) {}
    fn progress(&mut self, _: &ImportReport) {}
}

impl DemoCredentials {
    /// The lines `serve --demo` prints.
    pub fn describe(&self, public_url: &str) -> String {
        format!(
            "crmlens demo is ready.\n  \
             crmlens:         {public_url}/\n  \
             admin:           {} / {}\n  \
             rep (team seat): {} / {}\n\
             These passwords are shown once; set new ones with `crmlens admin user set`.",
            self.admin_email,
            self.admin_password.expose_secret(),
            self.rep_email,
            self.rep_password.expose_secret()
        )
    }
}
