//! Dossier: a Telegram bot that answers questions from a fact base built from documents.
//!
//! The core (`facts`, `answer`) knows nothing of Telegram; the `telegram` and `console` adapters call it,
//! and `db` holds every SQL statement.

pub mod answer;
pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod console;
pub mod db;
pub mod digest;
pub mod facts;
pub mod feeds;
pub mod i18n;
pub mod logging;
pub mod quiz;
pub mod render;
pub mod reply;
pub mod telegram;
pub mod web;
