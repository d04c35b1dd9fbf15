//! `crmlens admin …`: tenants, CRM orgs, users and API keys from the command line, for operators
//! who script their set-up. Secrets (Canvas secrets, passwords) are read from stdin or a file,
//! never from a flag, so they stay out of shell history and process lists.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;

use super::{CliError, CliResult};
use crate::config::Settings;
use crate::storage::audit::{self, AuditEvent};
use crate::storage::ids::{Crm, EntityId, OrgId, Role, Seat, TenantSlug};
use crate::storage::tenants::{self, Tenant, TenantSettings};
use crate::storage::users::{self, NewUser, UserChanges};
use crate::storage::{DbConnection, api_keys, credentials, orgs, sessions, unix_now};

#[derive(Debug, clap::Args)]
pub struct AdminArgs {
    /// Print JSON (one document on stdout) instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: AdminCommand,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Tenants: create, list, show, set.
    #[command(subcommand)]
    Tenant(TenantCommand),
    /// CRM organizations of a tenant: add, set-secret, remove.
    #[command(subcommand)]
    Org(OrgCommand),
    /// Users of a tenant: add, set, disable, list.
    #[command(subcommand)]
    User(UserCommand),
    /// API keys of a tenant: create, revoke, list.
    #[command(subcommand, name = "api-key")]
    ApiKey(ApiKeyCommand),
    /// Single sign-on of a tenant: oidc set, saml import, show, disable.
    #[command(subcommand)]
    Sso(super::admin_sso::SsoCommand),
}

#[derive(Debug, Subcommand)]
pub enum TenantCommand {
    /// Create a tenant.
    Create {
        /// URL-safe name: 2-40 of a-z, 0-9 and -, starting with a letter.
        slug: String,
        /// Display name.
        #[arg(long)]
        name: String,
        /// An origin allowed to embed the widgets (https://host[:port]); repeatable.
        #[arg(long = "origin", value_name = "ORIGIN")]
        origins: Vec<String>,
        /// CRM sync: on or off.
        #[arg(long, value_parser = on_off, default_value = "off")]
        sync: bool,
    },
    /// List tenants.
    List,
    /// Show a tenant with its orgs, users and API keys (no secrets).
    Show { slug: String },
    /// Change a tenant's settings; unnamed settings stay as they are.
    Set {
        slug: String,
        #[arg(long)]
        name: Option<String>,
        /// Add an allowed origin; repeatable.
        #[arg(long = "add-origin", value_name = "ORIGIN")]
        add_origins: Vec<String>,
        /// Remove an allowed origin; repeatable.
        #[arg(long = "remove-origin", value_name = "ORIGIN")]
        remove_origins: Vec<String>,
        /// CRM sync: on or off.
        #[arg(long, value_parser = on_off)]
        sync: Option<bool>,
        /// Score from which a candidate is matched automatically: 0..1, or `default`.
        #[arg(long, value_parser = threshold, value_name = "SCORE|default")]
        auto_match_threshold: Option<Threshold>,
        /// Score from which a candidate is offered in the pick-list: 0..1, or `default`.
        #[arg(long, value_parser = threshold, value_name = "SCORE|default")]
        suggest_threshold: Option<Threshold>,
    },
}

/// A threshold on the command line: a score, or `None` for the engine's default.
#[derive(Debug, Clone, Copy)]
pub struct Threshold(Option<f64>);

