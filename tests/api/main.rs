//! The one integration-test binary. Storage and import tests run on SQLite, and also on
//! PostgreSQL when `CRMLENS_TEST_POSTGRES` holds a server URL (a fresh database per test).

// Fixtures fail loudly: a panic is the right answer to a broken test setup.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod admin;
mod admin_sso;
mod api_v1;
mod app;
mod auth;
mod auth_servers;
mod auth_sso;
mod browser;
mod browser_signin;
mod helpers;
mod import;
mod match_cli;
mod server;
mod settings;
mod sso_oidc;
mod sso_saml;
mod sso_support;
mod storage;
mod storage_auth;
mod widget;
mod widget_browser;
mod widget_canvas;
mod widget_demo;
