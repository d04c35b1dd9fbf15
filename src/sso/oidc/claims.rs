//! ID-token verification: signature (asymmetric algorithms only), `iss`, `aud`, `exp` and
//! `nonce` through the openidconnect crate, then the checks it leaves to us (`azp`, `iat`,
//! `email_verified`, the e-mail domain allow-list).

use std::time::SystemTime;

use chrono::{DateTime, Utc};
use openidconnect::core::{
    CoreIdToken, CoreIdTokenClaims, CoreIdTokenVerifier, CoreJsonWebKeySet, CoreJwsSigningAlgorithm,
};
use openidconnect::{ClaimsVerificationError, ClientId, IssuerUrl, Nonce, SignatureVerificationError};
use secrecy::ExposeSecret;
use serde::Deserialize;

use super::error::OidcError;
use super::settings::OidcSettings;
use crate::sso::identity::{SsoMethod, VerifiedIdentity};

/// Public-key algorithms only: an HMAC token keyed with the client secret proves nothing about
/// the provider, and `none` proves nothing at all.
const ALLOWED_ALGORITHMS: [CoreJwsSigningAlgorithm; 9] = [
    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha384,
    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha512,
    CoreJwsSigningAlgorithm::RsaSsaPssSha256,
    CoreJwsSigningAlgorithm::RsaSsaPssSha384,
    CoreJwsSigningAlgorithm::RsaSsaPssSha512,
    CoreJwsSigningAlgorithm::EcdsaP256Sha256,
    CoreJwsSigningAlgorithm::EcdsaP384Sha384,
    CoreJwsSigningAlgorithm::EdDsa,
];

pub fn parse(id_token: &str) -> Result<CoreIdToken, OidcError> {
    id_token.parse::<CoreIdToken>().map_err(|error| OidcError::MalformedIdToken(error.to_string()))
}

/// Verifies the token against `keys`; `Err(UnknownSigningKey)` tells the caller to refresh.
pub fn verify(
    token: &CoreIdToken,
    settings: &OidcSettings,
    keys: CoreJsonWebKeySet,
    nonce: &Nonce,
    now: SystemTime,
) -> Result<CoreIdTokenClaims, OidcError> {
    let issuer =
        IssuerUrl::new(settings.issuer.clone()).map_err(|error| OidcError::Issuer(error.to_string()))?;
    let now: DateTime<Utc> = now.into();
    let verifier = CoreIdTokenVerifier::new_confidential_client(
        ClientId::new(settings.client_id.clone()),
        openidconnect::ClientSecret::new(settings.client_secret.expose_secret().to_owned()),
        issuer,
        keys,
    )
    .set_allowed_algs(ALLOWED_ALGORITHMS)
    .set_time_fn(move || now);
    let claims = token.claims(&verifier, nonce).map_err(from_claims_error)?.clone();
    check_authorized_party(&claims, &settings.client_id)?;
    check_issued_at(&claims, settings, now)?;
    Ok(claims)
}

/// Claims from the UserInfo endpoint, for providers that keep e-mail and name out of the ID
/// token in the code flow (node-oidc-provider, Okta by default).
#[derive(Debug, Clone, Deserialize)]
pub struct UserInfo {
    pub sub: String,
    pub email: Option<String>,
    pub email_verified: Option<bool>,
    pub name: Option<String>,
}

/// The identity in verified claims (completed by UserInfo for the same subject, if given),
/// when the e-mail is verified and its domain allowed.
pub fn identity(
    claims: &CoreIdTokenClaims,
    user_info: Option<&UserInfo>,
    settings: &OidcSettings,
) -> Result<VerifiedIdentity, OidcError> {
    let subject = claims.subject().as_str();
    if let Some(info) = user_info.filter(|info| info.sub != subject) {
        return Err(OidcError::UserInfoSubject { id_token: subject.to_owned(), user_info: info.sub.clone() });
    }
    let (email, verified) = match claims.email() {
        Some(email) => (Some(email.as_str()), claims.email_verified()),
        None => {
            (user_info.and_then(|info| info.email.as_deref()), user_info.and_then(|info| info.email_verified))
        }
    };
    if verified == Some(false) {
        return Err(OidcError::EmailNotVerified);
    }
    let email = settings.allowed_email_domains.check(email)?;
    let name = claims
        .name()
        .and_then(|name| name.get(None))
        .map(|name| name.as_str().to_owned())
        .or_else(|| user_info.and_then(|info| info.name.clone()));
    Ok(VerifiedIdentity {
        subject: subject.to_owned(),
        email,
        name,
        issuer: claims.issuer().as_str().to_owned(),
        method: SsoMethod::Oidc,
    })
}

/// OIDC Core 3.1.3.7 steps 4-5, which the crate leaves out: with several audiences `azp` must
/// be present, and when present it must be us.
fn check_authorized_party(claims: &CoreIdTokenClaims, client_id: &str) -> Result<(), OidcError> {
    match claims.authorized_party() {
        Some(azp) if azp.as_str() != client_id => {
            Err(OidcError::AuthorizedParty(format!("`{}` is not us", azp.as_str())))
        }
        None if claims.audiences().len() > 1 => {
            Err(OidcError::AuthorizedParty("several audiences but no azp".to_owned()))
        }
        _ => Ok(()),
    }
}

fn check_issued_at(
    claims: &CoreIdTokenClaims,
    settings: &OidcSettings,
    now: DateTime<Utc>,
) -> Result<(), OidcError> {
    let issued_at = claims.issue_time();
    let skew = chrono::Duration::from_std(settings.clock_skew).unwrap_or(chrono::Duration::zero());
    let max_age = chrono::Duration::from_std(settings.max_id_token_age).unwrap_or(chrono::Duration::zero());
    if issued_at > now + skew {
        return Err(OidcError::IssuedAt(format!("issued in the future ({issued_at})")));
    }
    if issued_at < now - max_age - skew {
        return Err(OidcError::IssuedAt(format!("issued too long ago ({issued_at})")));
    }
    Ok(())
}

fn from_claims_error(error: ClaimsVerificationError) -> OidcError {
    let text = error.to_string();
    match error {
        ClaimsVerificationError::SignatureVerification(SignatureVerificationError::NoMatchingKey) => {
            OidcError::UnknownSigningKey
        }
        ClaimsVerificationError::SignatureVerification(_) => OidcError::Signature(text),
        ClaimsVerificationError::InvalidIssuer(_) => OidcError::Issuer(text),
        ClaimsVerificationError::InvalidAudience(_) => OidcError::Audience(text),
        ClaimsVerificationError::Expired(_) => OidcError::Expired(text),
        ClaimsVerificationError::InvalidNonce(_) => OidcError::Nonce(text),
        _ => OidcError::Claims(text),
    }
}