#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Link a CRM org to a tenant.
    Add {
        #[arg(long)]
        tenant: String,
        #[arg(long, value_parser = crm)]
        crm: Crm,
        /// The org id (Salesforce `00D…`, Dynamics organization id).
        #[arg(long)]
        org_id: String,
        /// File holding the Salesforce Canvas consumer secret; `-` reads it from stdin.
        #[arg(long, value_name = "FILE")]
        canvas_secret_file: Option<PathBuf>,
    },
    /// Replace an org's Canvas consumer secret.
    SetSecret {
        #[arg(long, value_parser = crm)]
        crm: Crm,
        #[arg(long)]
        org_id: String,
        /// File holding the secret; `-` reads it from stdin.
        #[arg(long, value_name = "FILE")]
        canvas_secret_file: PathBuf,
    },
    /// Unlink a CRM org.
    Remove {
        #[arg(long, value_parser = crm)]
        crm: Crm,
        #[arg(long)]
        org_id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user to a tenant.
    Add {
        #[arg(long)]
        tenant: String,
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = role, default_value = "rep")]
        role: Role,
        #[arg(long, value_parser = seat, default_value = "none")]
        seat: Seat,
        /// The directory member this user is (for "how you are connected").
        #[arg(long, value_name = "ID")]
        member_id: Option<String>,
        /// Read a password for local sign-in from stdin (users signing in by SSO need none).
        #[arg(long)]
        password_stdin: bool,
    },
    /// Change a user; unnamed fields stay as they are.
    Set {
        #[arg(long)]
        tenant: String,
        email: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long, value_parser = role)]
        role: Option<Role>,
        #[arg(long, value_parser = seat)]
        seat: Option<Seat>,
        /// The directory member id, or `none`.
        #[arg(long, value_name = "ID|none")]
        member_id: Option<String>,
        /// Read a new password from stdin.
        #[arg(long)]
        password_stdin: bool,
        /// Re-enable a disabled user.
        #[arg(long)]
        enable: bool,
    },
    /// End every session of a user (they must sign in again); the user stays enabled.
    EndSessions {
        #[arg(long)]
        tenant: String,
        email: String,
    },
    /// Disable a user and end their sessions.
    Disable {
        #[arg(long)]
        tenant: String,
        email: String,
    },
    /// List a tenant's users.
    List {
        #[arg(long)]
        tenant: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ApiKeyCommand {
    /// Create a key; it is printed once and only its hash is kept.
    Create {
        #[arg(long)]
        tenant: String,
        /// What uses the key (for the list).
        #[arg(long)]
        name: String,
    },
    /// Revoke a key by its prefix (the 12 characters after `crml_`).
    Revoke {
        #[arg(long)]
        tenant: String,
        prefix: String,
    },
    /// List a tenant's keys (prefixes only).
    List {
        #[arg(long)]
        tenant: String,
    },
}

pub fn run(settings: &Settings, args: AdminArgs) -> CliResult {
    let mut conn = super::migrate::open_migrated(settings)?;
    let out = Output { json: args.json };
    match args.command {
        AdminCommand::Tenant(command) => tenant_command(&mut conn, out, command),
        AdminCommand::Org(command) => org_command(&mut conn, out, command),
        AdminCommand::User(command) => user_command(&mut conn, out, command),
        AdminCommand::ApiKey(command) => api_key_command(&mut conn, out, command),
        AdminCommand::Sso(command) => super::admin_sso::run(settings, &mut conn, out, command),
    }?;
    Ok(ExitCode::SUCCESS)
}

/// Prints results as text or JSON.
#[derive(Clone, Copy)]
pub(super) struct Output {
    json: bool,
}

impl Output {
    pub(super) fn print<T: Serialize>(
        self,
        value: &T,
        text: impl FnOnce() -> String,
    ) -> Result<(), CliError> {
        if self.json {
            let json = serde_json::to_string_pretty(value).map_err(|e| CliError::Failure(e.into()))?;
            println!("{json}");
        } else {
            println!("{}", text());
        }
        Ok(())
    }
}

fn tenant_command(conn: &mut DbConnection, out: Output, command: TenantCommand) -> Result<(), CliError> {
    match command {
        TenantCommand::Create { slug, name, origins, sync } => {
            let mut settings = TenantSettings::named(&name);
            settings.allowed_origins = parse_origins(&origins)?;
            settings.sync_enabled = sync;
            let tenant = tenants::create(conn, &TenantSlug::parse(&slug)?, &settings, unix_now())?;
            out.print(&tenant, || format!("created tenant\n{}", describe_tenant(&tenant)))
        }
        TenantCommand::List => {
            let all = tenants::list(conn)?;
            out.print(&all, || {
                let lines: Vec<String> = all.iter().map(|t| format!("{:<24} {}", t.slug, t.name)).collect();
                if lines.is_empty() { "no tenants yet".to_owned() } else { lines.join("\n") }
            })
        }
        TenantCommand::Show { slug } => show_tenant(conn, out, &slug),
        TenantCommand::Set {
            slug,
            name,
            add_origins,
            remove_origins,
            sync,
            auto_match_threshold,
            suggest_threshold,
        } => {
            let tenant = find_tenant(conn, &slug)?;
            let mut settings = TenantSettings {
                name: name.unwrap_or(tenant.name),
                allowed_origins: tenant.allowed_origins,
                sync_enabled: sync.unwrap_or(tenant.sync_enabled),
                auto_match_threshold: auto_match_threshold.map_or(tenant.auto_match_threshold, |t| t.0),
                suggest_threshold: suggest_threshold.map_or(tenant.suggest_threshold, |t| t.0),
            };
            let removed = parse_origins(&remove_origins)?;
            settings.allowed_origins.retain(|o| !removed.contains(o));
            for origin in parse_origins(&add_origins)? {
                if !settings.allowed_origins.contains(&origin) {
                    settings.allowed_origins.push(origin);
                }
            }
            let updated = tenants::update(conn, tenant.id, &settings)?;
            out.print(&updated, || format!("updated tenant\n{}", describe_tenant(&updated)))
        }
    }
}

fn show_tenant(conn: &mut DbConnection, out: Output, slug: &str) -> Result<(), CliError> {
    #[derive(Serialize)]
    struct Shown {
        tenant: Tenant,
        orgs: Vec<orgs::CrmOrg>,
        users: Vec<users::User>,
        api_keys: Vec<api_keys::ApiKey>,
    }
    let tenant = find_tenant(conn, slug)?;
    let shown = Shown {
        orgs: orgs::list_for_tenant(conn, tenant.id)?,
        users: users::list_for_tenant(conn, tenant.id)?,
        api_keys: api_keys::list_for_tenant(conn, tenant.id)?,
        tenant,
    };
    out.print(&shown, || {
        let mut text = describe_tenant(&shown.tenant);
        text.push_str(&format!("\norgs ({}):", shown.orgs.len()));
        for org in &shown.orgs {
            text.push_str(&format!("\n  {}", describe_org(org)));
        }
        text.push_str(&format!("\nusers ({}):", shown.users.len()));
        for user in &shown.users {
            text.push_str(&format!("\n  {}", describe_user(user)));
        }
        text.push_str(&format!("\napi keys ({}):", shown.api_keys.len()));
        for key in &shown.api_keys {
            text.push_str(&format!("\n  {}", describe_key(key)));
        }
        text
    })
}

fn org_command(conn: &mut DbConnection, out: Output, command: OrgCommand) -> Result<(), CliError> {
    match command {
        OrgCommand::Add { tenant, crm, org_id, canvas_secret_file } => {
            let tenant = find_tenant(conn, &tenant)?;
            let secret = canvas_secret_file.as_deref().map(read_secret).transpose()?;
            let org = orgs::add(conn, tenant.id, crm, &OrgId::parse(&org_id)?, secret.as_ref(), unix_now())?;
            out.print(&org, || format!("linked {} to tenant {}", describe_org(&org), tenant.slug))
        }
        OrgCommand::SetSecret { crm, org_id, canvas_secret_file } => {
            let secret = read_secret(&canvas_secret_file)?;
            let org_id = OrgId::parse(&org_id)?;
            orgs::set_canvas_secret(conn, crm, &org_id, Some(&secret))?;
            let done = serde_json::json!({"crm": crm, "org_id": org_id, "has_canvas_secret": true});
            out.print(&done, || format!("replaced the Canvas secret of {crm} org {org_id}"))
        }
        OrgCommand::Remove { crm, org_id } => {
            let org_id = OrgId::parse(&org_id)?;
            if !orgs::remove(conn, crm, &org_id)? {
                return Err(CliError::BadInput(format!("{crm} org {org_id} is not linked to any tenant")));
            }
            let done = serde_json::json!({"crm": crm, "org_id": org_id, "removed": true});
            out.print(&done, || format!("unlinked {crm} org {org_id}"))
        }
    }
}

fn user_command(conn: &mut DbConnection, out: Output, command: UserCommand) -> Result<(), CliError> {
    match command {
        UserCommand::Add { tenant, email, name, role, seat, member_id, password_stdin } => {
            let tenant = find_tenant(conn, &tenant)?;
            let member_id = member_id.as_deref().map(EntityId::parse).transpose()?;
            let password_hash = password_stdin.then(read_password_hash).transpose()?;
            let new = NewUser { email, name, role, seat, member_id, password_hash };
            let user = users::add(conn, tenant.id, &new, unix_now())?;
            out.print(&user, || format!("added user {}", describe_user(&user)))
        }
        UserCommand::Set { tenant, email, name, role, seat, member_id, password_stdin, enable } => {
            let tenant = find_tenant(conn, &tenant)?;
            let user = users::require_by_email(conn, tenant.id, &email)?;
            let member_id = match member_id.as_deref() {
                None => None,
                Some("none") => Some(None),
                Some(id) => Some(Some(EntityId::parse(id)?)),
            };
            let password_hash = password_stdin.then(read_password_hash).transpose()?;
            let disabled = enable.then_some(false);
            let changes = UserChanges { name, role, seat, member_id, password_hash, disabled };
            let user = users::update(conn, user.id, &changes)?;
            out.print(&user, || format!("updated user {}", describe_user(&user)))
        }
        UserCommand::EndSessions { tenant, email } => {
            let tenant = find_tenant(conn, &tenant)?;
            let user = users::require_by_email(conn, tenant.id, &email)?;
            let ended = sessions::revoke_all_for_user(conn, user.id)?;
            let actor = "admin-cli";
            let event = AuditEvent {
                tenant: Some(tenant.id),
                user: Some(user.id),
                actor,
                event: "sessions_ended_by_admin",
                method: "admin",
                ip: "cli",
                at: unix_now(),
            };
            audit::record(conn, &event)?;
            let done = serde_json::json!({"email": user.email, "sessions_ended": ended});
            out.print(&done, || format!("ended {ended} session(s) of {}", user.email))
        }
        UserCommand::Disable { tenant, email } => {
            let tenant = find_tenant(conn, &tenant)?;
            let user = users::require_by_email(conn, tenant.id, &email)?;
            let changes = UserChanges { disabled: Some(true), ..UserChanges::default() };
            let user = users::update(conn, user.id, &changes)?;
            out.print(&user, || format!("disabled user {} and ended their sessions", user.email))
        }
        UserCommand::List { tenant } => {
            let tenant = find_tenant(conn, &tenant)?;
            let all = users::list_for_tenant(conn, tenant.id)?;
            out.print(&all, || all.iter().map(describe_user).collect::<Vec<_>>().join("\n"))
        }
    }
}

fn api_key_command(conn: &mut DbConnection, out: Output, command: ApiKeyCommand) -> Result<(), CliError> {
    match command {
        ApiKeyCommand::Create { tenant, name } => {
            let tenant = find_tenant(conn, &tenant)?;
            let (record, key) = api_keys::create(conn, tenant.id, &name, unix_now())?;
            #[derive(Serialize)]
            struct Created<'a> {
                #[serde(flatten)]
                record: &'a api_keys::ApiKey,
                key: &'a str,
            }
            let created = Created { record: &record, key: key.expose_secret() };
            out.print(&created, || {
                format!(
                    "created API key {} ({}) for tenant {}; it is shown only this once:\n{}",
                    record.prefix,
                    record.name,
                    tenant.slug,
                    key.expose_secret()
                )
            })
        }
        ApiKeyCommand::Revoke { tenant, prefix } => {
            let tenant = find_tenant(conn, &tenant)?;
            let prefix = prefix.trim_start_matches(credentials::API_KEY_TAG);
            api_keys::revoke(conn, tenant.id, prefix, unix_now())?;
            let done = serde_json::json!({"prefix": prefix, "revoked": true});
            out.print(&done, || format!("revoked API key {prefix}"))
        }
        ApiKeyCommand::List { tenant } => {
            let tenant = find_tenant(conn, &tenant)?;
            let all = api_keys::list_for_tenant(conn, tenant.id)?;
            out.print(&all, || all.iter().map(describe_key).collect::<Vec<_>>().join("\n"))
        }
    }
}

