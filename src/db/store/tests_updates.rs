//! Update claims: the same behaviour on SQLite and PostgreSQL.

use super::testing::on_both_backends;

on_both_backends! {
    async fn an_update_is_claimed_once(db) {
        assert!(db.claim_update(7).await.unwrap());
        assert!(!db.claim_update(7).await.unwrap());
        assert!(db.claim_update(8).await.unwrap());
        assert_eq!(db.forget_updates_before("9999").await.unwrap(), 2);
        assert!(db.claim_update(7).await.unwrap(), "a forgotten claim can be made again");
    }

    async fn a_batch_claims_only_updates_not_claimed_before(db) {
        assert!(db.claim_update(2).await.unwrap());
        let mut claimed = db.claim_updates(&[1, 2, 3, 3]).await.unwrap();
        claimed.sort();
        assert_eq!(claimed, [1, 3]);
        assert!(!db.claim_update(3).await.unwrap());
        assert!(db.claim_updates(&[]).await.unwrap().is_empty());
    }

    async fn the_highest_claim_is_the_largest_id_remembered(db) {
        assert_eq!(db.highest_claim().await.unwrap(), None);
        db.claim_updates(&[5, 90, 12]).await.unwrap();
        assert!(db.claim_update(40).await.unwrap());
        assert_eq!(db.highest_claim().await.unwrap(), Some(90));
        db.forget_updates_before("9999").await.unwrap();
        assert_eq!(db.highest_claim().await.unwrap(), None, "forgotten claims are no floor");
    }

    async fn concurrent_claims_of_one_update_have_one_winner(db) {
        let claims = futures::future::join_all((0..16).map(|_| db.claim_update(42))).await;
        assert_eq!(claims.into_iter().filter(|claimed| *claimed.as_ref().unwrap()).count(), 1);
    }
}
