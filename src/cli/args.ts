// Tiny flag parser: `--name value`, `--flag`, and positional files.

export interface Parsed { flags: Map<string, string | true>; files: string[] }

export function parseArgs(args: string[], valued: readonly string[] = []): Parsed {
  const flags = new Map<string, string | true>();
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { files.push(...args.slice(i + 1)); break; }
    if (a.startsWith('--')) {
      const [k, inline] = a.slice(2).split('=', 2);
      if (inline !== undefined) flags.set(k, inline);
      else if (valued.includes(k)) {
        if (i + 1 >= args.length) throw new Error(`--${k} needs a value`);
        flags.set(k, args[++i]);
      } else flags.set(k, true);
    } else files.push(a);
  }
  return { flags, files };
}
