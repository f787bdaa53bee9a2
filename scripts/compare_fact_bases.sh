#!/usr/bin/env bash
# Compares the fact tables of two Dossier SQLite databases (everything but ingestion times), e.g. the corpus
# bases that two builds of `cargo bench --bench core` left in their DOSSIER_BENCH_DIR:
#   scripts/compare_fact_bases.sh /tmp/main/corpus1000.sqlite /tmp/mine/corpus1000.sqlite
# Prints the row count per table and exits non-zero at the first difference.
set -euo pipefail
queries=(
  "SELECT id, name, title, source, published, language, content_hash, bytes, url FROM documents ORDER BY id"
  "SELECT id, document_id, paragraph, position, text, fact_key FROM sentences ORDER BY id"
  "SELECT sentence_id, entity_key, inferred, published, document_id, position FROM mentions ORDER BY 1, 2"
  "SELECT id, sentence_id, kind, value, unit, text FROM figures ORDER BY id"
  "SELECT sentence_id, topic, published, document_id, position FROM sentence_topics ORDER BY 1, 2"
  "SELECT document_id, key, kind, name, name_ru, aliases, country, role, place, date, parent, related
   FROM discovered_entities ORDER BY document_id, key"
  "SELECT entity_key, facts FROM entity_facts ORDER BY 1"
  "SELECT topic, facts FROM topic_facts ORDER BY 1"
  "SELECT rowid FROM sentences_fts ORDER BY rowid"
  "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
)
status=0
for q in "${queries[@]}"; do
  table=$(sed -E 's/.* FROM ([a-z_]+).*/\1/' <<<"${q//$'\n'/ }")
  a=$(sqlite3 "$1" "$q" | sha256sum) b=$(sqlite3 "$2" "$q" | sha256sum)
  rows=$(sqlite3 "$1" "SELECT COUNT(*) FROM ($q)")
  if [[ "$a" == "$b" ]]; then echo "same      $table ($rows rows)"; else echo "DIFFERENT $table"; status=1; fi
done
check=$(sqlite3 "$2" "PRAGMA integrity_check")
echo "integrity of $2: $check"
[[ "$check" == ok ]] || status=1
exit $status
