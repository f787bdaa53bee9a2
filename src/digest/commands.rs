//! The digest commands as the core answers them: subscribe, unsubscribe, list, settings, pause, resume,
//! digest now, and the toggle keyboard.

use chrono::{DateTime, Utc};

use super::{
    compose,
    schedule::{Frequency, Schedule},
    scheduler::stamp,
    settings::SettingsChange,
    subjects::{self, TOPIC_PREFIX},
};
use crate::{
    answer::{AnswerError, Dossier},
    db::store::{ChatRow, DigestSchedule, NewDigest},
    i18n::{Lang, arg},
    reply::{Action, Button, ChatRef, Reply, text},
};

/// Prefix of the callback data of subscription toggle buttons.
pub const TOGGLE_PREFIX: &str = "sub:";

async fn chat_row(dossier: &Dossier, chat: &ChatRef) -> anyhow::Result<ChatRow> {
    dossier.store.ensure_chat(chat.id, chat.kind.as_str(), chat.title.as_deref()).await
}

fn schedule_of(row: &ChatRow) -> Schedule {
    Schedule::from_settings(&row.timezone, &row.digest_time, &row.frequency, row.weekday)
}

/// "daily at 09:00 (UTC)" or "weekly on Monday at 09:00 (Asia/Kolkata)", in `lang`.
fn describe(schedule: &Schedule, lang: Lang) -> String {
    let (time, tz) = (schedule.time.format("%H:%M").to_string(), schedule.timezone.name());
    match schedule.frequency {
        Frequency::Daily => lang.tr("schedule-daily", &[arg("time", time), arg("tz", tz)]),
        Frequency::Weekly(day) => {
            let day = lang.t(&format!("weekday-{}", day.num_days_from_monday()));
            lang.tr("schedule-weekly", &[arg("day", day), arg("time", time), arg("tz", tz)])
        }
    }
}

/// `/subscribe TOPIC`.
pub async fn subscribe(dossier: &Dossier, chat: &ChatRef, typed: &str) -> Result<Reply, AnswerError> {
    let dossier = &dossier.current().await?;
    let subject = match subjects::resolve(&dossier.knowledge, typed, "subscribe", dossier.lang) {
        Ok(subject) => subject,
        Err(reply) => return Ok(reply),
    };
    let row = chat_row(dossier, chat).await?;
    let schedule = schedule_of(&row);
    let first = stamp(schedule.next_slot(Utc::now()));
    let thread = chat.thread_id.map(i64::from);
    let added = dossier.store.subscribe(chat.id, &subject.key, thread, &first).await?;
    let lang = dossier.lang;
    let lead = if added { "digest-subscribed" } else { "digest-already" };
    Ok(Reply::default()
        .line(lang.spans(lead, &[arg("name", subject.name.as_str())]))
        .line(vec![text(lang.tr("digest-when", &[arg("schedule", describe(&schedule, lang))]))]))
}

/// `/unsubscribe TOPIC` or `/unsubscribe all`.
pub async fn unsubscribe(dossier: &Dossier, chat: &ChatRef, typed: &str) -> Result<Reply, AnswerError> {
    let dossier = &dossier.current().await?;
    if typed.trim().eq_ignore_ascii_case("all") {
        let n = dossier.store.unsubscribe_all(chat.id).await?;
        return Ok(Reply::text(if n == 0 {
            dossier.lang.t("digest-unsubscribed-none")
        } else {
            dossier.lang.tr("digest-unsubscribed-all", &[arg("count", n)])
        }));
    }
    let subject = match subjects::resolve(&dossier.knowledge, typed, "unsubscribe", dossier.lang) {
        Ok(subject) => subject,
        Err(reply) => return Ok(reply),
    };
    let removed = dossier.store.unsubscribe(chat.id, &subject.key).await?;
    let id = if removed { "digest-unsubscribed" } else { "digest-not-subscribed" };
    Ok(Reply::default().line(dossier.lang.spans(id, &[arg("name", subject.name.as_str())])))
}

/// `/subscriptions`: what the chat follows, and when digests come.
pub async fn subscriptions(dossier: &Dossier, chat: &ChatRef) -> Result<Reply, AnswerError> {
    let dossier = &dossier.current().await?;
    let row = chat_row(dossier, chat).await?;
    let subs = dossier.store.subscriptions(chat.id).await?;
    if subs.is_empty() {
        let lang = dossier.lang;
        return Ok(Reply::default()
            .line(lang.spans("digest-no-subscriptions", &[]))
            .line(lang.spans("digest-try", &[])));
    }
    let mut reply = Reply::default().line(dossier.lang.spans("digest-subscriptions", &[]));
    for sub in &subs {
        let name = subjects::display_name(&dossier.knowledge, &sub.subject, dossier.lang);
        if subjects::is_gone(&dossier.knowledge, &sub.subject) {
            reply.push_line(vec![text(dossier.lang.tr("digest-subject-gone", &[arg("name", name.as_str())]))]);
        } else {
            reply.push_line(vec![text(format!("• {name}"))]);
        }
    }
    reply.push_blank();
    let schedule = describe(&schedule_of(&row), dossier.lang);
    reply.push_line(vec![text(dossier.lang.tr("digest-come", &[arg("schedule", schedule)]))]);
    if let Some(state) = state_note(&row, dossier.lang) {
        reply.push_line(vec![text(state)]);
    }
    Ok(reply)
}

