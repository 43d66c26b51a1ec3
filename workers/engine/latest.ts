// Interactive queries run one after another; when a view sends a newer gesture on its channel, the older
// queries still waiting in line are dropped before they start (their results would be thrown away anyway).

import type { Engine, Row, Value } from '../../src/core/engine.ts';

export const STALE = 'stale query: superseded by a newer one';

export interface QueryTag { channel: string; seq: number }

export function latestRunner(engine: () => Promise<Engine>) {
  const newest = new Map<string, number>();
  let line: Promise<unknown> = Promise.resolve();
  return (tag: QueryTag, sql: string, params: Value[] = []): Promise<Row[]> => {
    newest.set(tag.channel, Math.max(newest.get(tag.channel) ?? -Infinity, tag.seq));
    const run = line.then(async () => {
      if (tag.seq < newest.get(tag.channel)!) throw new Error(STALE);
      return (await engine()).query(sql, params);
    });
    line = run.catch(() => undefined);
    return run;
  };
}
