//! The matching engine: pure, no web, database, clock or environment.

pub mod email;
