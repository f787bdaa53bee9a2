-- Chats, their settings and topic subscriptions, and the durable digest outbox.

CREATE TABLE chats (
    chat_id          INTEGER PRIMARY KEY,
    kind             TEXT    NOT NULL DEFAULT 'private',  -- private | group | supergroup | channel
    title            TEXT,
    language         TEXT,                                -- interface language override (/lang)
    timezone         TEXT    NOT NULL DEFAULT 'UTC',      -- IANA name, checked with chrono-tz
    digest_time      TEXT    NOT NULL DEFAULT '09:00',    -- local HH:MM
    frequency        TEXT    NOT NULL DEFAULT 'daily',    -- daily | weekly
    weekday          INTEGER NOT NULL DEFAULT 0,          -- 0 = Monday, for weekly digests
    paused           INTEGER NOT NULL DEFAULT 0,          -- paused by /pause
    unreachable      TEXT,                                -- why sends fail (blocked, kicked…); NULL when fine
    next_slot        TEXT,                                -- UTC time the next digest is due; NULL = none scheduled
    last_digest_at   TEXT,                                -- when the last digest went out
    quiz_open_period INTEGER NOT NULL DEFAULT 30,
    created_at       TEXT    NOT NULL
);

CREATE TABLE subscriptions (
    chat_id     INTEGER NOT NULL REFERENCES chats(chat_id) ON UPDATE CASCADE ON DELETE CASCADE,
    subject     TEXT    NOT NULL,   -- "topic:energy" or an entity key such as "country:IN"
    thread_id   INTEGER,            -- forum topic the subscription was made in
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (chat_id, subject)
) WITHOUT ROWID;
CREATE INDEX subscriptions_subject ON subscriptions(subject);

-- Facts a chat has received, by stable fact key: a chat sees every fact once.
CREATE TABLE received_facts (
    chat_id      INTEGER NOT NULL REFERENCES chats(chat_id) ON UPDATE CASCADE ON DELETE CASCADE,
    fact_key     TEXT    NOT NULL,
    received_at  TEXT    NOT NULL,
    PRIMARY KEY (chat_id, fact_key)
) WITHOUT ROWID;

-- Digests written before sending and marked after: nothing owed is lost in a crash.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    chat_id          INTEGER NOT NULL REFERENCES chats(chat_id) ON UPDATE CASCADE ON DELETE CASCADE,
    thread_id        INTEGER,
    slot             TEXT    NOT NULL,          -- the schedule slot (UTC) or 'now:<time>' for /digest
    reply            TEXT    NOT NULL,          -- the core Reply as JSON
    fact_keys        TEXT    NOT NULL,          -- JSON array of the facts this digest delivers
    status           TEXT    NOT NULL DEFAULT 'pending',  -- pending | sent | held
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT    NOT NULL,
    last_error       TEXT,
    created_at       TEXT    NOT NULL,
    sent_at          TEXT,
    UNIQUE (chat_id, slot)
);
CREATE INDEX outbox_pending ON outbox(status, next_attempt_at);
CREATE INDEX chats_next_slot ON chats(next_slot) WHERE next_slot IS NOT NULL;
