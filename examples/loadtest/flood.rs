//! Flood run: another chat's reply time while one user floods the bot with commands, against the same
//! questions with no flood. The flood is pushed at once, then questions from distinct chats are asked one
//! after another (reply time = stand-in arrival of the SendMessage − push time).

use std::time::Duration;

use crate::{bots, traffic::ask};

/// Telegram's own overall limit: the bot runs as it would in production.
const GLOBAL_RATE: u32 = 30;

/// The median, the first and the slowest of `questions` replies asked of `bot` from fresh chats.
async fn replies(bot: &bots::Running, questions: usize, first_chat: i64) -> anyhow::Result<[Duration; 3]> {
    let mut times = Vec::with_capacity(questions);
    for i in 0..questions {
        times.push(ask(bot, first_chat + i as i64, "/country India").await?);
    }
    let first = times[0];
    times.sort();
    Ok([times[times.len() / 2], first, times[times.len() - 1]])
}

pub async fn run(floods: &[usize], questions: usize) -> anyhow::Result<()> {
    println!("\n## flood: another chat's reply while one user floods (median, first, slowest of {questions})");
    let bot = bots::full(GLOBAL_RATE).await?;
    replies(&bot, 20, 7_000_000).await?; // warm-up
    let [quiet, ..] = replies(&bot, questions, 7_100_000).await?;
    println!("no flood       median {quiet:>9.3?}");
    for (round, &flood) in floods.iter().enumerate() {
        let flooder = 7_900_000 + round as i64;
        for _ in 0..flood {
            bot.tg.push_text(flooder, flooder, "/country China");
        }
        let [median, first, slowest] = replies(&bot, questions, 7_200_000 + 100_000 * round as i64).await?;
        println!(
            "flood {flood:>5}    median {median:>9.3?}  first {first:>9.3?}  slowest {slowest:>9.3?}  median ÷ quiet {:.2} (target ≤ 2)",
            median.as_secs_f64() / quiet.as_secs_f64()
        );
        // Let the flood's few answers go out before the next round.
        tokio::time::sleep(Duration::from_secs(4)).await;
    }
    bot.stop().await;
    Ok(())
}
