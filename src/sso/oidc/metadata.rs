//! Discovery: the provider metadata we need, including the two fields the openidconnect crate
//! does not model (RFC 9207 `iss` support and the offered PKCE methods).

use openidconnect::core::{
    CoreAuthDisplay, CoreClaimName, CoreClaimType, CoreClientAuthMethod, CoreGrantType, CoreJsonWebKey,
    CoreJweContentEncryptionAlgorithm, CoreJweKeyManagementAlgorithm, CoreResponseMode, CoreResponseType,
    CoreSubjectIdentifierType,
};
use openidconnect::{AdditionalProviderMetadata, IssuerUrl, ProviderMetadata, reqwest};
use serde::{Deserialize, Serialize};

use super::error::OidcConfigError;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ExtraMetadata {
    #[serde(default)]
    pub authorization_response_iss_parameter_supported: bool,
    #[serde(default)]
    pub code_challenge_methods_supported: Option<Vec<String>>,
}

impl AdditionalProviderMetadata for ExtraMetadata {}

pub type Metadata = ProviderMetadata<
    ExtraMetadata,
    CoreAuthDisplay,
    CoreClientAuthMethod,
    CoreClaimName,
    CoreClaimType,
    CoreGrantType,
    CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm,
    CoreJsonWebKey,
    CoreResponseMode,
    CoreResponseType,
    CoreSubjectIdentifierType,
>;

/// Fetches `/.well-known/openid-configuration` (checking its `issuer`) and the JWKS.
pub async fn discover(issuer: &IssuerUrl, http: &reqwest::Client) -> Result<Metadata, OidcConfigError> {
    let metadata = Metadata::discover_async(issuer.clone(), http)
        .await
        .map_err(|error| OidcConfigError::Discovery(error.to_string()))?;
    require_pkce_s256(metadata.additional_metadata().code_challenge_methods_supported.as_deref())?;
    Ok(metadata)
}

/// Refuses a provider that advertises PKCE methods without S256 (we never fall back to
/// `plain` or to no PKCE). A provider that advertises nothing still gets S256.
pub fn require_pkce_s256(offered: Option<&[String]>) -> Result<(), OidcConfigError> {
    match offered {
        Some(methods) if !methods.iter().any(|method| method == "S256") => {
            Err(OidcConfigError::PkceS256Unsupported { offered: methods.to_vec() })
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_only_pkce_is_refused_and_s256_or_silence_accepted() {
        assert!(require_pkce_s256(Some(&["plain".to_owned()])).is_err());
        assert!(require_pkce_s256(Some(&[])).is_err());
        assert!(require_pkce_s256(Some(&["plain".to_owned(), "S256".to_owned()])).is_ok());
        assert!(require_pkce_s256(None).is_ok());
    }
}
