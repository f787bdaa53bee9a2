//! `/start`: a short tour of what to ask.

use crate::reply::{Reply, bold, code, text};

pub fn reply() -> Reply {
    Reply::default()
        .line(vec![
            text("👋 I am "),
            bold("Dossier"),
            text(": I answer from documents, and quote the sentence behind every answer."),
        ])
        .line(vec![])
        .line(vec![
            text("Try "),
            code("/country India"),
            text(", "),
            code("/summit BRICS"),
            text(", "),
            code("/topic energy"),
            text(" or "),
            code("/search transport corridor"),
        ])
        .line(vec![text("…or just ask: "), code("How much did Russia trade with China?")])
        .line(vec![])
        .line(vec![text("/help lists every command.")])
}
