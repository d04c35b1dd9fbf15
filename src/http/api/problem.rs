//! RFC 9457 problem details: every error of the JSON API answers `application/problem+json` with
//! a stable `type`, a `title`, the `status` and a `detail` saying what to fix. Details name fields,
//! never their values (a CRM value may be personal data).

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

use crate::http::error::AppError;

pub const CONTENT_TYPE: &str = "application/problem+json";

/// The kinds of problem the API answers with; `type` is `urn:crmlens:problem:<slug>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    Unauthorized,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    UnsupportedMediaType,
    PayloadTooLarge,
    InvalidJson,
    InvalidRequest,
    IndexLoading,
    Internal,
}

impl ProblemKind {
    pub const ALL: &'static [Self] = &[
        Self::Unauthorized,
        Self::Forbidden,
        Self::NotFound,
        Self::MethodNotAllowed,
        Self::UnsupportedMediaType,
        Self::PayloadTooLarge,
        Self::InvalidJson,
        Self::InvalidRequest,
        Self::IndexLoading,
        Self::Internal,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Unauthorized => "unauthorized",
            Self::Forbidden => "forbidden",
            Self::NotFound => "not-found",
            Self::MethodNotAllowed => "method-not-allowed",
            Self::UnsupportedMediaType => "unsupported-media-type",
            Self::PayloadTooLarge => "payload-too-large",
            Self::InvalidJson => "invalid-json",
            Self::InvalidRequest => "invalid-request",
            Self::IndexLoading => "index-loading",
            Self::Internal => "internal",
        }
    }

    pub fn status(self) -> StatusCode {
        match self {
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::InvalidJson => StatusCode::BAD_REQUEST,
            Self::InvalidRequest => StatusCode::UNPROCESSABLE_ENTITY,
            Self::IndexLoading => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::Unauthorized => "API key missing or not valid",
            Self::Forbidden => "Not allowed for this API key",
            Self::NotFound => "No such API endpoint",
            Self::MethodNotAllowed => "Method not allowed",
            Self::UnsupportedMediaType => "Body must be JSON",
            Self::PayloadTooLarge => "Body too large",
            Self::InvalidJson => "Body is not valid JSON",
            Self::InvalidRequest => "Request does not fit the schema",
            Self::IndexLoading => "Directory index not loaded yet",
            Self::Internal => "Internal error",
        }
    }

    pub fn type_uri(self) -> String {
        format!("urn:crmlens:problem:{}", self.slug())
    }
}

/// One field at fault: a JSON Pointer into the request body and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub pointer: String,
    pub detail: String,
}

impl FieldError {
    pub fn new(field: &str, detail: impl Into<String>) -> Self {
        Self { pointer: pointer(field), detail: detail.into() }
    }

    /// The body as a whole is wrong (pointer `""`).
    pub fn whole_body(detail: impl Into<String>) -> Self {
        Self { pointer: String::new(), detail: detail.into() }
    }
}

/// A JSON Pointer (RFC 6901) to a top-level member.
fn pointer(field: &str) -> String {
    format!("/{}", field.replace('~', "~0").replace('/', "~1"))
}

/// An API error answered as problem details.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{detail}")]
pub struct Problem {
    kind: ProblemKind,
    detail: String,
    errors: Vec<FieldError>,
    /// A header the status calls for: `WWW-Authenticate` on a 401, `Allow` on a 405.
    header: Option<(HeaderName, &'static str)>,
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    type_uri: String,
    title: &'static str,
    status: u16,
    detail: &'a str,
    #[serde(skip_serializing_if = "<[FieldError]>::is_empty")]
    errors: &'a [FieldError],
}

impl Problem {
    pub fn new(kind: ProblemKind, detail: impl Into<String>) -> Self {
        Self { kind, detail: detail.into(), errors: Vec::new(), header: None }
    }

    /// No usable API key. RFC 6750: a request that presented no token gets a bare challenge, one
    /// whose token was refused gets `error="invalid_token"`.
    pub fn unauthorized(token_presented: bool) -> Self {
        let (challenge, detail) = if token_presented {
            (
                r#"Bearer realm="crmlens", error="invalid_token""#,
                "the API key is unknown or revoked; ask a tenant admin for a key (`crmlens admin api-key create --tenant SLUG --name NAME`)",
            )
        } else {
            (
                r#"Bearer realm="crmlens""#,
                "send a tenant API key as a bearer token: `Authorization: Bearer <key>`",
            )
        };
        Self {
            header: Some((header::WWW_AUTHENTICATE, challenge)),
            ..Self::new(ProblemKind::Unauthorized, detail)
        }
    }

    /// A method the resource does not take; `allow` lists those it does.
    pub fn method_not_allowed(allow: &'static str) -> Self {
        Self {
            header: Some((header::ALLOW, allow)),
            ..Self::new(ProblemKind::MethodNotAllowed, format!("this endpoint takes {allow} only"))
        }
    }

    /// A request whose fields are wrong, each named in `errors`.
    pub fn invalid_fields(errors: Vec<FieldError>) -> Self {
        let detail = match errors.as_slice() {
            [one] if one.pointer.is_empty() => one.detail.clone(),
            [one] => format!("{} {}", one.pointer, one.detail),
            _ => format!("{} fields are not valid; see `errors`", errors.len()),
        };
        Self { kind: ProblemKind::InvalidRequest, detail, errors, header: None }
    }

    pub fn kind(&self) -> ProblemKind {
        self.kind
    }

    pub fn errors(&self) -> &[FieldError] {
        &self.errors
    }
}

impl From<AppError> for Problem {
    fn from(error: AppError) -> Self {
        match error {
            AppError::BadRequest(detail) => Self::new(ProblemKind::InvalidRequest, detail),
            AppError::NotFound => Self::new(ProblemKind::NotFound, "nothing here"),
            AppError::Unauthorized => Self::unauthorized(false),
            AppError::Forbidden(detail) => Self::new(ProblemKind::Forbidden, detail),
            AppError::Internal(cause) => {
                tracing::error!(error = format!("{cause:#}"), "API request failed");
                Self::new(ProblemKind::Internal, "something went wrong on our side; it has been logged")
            }
        }
    }
}

/// The answer of an API handler: problems are answered, not raised, so that the request logger
/// does not print their details (which name the caller's fields).
pub fn answer(result: Result<HttpResponse, Problem>) -> HttpResponse {
    result.unwrap_or_else(|problem| problem.error_response())
}

impl ResponseError for Problem {
    fn status_code(&self) -> StatusCode {
        self.kind.status()
    }

    fn error_response(&self) -> HttpResponse {
        let body = Body {
            type_uri: self.kind.type_uri(),
            title: self.kind.title(),
            status: self.kind.status().as_u16(),
            detail: &self.detail,
            errors: &self.errors,
        };
        let mut response = HttpResponse::build(self.kind.status());
        response.insert_header((header::CONTENT_TYPE, CONTENT_TYPE));
        if let Some((name, value)) = &self.header {
            response.insert_header((name.clone(), HeaderValue::from_static(value)));
        }
        if self.kind == ProblemKind::IndexLoading {
            response.insert_header((header::RETRY_AFTER, HeaderValue::from_static("5")));
        }
        response.body(serde_json::to_string(&body).unwrap_or_default())
    }
}
