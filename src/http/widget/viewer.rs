//! Who is looking at a widget. A thin adapter over the session, so the widget code names one
//! type whatever the sign-in module provides.

use std::future::Future;
use std::pin::Pin;

use actix_web::{FromRequest, HttpRequest, dev::Payload, web};

use crate::http::error::AppError;
use crate::http::state::AppState;
use crate::storage::ids::{Seat, TenantId};
use crate::storage::{credentials, sessions, unix_now, users};

/// The session cookie (partitioned, so it survives browsers that block third-party cookies).
pub const SESSION_COOKIE: &str = "__Host-crmlens_session";

/// A signed-in user and the token their unsafe requests must echo.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub user: users::User,
    pub csrf_token: String,
}

impl Viewer {
    pub fn tenant(&self) -> TenantId {
        self.user.tenant_id
    }

    pub fn seat(&self) -> Seat {
        self.user.seat
    }
}

/// The viewer if the request carries a live session.
pub struct OptionalViewer(pub Option<Viewer>);

impl FromRequest for OptionalViewer {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let cookie = request.cookie(SESSION_COOKIE).map(|c| c.value().to_owned());
        let state = request.app_data::<web::Data<AppState>>().cloned();
        Box::pin(async move {
            let (Some(session_id), Some(state)) = (cookie, state) else { return Ok(Self(None)) };
            let pool = state.pool.clone();
            let viewer = crate::http::error::blocking(move || {
                let mut conn = pool.get()?;
                let id_hash = credentials::sha256_hex(&session_id);
                let Some(session) = sessions::find_active(&mut conn, &id_hash, unix_now())? else {
                    return Ok(None);
                };
                let user = users::get(&mut conn, session.user())?;
                let csrf_token = credentials::sha256_hex(&format!("csrf:{id_hash}"));
                Ok(Some(Viewer { user, csrf_token }))
            })
            .await?;
            Ok(Self(viewer))
        })
    }
}
