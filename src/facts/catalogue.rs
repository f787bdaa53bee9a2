//! What the answering core looks entities up in: the gazetteer merged with the discovered entities of the
//! fact base, rebuilt when `fact_base.version` moves (every ingest transaction moves it).

use std::sync::{Arc, Mutex};

use super::Gazetteer;
use crate::db::{self, Pool};

/// The catalogue of the fact base's current version, shared by every clone of the answering core.
pub struct CatalogueSlot {
    base: Arc<Gazetteer>,
    current: Mutex<Option<(i64, Arc<Gazetteer>)>>,
}

impl CatalogueSlot {
    pub fn new(base: Arc<Gazetteer>) -> Self {
        CatalogueSlot { base, current: Mutex::new(None) }
    }

    /// The curated gazetteer alone.
    pub fn base(&self) -> &Arc<Gazetteer> {
        &self.base
    }

    /// The catalogue for fact-base `version`: kept from the last call when the version is the same.
    pub async fn at(&self, pool: &Pool, version: i64) -> anyhow::Result<Arc<Gazetteer>> {
        let kept = self.current.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone();
        if let Some((v, catalogue)) = kept
            && v == version
        {
            return Ok(catalogue);
        }
        let discovered = db::discovered::all(pool).await?;
        let catalogue = if discovered.is_empty() {
            self.base.clone()
        } else {
            let base = self.base.clone();
            let built = tokio::task::spawn_blocking(move || base.with_discovered(&discovered))
                .await
                .map_err(|e| anyhow::anyhow!("building the catalogue stopped unexpectedly: {e}"))??;
            Arc::new(built)
        };
        *self.current.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some((version, catalogue.clone()));
        Ok(catalogue)
    }
}

/// The gazetteer merged with every discovered entity stored now.
pub async fn build(pool: &Pool, base: &Gazetteer) -> anyhow::Result<Gazetteer> {
    let discovered = db::discovered::all(pool).await?;
    Ok(base.with_discovered(&discovered)?)
}
