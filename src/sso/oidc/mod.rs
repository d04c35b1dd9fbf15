//! OpenID Connect relying party for one tenant: discovery, the authorization-code flow with
//! PKCE S256, `state` and `nonce`, and verification of the callback and ID token, including the
//! RFC 9207 `iss` parameter and JWKS rotation. The caller keeps the [`PendingOidcLogin`]
//! between the redirect and the callback (server-side: it holds the PKCE verifier).

mod claims;
mod error;
mod http;
mod jwks;
mod metadata;
mod settings;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreIdTokenClaims, CoreTokenResponse};
use openidconnect::{
    AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointNotSet, EndpointSet, IssuerUrl,
    Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
    TokenUrl, UserInfoUrl, reqwest,
};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};

pub use error::{OidcConfigError, OidcError};
pub use metadata::require_pkce_s256;
pub use settings::OidcSettings;

use crate::sso::identity::VerifiedIdentity;

type Client =
    CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointSet, EndpointNotSet>;

/// A started sign-in the caller stores server-side until the callback, looked up by `state`.
/// It holds the PKCE verifier and nonce: never send it to the browser.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingOidcLogin {
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub issuer: String,
    /// Seconds since the Unix epoch when sign-in started.
    pub started_at: u64,
}

impl std::fmt::Debug for PendingOidcLogin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingOidcLogin")
            .field("issuer", &self.issuer)
            .field("started_at", &self.started_at)
            .finish_non_exhaustive()
    }
}

/// Where to send the browser, and what to keep until it comes back.
#[derive(Debug, Clone)]
pub struct StartedOidcLogin {
    pub authorization_url: String,
    pub pending: PendingOidcLogin,
}

/// The query parameters of the redirect back to our callback.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct OidcCallback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub iss: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
}

/// One tenant's provider, discovered.
pub struct OidcRelyingParty {
    settings: OidcSettings,
    http: reqwest::Client,
    authorization_endpoint: AuthUrl,
    token_endpoint: TokenUrl,
    userinfo_endpoint: Option<UserInfoUrl>,
    iss_parameter_supported: bool,
    jwks: jwks::JwksCache,
}

impl OidcRelyingParty {
    /// Discovers the provider (metadata and keys) and checks it offers what we require.
    pub async fn discover(settings: OidcSettings, now: SystemTime) -> Result<Self, OidcConfigError> {
        let http = http::build_client(&settings)?;
        let issuer = IssuerUrl::new(settings.issuer.clone()).map_err(url_error("issuer"))?;
        RedirectUrl::new(settings.redirect_uri.clone()).map_err(url_error("redirect_uri"))?;
        let metadata = metadata::discover(&issuer, &http).await?;
        let token_endpoint = metadata
            .token_endpoint()
            .cloned()
            .ok_or_else(|| OidcConfigError::Discovery("the provider has no token endpoint".to_owned()))?;
        let jwks = jwks::JwksCache::new(
            metadata.jwks_uri().clone(),
            metadata.jwks().clone(),
            now,
            settings.jwks_min_refresh_interval,
        );
        Ok(Self {
            authorization_endpoint: metadata.authorization_endpoint().clone(),
            token_endpoint,
            userinfo_endpoint: metadata.userinfo_endpoint().cloned(),
            iss_parameter_supported: metadata
                .additional_metadata()
                .authorization_response_iss_parameter_supported,
            settings,
            http,
            jwks,
        })
    }

    /// Starts sign-in: the provider URL (with PKCE S256, `state`, `nonce`) and what to keep.
    pub fn start_login(&self, now: SystemTime) -> Result<StartedOidcLogin, OidcConfigError> {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = self
            .client()?
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".to_owned()))
            .add_scope(Scope::new("profile".to_owned()))
            .set_pkce_challenge(challenge)
            .url();
        let pending = PendingOidcLogin {
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
            issuer: self.settings.issuer.clone(),
            started_at: unix_seconds(now),
        };
        Ok(StartedOidcLogin { authorization_url: url.to_string(), pending })
    }

    /// Verifies the callback for `pending`, exchanges the code and verifies the ID token.
    pub async fn finish_login(
        &self,
        pending: &PendingOidcLogin,
        callback: &OidcCallback,
        now: SystemTime,
    ) -> Result<VerifiedIdentity, OidcError> {
        self.check_callback(pending, callback, now)?;
        let code = callback.code.clone().ok_or(OidcError::MissingCode)?;
        let response = self.exchange_code(code, &pending.pkce_verifier).await?;
        let id_token = response.id_token().ok_or(OidcError::MissingIdToken)?;
        let claims = self.verified_claims(&id_token.to_string(), pending, now).await?;
        let user_info = match claims.email() {
            Some(_) => None,
            None => Some(self.user_info(response.access_token().secret()).await?),
        };
        claims::identity(&claims, user_info.as_ref(), &self.settings)
    }

    /// Verifies an ID token for `pending` (the second half of [`Self::finish_login`]).
    pub async fn verify_id_token(
        &self,
        id_token: &str,
        pending: &PendingOidcLogin,
        now: SystemTime,
    ) -> Result<VerifiedIdentity, OidcError> {
        let claims = self.verified_claims(id_token, pending, now).await?;
        claims::identity(&claims, None, &self.settings)
    }

