-- Seen marks name a question by its stable key (quiz_questions.key: the hash of what it tests and its
-- answer), not by the id the fact index happened to give it: replicas build their indexes apart, and their
-- ids differ, while the marks are shared. Existing marks keep their question through its key.
CREATE TABLE quiz_seen_by_key (
    chat_id       INTEGER NOT NULL,
    question_key  TEXT    NOT NULL,
    seen_at       TEXT    NOT NULL,
    PRIMARY KEY (chat_id, question_key)
) WITHOUT ROWID;
INSERT OR IGNORE INTO quiz_seen_by_key (chat_id, question_key, seen_at)
    SELECT s.chat_id, q.key, s.seen_at FROM quiz_seen s JOIN quiz_questions q ON q.id = s.question_id;
DROP TABLE quiz_seen;
ALTER TABLE quiz_seen_by_key RENAME TO quiz_seen;
