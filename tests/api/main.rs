//! The single integration-test binary.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod app;
mod server;
mod settings;
mod sso_oidc;
mod sso_saml;
mod sso_support;
