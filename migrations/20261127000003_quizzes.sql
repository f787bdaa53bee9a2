-- Quizzes: questions generated from the fact base, polls sent, answers scored, rounds and daily schedules.
-- Chat ids are plain integers (no reference to `chats`): console sessions and channels quiz too.

CREATE TABLE quiz_questions (
    id           INTEGER PRIMARY KEY,
    key          TEXT    NOT NULL UNIQUE,   -- hash of kind + fact_key + subject + answer: stable across regenerations
    kind         TEXT    NOT NULL,          -- figure | entity | place
    question     TEXT    NOT NULL,
    options      TEXT    NOT NULL,          -- JSON array of option texts, already shuffled
    correct      INTEGER NOT NULL,          -- index of the right option
    fact         TEXT    NOT NULL,          -- the sentence the question tests, as it was when generated
    fact_key     TEXT    NOT NULL,          -- the sentence's stable key (sentences.fact_key)
    sentence_id  INTEGER REFERENCES sentences(id) ON DELETE SET NULL,  -- re-pointed by every regeneration
    retired_at   TEXT,                      -- set when its fact left the base; kept for the polls that cite it
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);
CREATE INDEX quiz_questions_fact_key ON quiz_questions(fact_key);

-- Questions a chat has been asked in the current cycle of a topic's pool.
CREATE TABLE quiz_seen (
    chat_id      INTEGER NOT NULL,
    question_id  INTEGER NOT NULL REFERENCES quiz_questions(id) ON DELETE CASCADE,
    seen_at      TEXT    NOT NULL,
    PRIMARY KEY (chat_id, question_id)
) WITHOUT ROWID;

-- A run of N questions in one chat, asked one after another.
CREATE TABLE quiz_rounds (
    id               INTEGER PRIMARY KEY,
    chat_id          INTEGER NOT NULL,
    topic            TEXT,
    total            INTEGER NOT NULL,
    status           TEXT    NOT NULL DEFAULT 'running',  -- running | finished | stopped
    awaiting_until   TEXT,          -- a question was handed out and its poll is not recorded yet; retry after
    started_by       INTEGER,
    started_at       TEXT    NOT NULL,
    ended_at         TEXT
);
CREATE UNIQUE INDEX quiz_rounds_one_running ON quiz_rounds(chat_id) WHERE status = 'running';

-- Polls sent: Telegram names the poll, not the chat, in every answer.
CREATE TABLE quiz_polls (
    poll_id      TEXT    PRIMARY KEY,
    chat_id      INTEGER NOT NULL,
    message_id   INTEGER,
    question_id  INTEGER NOT NULL REFERENCES quiz_questions(id),
    correct      INTEGER NOT NULL,
    round_id     INTEGER REFERENCES quiz_rounds(id) ON DELETE SET NULL,
    sent_at      TEXT    NOT NULL,
    closes_at    TEXT    NOT NULL,          -- answers after this are ignored
    stopped_at   TEXT                       -- closed early (/quizstop, or a console answer)
);
CREATE INDEX quiz_polls_round ON quiz_polls(round_id);
CREATE INDEX quiz_polls_chat ON quiz_polls(chat_id, sent_at);

-- One answer per person per poll: a replayed update changes nothing.
CREATE TABLE quiz_answers (
    poll_id      TEXT    NOT NULL REFERENCES quiz_polls(poll_id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL,
    option       INTEGER NOT NULL,
    correct      INTEGER NOT NULL,
    answered_at  TEXT    NOT NULL,
    PRIMARY KEY (poll_id, user_id)
) WITHOUT ROWID;

-- Players' display names, raw as Telegram sent them (adapters escape).
CREATE TABLE quiz_players (
    user_id      INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);

-- A daily quiz at a local time (the timezone is the chat's, from `chats`).
CREATE TABLE quiz_schedules (
    chat_id      INTEGER PRIMARY KEY,
    time         TEXT    NOT NULL,          -- local HH:MM
    topic        TEXT,
    next_slot    TEXT    NOT NULL,          -- UTC instant the next quiz is due
    created_at   TEXT    NOT NULL
);
CREATE INDEX quiz_schedules_next_slot ON quiz_schedules(next_slot);
