interface Run {
  events: number; bytes: number; ingest_ratio: number; error?: string; date?: string; commit?: string;
  ours: { ingest_s: number; ingest_runs_s?: number[]; first_dashboard_s: number; filter_p50_ms: number; filter_p95_ms: number; detect_s: number | null; peak_mb: number; db_bytes_per_event?: number };
  native: { ingest_s: number; ingest_runs_s?: number[]; detect_s: number };
}

const f = (n: number | null, d = 1) => (n === null || !Number.isFinite(n) ? '—' : n.toFixed(d));
/** The spread of repeated loads, when there were several (the cell shows their median). */
const spread = (runs?: number[]) => (runs && runs.length > 1 ? `, ${runs.length} runs ${f(Math.min(...runs))}–${f(Math.max(...runs))} s` : '');

export function markdown(r: { machine: string; date: string; runs: Run[] }): string {
  const when = (x: Run) => `${(x.date ?? r.date).slice(0, 10)}${x.commit ? ` (${x.commit})` : ''}`;
  const rows = r.runs.map((x) => x.error ? [x.events.toLocaleString('en-US'), `${(x.bytes / 1e6).toFixed(0)} MB`, `failed: ${x.error.replaceAll('|', '/')}`, ...Array(8).fill('—'), when(x)].join(' | ') : [
    x.events.toLocaleString('en-US'), `${(x.bytes / 1e6).toFixed(0)} MB`,
    `${f(x.ours.ingest_s)} s (${f(x.bytes / 1e6 / x.ours.ingest_s, 0)} MB/s${spread(x.ours.ingest_runs_s)})`, `${f(x.native.ingest_s)} s (${f(x.bytes / 1e6 / x.native.ingest_s, 0)} MB/s${spread(x.native.ingest_runs_s)})`,
    f(x.ingest_ratio, 2), `${f(x.ours.first_dashboard_s)} s`, `${f(x.ours.filter_p50_ms, 0)} / ${f(x.ours.filter_p95_ms, 0)} ms`,
    `${f(x.ours.detect_s)} s`, `${f(x.native.detect_s)} s`, `${x.ours.peak_mb} MB`, `${x.ours.db_bytes_per_event ?? '—'} B`, when(x),
  ].join(' | '));
  return [
    `Machine: ${r.machine}. Input: synthetic Purview audit CSV (\`npm run bench\`). Each row says when and at which commit it was measured.`,
    '',
    '| events | size | ingest, ours (browser) | ingest, native DuckDB | ours/native throughput | drop → first dashboard (last load) | filter change p50 / p95 | detections, ours | detections, native | peak memory (browser) | DuckDB memory per event | measured |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map((row) => `| ${row} |`),
    '',
  ].join('\n');
}
