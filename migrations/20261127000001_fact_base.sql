-- The fact base: documents, their sentences, and what each sentence says.

CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,  -- file name under data/documents, the document's stable identity
    title         TEXT    NOT NULL,
    source        TEXT    NOT NULL,         -- the statement or outlet the document reports
    published     TEXT    NOT NULL,         -- ISO date, possibly partial ("2024-12")
    language      TEXT    NOT NULL,
    content_hash  TEXT    NOT NULL,         -- sha256 of text + metadata + extraction rules
    bytes         INTEGER NOT NULL,
    ingested_at   TEXT    NOT NULL
);

CREATE TABLE sentences (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    paragraph    INTEGER NOT NULL,
    position     INTEGER NOT NULL,
    text         TEXT    NOT NULL,
    fact_key     TEXT    NOT NULL,          -- stable across re-ingests: hash of the sentence text
    UNIQUE (document_id, position)
);
CREATE INDEX sentences_fact_key ON sentences(fact_key);

CREATE TABLE mentions (
    sentence_id  INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    entity_key   TEXT    NOT NULL,
    inferred     INTEGER NOT NULL DEFAULT 0, -- 1 when attached by coreference
    PRIMARY KEY (sentence_id, entity_key)
) WITHOUT ROWID;
CREATE INDEX mentions_entity ON mentions(entity_key, sentence_id);

CREATE TABLE figures (
    id           INTEGER PRIMARY KEY,
    sentence_id  INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL,          -- money | percent | count | quantity | ordinal | date
    value        REAL    NOT NULL,
    unit         TEXT    NOT NULL,
    text         TEXT    NOT NULL
);
CREATE INDEX figures_sentence ON figures(sentence_id);

CREATE TABLE sentence_topics (
    sentence_id  INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    topic        TEXT    NOT NULL,
    PRIMARY KEY (sentence_id, topic)
) WITHOUT ROWID;
CREATE INDEX sentence_topics_topic ON sentence_topics(topic, sentence_id);

CREATE VIRTUAL TABLE sentences_fts USING fts5(
    text,
    content = 'sentences',
    content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

-- Updates already handled, so a replay after a crash changes nothing.
CREATE TABLE processed_updates (
    update_id    INTEGER PRIMARY KEY,
    handled_at   TEXT    NOT NULL
);
