//! Application assembly.
