//! Per-tenant single sign-on settings: the OIDC client, the imported SAML IdP metadata, the
//! e-mail domains accepted from the identity provider, and just-in-time provisioning.

use diesel::prelude::*;

use super::ids::{TenantId, UserId};
use super::schema::{sso_links, tenant_sso as t};
use super::{DbConnection, StorageError, unique_violation_as, with_conn};

/// A tenant's OpenID Connect client at its identity provider.
#[derive(Clone, PartialEq)]
pub struct OidcClientConfig {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Option<String>,
}

impl std::fmt::Debug for OidcClientConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcClientConfig")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret.as_ref().map(|_| "***"))
            .finish()
    }
}

/// A tenant's SAML identity provider, as imported from its metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct SamlIdpConfig {
    pub metadata_xml: String,
    /// RSA-SHA1 signatures accepted (off unless the tenant opts in).
    pub allow_sha1: bool,
}

/// Everything a tenant configured for single sign-on.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SsoConfig {
    pub oidc: Option<OidcClientConfig>,
    pub saml: Option<SamlIdpConfig>,
    /// Lower-case domains; an empty list refuses every address.
    pub allowed_domains: Vec<String>,
    /// First sign-in creates the user (role rep, no seat) instead of refusing.
    pub jit_provisioning: bool,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = t)]
struct Row {
    oidc_issuer: Option<String>,
    oidc_client_id: Option<String>,
    oidc_client_secret: Option<String>,
    saml_idp_metadata: Option<String>,
    saml_allow_sha1: bool,
    allowed_domains: String,
    jit_provisioning: bool,
}

impl From<Row> for SsoConfig {
    fn from(row: Row) -> Self {
        let oidc = match (row.oidc_issuer, row.oidc_client_id) {
            (Some(issuer), Some(client_id)) => {
                Some(OidcClientConfig { issuer, client_id, client_secret: row.oidc_client_secret })
            }
            _ => None,
        };
        let saml = row
            .saml_idp_metadata
            .map(|metadata_xml| SamlIdpConfig { metadata_xml, allow_sha1: row.saml_allow_sha1 });
        let allowed_domains =
            row.allowed_domains.lines().map(str::trim).filter(|d| !d.is_empty()).map(str::to_owned).collect();
        Self { oidc, saml, allowed_domains, jit_provisioning: row.jit_provisioning }
    }
}

/// The tenant's settings; a tenant that configured nothing gets the default (no SSO).
pub fn get(conn: &mut DbConnection, tenant: TenantId) -> Result<SsoConfig, StorageError> {
    let row =
        with_conn!(conn, c => t::table.find(tenant.0).select(Row::as_select()).get_result(c).optional())?;
    Ok(row.map(SsoConfig::from).unwrap_or_default())
}

/// Replaces the tenant's settings.
pub fn put(
    conn: &mut DbConnection,
    tenant: TenantId,
    config: &SsoConfig,
    now: i64,
) -> Result<(), StorageError> {
    for domain in &config.allowed_domains {
        let valid = domain.contains('.')
            && domain.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
        if !valid {
            return Err(StorageError::Invalid(format!(
                "`{domain}` is not a lower-case e-mail domain such as example.com"
            )));
        }
    }
    let oidc = config.oidc.as_ref();
    let saml = config.saml.as_ref();
    let values = (
        t::oidc_issuer.eq(oidc.map(|o| o.issuer.as_str())),
        t::oidc_client_id.eq(oidc.map(|o| o.client_id.as_str())),
        t::oidc_client_secret.eq(oidc.and_then(|o| o.client_secret.as_deref())),
        t::saml_idp_metadata.eq(saml.map(|s| s.metadata_xml.as_str())),
        t::saml_allow_sha1.eq(saml.is_some_and(|s| s.allow_sha1)),
        t::allowed_domains.eq(config.allowed_domains.join("\n")),
        t::jit_provisioning.eq(config.jit_provisioning),
        t::updated_at.eq(now),
    );
    with_conn!(conn, c => diesel::insert_into(t::table)
        .values((t::tenant_id.eq(tenant.0), values.clone()))
        .on_conflict(t::tenant_id)
        .do_update()
        .set(values)
        .execute(c))?;
    Ok(())
}

/// The user linked to an identity-provider account in a tenant.
pub fn linked_user(
    conn: &mut DbConnection,
    tenant: TenantId,
    issuer: &str,
    subject: &str,
) -> Result<Option<UserId>, StorageError> {
    let user = with_conn!(conn, c => sso_links::table
        .find((tenant.0, issuer, subject))
        .select(sso_links::user_id)
        .first::<i64>(c)
        .optional())?;
    Ok(user.map(UserId))
}

/// Whether a user is linked to any identity-provider account.
pub fn is_linked(conn: &mut DbConnection, user: UserId) -> Result<bool, StorageError> {
    let count = with_conn!(conn, c => sso_links::table
        .filter(sso_links::user_id.eq(user.0))
        .count()
        .get_result::<i64>(c))?;
    Ok(count > 0)
}

/// Links a user to an identity-provider account.
pub fn link(
    conn: &mut DbConnection,
    tenant: TenantId,
    issuer: &str,
    subject: &str,
    user: UserId,
    now: i64,
) -> Result<(), StorageError> {
    let row = (
        sso_links::tenant_id.eq(tenant.0),
        sso_links::issuer.eq(issuer),
        sso_links::subject.eq(subject),
        sso_links::user_id.eq(user.0),
        sso_links::created_at.eq(now),
    );
    let inserted = with_conn!(conn, c => diesel::insert_into(sso_links::table).values(row).execute(c));
    inserted.map_err(unique_violation_as(|| {
        "this user is already linked to another identity-provider account".into()
    }))?;
    Ok(())
}
