-- A document from the web keeps its address, so answers and digests can link its title to it.
-- Web documents are named by their normalised URL (file names cannot contain '/'); the trigger fills
-- the column inside the ingest transaction itself, so a document never exists without it.
ALTER TABLE documents ADD COLUMN url TEXT;

CREATE TRIGGER documents_web_url AFTER INSERT ON documents
WHEN new.url IS NULL AND (new.name LIKE 'http://%' OR new.name LIKE 'https://%')
BEGIN
    UPDATE documents SET url = new.name WHERE id = new.id;
END;
