// A small SQL lexer: enough to tell keywords from quoted names, strings and comments.

export interface Token { kind: 'word' | 'quoted' | 'string' | 'number' | 'punct'; text: string; at: number; end: number }

const WORD = /[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/y;
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const DOLLAR = /\$([A-Za-z_][A-Za-z0-9_]*)?\$/y;

function closing(sql: string, from: number, quote: string, what: string): number {
  let i = from;
  for (;;) {
    const j = sql.indexOf(quote, i);
    if (j < 0) throw new Error(`Unterminated ${what}: add the closing ${quote}`);
    if (sql[j + 1] === quote) { i = j + 2; continue; }
    return j + 1;
  }
}

/** Block comments nest, as in DuckDB and PostgreSQL. */
function commentEnd(sql: string, from: number): number {
  let depth = 0, i = from;
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') { depth++; i += 2; }
    else if (sql[i] === '*' && sql[i + 1] === '/') { depth--; i += 2; if (depth === 0) return i; }
    else i++;
  }
  throw new Error('Unterminated comment: add the closing */');
}

export function tokens(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const push = (kind: Token['kind'], end: number) => { out.push({ kind, text: sql.slice(i, end), at: i, end }); i = end; };
  while (i < sql.length) {
    const c = sql[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '-' && sql[i + 1] === '-') { const nl = sql.indexOf('\n', i); i = nl < 0 ? sql.length : nl + 1; continue; }
    if (c === '/' && sql[i + 1] === '*') { i = commentEnd(sql, i); continue; }
    if (c === "'") { push('string', closing(sql, i + 1, "'", 'string')); continue; }
    if ((c === 'E' || c === 'e') && sql[i + 1] === "'") {
      let j = i + 2;
      while (j < sql.length && sql[j] !== "'") j += sql[j] === '\\' ? 2 : 1;
      if (j >= sql.length) throw new Error("Unterminated string: add the closing '");
      push('string', j + 1);
      continue;
    }
    if (c === '"') { push('quoted', closing(sql, i + 1, '"', 'quoted name')); continue; }
    if (c === '$') {
      DOLLAR.lastIndex = i;
      const m = DOLLAR.exec(sql);
      if (m) {
        const j = sql.indexOf(m[0], i + m[0].length);
        if (j < 0) throw new Error(`Unterminated string: add the closing ${m[0]}`);
        push('string', j + m[0].length);
        continue;
      }
    }
    WORD.lastIndex = i;
    const w = WORD.exec(sql);
    if (w) { push('word', i + w[0].length); continue; }
    NUMBER.lastIndex = i;
    const n = NUMBER.exec(sql);
    if (n) { push('number', i + n[0].length); continue; }
    push('punct', i + 1);
  }
  return out;
}
