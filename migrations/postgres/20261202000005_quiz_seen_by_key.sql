-- Seen marks name a question by its stable key (quiz_questions.key in every replica's index), not by an id
-- each replica's index assigns on its own. Marks by id cannot be translated here, where no questions are
-- kept; losing them only lets a chat meet a question again before its cycle ends.
DROP TABLE quiz_seen;
CREATE TABLE quiz_seen (
    chat_id       BIGINT NOT NULL,
    question_key  TEXT   NOT NULL,
    seen_at       TEXT   NOT NULL,
    PRIMARY KEY (chat_id, question_key)
);
