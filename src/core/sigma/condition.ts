// Sigma `condition` strings → a small AST: and / or / not, parentheses, `1 of x*`, `all of them`.

export type Cond =
  | { op: 'and' | 'or'; args: Cond[] }
  | { op: 'not'; arg: Cond }
  | { op: 'ref'; name: string }
  | { op: 'of'; quant: 'any' | 'all'; pattern: string };

export class ConditionError extends Error {}

const TOKEN = /\s*(\(|\)|[A-Za-z0-9_*.\-]+)\s*/y;

function tokens(text: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const m = TOKEN.exec(text);
    if (!m) throw new ConditionError(`cannot read condition near "${text.slice(TOKEN.lastIndex, TOKEN.lastIndex + 20)}"`);
    out.push(m[1]);
  }
  return out;
}

export function parseCondition(text: string): Cond {
  if (text.includes('|')) throw new ConditionError('aggregation in the condition (| count() …) is not supported');
  const t = tokens(text);
  let i = 0;
  const peek = () => t[i]?.toLowerCase();
  const expr = (): Cond => {
    const args = [term()];
    while (peek() === 'or') { i++; args.push(term()); }
    return args.length === 1 ? args[0] : { op: 'or', args };
  };
  const term = (): Cond => {
    const args = [factor()];
    while (peek() === 'and') { i++; args.push(factor()); }
    return args.length === 1 ? args[0] : { op: 'and', args };
  };
  const factor = (): Cond => {
    const w = peek();
    if (w === undefined) throw new ConditionError('condition ends too early');
    if (w === 'not') { i++; return { op: 'not', arg: factor() }; }
    if (w === '(') {
      i++;
      const inner = expr();
      if (peek() !== ')') throw new ConditionError('missing ")" in condition');
      i++;
      return inner;
    }
    if ((w === '1' || w === 'any' || w === 'all') && t[i + 1]?.toLowerCase() === 'of') {
      const pattern = t[i + 2];
      if (!pattern) throw new ConditionError('"of" needs a name pattern or "them"');
      i += 3;
      return { op: 'of', quant: w === 'all' ? 'all' : 'any', pattern };
    }
    if (w === ')' || w === 'and' || w === 'or') throw new ConditionError(`unexpected "${t[i]}" in condition`);
    i++;
    return { op: 'ref', name: t[i - 1] };
  };
  const root = expr();
  if (i !== t.length) throw new ConditionError(`unexpected "${t[i]}" in condition`);
  return root;
}

/** Names of the search identifiers an `of` pattern selects (`them` = all). */
export function expandPattern(pattern: string, names: readonly string[]): string[] {
  if (pattern.toLowerCase() === 'them') return names.filter((n) => !n.startsWith('_'));
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return names.filter((n) => re.test(n));
}
