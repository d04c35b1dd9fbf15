//! Error policy for HTTP handlers.
//!
//! Library parts return their own `thiserror` enums. Handlers turn them into [`AppError`], which
//! logs the full cause chain (never CRM values: causes are built from ids and kinds only) and
//! shows the user a clear message without internals. For an HTMX request (`HX-Request`) the body
//! is a fragment the page can show inline; otherwise a small page. The JSON API answers RFC 9457
//! problems instead (`http::api::problem`), converting an `AppError` with `Problem::from`.

use actix_web::http::StatusCode;
use actix_web::http::header::ContentType;
use actix_web::{HttpResponse, ResponseError};
use askama::Template;

#[derive(Template)]
#[template(path = "errors/error.html")]
struct ErrorPage {
    heading: String,
    message: String,
}

/// An error as a user should see it.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The request was wrong; the message says how to fix it.
    #[error("{0}")]
    BadRequest(String),
    #[error("not found")]
    NotFound,
    #[error("please sign in")]
    Unauthorized,
    #[error("{0}")]
    Forbidden(String),
    /// Something failed on our side; the cause is logged, not shown.
    #[error("something went wrong on our side")]
    Internal(#[source] anyhow::Error),
}

impl AppError {
    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        Self::Internal(cause.into())
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let Self::Internal(cause) = self {
            tracing::error!(error = format!("{cause:#}"), "request failed");
        }
        let status = self.status_code();
        let page = ErrorPage {
            heading: status.canonical_reason().unwrap_or("Error").to_owned(),
            message: self.to_string(),
        };
        let body =
            page.render().unwrap_or_else(|_| format!("<p role=\"alert\">{}</p>", html_escape(&page.message)));
        HttpResponse::build(status).insert_header(ContentType::html()).body(body)
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Blocking work (database, index builds) runs on the blocking pool, never on async workers.
pub async fn blocking<T, F>(work: F) -> Result<T, AppError>
where
    F: FnOnce() -> anyhow::Result<T> + Send + 'static,
    T: Send + 'static,
{
    actix_web::web::block(work).await.map_err(AppError::internal)?.map_err(AppError::Internal)
}
