// auditlens CLI on native DuckDB: the same parsers, normalisation and SQL as the browser.

import { runConvert } from './convert.ts';
import { runDetect } from './detect.ts';
import { runEval } from './eval.ts';
import { runIngest } from './ingest.ts';
import { runProductivity } from './productivity.ts';
import { runVerifyTrail } from './verify-trail.ts';

const USAGE = `usage: npm run --silent cli -- <command> [options] FILE...
commands:
  ingest [--json] FILE...      load exports and print the per-file report
  convert --out DIR FILE...    write the normalised events as DIR/events.parquet (input may also be Parquet)
  verify-trail [--head HASH] FILE  check an exported reviewer trail: {"ok":true,"entries":N} or the first broken line
  detect [--json] FILE...      run the detection pack: {"alerts":[…],"users":[…]}
  eval [--dir DIR] [--seed N --users N --days N]  precision/recall of the detections on the synthetic organisation
  productivity [--json] [--by department|manager|level[,…]] [--min-group K] [--period block|week] [--viewer EMAIL]
               [--dp [--epsilon E] [--budget B]] [--metrics a,b] [--population auto|directory|viva] FILE...
                               privacy-protected collaboration trends`;

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  ingest: runIngest,
  convert: runConvert,
  'verify-trail': runVerifyTrail,
  detect: runDetect,
  eval: runEval,
  productivity: runProductivity,
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
