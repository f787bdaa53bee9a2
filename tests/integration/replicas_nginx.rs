//! The README's nginx load balancer in front of three webhook replicas (without TLS, which the stand-in
//! cannot verify): updates through it are answered once, a wrong secret still gets 401, the health
//! endpoints stay private, and a killed replica's share goes to the others. Needs `nginx` on PATH, so it
//! runs only when asked: `cargo test --test integration replicas_nginx -- --ignored`.

use std::{
    process::{Child, Command, Stdio},
    time::Duration,
};

use crate::{
    helpers::{free_port, sent_to},
    replica_helpers::{Cluster, HOOK_PATH, Replica, SECRET, shared_database, status, wait_ready},
    support::stand_in::{StandIn, updates},
};

/// The README's `upstream` and `location`, on plain HTTP at `port`.
fn nginx_conf(dir: &std::path::Path, port: u16, replicas: &[Replica]) -> String {
    let servers: String = replicas
        .iter()
        .map(|r| format!("        server 127.0.0.1:{} max_fails=1 fail_timeout=5s;\n", r.port))
        .collect();
    let d = dir.display();
    format!(
        "daemon off;\npid {d}/nginx.pid;\nerror_log {d}/nginx-error.log;\nworker_processes 1;\nevents {{}}\n\
         http {{\n    access_log off;\n    client_body_temp_path {d}/body;\n    proxy_temp_path {d}/proxy;\n\
         upstream dossier {{\n{servers}    }}\n    server {{\n        listen 127.0.0.1:{port};\n\
         location = {HOOK_PATH} {{\n            proxy_pass http://dossier;\n\
         proxy_next_upstream error timeout http_502 http_503 non_idempotent;\n\
         proxy_next_upstream_tries 2;\n            proxy_connect_timeout 2s;\n\
         client_max_body_size 1m;\n        }}\n        location / {{ return 404; }}\n    }}\n}}\n"
    )
}

struct Nginx(Child);

impl Drop for Nginx {
    /// SIGTERM, so the master stops its worker too (SIGKILL would leave the worker running).
    fn drop(&mut self) {
        let _ = Command::new("kill").arg("-TERM").arg(self.0.id().to_string()).status();
        let _ = self.0.wait();
    }
}

/// Posts `/country India` from `chat` through the balancer and waits for its answer.
async fn through(tg: &StandIn, url: &str, chat: i64, secret: &str) -> (Option<u16>, usize) {
    let (update, _) = tg.numbered(updates::text_message(chat, chat, "/country India"));
    let status = tg.post_update_to(url, &update, Some(secret)).await;
    if status == Some(200) {
        tg.wait_until(|calls| sent_to(calls, chat) >= 1, Duration::from_secs(20)).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    (status, sent_to(&tg.calls(), chat))
}

#[tokio::test]
#[ignore = "needs nginx on PATH"]
async fn the_readme_nginx_balancer_spreads_updates_and_survives_a_dead_replica() {
    let tg = StandIn::start().await;
    let (db, url) = shared_database().await;
    let dir = tempfile::tempdir().unwrap();
    let cluster =
        Cluster { tg: &tg, database_url: url, dir: dir.path(), owner: None, webhook: true, global_rate: None };
    let mut replicas: Vec<Replica> = (0..3).map(|n| cluster.spawn(n)).collect();
    wait_ready(&mut replicas).await;
    let port = free_port();
    let conf = dir.path().join("nginx.conf");
    std::fs::write(&conf, nginx_conf(dir.path(), port, &replicas)).unwrap();
    let child = Command::new("nginx").arg("-c").arg(&conf).stderr(Stdio::null()).spawn().expect("nginx runs");
    let _nginx = Nginx(child);
    let balancer = format!("http://127.0.0.1:{port}{HOOK_PATH}");
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    for _ in 0..50 {
        if status(addr, "/healthz").await.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status(addr, "/metrics").await, Some(404), "the metrics are public");

    let mut per_update = Vec::new();
    for chat in 9501..9510 {
        let (code, sent) = through(&tg, &balancer, chat, SECRET).await;
        assert_eq!(code, Some(200));
        per_update.push(sent);
    }
    assert!(per_update.iter().all(|n| *n == per_update[0] && *n > 0), "answered unevenly: {per_update:?}");
    assert_eq!(through(&tg, &balancer, 9520, "wrong-secret-0123456789").await, (Some(401), 0));

    replicas[1].kill_hard();
    for chat in 9530..9536 {
        assert_eq!(through(&tg, &balancer, chat, SECRET).await, (Some(200), per_update[0]), "chat {chat}");
    }
    drop(replicas);
    db.drop_now().await;
}
