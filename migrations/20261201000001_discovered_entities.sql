-- Entities a document introduces (found at ingest), removed with their document. The answering catalogue is
-- the gazetteer plus these rows: a row whose key is a gazetteer key only adds aliases to it.
CREATE TABLE discovered_entities (
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    key          TEXT    NOT NULL,
    kind         TEXT    NOT NULL,          -- organisation | event | project | person
    name         TEXT    NOT NULL,
    name_ru      TEXT,
    aliases      TEXT    NOT NULL,          -- JSON array of surface forms
    country      TEXT,                      -- persons: their country; events: the host country
    role         TEXT,                      -- persons: "President", ...
    place        TEXT,                      -- events: the city
    date         TEXT,                      -- events: ISO date, possibly partial
    parent       TEXT,                      -- events: the organisation's key
    related      TEXT    NOT NULL,          -- JSON array of keys
    PRIMARY KEY (document_id, key)
) WITHOUT ROWID;
CREATE INDEX discovered_entities_key ON discovered_entities(key);
