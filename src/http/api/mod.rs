//! The JSON API (`/api/v1`): matching a CRM record against the directory with a tenant API key,
//! and the OpenAPI document describing it. Every answer is JSON, never cached nor framed; every
//! error is an RFC 9457 problem (see [`problem`]).

pub mod auth;
pub mod matching;
pub mod openapi;
pub mod problem;
pub mod request;

use actix_web::http::header;
use actix_web::middleware::DefaultHeaders;
use actix_web::{HttpResponse, web};

use problem::{Problem, ProblemKind, answer};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/v1")
            .wrap(DefaultHeaders::new().add((header::CACHE_CONTROL, "no-store")))
            .service(
                web::resource("/match/member")
                    .route(web::post().to(matching::member_match))
                    .default_service(web::to(post_only)),
            )
            .service(
                web::resource("/match/company")
                    .route(web::post().to(matching::company_match))
                    .default_service(web::to(post_only)),
            )
            .service(
                web::resource("/openapi.json")
                    .route(web::get().to(openapi::openapi_show))
                    .default_service(web::to(get_only)),
            )
            .default_service(web::to(not_found)),
    );
}

async fn post_only() -> HttpResponse {
    answer(Err(Problem::method_not_allowed("POST")))
}

async fn get_only() -> HttpResponse {
    answer(Err(Problem::method_not_allowed("GET")))
}

async fn not_found() -> HttpResponse {
    answer(Err(Problem::new(ProblemKind::NotFound, "see /api/v1/openapi.json for the endpoints")))
}
