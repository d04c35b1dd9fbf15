//! crmlens: live profile cards of directory people and companies inside CRM record pages.
//!
//! Data flows one way: `http` parses requests and asks `storage` and `matching`; `matching` is
//! the pure engine and knows nothing of the web or the database.

pub mod cli;
pub mod config;
pub mod demo;
pub mod demo_data;
pub mod directory;
pub mod epoch_cache;
pub mod formats;
pub mod http;
pub mod import;
pub mod jsonl;
pub mod link_cache;
pub mod match_cache;
pub mod matching;
pub mod record_cache;
pub mod resolution;
pub mod sso;
pub mod startup;
pub mod storage;
pub mod telemetry;
pub mod tls;
