//! What the answering core looks entities up in: the gazetteer merged with the discovered entities of the
//! fact base, rebuilt when `fact_base.version` moves (every ingest transaction moves it). One build at a time:
//! a burst of questions after a start or an ingest waits for the one build instead of each starting its own.

use std::sync::{Arc, Mutex};

use super::Gazetteer;
use crate::db::{self, Pool};

/// The catalogue of the fact base's current version, shared by every clone of the answering core.
pub struct CatalogueSlot {
    base: Arc<Gazetteer>,
    current: Mutex<Option<(i64, Arc<Gazetteer>)>>,
    /// Held while a catalogue is built, so that concurrent misses build it once.
    building: tokio::sync::Mutex<()>,
}

impl CatalogueSlot {
    pub fn new(base: Arc<Gazetteer>) -> Self {
        CatalogueSlot { base, current: Mutex::new(None), building: tokio::sync::Mutex::new(()) }
    }

    /// The curated gazetteer alone.
    pub fn base(&self) -> &Arc<Gazetteer> {
        &self.base
    }

    /// The catalogue kept for `version`, if that is the one kept.
    fn kept(&self, version: i64) -> Option<Arc<Gazetteer>> {
        let kept = self.current.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        kept.as_ref().filter(|(v, _)| *v == version).map(|(_, catalogue)| catalogue.clone())
    }

    /// The catalogue for fact-base `version`: kept from the last call when the version is the same.
    pub async fn at(&self, pool: &Pool, version: i64) -> anyhow::Result<Arc<Gazetteer>> {
        if let Some(catalogue) = self.kept(version) {
            return Ok(catalogue);
        }
        let _building = self.building.lock().await;
        if let Some(catalogue) = self.kept(version) {
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::facts::{Ingestor, Knowledge};

    #[sqlx::test]
    async fn concurrent_misses_share_one_build(pool: Pool) {
        let knowledge = Knowledge::bundled().unwrap();
        Ingestor::new(knowledge.clone())
            .ingest_file(&pool, Path::new("data/documents/russia-foreign-policy-2024.txt"))
            .await
            .unwrap();
        assert!(!db::discovered::all(&pool).await.unwrap().is_empty(), "the seed discovers entities");
        let slot = Arc::new(CatalogueSlot::new(knowledge.gazetteer.clone()));
        let asks = (0..8).map(|_| {
            let (slot, pool) = (slot.clone(), pool.clone());
            tokio::spawn(async move { slot.at(&pool, 7).await.unwrap() })
        });
        let built: Vec<Arc<Gazetteer>> = futures::future::try_join_all(asks).await.unwrap();
        assert!(built.iter().all(|c| Arc::ptr_eq(c, &built[0])), "every ask got the one build");
        assert!(!Arc::ptr_eq(&built[0], slot.base()), "the build merged the discovered entities");
        let next = slot.at(&pool, 8).await.unwrap();
        assert!(!Arc::ptr_eq(&next, &built[0]), "a new version builds anew");
    }
}
