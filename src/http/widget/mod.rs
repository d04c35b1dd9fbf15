//! The embedded widgets: the documents CRM pages frame (`/embed/member`, `/embed/company`, the
//! Salesforce Canvas and Dynamics entry points) and the HTMX fragments beneath them (card,
//! pick-list, search, override, undo).
//!
//! CRM record values never travel in a URL: the framed document reads them from its own URL
//! fragment and POSTs them, or (Canvas) they arrive in the signed POST body. They live only in
//! memory for the request; only (tenant, crm, org, object, record id) -> entity links are stored.

mod access;
mod canvas;
mod card;
mod context;
mod correction;
mod dynamics;
mod evidence;
mod headers;
mod page;
mod shell;

use actix_web::web;

pub use canvas::{CanvasError, CanvasRequest, MAX_AGE_SECONDS, verify_signed_request};

pub fn configure(cfg: &mut web::ServiceConfig) {
    shell::configure(cfg);
    card::configure(cfg);
    correction::configure(cfg);
    canvas::configure(cfg);
    dynamics::configure(cfg);
}
