//! `/healthz`, `/readyz` and `/metrics`: on the webhook listener, or on `METRICS_LISTEN` when polling.

use std::{net::SocketAddr, time::Duration};

use anyhow::Context;
use axum::{
    Router,
    extract::State,
    http::{StatusCode, header},
    response::IntoResponse,
    routing::get,
};
use metrics_exporter_prometheus::PrometheusHandle;
use tokio_util::sync::CancellationToken;

use super::metrics;
use crate::db::store::SharedDatabase;

/// How long `/readyz` waits for the database before answering 503.
const READY_WITHIN: Duration = Duration::from_secs(2);

#[derive(Clone)]
struct Observe {
    store: SharedDatabase,
    prometheus: PrometheusHandle,
}

/// The three endpoints, on the shared `store`; installs the Prometheus recorder (once per process).
pub fn routes(store: SharedDatabase) -> anyhow::Result<Router> {
    let prometheus = metrics::recorder().context("installing the Prometheus recorder")?;
    Ok(Router::new()
        .route("/healthz", get(handle_healthz))
        .route("/readyz", get(handle_readyz))
        .route("/metrics", get(handle_metrics))
        .with_state(Observe { store, prometheus }))
}

/// Serves the endpoints alone on `addr` (polling mode) until `shutdown` is cancelled.
pub async fn serve(addr: SocketAddr, store: SharedDatabase, shutdown: CancellationToken) -> anyhow::Result<()> {
    let app = routes(store)?;
    let tcp =
        tokio::net::TcpListener::bind(addr).await.with_context(|| format!("cannot listen on METRICS_LISTEN {addr}"))?;
    log::info!("health and metrics on http://{addr}/metrics");
    tokio::spawn(async move {
        let stopped = axum::serve(tcp, app).with_graceful_shutdown(shutdown.cancelled_owned()).await;
        if let Err(e) = stopped {
            log::error!("the metrics listener failed: {e}");
        }
    });
    Ok(())
}

/// The process is up.
async fn handle_healthz() -> &'static str {
    "ok\n"
}

/// The database answers and its migrations are applied; 503 otherwise.
async fn handle_readyz(State(observe): State<Observe>) -> (StatusCode, &'static str) {
    match tokio::time::timeout(READY_WITHIN, observe.store.ready()).await {
        Ok(Ok(())) => (StatusCode::OK, "ready\n"),
        Ok(Err(e)) => {
            log::warn!("not ready: {e:#}");
            (StatusCode::SERVICE_UNAVAILABLE, "not ready: the database is not usable\n")
        }
        Err(_) => {
            log::warn!("not ready: the database did not answer within {READY_WITHIN:?}");
            (StatusCode::SERVICE_UNAVAILABLE, "not ready: the database does not answer\n")
        }
    }
}

/// Prometheus text format; the outbox depth is read from the database now.
async fn handle_metrics(State(observe): State<Observe>) -> impl IntoResponse {
    match tokio::time::timeout(READY_WITHIN, observe.store.outbox_counts()).await {
        Ok(Ok(counts)) => metrics::outbox(&counts),
        Ok(Err(e)) => log::warn!("metrics: {e:#}"),
        Err(_) => log::warn!("metrics: the outbox was not counted within {READY_WITHIN:?}"),
    }
    observe.prometheus.run_upkeep();
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], observe.prometheus.render())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;

    fn embedded(pool: &db::Pool) -> SharedDatabase {
        std::sync::Arc::new(db::store::sqlite::SqliteStore::new(pool.clone()))
    }

    #[sqlx::test(migrations = false)]
    async fn readyz_answers_503_until_the_migrations_are_applied(pool: db::Pool) {
        let observe = Observe { store: embedded(&pool), prometheus: metrics::recorder().unwrap() };
        let (status, _) = handle_readyz(State(observe.clone())).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        db::migrate(&pool).await.unwrap();
        assert_eq!(handle_readyz(State(observe)).await.0, StatusCode::OK);
    }

    #[sqlx::test]
    async fn metrics_show_the_outbox_depth_and_every_counter_in_prometheus_text(pool: db::Pool) {
        let observe = Observe { store: embedded(&pool), prometheus: metrics::recorder().unwrap() };
        metrics::digest_sent();
        metrics::webhook_refused();
        let response = handle_metrics(State(observe)).await.into_response();
        let body = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap();
        let text = String::from_utf8(body.to_vec()).unwrap();
        assert!(text.contains("dossier_outbox_digests{status=\"pending\"} 0"), "{text}");
        assert!(text.contains("# TYPE dossier_digests_sent_total counter"), "{text}");
        assert!(text.contains("dossier_webhook_refused_total"), "{text}");
    }
}
