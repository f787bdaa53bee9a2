//! Topic digests: subscriptions, settings, schedules, and composing what each chat has not seen yet.

mod commands;
pub mod compose;
pub mod schedule;
pub mod scheduler;
pub mod settings;
pub mod subjects;

pub use commands::{
    DigestNow, digest_now, follow, keyboard, pause, resume, show_settings, subscribe, subscriptions, toggle,
    unsubscribe, update_settings,
};
