//! Liveness and readiness probes.

use actix_web::{HttpResponse, web};

use super::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(health_show)).route("/readyz", web::get().to(readiness_show));
}

/// The process is up.
async fn health_show() -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain; charset=utf-8").body("ok")
}

/// Ready when the database answers and the directory index is loaded.
async fn readiness_show(state: web::Data<AppState>) -> HttpResponse {
    let pool = state.pool.clone();
    let database_ok = web::block(move || -> Result<(), crate::storage::StorageError> {
        let mut conn = pool.get()?;
        crate::storage::ping(&mut conn)
    })
    .await
    .is_ok_and(|result| result.is_ok());
    let index_ok = state.directory_loaded();
    let body = format!(
        "database: {}\ndirectory index: {}\n",
        if database_ok { "ok" } else { "unavailable" },
        if index_ok { "loaded" } else { "loading" }
    );
    let mut response =
        if database_ok && index_ok { HttpResponse::Ok() } else { HttpResponse::ServiceUnavailable() };
    response.content_type("text/plain; charset=utf-8").body(body)
}
