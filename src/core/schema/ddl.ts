
const SEP = 'chr(31)';

/** Ingest batches append to this table as they are (columns in STORE_COLUMNS order, `ts` an Arrow timestamp). */
export const EVENTS_STORE = 'events_store';

export const CREATE_TABLES = [
  `CREATE TABLE IF NOT EXISTS events_store (
    ts TIMESTAMP NOT NULL,
    source VARCHAR NOT NULL,
    format VARCHAR NOT NULL,
    workload VARCHAR,
    category VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    outcome VARCHAR NOT NULL,
    actor VARCHAR,
    actor_type VARCHAR NOT NULL,
    ip VARCHAR,
    user_agent VARCHAR,
    target VARCHAR,
    target_user VARCHAR,
    session_id VARCHAR,
    app_id VARCHAR,
    record_id VARCHAR,
    country VARCHAR,
    attrs_k VARCHAR,
    attrs_v VARCHAR,
    file_id INTEGER NOT NULL,
    line BIGINT NOT NULL,
    byte_offset BIGINT NOT NULL,
    byte_length INTEGER NOT NULL,
    seq BIGINT NOT NULL
  )`,
  // Building a MAP costs ~8 µs a row, so attributes are stored packed and the MAP is built only for the rows
  // of a query that reads `attrs` (after its filters): loading stays fast and memory small.
  `CREATE VIEW IF NOT EXISTS events AS SELECT
    ts, source, format, workload, category, action, outcome, actor, actor_type, ip, user_agent, target, target_user,
    session_id, app_id, record_id, country,
    CASE WHEN attrs_k IS NULL OR attrs_k = '' THEN MAP {}::MAP(VARCHAR, VARCHAR)
         ELSE map(string_split(attrs_k, ${SEP}), string_split(attrs_v, ${SEP})) END AS attrs,
    file_id, line, byte_offset, byte_length, seq
  FROM events_store`,
];

/** Drops everything the ingest created for events (`stage` only exists in workspaces kept by older versions). */
export const DROP_EVENTS = ['DROP VIEW IF EXISTS events', 'DROP TABLE IF EXISTS events_store', 'DROP TABLE IF EXISTS stage'];

/** Whether this load added a later copy of any record id: a hash aggregate, a third of the window below at 1M rows. */
export const DEDUPE_ANY = `
  SELECT count(*)::INTEGER AS n FROM (
    SELECT 1 FROM events_store WHERE record_id IS NOT NULL
    GROUP BY source, record_id HAVING count(*) > 1 AND max(seq) >= ?)`;

/** Marks later copies of a record id as duplicates; returns per-file counts of what it removed. */
export const DEDUPE_COUNT = `
  SELECT file_id, count(*)::INTEGER AS n FROM (
    SELECT file_id, seq, row_number() OVER (PARTITION BY source, record_id ORDER BY seq) AS rn
    FROM events_store WHERE record_id IS NOT NULL
  ) WHERE rn > 1 AND seq >= ? GROUP BY file_id`;

export const DEDUPE_DELETE = `
  DELETE FROM events_store WHERE seq IN (
    SELECT seq FROM (
      SELECT seq, row_number() OVER (PARTITION BY source, record_id ORDER BY seq) AS rn
      FROM events_store WHERE record_id IS NOT NULL
    ) WHERE rn > 1)`;
