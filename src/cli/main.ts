// auditlens CLI on native DuckDB: the same parsers, normalisation and SQL as the browser.

import { runConvert } from './convert.ts';
import { runIngest } from './ingest.ts';

const USAGE = `usage: npm run --silent cli -- <command> [options] FILE...
commands:
  ingest [--json] FILE...      load exports and print the per-file report
  convert --out DIR FILE...    write the normalised events as DIR/events.parquet (input may also be Parquet)`;

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  ingest: runIngest,
  convert: runConvert,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`${USAGE}\n`);
    return name === '--help' || name === '-h' ? 0 : 64;
  }
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e) => { process.stderr.write(`auditlens: ${e instanceof Error ? e.message : String(e)}\n`); process.exitCode = 1; },
);
