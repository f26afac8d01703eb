-- What Lectern remembers between commands, shared by every process on this database (issue 17):
-- the groups' /settings, the discussion threads and their notes, and each door's own state.
-- JSON values hold the same records as the version-1 state files (src/settings/group-settings.ts,
-- src/conversation/records.ts) and are checked with the same zod schemas when read.

CREATE TABLE lectern_group_settings (
  collection text PRIMARY KEY,
  settings   jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per thread, keyed like conversations.json (conversationKey: door, group, thread).
CREATE TABLE lectern_threads (
  key           text PRIMARY KEY,
  platform      text NOT NULL,
  scope         text NOT NULL,
  thread        text NOT NULL,
  passage       text,
  title         text,
  work_id       text,
  last_citation jsonb,
  -- ms since the epoch, as in the file; retention and MAX_THREADS drop the oldest first.
  updated_at    bigint NOT NULL
);
CREATE INDEX lectern_threads_updated ON lectern_threads (updated_at);

-- The notes log: one row per entry, so that two processes writing to one thread never lose each
-- other's; the newest MAX_NOTES_PER_THREAD are kept.
CREATE TABLE lectern_thread_notes (
  id         bigserial PRIMARY KEY,
  thread_key text NOT NULL REFERENCES lectern_threads (key) ON DELETE CASCADE,
  entry      jsonb NOT NULL
);
CREATE INDEX lectern_thread_notes_thread ON lectern_thread_notes (thread_key, id);

-- A door's own state, by kind and key (Matrix: each bot account's sync position, each room's
-- layout; pending pages), so that a door needs no table of its own.
CREATE TABLE lectern_door_state (
  door       text NOT NULL,
  kind       text NOT NULL,
  key        text NOT NULL,
  value      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (door, kind, key)
);

-- A door's own files, as bytes (Matrix: each bot account's end-to-end crypto store, which holds
-- private keys: whoever can read this table can read the bot's encrypted rooms).
CREATE TABLE lectern_door_files (
  door       text NOT NULL,
  name       text NOT NULL,
  bytes      bytea NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (door, name)
);

-- Every change is announced on the channel lectern_state as {"t": table, "k": key}, so that the
-- other processes read that row again; a trigger, so that no writer can forget to.
CREATE FUNCTION lectern_state_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed jsonb;
BEGIN
  IF TG_OP = 'DELETE' THEN changed := to_jsonb(OLD); ELSE changed := to_jsonb(NEW); END IF;
  PERFORM pg_notify('lectern_state', json_build_object('t', TG_ARGV[0], 'k', changed ->> TG_ARGV[1])::text);
  RETURN NULL;
END
$$;

CREATE TRIGGER lectern_group_settings_changed AFTER INSERT OR UPDATE OR DELETE ON lectern_group_settings
  FOR EACH ROW EXECUTE FUNCTION lectern_state_changed('settings', 'collection');
CREATE TRIGGER lectern_threads_changed AFTER INSERT OR UPDATE OR DELETE ON lectern_threads
  FOR EACH ROW EXECUTE FUNCTION lectern_state_changed('thread', 'key');
CREATE TRIGGER lectern_thread_notes_changed AFTER INSERT ON lectern_thread_notes
  FOR EACH ROW EXECUTE FUNCTION lectern_state_changed('thread', 'thread_key');