fn state_note(row: &ChatRow, lang: Lang) -> Option<String> {
    if row.paused {
        Some(lang.t("digest-paused-note"))
    } else {
        row.unreachable.as_ref().map(|why| lang.tr("digest-on-hold", &[arg("why", why.as_str())]))
    }
}

/// `/settings` with no arguments.
pub async fn show_settings(dossier: &Dossier, chat: &ChatRef) -> Result<Reply, AnswerError> {
    let row = chat_row(dossier, chat).await?;
    let lang = dossier.lang;
    let mut reply = Reply::default()
        .line(lang.spans("settings-title", &[]))
        .line(vec![text(lang.tr("settings-digest", &[arg("schedule", describe(&schedule_of(&row), lang))]))])
        .line(vec![text(lang.tr("settings-quiz", &[arg("secs", row.quiz_open_period)]))]);
    if let Some(state) = state_note(&row, lang) {
        reply.push_line(vec![text(state)]);
    }
    reply.push_blank();
    reply.push_line(vec![text(lang.t("settings-usage"))]);
    Ok(reply)
}

/// `/settings time|tz|daily|weekly …`.
pub async fn update_settings(dossier: &Dossier, chat: &ChatRef, change: SettingsChange) -> Result<Reply, AnswerError> {
    let row = chat_row(dossier, chat).await?;
    if let SettingsChange::QuizOpenPeriod(secs) = change {
        dossier.store.set_quiz_open_period(chat.id, secs).await?;
        return Ok(Reply::text(dossier.lang.tr("settings-quiz-set", &[arg("secs", secs)])));
    }
    let mut schedule = schedule_of(&row);
    match change {
        SettingsChange::Time(time) => schedule.time = time,
        SettingsChange::Timezone(tz) => schedule.timezone = tz,
        SettingsChange::Daily => schedule.frequency = Frequency::Daily,
        SettingsChange::Weekly(day) => schedule.frequency = Frequency::Weekly(day),
        SettingsChange::QuizOpenPeriod(_) => {}
    }
    let (frequency, weekday) = match schedule.frequency {
        Frequency::Daily => ("daily", row.weekday),
        Frequency::Weekly(day) => ("weekly", i64::from(day.num_days_from_monday())),
    };
    let next = stamp(schedule.next_slot(Utc::now()));
    let time = schedule.time.format("%H:%M").to_string();
    let stored =
        DigestSchedule { timezone: schedule.timezone.name(), digest_time: &time, frequency, weekday, next_slot: &next };
    dossier.store.set_schedule(chat.id, &stored).await?;
    Ok(Reply::text(dossier.lang.tr("settings-set", &[arg("schedule", describe(&schedule, dossier.lang))])))
}

/// `/pause`.
pub async fn pause(dossier: &Dossier, chat: &ChatRef) -> Result<Reply, AnswerError> {
    chat_row(dossier, chat).await?;
    dossier.store.set_paused(chat.id, true).await?;
    Ok(Reply::text(dossier.lang.t("digest-paused")))
}

/// `/resume` (also clears an "unreachable" mark: the chat is evidently reachable again).
pub async fn resume(dossier: &Dossier, chat: &ChatRef) -> Result<Reply, AnswerError> {
    chat_row(dossier, chat).await?;
    dossier.store.set_paused(chat.id, false).await?;
    Ok(Reply::text(dossier.lang.t("digest-resumed")))
}

/// The result of `/digest`.
#[derive(Debug, Clone, PartialEq)]
pub enum DigestNow {
    /// Nothing to send; the reply says so.
    Nothing(Reply),
    /// A digest was written to the outbox; the adapter sends it now and marks it sent.
    Ready { outbox_id: i64, reply: Reply },
}

