//! A tenant's OpenID Connect provider settings.

use std::time::Duration;

use secrecy::SecretString;

use crate::sso::identity::EmailDomains;

/// Everything the relying party needs for one tenant's provider.
#[derive(Debug, Clone)]
pub struct OidcSettings {
    /// The issuer identifier, exactly as the provider states it (discovery checks it).
    pub issuer: String,
    pub client_id: String,
    pub client_secret: SecretString,
    /// Our exact callback URL, as registered at the provider.
    pub redirect_uri: String,
    pub allowed_email_domains: EmailDomains,
    /// PEM certificate(s) of a private root CA the provider's TLS chain ends in.
    pub extra_root_ca_pem: Option<String>,
    /// Limit for each request to the provider (discovery, JWKS, token).
    pub http_timeout: Duration,
    /// The JWKS is fetched again on an unknown `kid` at most this often.
    pub jwks_min_refresh_interval: Duration,
    /// How long a started sign-in may take.
    pub login_lifetime: Duration,
    /// Tolerated clock difference with the provider for `iat`.
    pub clock_skew: Duration,
    /// Oldest acceptable `iat`: ID tokens are used right after they are issued.
    pub max_id_token_age: Duration,
}

impl OidcSettings {
    /// Settings with safe defaults: 10 s HTTP timeout, JWKS refresh at most once a minute, ten
    /// minutes to sign in, one minute of clock skew, ID tokens at most five minutes old.
    pub fn new(
        issuer: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: SecretString,
        redirect_uri: impl Into<String>,
        allowed_email_domains: EmailDomains,
    ) -> Self {
        Self {
            issuer: issuer.into(),
            client_id: client_id.into(),
            client_secret,
            redirect_uri: redirect_uri.into(),
            allowed_email_domains,
            extra_root_ca_pem: None,
            http_timeout: Duration::from_secs(10),
            jwks_min_refresh_interval: Duration::from_secs(60),
            login_lifetime: Duration::from_secs(600),
            clock_skew: Duration::from_secs(60),
            max_id_token_age: Duration::from_secs(300),
        }
    }
}
