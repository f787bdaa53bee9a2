-- The documents themselves (text and metadata) for the shared-state interface (db::store): what the
-- replicas of a PostgreSQL installation build their fact index from. Kept by the SQLite store too, so the
-- same archive code runs on both engines and an embedded installation can be copied to PostgreSQL.
CREATE TABLE archived_documents (
    name          TEXT    PRIMARY KEY,
    title         TEXT    NOT NULL,
    source        TEXT    NOT NULL,
    published     TEXT    NOT NULL,
    language      TEXT    NOT NULL,
    content_hash  TEXT    NOT NULL,
    text          TEXT    NOT NULL,
    version       INTEGER NOT NULL,          -- the archive version that stored this text
    archived_at   TEXT    NOT NULL
) WITHOUT ROWID;
CREATE INDEX archived_documents_version ON archived_documents(version);

CREATE TABLE document_archive (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    version  INTEGER NOT NULL
);
INSERT INTO document_archive (id, version) VALUES (1, 0);
