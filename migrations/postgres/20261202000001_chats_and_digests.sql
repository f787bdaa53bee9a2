-- Chats, their settings and topic subscriptions, what each chat received, and the digest outbox.
-- Times are RFC 3339 UTC text with milliseconds, as the SQLite store keeps them: they order as time.

CREATE TABLE chats (
    chat_id          BIGINT  PRIMARY KEY,
    kind             TEXT    NOT NULL DEFAULT 'private',  -- private | group | supergroup | channel
    title            TEXT,
    language         TEXT,                                -- interface language override (/lang)
    timezone         TEXT    NOT NULL DEFAULT 'UTC',      -- IANA name
    digest_time      TEXT    NOT NULL DEFAULT '09:00',    -- local HH:MM
    frequency        TEXT    NOT NULL DEFAULT 'daily',    -- daily | weekly
    weekday          BIGINT  NOT NULL DEFAULT 0,          -- 0 = Monday, for weekly digests
    paused           BOOLEAN NOT NULL DEFAULT FALSE,
    unreachable      TEXT,                                -- why sends fail; NULL when fine
    next_slot        TEXT,                                -- UTC time the next digest is due
    last_digest_at   TEXT,
    quiz_open_period BIGINT  NOT NULL DEFAULT 30,
    created_at       TEXT    NOT NULL
);
CREATE INDEX chats_next_slot ON chats(next_slot) WHERE next_slot IS NOT NULL;

CREATE TABLE subscriptions (
    chat_id     BIGINT NOT NULL REFERENCES chats(chat_id) ON UPDATE CASCADE ON DELETE CASCADE,
    subject     TEXT   NOT NULL,   -- "topic:energy" or an entity key such as "country:IN"
    thread_id   BIGINT,
    created_at  TEXT   NOT NULL,
    PRIMARY KEY (chat_id, subject)
);
CREATE INDEX subscriptions_subject ON subscriptions(subject);

CREATE TABLE received_facts (
    chat_id      BIGINT NOT NULL REFERENCES chats(chat_id) ON UPDATE CASCADE ON DELETE CASCADE,
    fact_key     TEXT   NOT NULL,
    received_at  TEXT   NOT NULL,
    PRIMARY KEY (chat_id, fact_key)
);

CREATE TABLE outbox (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chat_id          BIGINT NOT NULL REFERENCES chats(chat_id) ON UPDATE CASCADE ON DELETE CASCADE,
    thread_id        BIGINT,
    slot             TEXT   NOT NULL,          -- the schedule slot (UTC) or 'now:<time>' for /digest
    reply            TEXT   NOT NULL,          -- the core Reply as JSON
    fact_keys        JSONB  NOT NULL,          -- array of the facts this digest delivers
    status           TEXT   NOT NULL DEFAULT 'pending',  -- pending | sent | failed | dropped
    attempts         BIGINT NOT NULL DEFAULT 0,
    next_attempt_at  TEXT   NOT NULL,
    last_error       TEXT,
    created_at       TEXT   NOT NULL,
    sent_at          TEXT,
    UNIQUE (chat_id, slot)
);
CREATE INDEX outbox_pending ON outbox(next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX outbox_chat_pending ON outbox(chat_id) WHERE status = 'pending';
