//! The sign-in pages (askama templates) and a small response helper.

use actix_web::HttpResponse;
use actix_web::HttpResponseBuilder;
use actix_web::http::header;
use askama::Template;

use crate::http::session::{Viewer, has_seat};
use crate::storage::ids::TenantSlug;

/// A 200 HTML response builder.
pub fn html(body: String) -> HtmlResponse {
    HtmlResponse { builder: HttpResponse::Ok(), body }
}

pub struct HtmlResponse {
    builder: HttpResponseBuilder,
    body: String,
}

impl HtmlResponse {
    pub fn status(mut self, status: actix_web::http::StatusCode) -> Self {
        self.builder.status(status);
        self
    }

    pub fn insert_header(mut self, header: impl actix_web::http::header::TryIntoHeaderPair) -> Self {
        self.builder.insert_header(header);
        self
    }

    /// Sign-in pages show personal details and tokens: never cached. Their forms post to our
    /// own origin, and under `no-referrer` a browser sends `Origin: null` with a form post,
    /// which the CSRF check must refuse; `same-origin` sends the real origin and still no
    /// referrer to other sites.
    pub fn finish_with_no_store(mut self) -> HttpResponse {
        self.builder
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .insert_header((header::REFERRER_POLICY, "same-origin"))
            .content_type("text/html; charset=utf-8")
            .body(self.body)
    }
}

#[derive(Template)]
#[template(path = "auth/signin.html")]
pub struct SignInPage {
    pub tenant: String,
    pub email: String,
    pub handoff: String,
    pub error: Option<String>,
    pub oidc: bool,
    pub saml: bool,
}

#[derive(Template)]
#[template(path = "auth/signed_in.html")]
pub struct SignedInPage {
    pub name: String,
}

#[derive(Template)]
#[template(path = "auth/account.html")]
pub struct AccountPage {
    pub name: String,
    pub email: String,
    pub tenant: String,
    pub seat: String,
    pub method: String,
    pub csrf_token: String,
    pub notice: Option<String>,
}

#[derive(Template)]
#[template(path = "auth/status.html")]
pub struct StatusPage {
    pub tenant: String,
    pub signed_in: bool,
    pub name: String,
    pub seat: String,
    pub has_seat: bool,
    pub csrf_token: String,
}

impl StatusPage {
    pub fn new(tenant: &TenantSlug, viewer: Option<&Viewer>) -> Self {
        Self {
            tenant: tenant.as_str().to_owned(),
            signed_in: viewer.is_some(),
            name: viewer.map(|v| v.user.name.clone()).unwrap_or_default(),
            seat: viewer.map(|v| v.seat().as_str().to_owned()).unwrap_or_default(),
            has_seat: viewer.is_some_and(has_seat),
            csrf_token: viewer.map(|v| v.csrf_token.clone()).unwrap_or_default(),
        }
    }
}