/// `/digest`: writes the chat's digest to the outbox for immediate sending. The outbox worker only
/// picks it up after `grace` in case the adapter dies before sending it.
pub async fn digest_now(
    dossier: &Dossier,
    chat: &ChatRef,
    max_facts: usize,
    now: DateTime<Utc>,
    grace: chrono::Duration,
) -> Result<DigestNow, AnswerError> {
    let row = chat_row(dossier, chat).await?;
    if dossier.store.subscriptions(chat.id).await?.is_empty() {
        return Ok(DigestNow::Nothing(Reply::text(dossier.lang.t("digest-none-yet"))));
    }
    let unseen = super::scheduler::unseen_facts(dossier, chat.id).await?;
    let Some(digest) = compose::compose(&dossier.pool, &dossier.knowledge, unseen, max_facts, dossier.lang).await?
    else {
        let since = row.last_digest_at.as_deref().map_or_else(
            || dossier.lang.t("digest-since-subscribed"),
            |t| format!("{} UTC", t.replace('T', " ").get(..16).unwrap_or(t)),
        );
        return Ok(DigestNow::Nothing(Reply::text(dossier.lang.tr("digest-nothing-new", &[arg("since", since)]))));
    };
    let slot = format!("now:{}", stamp(now));
    let reply_json = serde_json::to_string(&digest.reply).map_err(anyhow::Error::from)?;
    let keys_json = serde_json::to_string(&digest.fact_keys).map_err(anyhow::Error::from)?;
    let send_after = stamp(now + grace);
    let written = NewDigest {
        chat_id: chat.id,
        thread_id: chat.thread_id.map(i64::from),
        slot: &slot,
        reply_json: &reply_json,
        fact_keys_json: &keys_json,
        send_after: &send_after,
    };
    match dossier.store.enqueue_digest(chat.id, Some(written), None).await? {
        Some(outbox_id) => Ok(DigestNow::Ready { outbox_id, reply: digest.reply }),
        None => Ok(DigestNow::Nothing(Reply::text(dossier.lang.t("digest-on-its-way")))),
    }
}

/// `/subscribe` alone: every topic (and the chat's other subscriptions) as toggle buttons, ✅ on.
pub async fn keyboard(dossier: &Dossier, chat: &ChatRef) -> Result<Reply, AnswerError> {
    let dossier = &dossier.current().await?;
    chat_row(dossier, chat).await?;
    let subscribed: Vec<String> = dossier.store.subscriptions(chat.id).await?.into_iter().map(|s| s.subject).collect();
    let mut keys: Vec<String> =
        dossier.knowledge.topics.topics().iter().map(|t| format!("{TOPIC_PREFIX}{}", t.key)).collect();
    keys.extend(subscribed.iter().filter(|s| !keys.contains(s)).cloned().collect::<Vec<_>>());
    let mut reply = Reply::default()
        .line(dossier.lang.spans("digest-topics", &[]))
        .line(dossier.lang.spans("digest-topics-how", &[]));
    let buttons: Vec<Button> = keys
        .iter()
        .filter(|key| TOGGLE_PREFIX.len() + key.len() <= 64)
        .map(|key| {
            let mark = if subscribed.contains(key) { "✅ " } else { "" };
            Button {
                text: format!("{mark}{}", subjects::display_name(&dossier.knowledge, key, dossier.lang)),
                action: Action::Callback(format!("{TOGGLE_PREFIX}{key}")),
            }
        })
        .collect();
    for row in buttons.chunks(2) {
        reply = reply.with_buttons(row.to_vec());
    }
    Ok(reply)
}

/// A toggle button was pressed: flips the subscription and returns the updated keyboard, or a user
/// error for data that names no subject.
pub async fn toggle(dossier: &Dossier, chat: &ChatRef, data: &str) -> Result<(Reply, String), AnswerError> {
    let dossier = &dossier.current().await?;
    let key = data.strip_prefix(TOGGLE_PREFIX).unwrap_or_default();
    let known = match key.strip_prefix(TOPIC_PREFIX) {
        Some(topic) => dossier.knowledge.topics.topics().iter().any(|t| t.key == topic),
        None => dossier.knowledge.gazetteer.get(key).is_some(),
    };
    if !known {
        return Err(AnswerError::User(dossier.lang.t("digest-stale-list")));
    }
    let row = chat_row(dossier, chat).await?;
    let name = subjects::display_name(&dossier.knowledge, key, dossier.lang);
    let notice = if dossier.store.unsubscribe(chat.id, key).await? {
        dossier.lang.tr("digest-toggle-off", &[arg("name", name.as_str())])
    } else {
        let first = stamp(schedule_of(&row).next_slot(Utc::now()));
        dossier.store.subscribe(chat.id, key, chat.thread_id.map(i64::from), &first).await?;
        dossier.lang.tr("digest-toggle-on", &[arg("name", name.as_str())])
    };
    Ok((keyboard(dossier, chat).await?, notice))
}

/// "🔔 Subscribe to …" under a card: subscribes to an entity by key; returns the notice to show.
pub async fn follow(dossier: &Dossier, chat: &ChatRef, key: &str) -> Result<String, AnswerError> {
    let dossier = &dossier.current().await?;
    let Some(entity) = dossier.knowledge.gazetteer.get(key) else {
        return Err(AnswerError::User(dossier.lang.t("digest-stale")));
    };
    let row = chat_row(dossier, chat).await?;
    let first = stamp(schedule_of(&row).next_slot(Utc::now()));
    let thread = chat.thread_id.map(i64::from);
    let added = dossier.store.subscribe(chat.id, key, thread, &first).await?;
    let (lang, name) = (dossier.lang, dossier.name_of(entity));
    Ok(if added {
        let schedule = describe(&schedule_of(&row), lang);
        lang.tr("digest-followed", &[arg("name", name), arg("schedule", schedule)])
    } else {
        lang.tr("digest-already-plain", &[arg("name", name)])
    })
}
