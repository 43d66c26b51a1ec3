// A query's result as raw Arrow IPC messages, straight from DuckDB-WASM's pending-query calls: the schema first,
// then one message per record batch. Nothing is decoded in JS, so a table is copied out batch by batch.

type Maybe<T> = T | Promise<T>;

/** What AsyncDuckDB (browser) and the blocking bindings (Node tests) both offer, by connection id. */
export interface PendingQueries {
  startPendingQuery(conn: number, text: string, allowStreamResult?: boolean): Maybe<Uint8Array | null>;
  pollPendingQuery(conn: number): Maybe<Uint8Array | null>;
  fetchQueryResults(conn: number): Maybe<Uint8Array | null>;
}

/** Closes an IPC stream: the continuation marker and a zero length. */
export const END_OF_STREAM = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

/** Yields the schema message, then each record batch message; an empty chunk ends the result. */
export async function* ipcMessages(db: PendingQueries, conn: number, sql: string): AsyncGenerator<Uint8Array> {
  let header = await db.startPendingQuery(conn, sql, true);
  while (header == null) header = await db.pollPendingQuery(conn);
  yield header;
  for (;;) {
    let chunk = await db.fetchQueryResults(conn);
    while (chunk == null) chunk = await db.fetchQueryResults(conn);
    if (!chunk.length) return;
    yield chunk;
  }
}