    async fn verified_claims(
        &self,
        id_token: &str,
        pending: &PendingOidcLogin,
        now: SystemTime,
    ) -> Result<CoreIdTokenClaims, OidcError> {
        let token = claims::parse(id_token)?;
        let nonce = Nonce::new(pending.nonce.clone());
        match claims::verify(&token, &self.settings, self.jwks.keys(), &nonce, now) {
            Err(OidcError::UnknownSigningKey) if self.jwks.refresh(&self.http, now).await? => {
                claims::verify(&token, &self.settings, self.jwks.keys(), &nonce, now)
            }
            other => other,
        }
    }

    /// The UserInfo claims for this access token (plain JSON only).
    async fn user_info(&self, access_token: &str) -> Result<claims::UserInfo, OidcError> {
        let endpoint = self.userinfo_endpoint.as_ref().ok_or_else(|| {
            OidcError::UserInfo("no e-mail in the ID token and no UserInfo endpoint".to_owned())
        })?;
        let response = self
            .http
            .get(endpoint.url().clone())
            .bearer_auth(access_token)
            .send()
            .await
            .map_err(|error| OidcError::UserInfo(token_error_text(&error)))?;
        if !response.status().is_success() {
            return Err(OidcError::UserInfo(format!("status {}", response.status())));
        }
        let body = response.bytes().await.map_err(|error| OidcError::UserInfo(error.to_string()))?;
        serde_json::from_slice(&body)
            .map_err(|error| OidcError::UserInfo(format!("not the expected JSON: {error}")))
    }

    fn check_callback(
        &self,
        pending: &PendingOidcLogin,
        callback: &OidcCallback,
        now: SystemTime,
    ) -> Result<(), OidcError> {
        if let Some(error) = &callback.error {
            return Err(OidcError::Provider {
                error: error.clone(),
                description: callback.error_description.clone(),
            });
        }
        let state = callback.state.as_deref().unwrap_or_default();
        if !constant_time_eq(state.as_bytes(), pending.state.as_bytes()) {
            return Err(OidcError::StateMismatch);
        }
        self.check_issuer_parameter(callback.iss.as_deref())?;
        if pending.issuer != self.settings.issuer {
            return Err(OidcError::PendingForAnotherProvider);
        }
        if is_expired(pending.started_at, now, self.settings.login_lifetime) {
            return Err(OidcError::PendingExpired);
        }
        Ok(())
    }

    /// RFC 9207: an `iss` in the callback must be our provider; a provider that announces the
    /// parameter must send it.
    fn check_issuer_parameter(&self, iss: Option<&str>) -> Result<(), OidcError> {
        match iss {
            Some(found) if found != self.settings.issuer => Err(OidcError::IssuerMixUp {
                expected: self.settings.issuer.clone(),
                found: found.to_owned(),
            }),
            None if self.iss_parameter_supported => Err(OidcError::MissingIssuerParameter),
            _ => Ok(()),
        }
    }

    async fn exchange_code(&self, code: String, verifier: &str) -> Result<CoreTokenResponse, OidcError> {
        let client = self.client().map_err(|error| OidcError::TokenExchange(error.to_string()))?;
        let response = client
            .exchange_code(AuthorizationCode::new(code))
            .set_pkce_verifier(PkceCodeVerifier::new(verifier.to_owned()))
            .request_async(&self.http)
            .await
            .map_err(|error| OidcError::TokenExchange(token_error_text(&error)))?;
        // Bearer is all we expect; anything else means a confused or hostile endpoint.
        if !matches!(response.token_type(), openidconnect::core::CoreTokenType::Bearer) {
            return Err(OidcError::TokenExchange("token type is not Bearer".to_owned()));
        }
        Ok(response)
    }

    fn client(&self) -> Result<Client, OidcConfigError> {
        let issuer = IssuerUrl::new(self.settings.issuer.clone()).map_err(url_error("issuer"))?;
        let redirect =
            RedirectUrl::new(self.settings.redirect_uri.clone()).map_err(url_error("redirect_uri"))?;
        Ok(CoreClient::new(ClientId::new(self.settings.client_id.clone()), issuer, self.jwks.keys())
            .set_client_secret(ClientSecret::new(self.settings.client_secret.expose_secret().to_owned()))
            .set_auth_uri(self.authorization_endpoint.clone())
            .set_token_uri(self.token_endpoint.clone())
            .set_redirect_uri(redirect))
    }
}

fn token_error_text<E: std::error::Error>(error: &E) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    text
}

fn url_error(field: &'static str) -> impl Fn(openidconnect::url::ParseError) -> OidcConfigError {
    move |error| OidcConfigError::Url { field, reason: error.to_string() }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

fn unix_seconds(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map(|elapsed| elapsed.as_secs()).unwrap_or(0)
}

fn is_expired(started_at: u64, now: SystemTime, lifetime: Duration) -> bool {
    let now = unix_seconds(now);
    now < started_at || now - started_at > lifetime.as_secs()
}