pub(super) fn find_tenant(conn: &mut DbConnection, slug: &str) -> Result<Tenant, CliError> {
    let slug = TenantSlug::parse(slug)?;
    tenants::find_by_slug(conn, &slug)?.ok_or_else(|| {
        CliError::BadInput(format!("no tenant `{slug}`; `crmlens admin tenant list` shows the tenants"))
    })
}

fn parse_origins(values: &[String]) -> Result<Vec<String>, CliError> {
    values.iter().map(|o| tenants::parse_origin(o).map_err(CliError::from)).collect()
}

/// Reads a secret from a file, or stdin for `-`; surrounding whitespace is dropped.
pub(super) fn read_secret(path: &std::path::Path) -> Result<SecretString, CliError> {
    let text = if path.as_os_str() == "-" {
        read_stdin("the secret")?
    } else {
        std::fs::read_to_string(path)
            .map_err(|e| CliError::BadInput(format!("cannot read {}: {e}", path.display())))?
    };
    let secret = text.trim();
    if secret.is_empty() {
        return Err(CliError::BadInput(format!("{}: the secret is empty", path.display())));
    }
    Ok(SecretString::from(secret.to_owned()))
}

/// Reads a password (its first line) from stdin and hashes it.
fn read_password_hash() -> Result<String, CliError> {
    let text = read_stdin("the password")?;
    let password = text.lines().next().unwrap_or("");
    Ok(credentials::hash_password(&SecretString::from(password.to_owned()))?)
}

