-- News feeds, their items, the web pages already ingested, and the document archive: the documents'
-- text and metadata, from which every replica builds its own fact index, kept in step by the version.

CREATE TABLE feeds (
    id              BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    url             TEXT    NOT NULL UNIQUE,
    title           TEXT,
    active          BOOLEAN NOT NULL DEFAULT TRUE,
    etag            TEXT,
    last_modified   TEXT,
    next_poll_at    TEXT    NOT NULL,
    ttl_secs        BIGINT,
    failures        BIGINT  NOT NULL DEFAULT 0,
    last_error      TEXT,
    last_polled_at  TEXT,
    items_ingested  BIGINT  NOT NULL DEFAULT 0,
    deactivated_at  TEXT,
    owner_told_at   TEXT,
    added_at        TEXT    NOT NULL
);
CREATE INDEX feeds_due ON feeds(next_poll_at, id) WHERE active;

CREATE TABLE feed_items (
    feed_id     BIGINT NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    item_key    TEXT   NOT NULL,
    state       TEXT   NOT NULL,             -- ingested | duplicate | failed
    attempts    BIGINT NOT NULL DEFAULT 1,
    last_error  TEXT,
    updated_at  TEXT   NOT NULL,
    PRIMARY KEY (feed_id, item_key)
);

CREATE TABLE web_pages (
    url_key        TEXT PRIMARY KEY,
    text_hash      TEXT NOT NULL,
    document_name  TEXT NOT NULL,
    fetched_at     TEXT NOT NULL
);
CREATE INDEX web_pages_text ON web_pages(text_hash);

CREATE TABLE archived_documents (
    name          TEXT   PRIMARY KEY,
    title         TEXT   NOT NULL,
    source        TEXT   NOT NULL,
    published     TEXT   NOT NULL,
    language      TEXT   NOT NULL,
    content_hash  TEXT   NOT NULL,
    text          TEXT   NOT NULL,
    version       BIGINT NOT NULL,
    archived_at   TEXT   NOT NULL
);
CREATE INDEX archived_documents_version ON archived_documents(version);

CREATE TABLE document_archive (
    id       INT    PRIMARY KEY CHECK (id = 1),
    version  BIGINT NOT NULL
);
INSERT INTO document_archive (id, version) VALUES (1, 0);
