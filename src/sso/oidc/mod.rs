//! OpenID Connect relying party (in progress).
