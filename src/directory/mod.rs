//! Loading directory records into the matching index, and keeping that index live.

pub mod live;
