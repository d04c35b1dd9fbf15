//! Everything that knows HTTP: routes, middleware, cookies, templates. Each area mounts its own
//! routes with `configure`.

pub mod access_cache;
pub mod api;
pub mod assets;
pub mod auth;
pub mod csrf;
pub mod deferred;
pub mod error;
pub mod health;
pub mod home;
pub mod metrics;
pub mod security_headers;
pub mod session;
pub mod state;
pub mod widget;

use actix_web::web::ServiceConfig;

/// Mounts every route of the application.
pub fn configure(cfg: &mut ServiceConfig) {
    // First: the busiest routes, so routing tries them before any other.
    widget::configure(cfg);
    api::configure(cfg);
    health::configure(cfg);
    home::configure(cfg);
    metrics::configure(cfg);
    assets::configure(cfg);
    auth::configure(cfg);
}
