//! `serve --demo`: a demo tenant, users and synthetic directory seeded into an empty database, and
//! the demo CRM site that embeds the widgets.

pub mod crm_data;
pub mod crm_site;
pub mod seed;
