//! `crmlens admin sso …`: a tenant's single sign-on. The OIDC client secret is read from a file
//! (or `-` for stdin), never from a flag; SAML is configured by importing the IdP's metadata.
//!
//! ```text
//! crmlens admin sso oidc set --tenant T --issuer URL --client-id ID [--client-secret-file F|-]
//!                            [--domain D]... [--jit on|off]
//! crmlens admin sso saml import --tenant T --metadata FILE [--allow-sha1 on|off]
//!                               [--domain D]... [--jit on|off]
//! crmlens admin sso show --tenant T
//! crmlens admin sso disable --tenant T [--oidc] [--saml]     (both when neither is named)
//! ```
//! `--domain` (repeatable) replaces the allowed e-mail domains; omitted, they stay as they are.

use std::path::PathBuf;

use clap::Subcommand;
use secrecy::ExposeSecret;
use serde::Serialize;

use super::CliError;
use super::admin::{Output, find_tenant, on_off, read_secret};
use crate::config::Settings;
use crate::sso::saml::import_idp_metadata;
use crate::storage::sso_config::{self, OidcClientConfig, SamlIdpConfig, SsoConfig};
use crate::storage::{DbConnection, unix_now};

#[derive(Debug, Subcommand)]
pub enum SsoCommand {
    /// OpenID Connect: set the tenant's provider client.
    #[command(subcommand)]
    Oidc(OidcCommand),
    /// SAML 2.0: import the tenant's IdP metadata.
    #[command(subcommand)]
    Saml(SamlCommand),
    /// Show a tenant's SSO settings (without secrets) and the URLs to give the IdP.
    Show {
        #[arg(long)]
        tenant: String,
    },
    /// Turn SSO off for a tenant (OIDC, SAML, or both when neither flag is given).
    Disable {
        #[arg(long)]
        tenant: String,
        #[arg(long)]
        oidc: bool,
        #[arg(long)]
        saml: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum OidcCommand {
    Set {
        #[arg(long)]
        tenant: String,
        /// The issuer identifier, exactly as the provider states it.
        #[arg(long)]
        issuer: String,
        #[arg(long)]
        client_id: String,
        /// File holding the client secret (`-`: stdin). Omit for a public client.
        #[arg(long, value_name = "FILE")]
        client_secret_file: Option<PathBuf>,
        #[command(flatten)]
        policy: PolicyArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum SamlCommand {
    Import {
        #[arg(long)]
        tenant: String,
        /// The IdP's metadata XML file.
        #[arg(long, value_name = "FILE")]
        metadata: PathBuf,
        /// Accept RSA-SHA1 signatures from this IdP (weak; only for IdPs that cannot do better).
        #[arg(long, value_parser = on_off, default_value = "off")]
        allow_sha1: bool,
        #[command(flatten)]
        policy: PolicyArgs,
    },
}

/// What applies to both protocols.
#[derive(Debug, clap::Args)]
pub struct PolicyArgs {
    /// An e-mail domain accepted from the identity provider; repeatable; replaces the list.
    #[arg(long = "domain", value_name = "DOMAIN")]
    domains: Vec<String>,
    /// Create users on their first sign-in (as reps without a seat).
    #[arg(long, value_parser = on_off)]
    jit: Option<bool>,
}

impl PolicyArgs {
    fn apply(&self, config: &mut SsoConfig) {
        if !self.domains.is_empty() {
            config.allowed_domains = self.domains.iter().map(|d| d.trim().to_ascii_lowercase()).collect();
        }
        if let Some(jit) = self.jit {
            config.jit_provisioning = jit;
        }
    }
}

pub fn run(
    settings: &Settings,
    conn: &mut DbConnection,
    out: Output,
    command: SsoCommand,
) -> Result<(), CliError> {
    match command {
        SsoCommand::Oidc(OidcCommand::Set { tenant, issuer, client_id, client_secret_file, policy }) => {
            let tenant = find_tenant(conn, &tenant)?;
            let client_secret = client_secret_file
                .as_deref()
                .map(read_secret)
                .transpose()?
                .map(|s| s.expose_secret().to_owned());
            let mut config = sso_config::get(conn, tenant.id)?;
            config.oidc =
                Some(OidcClientConfig { issuer: issuer.trim().to_owned(), client_id, client_secret });
            policy.apply(&mut config);
            sso_config::put(conn, tenant.id, &config, unix_now())?;
            show(settings, conn, out, &tenant.slug.to_string())
        }
        SsoCommand::Saml(SamlCommand::Import { tenant, metadata, allow_sha1, policy }) => {
            let tenant = find_tenant(conn, &tenant)?;
            let xml = std::fs::read_to_string(&metadata)
                .map_err(|e| CliError::BadInput(format!("cannot read {}: {e}", metadata.display())))?;
            let (_, summary) = import_idp_metadata(&xml).map_err(|e| {
                CliError::BadInput(format!("{}: not usable IdP metadata: {e}", metadata.display()))
            })?;
            let mut config = sso_config::get(conn, tenant.id)?;
            config.saml = Some(SamlIdpConfig { metadata_xml: xml, allow_sha1 });
            policy.apply(&mut config);
            sso_config::put(conn, tenant.id, &config, unix_now())?;
            eprintln!(
                "imported IdP {} (single sign-on at {}, {} signing certificate(s))",
                summary.entity_id,
                summary.sso_redirect_url,
                summary.signing_certificates.len()
            );
            show(settings, conn, out, &tenant.slug.to_string())
        }
        SsoCommand::Show { tenant } => show(settings, conn, out, &tenant),
        SsoCommand::Disable { tenant, oidc, saml } => {
            let tenant = find_tenant(conn, &tenant)?;
            let mut config = sso_config::get(conn, tenant.id)?;
            let both = !oidc && !saml;
            if oidc || both {
                config.oidc = None;
            }
            if saml || both {
                config.saml = None;
            }
            sso_config::put(conn, tenant.id, &config, unix_now())?;
            show(settings, conn, out, &tenant.slug.to_string())
        }
    }
}

#[derive(Serialize)]
struct Shown {
    tenant: String,
    oidc_issuer: Option<String>,
    oidc_client_id: Option<String>,
    oidc_has_client_secret: bool,
    saml_idp_entity_id: Option<String>,
    saml_allow_sha1: bool,
    allowed_domains: Vec<String>,
    jit_provisioning: bool,
    oidc_redirect_uri: String,
    saml_sp_metadata_url: String,
    saml_acs_url: String,
}

fn show(settings: &Settings, conn: &mut DbConnection, out: Output, slug: &str) -> Result<(), CliError> {
    let tenant = find_tenant(conn, slug)?;
    let config = sso_config::get(conn, tenant.id)?;
    let base = &settings.public_url;
    let shown = Shown {
        tenant: tenant.slug.to_string(),
        oidc_issuer: config.oidc.as_ref().map(|o| o.issuer.clone()),
        oidc_client_id: config.oidc.as_ref().map(|o| o.client_id.clone()),
        oidc_has_client_secret: config.oidc.as_ref().is_some_and(|o| o.client_secret.is_some()),
        saml_idp_entity_id: config
            .saml
            .as_ref()
            .and_then(|s| import_idp_metadata(&s.metadata_xml).ok())
            .map(|(_, summary)| summary.entity_id),
        saml_allow_sha1: config.saml.as_ref().is_some_and(|s| s.allow_sha1),
        allowed_domains: config.allowed_domains.clone(),
        jit_provisioning: config.jit_provisioning,
        oidc_redirect_uri: format!("{base}/auth/oidc/callback"),
        saml_sp_metadata_url: format!("{base}/auth/saml/metadata"),
        saml_acs_url: format!("{base}/auth/saml/acs"),
    };
    out.print(&shown, || {
        let none = || "off".to_owned();
        format!(
            "tenant {}\n  oidc: {}\n  saml: {}\n  allowed e-mail domains: {}\n  just-in-time provisioning: {}\n  \
             give your IdP: redirect URI {}, SP metadata {}, ACS {}",
            shown.tenant,
            shown.oidc_issuer.as_ref().map_or_else(none, |i| format!(
                "issuer {i}, client {}{}",
                shown.oidc_client_id.as_deref().unwrap_or(""),
                if shown.oidc_has_client_secret { ", secret set" } else { "" }
            )),
            shown.saml_idp_entity_id.as_ref().map_or_else(none, |e| format!(
                "IdP {e}{}",
                if shown.saml_allow_sha1 { ", SHA-1 allowed" } else { "" }
            )),
            if shown.allowed_domains.is_empty() { "none (every address refused)".to_owned() } else { shown.allowed_domains.join(", ") },
            if shown.jit_provisioning { "on" } else { "off" },
            shown.oidc_redirect_uri,
            shown.saml_sp_metadata_url,
            shown.saml_acs_url,
        )
    })
}
