//! Integration tests: the real bot, over HTTP, against a stand-in Bot API that validates like Telegram.

#[path = "../support/mod.rs"]
mod support;

mod answers;
mod crash;
mod digests;
mod discovery;
mod faults;
mod feeds;
mod feeds_safety;
mod flood;
mod helpers;
mod languages;
mod locales;
mod membership;
mod native;
mod news_site;
mod owner;
mod process;
mod properties;
mod quiz_turns;
mod quizzes;
mod replica_helpers;
mod replicas;
mod replicas_fanout;
mod replicas_nginx;
mod russian_documents;
mod webhook;
mod webhook_process;
