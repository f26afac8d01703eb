-- Group libraries in PostgreSQL (src/library/pg-store.ts). A change of a collection is one
-- transaction: its manifest, the uploaded file, the built works, their passages and terms are
-- committed together or not at all. The bundled corpus is never stored here.

-- One row per collection: its manifest (the works, their metadata, who added what; the
-- lectern.library format, validated on load) and a version every change increments, which a
-- process holding the collection compares on each command.
CREATE TABLE library_collections (
  collection text PRIMARY KEY,
  version bigint NOT NULL,
  manifest json NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The files as uploaded, by their stored name (<sha256>.<ext>).
CREATE TABLE library_files (
  collection text NOT NULL REFERENCES library_collections ON DELETE CASCADE,
  name text NOT NULL,
  bytes bytea NOT NULL,
  PRIMARY KEY (collection, name)
);

-- Each work as built (the corpus schema, json so its text is kept as written), named by what it
-- was built from (work_key: its file's hash, its metadata, the formats), with its passage totals
-- for BM25's statistics.
CREATE TABLE library_works (
  collection text NOT NULL REFERENCES library_collections ON DELETE CASCADE,
  work_key text NOT NULL,
  work_id text NOT NULL,
  -- Fingerprint of the formats and the text analysis the build and its terms were made with:
  -- another one means the work is rebuilt from its stored file.
  format text NOT NULL,
  build json NOT NULL,
  passages integer NOT NULL,
  text_length bigint NOT NULL,
  heading_length bigint NOT NULL,
  PRIMARY KEY (collection, work_key)
);

-- One row per passage: Lectern's own analysed terms (stems, cross-script keys) as a tsvector,
-- one position per occurrence (from 1 in the text field, from 8193 in the heading field), and
-- minisearch's field lengths (distinct tokens), so BM25 is computed exactly as in memory.
CREATE TABLE library_passages (
  collection text NOT NULL,
  work_key text NOT NULL,
  block_id text NOT NULL,
  text_length integer NOT NULL,
  heading_length integer NOT NULL,
  terms tsvector NOT NULL,
  PRIMARY KEY (collection, work_key, block_id),
  FOREIGN KEY (collection, work_key) REFERENCES library_works ON DELETE CASCADE
);
-- btree_gin (001) lets one GIN index hold the collection beside the tsvector: a query reads only its group's entries.
CREATE INDEX library_passages_search ON library_passages USING gin (collection, terms);

-- In how many of a work's passages each term occurs, per field: the group's vocabulary and
-- document frequencies, read once when a process opens the collection.
CREATE TABLE library_terms (
  collection text NOT NULL,
  work_key text NOT NULL,
  term text NOT NULL,
  text_passages integer NOT NULL,
  heading_passages integer NOT NULL,
  PRIMARY KEY (collection, work_key, term),
  FOREIGN KEY (collection, work_key) REFERENCES library_works ON DELETE CASCADE
);
