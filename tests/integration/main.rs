//! Integration tests: the real bot, over HTTP, against a stand-in Bot API that validates like Telegram.

#[path = "../support/mod.rs"]
mod support;

mod answers;
mod crash;
mod digests;
mod discovery;
mod faults;
mod helpers;
mod languages;
mod native;
mod owner;
mod process;
mod properties;
mod quizzes;
