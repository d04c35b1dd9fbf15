//! Tenant API keys as bearer tokens (RFC 6750). Only the key's hash is stored; see
//! [`crate::storage::api_keys::authenticate`].

use actix_web::HttpRequest;
use actix_web::http::header;

use super::problem::Problem;
use crate::http::error::blocking;
use crate::http::state::AppState;
use crate::storage::tenants::{self, Tenant};

/// The bearer token of a request; a 401 problem when there is none.
pub fn bearer_token(request: &HttpRequest) -> Result<String, Problem> {
    let Some(value) = request.headers().get(header::AUTHORIZATION) else {
        return Err(Problem::unauthorized(false));
    };
    let value = value.to_str().map_err(|_| Problem::unauthorized(true))?;
    let (scheme, token) = value.trim().split_once(' ').ok_or_else(|| Problem::unauthorized(true))?;
    let token = token.trim();
    if !scheme.eq_ignore_ascii_case("bearer") || token.is_empty() {
        return Err(Problem::unauthorized(true));
    }
    Ok(token.to_owned())
}

/// The tenant whose active key was presented; a 401 problem for an unknown or revoked key.
pub async fn authenticate(state: &AppState, token: String) -> Result<Tenant, Problem> {
    let pool = state.pool.clone();
    let tenant = blocking(move || {
        let mut conn = pool.get()?;
        let Some(key) = crate::storage::api_keys::authenticate(&mut conn, &token)? else {
            return Ok(None);
        };
        Ok(Some(tenants::get(&mut conn, key.tenant_id)?))
    })
    .await?;
    tenant.ok_or_else(|| Problem::unauthorized(true))
}
