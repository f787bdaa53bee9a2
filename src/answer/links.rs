//! Deep links (`t.me/<bot>?start=country-IN`) and button data: how a card is named outside the chat.

use super::Request;

/// The `start` payload that opens an entity's card: its key with `:` as `-` ("country:IN" → "country-IN").
pub fn payload_for_entity(key: &str) -> String {
    key.replacen(':', "-", 1)
}

/// The `start` payload that opens a topic ("topic-energy").
pub fn payload_for_topic(topic: &str) -> String {
    format!("topic-{topic}")
}

/// The request a deep-link payload stands for: `country-IN`, `org-BRICS`, `event-…`, `summit-BRICS`,
/// `topic-energy`. Anything else opens the welcome tour.
pub fn request_for_payload(payload: &str) -> Request {
    let payload = payload.trim();
    match payload.split_once('-') {
        Some(("summit", name)) if !name.is_empty() => Request::Summit(name.replace('_', " ")),
        Some(("topic", name)) if !name.is_empty() => Request::Topic(name.replace('_', " ")),
        Some((kind, id)) if !id.is_empty() && is_key_kind(kind) => Request::Entity(format!("{kind}:{id}")),
        _ => Request::Start,
    }
}

fn is_key_kind(kind: &str) -> bool {
    matches!(kind, "country" | "org" | "event" | "project" | "person")
}

/// Telegram's rules for a `start` payload: 1–64 characters of `A-Z a-z 0-9 _ -`.
pub fn is_valid_payload(payload: &str) -> bool {
    (1..=64).contains(&payload.len()) && payload.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_payloads_round_trip() {
        for key in ["country:IN", "org:BRICS", "event:brics-summit-kazan-2024", "org:NSITC-SEZ-ALLIANCE"] {
            let payload = payload_for_entity(key);
            assert!(is_valid_payload(&payload), "{payload}");
            assert_eq!(request_for_payload(&payload), Request::Entity(key.to_owned()));
        }
    }

    #[test]
    fn summit_and_topic_payloads_name_what_to_open() {
        assert_eq!(request_for_payload("summit-BRICS"), Request::Summit("BRICS".into()));
        assert_eq!(request_for_payload(&payload_for_topic("energy")), Request::Topic("energy".into()));
    }

    #[test]
    fn unknown_or_forged_payloads_open_the_tour() {
        for payload in ["", "hello", "x-y", "country-", "<script>"] {
            assert_eq!(request_for_payload(payload), Request::Start, "{payload}");
        }
    }
}
