//! Floods measured by latency: while one user floods, another chat's replies stay about as quick as without.

use std::time::{Duration, Instant};

use crate::{helpers::TestBot, support::stand_in::updates};

/// Questions measured per median, each from its own private chat (one person asking seven times in a row
/// would meet the flood limit themselves).
const ASKED: i64 = 7;

/// The median time from a question to its reply in chats `first..first + ASKED`, asked one after another,
/// each behind its share of `flood` messages from `flooder` (a flood goes on while they ask).
async fn median_reply(bot: &TestBot, first: i64, flooder: i64, flood: i64) -> Duration {
    let mut times = Vec::new();
    for chat in first..first + ASKED {
        for _ in 0..flood / ASKED {
            bot.tg.push_update(updates::text_message(flooder, flooder, "/country China"));
        }
        let asked = Instant::now();
        bot.tg.push_update(updates::text_message(chat, chat, "/country India"));
        // Only this chat's calls are looked at: copying every call would slow the bot it measures.
        while bot.tg.sent_texts(chat).is_empty() {
            assert!(asked.elapsed() < Duration::from_secs(60), "chat {chat} got no reply");
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        times.push(asked.elapsed());
    }
    times.sort();
    times[times.len() / 2]
}

#[tokio::test]
async fn another_chats_median_reply_stays_quick_while_one_user_floods() {
    let bot = TestBot::start().await;
    median_reply(&bot, 4_200, 0, 0).await; // warm the reply cache and the connections
    let quiet = median_reply(&bot, 4_300, 0, 0).await;
    for (round, flood) in [300_i64, 1_000, 5_000].into_iter().enumerate() {
        let flooder = 4_400 + round as i64;
        let during = median_reply(&bot, 4_500 + 100 * round as i64, flooder, flood).await;
        eprintln!("flood of {flood}: another chat's median reply {during:?} (quiet: {quiet:?})");
        // Generous: this runs on a busy machine; the exact figures are `loadtest --only flood`.
        let bound = quiet * 3 + Duration::from_millis(300);
        assert!(
            during <= bound,
            "with {flood} flooding, another chat's median reply took {during:?} (quiet: {quiet:?})"
        );
        // The flood's few admitted messages go out at the chat's own pace (1/s after a burst of 3).
        let warned = |calls: &[crate::support::stand_in::Call]| {
            calls.iter().any(|c| c.chat_id() == Some(flooder) && c.text().is_some_and(|t| t.contains("skip some")))
        };
        bot.tg.wait_until(warned, Duration::from_secs(30)).await;
        tokio::time::sleep(Duration::from_secs(1)).await;
        let answered = bot.tg.sent_texts(flooder);
        assert!(answered.len() <= 12, "the flood of {flood} was answered {} times", answered.len());
        assert_eq!(answered.iter().filter(|t| t.contains("skip some")).count(), 1, "one polite slow-down");
    }
    bot.stop().await;
}
