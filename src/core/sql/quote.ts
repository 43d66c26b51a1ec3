// The only place identifiers are turned into SQL text. Values always go through `?` parameters.

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function ident(name: string): string {
  if (name.length === 0 || name.length > 128) throw new Error(`invalid identifier length: ${name.length}`);
  if (name.includes('\0')) throw new Error('invalid identifier: NUL byte');
  return PLAIN.test(name) ? `"${name}"` : `"${name.replaceAll('"', '""')}"`;
}

/** A string literal for the few places a value must be inline (DDL, SET); never for user text. */
export function literal(value: string): string {
  if (value.includes('\0')) throw new Error('invalid literal: NUL byte');
  return `'${value.replaceAll("'", "''")}'`;
}
