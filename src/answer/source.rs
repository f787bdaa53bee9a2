//! "📄 Source": the whole paragraph a fact comes from, with its document.

use super::{
    AnswerError, Dossier,
    card::{Fact, Sources, finish, push_fact},
};
use crate::{
    db,
    reply::{Reply, bold, text},
};

pub async fn answer(dossier: &Dossier, sentence_id: i64) -> Result<Reply, AnswerError> {
    let rows = db::facts::paragraph_of(&dossier.pool, sentence_id).await?;
    let Some(first) = rows.first() else {
        return Err(AnswerError::User(dossier.lang.t("fact-gone")));
    };
    let mut reply = Reply::default().line(vec![
        text("📄 "),
        bold(first.doc_title.clone()),
        text(dossier.lang.t("source-paragraph")),
    ]);
    let mut sources = Sources::default();
    // One quote for the paragraph: its sentences in order.
    let paragraph = rows.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" ");
    let mut row = first.clone();
    row.text = paragraph;
    push_fact(&mut reply, &Fact { row, figures: Vec::new() }, &mut sources);
    Ok(finish(reply, &sources, dossier.lang))
}
