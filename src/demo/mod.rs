//! `serve --demo`: a demo tenant, users and synthetic directory seeded into an empty database.

pub mod seed;
