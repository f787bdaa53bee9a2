//! The console adapter: `chat` (a terminal conversation) and `ask` (one reply, for scripts).

mod routes;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::{answer::Dossier, render};

/// Answers one line as the bot would, as plain text.
pub async fn respond(dossier: &Dossier, line: &str) -> String {
    render::plain::render(&routes::reply_to(dossier, line).await)
}

/// `dossier chat`: a conversation in the terminal until end of input or `/quit`.
pub async fn chat(dossier: &Dossier) -> anyhow::Result<()> {
    let mut out = tokio::io::stdout();
    let intro = format!("{}\n\n(type /quit to leave)\n", respond(dossier, "/start").await);
    out.write_all(intro.as_bytes()).await?;
    let mut lines = BufReader::new(tokio::io::stdin()).lines();
    loop {
        out.write_all(b"\n> ").await?;
        out.flush().await?;
        let Some(line) = lines.next_line().await? else { break };
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if matches!(line, "/quit" | "/exit") {
            break;
        }
        let reply = respond(dossier, line).await;
        out.write_all(format!("{reply}\n").as_bytes()).await?;
    }
    out.write_all(b"\nBye!\n").await?;
    Ok(())
}
