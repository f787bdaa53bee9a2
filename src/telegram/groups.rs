//! Group commits: wait for one item, then take whatever else has queued up meanwhile (at most `max`), so
//! one transaction records everything that arrived while the previous one was committing.

use tokio::sync::mpsc::UnboundedReceiver;

/// The next group from `queue`, or `None` when every sender is gone and the queue is empty.
pub async fn next_group<T>(queue: &mut UnboundedReceiver<T>, max: usize) -> Option<Vec<T>> {
    let mut group = vec![queue.recv().await?];
    while group.len() < max {
        match queue.try_recv() {
            Ok(next) => group.push(next),
            Err(_) => break,
        }
    }
    Some(group)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_group_takes_what_is_queued_up_to_the_maximum() {
        let (sender, mut queue) = tokio::sync::mpsc::unbounded_channel();
        (0..5).for_each(|i| sender.send(i).unwrap());
        assert_eq!(next_group(&mut queue, 3).await, Some(vec![0, 1, 2]));
        assert_eq!(next_group(&mut queue, 3).await, Some(vec![3, 4]));
        drop(sender);
        assert_eq!(next_group(&mut queue, 3).await, None);
    }
}
