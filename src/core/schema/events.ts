// The one normalised table every view queries. Documented in docs/schema.md.

export type Source = 'm365' | 'entra' | 'gws' | 'github' | 'anypoint';

export type Category =
  | 'authentication' | 'account' | 'role' | 'mail' | 'file' | 'sharing' | 'repository'
  | 'api' | 'admin' | 'collaboration' | 'policy' | 'application' | 'audit' | 'device'
  | 'alert' | 'other';

export type Outcome = 'success' | 'failure' | 'unknown';

export type ActorType =
  | 'user' | 'admin' | 'service' | 'system' | 'anonymous' | 'guest' | 'unknown';

/** One normalised event as a format module produces it. */
export interface EventRow {
  ts: number;                 // epoch milliseconds, UTC
  source: Source;
  workload: string | null;    // M365 Workload, GWS application, GitHub action category, Anypoint product
  category: Category;
  action: string;             // the original operation / event name
  outcome: Outcome;
  actor: string | null;       // lower-case principal
  actorType: ActorType;
  ip: string | null;          // port stripped, v4-mapped v6 unwrapped
  userAgent: string | null;
  target: string | null;      // object acted on
  targetUser: string | null;  // lower-case principal acted on
  sessionId: string | null;
  appId: string | null;
  recordId: string | null;    // duplicate key within and across files
  country: string | null;     // ISO-2 when the source itself says so
  attrs: Record<string, string>; // source-specific fields detections need (flattened, dotted keys)
}

/** Where the raw record lives, so it can be read back from the File on demand. */
export interface RawPointer {
  fileId: number;
  line: number;       // 1-based line of the record's first byte
  offset: number;     // byte offset in the decoded (UTF-8, decompressed) stream
  length: number;     // byte length in that stream
}

export type ColumnKind = 'string' | 'double' | 'bigint' | 'integer' | 'timestamp';

export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  sql: string;        // type in the final table
}

/** Columns of `events_store` in order: what an ingest batch carries and appends as it is. */
export const STORE_COLUMNS: readonly ColumnSpec[] = [
  { name: 'ts', kind: 'timestamp', sql: 'TIMESTAMP' },
  { name: 'source', kind: 'string', sql: 'VARCHAR' },
  { name: 'format', kind: 'string', sql: 'VARCHAR' },
  { name: 'workload', kind: 'string', sql: 'VARCHAR' },
  { name: 'category', kind: 'string', sql: 'VARCHAR' },
  { name: 'action', kind: 'string', sql: 'VARCHAR' },
  { name: 'outcome', kind: 'string', sql: 'VARCHAR' },
  { name: 'actor', kind: 'string', sql: 'VARCHAR' },
  { name: 'actor_type', kind: 'string', sql: 'VARCHAR' },
  { name: 'ip', kind: 'string', sql: 'VARCHAR' },
  { name: 'user_agent', kind: 'string', sql: 'VARCHAR' },
  { name: 'target', kind: 'string', sql: 'VARCHAR' },
  { name: 'target_user', kind: 'string', sql: 'VARCHAR' },
  { name: 'session_id', kind: 'string', sql: 'VARCHAR' },
  { name: 'app_id', kind: 'string', sql: 'VARCHAR' },
  { name: 'record_id', kind: 'string', sql: 'VARCHAR' },
  { name: 'country', kind: 'string', sql: 'VARCHAR' },
  { name: 'attrs_k', kind: 'string', sql: 'VARCHAR' },
  { name: 'attrs_v', kind: 'string', sql: 'VARCHAR' },
  { name: 'file_id', kind: 'integer', sql: 'INTEGER' },
  { name: 'line', kind: 'double', sql: 'BIGINT' },
  { name: 'byte_offset', kind: 'double', sql: 'BIGINT' },
  { name: 'byte_length', kind: 'integer', sql: 'INTEGER' },
  { name: 'seq', kind: 'double', sql: 'BIGINT' },
];

/** Separator of the packed attrs keys/values (the writer strips it from text). */
export const ATTR_SEP = '\x1f';
