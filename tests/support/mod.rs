//! Shared helpers for Dossier's integration tests (include with `mod support;`).
pub mod stand_in;