fn read_stdin(what: &str) -> Result<String, CliError> {
    let mut stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprintln!("type {what}, then Enter and Ctrl-D:");
    }
    let mut text = String::new();
    stdin
        .read_to_string(&mut text)
        .map_err(|e| CliError::BadInput(format!("cannot read {what} from stdin: {e}")))?;
    Ok(text)
}

fn describe_tenant(t: &Tenant) -> String {
    let threshold = |v: Option<f64>| v.map_or("default".to_owned(), |v| v.to_string());
    let origins =
        if t.allowed_origins.is_empty() { "(none)".to_owned() } else { t.allowed_origins.join(" ") };
    format!(
        "tenant {} ({})\n  allowed origins: {origins}\n  sync: {}\n  auto-match threshold: {}\n  suggest threshold: {}",
        t.slug,
        t.name,
        if t.sync_enabled { "on" } else { "off" },
        threshold(t.auto_match_threshold),
        threshold(t.suggest_threshold),
    )
}

fn describe_org(org: &orgs::CrmOrg) -> String {
    let secret = if org.has_canvas_secret { "Canvas secret set" } else { "no Canvas secret" };
    format!("{} org {} ({secret})", org.crm, org.org_id)
}

fn describe_user(u: &users::User) -> String {
    let member = u.member_id.as_ref().map_or(String::new(), |m| format!(", member {m}"));
    let password = if u.has_password { ", password set" } else { "" };
    let disabled = if u.disabled { ", DISABLED" } else { "" };
    format!("{} ({}): {}, seat {}{member}{password}{disabled}", u.email, u.name, u.role, u.seat)
}

fn describe_key(k: &api_keys::ApiKey) -> String {
    let state = if k.revoked_at.is_some() { "revoked" } else { "active" };
    format!("{} {} ({state})", k.prefix, k.name)
}

pub(super) fn on_off(value: &str) -> Result<bool, String> {
    match value {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err("expected on or off".to_owned()),
    }
}

fn threshold(value: &str) -> Result<Threshold, String> {
    if value == "default" {
        return Ok(Threshold(None));
    }
    match value.parse::<f64>() {
        Ok(score) if (0.0..=1.0).contains(&score) => Ok(Threshold(Some(score))),
        _ => Err("expected a score between 0 and 1, or `default`".to_owned()),
    }
}

fn crm(value: &str) -> Result<Crm, String> {
    Crm::parse(value).map_err(|e| e.to_string())
}

fn role(value: &str) -> Result<Role, String> {
    Role::parse(value).map_err(|e| e.to_string())
}

fn seat(value: &str) -> Result<Seat, String> {
    Seat::parse(value).map_err(|e| e.to_string())
}
