//! The matching engine: pure, no web, database, clock or environment. Normalizers turn CRM input
//! and directory records into comparable parts; the index retrieves candidates by keys; a
//! Fellegi–Sunter scorer weighs per-field evidence into calibrated probabilities (MATCHING.md).

pub mod company_compare;
pub mod company_index;
pub mod company_name;
pub mod domain;
pub mod email;
pub mod index;
pub mod industry;
pub mod interner;
pub mod location;
pub mod member_index;
pub mod member_score;
pub mod model;
pub mod names;
pub mod person_compare;
pub mod postings;
pub mod resolve;
pub mod text;
pub mod title;
pub mod types;

pub use company_index::{CompanyEntry, CompanyProbe};
pub use index::{DirectoryBuilder, DirectoryIndex};
pub use member_index::{MemberEntry, PastEntry, PersonProbe};
pub use model::ModelParams;
pub use resolve::{Lookups, Resolution, Source, resolve};
pub use types::{Agreement, Candidate, Decision, Evidence, Field, MatchResult, Thresholds};
