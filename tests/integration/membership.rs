//! The bot's own membership (`my_chat_member`): a block or a kick pauses a chat at once, nothing deleted; a
//! re-add resumes it; being added to a group says hello once, in the language of whoever added it.

use chrono::{DateTime, Utc};
use dossier::{db, digest::scheduler::enqueue_due, telegram::outbox::deliver_due};

use crate::{
    helpers::{PATIENCE, TestBot},
    support::stand_in::{MemberStatus, updates},
};

async fn next_slot(bot: &TestBot, chat: i64) -> DateTime<Utc> {
    let row = db::chats::get(&bot.dossier.pool, chat).await.unwrap().expect("the chat is known");
    DateTime::parse_from_rfc3339(&row.next_slot.expect("a digest is scheduled")).unwrap().with_timezone(&Utc)
}

/// Runs the scheduler and the outbox at `now`: (digests enqueued, sent).
async fn run_jobs_at(bot: &TestBot, now: DateTime<Utc>) -> (usize, usize) {
    let enqueued = enqueue_due(&bot.dossier, now, bot.config.digest_max_facts).await.unwrap().enqueued;
    let services = bot.services().await;
    let sent = deliver_due(&services, now).await.unwrap().sent;
    (enqueued, sent)
}

async fn membership(bot: &TestBot, chat: i64, by: i64, old: MemberStatus, new: MemberStatus) {
    bot.push_and_settle(updates::my_chat_member(chat, by, bot.tg.bot_user(), old, new)).await;
}

#[tokio::test]
async fn a_block_pauses_a_chat_before_its_next_digest_and_unblocking_resumes_it() {
    let bot = TestBot::start().await;
    assert!(
        bot.tg.allowed_updates().is_some_and(|kinds| kinds.iter().any(|k| k == "my_chat_member")),
        "the bot did not ask for membership updates: {:?}",
        bot.tg.allowed_updates()
    );
    let me = 330;
    bot.ask(me, "/subscribe energy").await;
    let slot = next_slot(&bot, me).await;
    membership(&bot, me, me, MemberStatus::Member, MemberStatus::Kicked).await;
    let chat = db::chats::get(&bot.dossier.pool, me).await.unwrap().unwrap();
    assert!(chat.unreachable.is_some(), "the block was not noted");
    let sends = bot.tg.sent_texts(me).len();
    assert_eq!(run_jobs_at(&bot, slot).await, (0, 0), "a digest went to a chat that blocked the bot");
    assert_eq!(bot.tg.sent_texts(me).len(), sends);
    let subjects = db::subscriptions::list(&bot.dossier.pool, me).await.unwrap();
    assert_eq!(subjects.len(), 1, "the subscription was deleted");

    membership(&bot, me, me, MemberStatus::Kicked, MemberStatus::Member).await;
    assert!(db::chats::get(&bot.dossier.pool, me).await.unwrap().unwrap().unreachable.is_none());
    assert_eq!(bot.tg.sent_texts(me).len(), sends, "no hello in a private chat");
    let later = next_slot(&bot, me).await;
    assert_eq!(run_jobs_at(&bot, later).await, (1, 1), "the digest did not resume");
    bot.stop().await;
}

#[tokio::test]
async fn being_added_to_a_group_says_hello_once_and_a_re_add_resumes_it() {
    let bot = TestBot::start().await;
    let group = -340;
    membership(&bot, group, 5, MemberStatus::Left, MemberStatus::Member).await;
    bot.tg.wait_until(|_| !bot.tg.sent_texts(group).is_empty(), PATIENCE).await;
    let hello = bot.tg.sent_texts(group).join("\n");
    for how in ["/help", "/quiz 5", "/subscribe"] {
        assert!(hello.contains(how), "the hello does not say {how}: {hello}");
    }
    // Promoted to admin: still there, nothing more to say.
    membership(&bot, group, 5, MemberStatus::Member, MemberStatus::Administrator).await;
    assert_eq!(bot.tg.sent_texts(group).len(), 1, "hello twice");

    membership(&bot, group, 5, MemberStatus::Administrator, MemberStatus::Left).await;
    assert!(db::chats::get(&bot.dossier.pool, group).await.unwrap().unwrap().unreachable.is_some());
    membership(&bot, group, 5, MemberStatus::Left, MemberStatus::Member).await;
    assert!(db::chats::get(&bot.dossier.pool, group).await.unwrap().unwrap().unreachable.is_none());

    let russian = -341;
    let added = updates::my_chat_member(russian, 6, bot.tg.bot_user(), MemberStatus::Left, MemberStatus::Member);
    let hello = bot.say(updates::with_language(added, "ru"), russian).await.join("\n");
    assert!(hello.contains("Здравствуйте"), "{hello}");
    bot.stop().await;
}
