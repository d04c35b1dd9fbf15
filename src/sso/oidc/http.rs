//! The HTTP client for talking to a provider: no redirects (an open redirect at the provider
//! must not turn into SSRF), timeouts, and optionally one extra trusted root CA.

use openidconnect::reqwest;

use super::error::OidcConfigError;
use super::settings::OidcSettings;

pub fn build_client(settings: &OidcSettings) -> Result<reqwest::Client, OidcConfigError> {
    let mut builder = reqwest::ClientBuilder::new()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(settings.http_timeout)
        .connect_timeout(settings.http_timeout);
    if let Some(pem) = &settings.extra_root_ca_pem {
        let certificates = reqwest::Certificate::from_pem_bundle(pem.as_bytes())
            .map_err(|error| OidcConfigError::RootCa(error.to_string()))?;
        if certificates.is_empty() {
            return Err(OidcConfigError::RootCa("no certificate found".to_owned()));
        }
        for certificate in certificates {
            builder = builder.add_root_certificate(certificate);
        }
    }
    builder.build().map_err(|error| OidcConfigError::HttpClient(error.to_string()))
}
