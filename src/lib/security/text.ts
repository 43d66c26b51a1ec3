// Log text shown to the analyst is written by whoever produced the log. It is always rendered as text (never
// markup); these helpers also make invisible and direction-changing characters visible, so "invoice‮fdp.exe"
// cannot pose as "invoiceexe.pdf" and "ad​min" cannot pose as "admin".

/** C0/C1 controls (not tab or newline), bidi embeddings/overrides/isolates, zero-width characters, BOM, line/paragraph separators. */
const HIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]/g;

const mark = (c: string) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`;

/** Hidden characters become visible ⟨U+XXXX⟩ marks; with `oneLine`, newlines and tabs become ⏎ and ⇥. */
export function reveal(text: string, oneLine = false): string {
  const shown = text.replace(HIDDEN, mark);
  return oneLine ? shown.replace(/\r?\n/g, ' ⏎ ').replace(/\t/g, '⇥') : shown;
}

/** Cuts long values for table cells; the full text stays available elsewhere (details, raw record). */
export function clip(text: string, max = 400): string {
  return text.length > max ? `${text.slice(0, max)}… (${(text.length - max).toLocaleString('en-US')} more characters)` : text;
}

/** One CSV record (RFC 4180: quoted fields may hold commas, quotes and newlines) split into its fields. */
export function csvFields(record: string): string[] {
  const out: string[] = [];
  let field = '', quoted = false;
  record = record.replace(/\r?\n$/, '');
  for (let i = 0; i < record.length; i++) {
    const c = record[i];
    if (quoted) {
      if (c === '"' && record[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { out.push(field); field = ''; }
    else field += c;
  }
  out.push(field);
  return out;
}

function prettyJson(text: string): string | null {
  const t = text.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return null;
  try { return JSON.stringify(JSON.parse(t), null, 2); } catch { return null; }
}

/**
 * The original record, indented for reading: JSON as JSON; a CSV line as `column: value` lines (with the file's
 * header when known), JSON inside a field (M365 AuditData) indented in place. Anything else stays as it was.
 */
export function prettyRecord(text: string, header?: string | null): string {
  const json = prettyJson(text);
  if (json !== null) return json;
  if (!text.includes(',')) return text;
  const fields = csvFields(text.replace(/^\uFEFF/, ''));
  const names = header ? csvFields(header.replace(/^\uFEFF/, '')) : [];
  return fields.map((value, i) => {
    const name = names[i] ?? `column ${i + 1}`;
    const inner = prettyJson(value);
    return inner !== null ? `${name}:\n${inner.replace(/^/gm, '  ')}` : `${name}: ${value}`;
  }).join('\n');
}

/** The first line of a file's beginning (its CSV header). */
export const firstLine = (start: string) => start.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';

/** `name@domain` → [`name`, `@domain`], so a narrow column can break an address before the @ rather than mid-word. */
export function splitAddress(text: string): [string, string] {
  const at = text.lastIndexOf('@');
  return at > 0 ? [text.slice(0, at), text.slice(at)] : [text, ''];
}
