-- Bumped by every ingest transaction, so a running bot notices new documents (including those ingested
-- by another process) and drops the answers it kept for the old fact base.
CREATE TABLE fact_base (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    version  INTEGER NOT NULL
);
INSERT INTO fact_base (id, version) VALUES (1, 0);
