//! `/start`: a short, friendly tour: what to ask, how to subscribe, how to quiz a group.

use crate::reply::{Action, Button, Reply, bold, code, text};

pub fn reply() -> Reply {
    Reply::default()
        .line(vec![
            text("👋 I am "),
            bold("Dossier"),
            text(": I answer from documents and quote the sentence behind every answer."),
        ])
        .line(vec![])
        .line(vec![bold("Ask")])
        .line(vec![
            text("• "),
            code("/country India"),
            text(", "),
            code("/summit BRICS"),
            text(", "),
            code("/topic energy"),
            text(", "),
            code("/search transport corridor"),
        ])
        .line(vec![text("• or just write: "), code("How much did Russia trade with China?")])
        .line(vec![])
        .line(vec![bold("Follow")])
        .line(vec![
            text("• "),
            code("/subscribe"),
            text(" picks topics for a digest; "),
            code("/settings"),
            text(" sets when it comes."),
        ])
        .line(vec![])
        .line(vec![bold("Play")])
        .line(vec![
            text("• Add me to a group and send "),
            code("/quiz 5"),
            text(" for a round of quiz polls; "),
            code("/top"),
            text(" shows the leaderboard."),
        ])
        .line(vec![])
        .line(vec![text("/help lists every command.")])
        .with_buttons(vec![Button {
            text: "➕ Add Dossier to a group".into(),
            action: Action::BotLink { payload: "tour".into(), group: true },
        }])
}
