//! Identity verification for single sign-on: an OpenID Connect relying party and a SAML 2.0
//! service provider. Each returns a [`identity::VerifiedIdentity`] or an error naming exactly what
//! failed; this module never touches the database or HTTP framework (`http::auth` turns an identity
//! into a session). Time is always a parameter so every check is testable.

pub mod identity;
pub mod oidc;
pub mod saml;

pub use identity::{EmailDomains, SsoMethod, VerifiedIdentity};
