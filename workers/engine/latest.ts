// Interactive queries run one after another; when a view sends a newer gesture on its channel, the older
// queries still waiting in line are dropped before they start (their results would be thrown away anyway).
// Results are remembered until the data changes: brushing the timeline repeats the timeline's own query
// (it ignores the time filter), and going back to a view repeats all of them.

import type { Engine, Row, Value } from '../../src/core/engine.ts';

export const STALE = 'stale query: superseded by a newer one';

export interface QueryTag { channel: string; seq: number }

const REMEMBERED = 64;

export function latestRunner(engine: () => Promise<Engine>) {
  const newest = new Map<string, number>();
  const remembered = new Map<string, Row[]>();
  let line: Promise<unknown> = Promise.resolve();
  return (tag: QueryTag, sql: string, params: Value[] = []): Promise<Row[]> => {
    newest.set(tag.channel, Math.max(newest.get(tag.channel) ?? -Infinity, tag.seq));
    const run = line.then(async () => {
      if (tag.seq < newest.get(tag.channel)!) throw new Error(STALE);
      const e = await engine();
      if (e.writes === undefined) return e.query(sql, params);
      const key = `${e.writes}\u0000${sql}\u0000${JSON.stringify(params)}`;
      let rows = remembered.get(key);
      if (rows) remembered.delete(key);
      else rows = await e.query(sql, params);
      remembered.set(key, rows);
      for (const old of remembered.keys()) { if (remembered.size <= REMEMBERED) break; remembered.delete(old); }
      return rows;
    });
    line = run.catch(() => undefined);
    return run;
  };
}
