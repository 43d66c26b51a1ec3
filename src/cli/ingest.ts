import type { FileReport } from '../core/ingest/report.ts';
import { parseArgs } from './args.ts';
import { loadFiles } from './load.ts';

export async function runIngest(args: string[]): Promise<number> {
  const { flags, files } = parseArgs(args, ['retention-months']);
  if (!files.length) throw new Error('ingest needs at least one FILE');
  const retention = flags.get('retention-months');
  const { engine, result, unreadable } = await loadFiles(files, { retentionMonths: retention ? Number(retention) : undefined });
  await engine.close();
  const all = [...result.files, ...unreadable];
  if (flags.get('json')) process.stdout.write(`${JSON.stringify({ files: all.map(publicReport), events: result.events })}\n`);
  else process.stdout.write(table(all, result.events));
  return all.some((f) => f.fatal) ? 2 : 0;
}

function publicReport(f: FileReport) {
  return {
    file: f.file, format: f.format, read: f.read, loaded: f.loaded, rejected: f.rejected, duplicates: f.duplicates,
    excluded: f.excluded, first: f.first, last: f.last,
    errors: [...(f.fatal ? [{ line: 0, reason: f.fatal }] : []), ...f.errors], moreErrors: f.moreErrors,
  };
}

/** Log text can hold terminal escape sequences; show control characters instead of sending them. */
const visible = (s: string) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

function table(files: FileReport[], events: number): string {
  const lines = files.map((f) => {
    const head = `${f.file}\t${f.format ?? 'not recognised'}\tread ${f.read}\tloaded ${f.loaded}\trejected ${f.rejected}\tduplicates ${f.duplicates}\texcluded ${f.excluded}`;
    const errs = [...(f.fatal ? [`  ! ${f.fatal}`] : []), ...f.errors.slice(0, 10).map((e) => `  line ${e.line}: ${e.reason}`)];
    if (f.errors.length > 10 || f.moreErrors) errs.push(`  … ${f.errors.length - 10 + f.moreErrors} more`);
    return [head, ...errs].join('\n');
  });
  return visible(`${lines.join('\n')}\nevents in table: ${events}\n`);
}
