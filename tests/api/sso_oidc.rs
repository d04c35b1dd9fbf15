//! OIDC tests (in progress).
