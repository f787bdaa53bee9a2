-- News feeds, what became of their items, and the web pages already ingested (for duplicates).

CREATE TABLE feeds (
    id              INTEGER PRIMARY KEY,
    url             TEXT    NOT NULL UNIQUE,
    title           TEXT,
    active          INTEGER NOT NULL DEFAULT 1,
    etag            TEXT,                     -- validators for the next conditional GET
    last_modified   TEXT,
    next_poll_at    TEXT    NOT NULL,         -- RFC 3339 UTC
    ttl_secs        INTEGER,                  -- the feed's own ttl, kept for polls answered 304
    failures        INTEGER NOT NULL DEFAULT 0, -- in a row
    last_error      TEXT,
    last_polled_at  TEXT,
    items_ingested  INTEGER NOT NULL DEFAULT 0,
    deactivated_at  TEXT,
    owner_told_at   TEXT,                     -- the one message about the deactivation was sent
    added_at        TEXT    NOT NULL
);
CREATE INDEX feeds_due ON feeds(active, next_poll_at);

CREATE TABLE feed_items (
    feed_id     INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    item_key    TEXT    NOT NULL,             -- the normalised link, or the item's id when it has none
    state       TEXT    NOT NULL,             -- ingested | duplicate | failed
    attempts    INTEGER NOT NULL DEFAULT 1,
    last_error  TEXT,
    updated_at  TEXT    NOT NULL,
    PRIMARY KEY (feed_id, item_key)
) WITHOUT ROWID;

CREATE TABLE web_pages (
    url_key        TEXT PRIMARY KEY,          -- normalised URL
    text_hash      TEXT NOT NULL,             -- of the article text, whitespace collapsed
    document_name  TEXT NOT NULL,             -- the document holding the text (maybe under another URL)
    fetched_at     TEXT NOT NULL
);
CREATE INDEX web_pages_text ON web_pages(text_hash);
