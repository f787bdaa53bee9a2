//! The command line: `chat`, `ask`, `serve`, `ingest` and `feed`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Dossier: a Telegram bot that answers questions from documents, quoting its sources.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Commands,
}

#[derive(Debug, Subcommand)]
pub enum Commands {
    /// Talk to the bot in the terminal (no token needed).
    Chat,
    /// Print the bot's reply to one message, then exit.
    Ask {
        /// A command such as "/country China", or a question.
        message: String,
    },
    /// Run the Telegram bot (needs TELOXIDE_TOKEN).
    Serve,
    /// Add or refresh documents in the fact base.
    Ingest {
        /// Text files (.txt or .md; a NAME.toml sidecar next to each may give title, source, date and
        /// language), or web pages (http:// or https://), whose article text is extracted.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Manage the news feeds that `serve` polls (same database).
    Feed {
        #[command(subcommand)]
        action: FeedAction,
    },
    /// Copy this SQLite installation (chats, subscriptions, outbox, quizzes, feeds, documents) into an
    /// empty PostgreSQL database, checking every table's count.
    MigrateTo {
        /// postgres://user:password@host/database
        url: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum FeedAction {
    /// Subscribe the fact base to an RSS, Atom or JSON feed.
    Add { url: String },
    /// Every feed with its state, last error and items ingested.
    List,
    /// Stop polling a feed (its documents stay).
    Remove { url: String },
}
