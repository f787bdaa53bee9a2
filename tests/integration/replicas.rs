//! Several `dossier serve` processes on one PostgreSQL database: three behind a load balancer in webhook
//! mode (every update answered once whichever replica gets it, even twice; a wrong secret refused; a
//! document given to one replica answered by the others), and two in polling mode (one polls, the other
//! stands by and takes over when the first is killed).

use std::time::{Duration, Instant};

use rand::Rng;

use crate::{
    helpers::sent_to,
    replica_helpers::{Cluster, Replica, SECRET, shared_database, wait_ready},
    support::stand_in::{StandIn, updates},
};

const OWNER: i64 = 4343;
/// How long a replica may take to answer while three run on a loaded machine.
const ANSWER_PATIENCE: Duration = Duration::from_secs(20);

/// Waits until `chat` has had at least `count` messages; returns the texts sent to it.
async fn answered(tg: &StandIn, chat: i64, count: usize) -> Vec<String> {
    tg.wait_until(|calls| sent_to(calls, chat) >= count, ANSWER_PATIENCE).await;
    tg.sent_texts(chat)
}

/// Asks `/country Brazil` through `replica` from new chats until the answer has the fertiliser deal,
/// within `patience`; the replies seen.
async fn brazil_through(tg: &StandIn, replica: &Replica, first_chat: i64, patience: Duration) -> String {
    let deadline = Instant::now() + patience;
    let mut chat = first_chat;
    loop {
        let (update, _) = tg.numbered(updates::text_message(chat, chat, "/country Brazil"));
        assert_eq!(tg.post_update_to(&replica.hook_url(), &update, Some(SECRET)).await, Some(200));
        let reply = answered(tg, chat, 1).await.join("\n");
        if reply.contains("fertiliser") || Instant::now() > deadline {
            return reply;
        }
        chat += 1;
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

#[tokio::test]
async fn three_webhook_replicas_answer_each_update_once_refuse_a_wrong_secret_and_share_documents() {
    let tg = StandIn::start().await;
    let (db, url) = shared_database().await;
    let dir = tempfile::tempdir().unwrap();
    let cluster =
        Cluster { tg: &tg, database_url: url, dir: dir.path(), owner: Some(OWNER), webhook: true, global_rate: None };
    let mut replicas: Vec<Replica> = (0..3).map(|n| cluster.spawn(n)).collect();
    wait_ready(&mut replicas).await;

    // How many messages one answer takes, from one replica alone.
    let (baseline, _) = tg.numbered(updates::text_message(9000, 9000, "/country India"));
    assert_eq!(tg.post_update_to(&replicas[0].hook_url(), &baseline, Some(SECRET)).await, Some(200));
    answered(&tg, 9000, 1).await;
    // As long as the check for second answers below: a long card's later parts may lag on a loaded machine.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let per_update = sent_to(&tg.calls(), 9000);

    // Each update to a random replica; every third one to two replicas at once, as a retrying Telegram
    // behind a load balancer may.
    let chats: Vec<i64> = (9001..9031).collect();
    let mut twice = 0;
    for (i, chat) in chats.iter().enumerate() {
        let (update, _) = tg.numbered(updates::text_message(*chat, *chat, "/country India"));
        let first = rand::rng().random_range(0..3);
        let statuses: Vec<Option<u16>> = if i % 3 == 0 {
            twice += 1;
            let second = (first + rand::rng().random_range(1..3)) % 3;
            let (one, two) = (replicas[first].hook_url(), replicas[second].hook_url());
            let (a, b) = futures::join!(
                tg.post_update_to(&one, &update, Some(SECRET)),
                tg.post_update_to(&two, &update, Some(SECRET)),
            );
            vec![a, b]
        } else {
            vec![tg.post_update_to(&replicas[first].hook_url(), &update, Some(SECRET)).await]
        };
        assert!(statuses.iter().all(|s| *s == Some(200)), "update {i}: {statuses:?}");
    }
    for chat in &chats {
        answered(&tg, *chat, per_update).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await; // a second answer would come by now
    let calls = tg.calls();
    let counts: Vec<(i64, usize)> = chats.iter().map(|c| (*c, sent_to(&calls, *c))).collect();
    assert!(counts.iter().all(|(_, n)| *n == per_update), "not {per_update} each ({twice} sent twice): {counts:?}");

    // A wrong secret is refused and the update is not handled (nor claimed: the real one still is).
    let (forged, _) = tg.numbered(updates::text_message(9100, 9100, "/country India"));
    let refused = tg.post_update_to(&replicas[1].hook_url(), &forged, Some("wrong-secret-0123456789")).await;
    let unsigned = tg.post_update_to(&replicas[2].hook_url(), &forged, None).await;
    assert_eq!((refused, unsigned), (Some(401), Some(401)));
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(sent_to(&tg.calls(), 9100), 0, "a request with a wrong secret was handled");
    assert_eq!(tg.post_update_to(&replicas[1].hook_url(), &forged, Some(SECRET)).await, Some(200));
    assert_eq!(answered(&tg, 9100, per_update).await.len(), per_update);

    // The owner gives replica 0 a document; replicas 1 and 2 answer from it within seconds.
    let text = "Russia and Brazil signed 4 agreements on fertiliser exports in March 2025.";
    tg.add_file("doc-brazil", text.as_bytes().to_vec());
    let upload =
        updates::document_message(OWNER, OWNER, "doc-brazil", "brazil.txt", "text/plain", text.len() as u64, None);
    let (upload, _) = tg.numbered(upload);
    assert_eq!(tg.post_update_to(&replicas[0].hook_url(), &upload, Some(SECRET)).await, Some(200));
    let done = answered(&tg, OWNER, 1).await.join("\n");
    assert!(done.contains("brazil.txt") && done.contains("ingested"), "{done}");
    let given = Instant::now();
    for (n, first_chat) in [(1, 9200), (2, 9300)] {
        let reply = brazil_through(&tg, &replicas[n], first_chat, Duration::from_secs(15)).await;
        assert!(reply.contains("fertiliser") && reply.contains("4 agreements"), "replica {n}: {reply}");
    }
    println!("replicas 1 and 2 answered from the document {:?} after replica 0 ingested it", given.elapsed());

    for replica in &mut replicas {
        assert!(replica.alive(), "a replica died:\n{}", replica.logs());
    }
    drop(replicas);
    db.drop_now().await;
}

/// Pushes `/help` from `chat` for the poller to take; waits for the answer.
async fn help_answered_within(tg: &StandIn, chat: i64, patience: Duration) -> bool {
    tg.push_text(chat, chat, "/help");
    let deadline = Instant::now() + patience;
    while Instant::now() < deadline {
        if sent_to(&tg.calls(), chat) > 0 {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

#[tokio::test]
async fn of_two_polling_replicas_one_polls_and_the_other_takes_over_within_ten_seconds_of_a_kill() {
    let tg = StandIn::start().await;
    let (db, url) = shared_database().await;
    let dir = tempfile::tempdir().unwrap();
    let cluster =
        Cluster { tg: &tg, database_url: url, dir: dir.path(), owner: None, webhook: false, global_rate: None };
    let mut first = cluster.spawn(0);
    wait_ready(std::slice::from_mut(&mut first)).await;
    tg.wait_for("GetUpdates", 1, Duration::from_secs(30)).await;
    let mut second = cluster.spawn(1);
    wait_ready(std::slice::from_mut(&mut second)).await;
    assert!(help_answered_within(&tg, 501, ANSWER_PATIENCE).await, "the poller did not answer");
    tokio::time::sleep(Duration::from_secs(3)).await; // the standby has tried the role at least once more
    assert!(second.logs().contains("standing by"), "the second replica did not stand by:\n{}", second.logs());
    assert!(!second.logs().contains("leads as Poller"), "two pollers:\n{}", second.logs());

    first.kill_hard();
    let killed = Instant::now();
    assert!(help_answered_within(&tg, 502, Duration::from_secs(10)).await, "no answer within 10 s of the kill");
    println!("the standby answered {:?} after the poller was killed", killed.elapsed());
    assert!(second.logs().contains("leads as Poller"), "{}", second.logs());
    let logs = second.logs();
    // Telegram's 409 reads "Conflict: terminated by other getUpdates request" (a bare "409" would also match
    // a port number or a timestamp in the log).
    assert!(
        !logs.contains("Conflict")
            && !logs.contains("terminated by other getUpdates")
            && !logs.contains("TerminatedByOther"),
        "a 409 reached the log:\n{logs}"
    );
    drop((first, second));
    db.drop_now().await;
}
