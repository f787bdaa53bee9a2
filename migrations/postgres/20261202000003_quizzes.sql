-- Quizzes: rounds, polls sent, answers, players, daily schedules and what each chat has seen.
-- Questions live in each replica's fact index; polls and seen marks name them by id. Chat ids are plain
-- integers (no reference to `chats`): console sessions and channels quiz too.

CREATE TABLE quiz_seen (
    chat_id      BIGINT NOT NULL,
    question_id  BIGINT NOT NULL,
    seen_at      TEXT   NOT NULL,
    PRIMARY KEY (chat_id, question_id)
);

CREATE TABLE quiz_rounds (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chat_id          BIGINT NOT NULL,
    topic            TEXT,
    total            BIGINT NOT NULL,
    status           TEXT   NOT NULL DEFAULT 'running',  -- running | finished | stopped
    awaiting_until   TEXT,          -- a question was handed out and its poll is not recorded yet
    started_by       BIGINT,
    started_at       TEXT   NOT NULL,
    ended_at         TEXT
);
CREATE UNIQUE INDEX quiz_rounds_one_running ON quiz_rounds(chat_id) WHERE status = 'running';

CREATE TABLE quiz_polls (
    poll_id      TEXT   PRIMARY KEY,
    seq          BIGINT GENERATED ALWAYS AS IDENTITY,  -- order of recording (SQLite's rowid)
    chat_id      BIGINT NOT NULL,
    message_id   BIGINT,
    question_id  BIGINT NOT NULL,
    correct      BIGINT NOT NULL,
    round_id     BIGINT REFERENCES quiz_rounds(id) ON DELETE SET NULL,
    sent_at      TEXT   NOT NULL,
    closes_at    TEXT   NOT NULL,
    stopped_at   TEXT
);
CREATE INDEX quiz_polls_round ON quiz_polls(round_id);
CREATE INDEX quiz_polls_chat ON quiz_polls(chat_id, sent_at);

CREATE TABLE quiz_answers (
    poll_id      TEXT    NOT NULL REFERENCES quiz_polls(poll_id) ON DELETE CASCADE,
    user_id      BIGINT  NOT NULL,
    option       BIGINT  NOT NULL,
    correct      BOOLEAN NOT NULL,
    answered_at  TEXT    NOT NULL,
    PRIMARY KEY (poll_id, user_id)
);

CREATE TABLE quiz_players (
    user_id      BIGINT PRIMARY KEY,
    name         TEXT   NOT NULL,
    updated_at   TEXT   NOT NULL
);

CREATE TABLE quiz_schedules (
    chat_id      BIGINT PRIMARY KEY,
    time         TEXT   NOT NULL,          -- local HH:MM
    topic        TEXT,
    next_slot    TEXT   NOT NULL,          -- UTC instant the next quiz is due
    created_at   TEXT   NOT NULL
);
CREATE INDEX quiz_schedules_next_slot ON quiz_schedules(next_slot);
