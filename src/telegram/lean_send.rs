//! sendMessage as the delivery path sends it, reading back only the new message's id: the same request
//! teloxide sends, but the answer (Telegram echoes the whole message, its text and every entity) is not
//! parsed into a `Message` nobody reads. Errors (429, migrations, 403) come back exactly as before.

use teloxide::{
    payloads::SendMessage,
    requests::{JsonRequest, Payload},
};

/// A sendMessage whose answer is read for the message id alone.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(transparent)]
pub struct SendMessageForId(pub SendMessage);

/// The part of the sent message the bot keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
pub struct SentMessageId {
    pub message_id: i32,
}

impl Payload for SendMessageForId {
    type Output = SentMessageId;
    const NAME: &'static str = SendMessage::NAME;
}

/// The request for `bot`.
pub fn request(bot: &teloxide::Bot, message: SendMessage) -> JsonRequest<SendMessageForId> {
    JsonRequest::new(bot.clone(), SendMessageForId(message))
}

#[cfg(test)]
mod tests {
    use teloxide::{
        payloads::SendMessageSetters,
        types::{ChatId, ParseMode},
    };

    use super::*;

    #[test]
    fn the_request_is_the_one_teloxide_sends_under_the_same_method() {
        let message = SendMessage::new(ChatId(7), "<b>India</b>").parse_mode(ParseMode::Html);
        let lean = serde_json::to_value(SendMessageForId(message.clone())).unwrap();
        assert_eq!(lean, serde_json::to_value(&message).unwrap());
        assert_eq!(SendMessageForId::NAME, "SendMessage");
    }

    #[test]
    fn the_answer_is_read_for_the_message_id_whatever_else_it_carries() {
        let answer = r#"{"message_id": 42, "date": 0, "chat": {"id": 7, "type": "private"},
                         "text": "India", "entities": [{"type": "bold", "offset": 0, "length": 5}]}"#;
        let sent: SentMessageId = serde_json::from_str(answer).unwrap();
        assert_eq!(sent, SentMessageId { message_id: 42 });
    }
}
