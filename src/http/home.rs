//! The landing page at `/`: what this server holds and how to embed it.

use actix_web::{HttpResponse, web};
use askama::Template;

use super::error::{AppError, blocking};
use super::state::AppState;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    members: i64,
    companies: i64,
    connections: i64,
    index_loaded: bool,
    public_url: String,
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home_show));
}

async fn home_show(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let pool = state.pool.clone();
    let counts = blocking(move || {
        let mut conn = pool.get()?;
        Ok(crate::storage::directory::counts(&mut conn)?)
    })
    .await?;
    let page = HomePage {
        members: counts.members,
        companies: counts.companies,
        connections: counts.connections,
        index_loaded: state.directory_loaded(),
        public_url: state.public_url.clone(),
    };
    let html = page.render().map_err(AppError::internal)?;
    Ok(HttpResponse::Ok().content_type("text/html; charset=utf-8").body(html))
}
