// Splits one CSV record's text into fields (RFC 4180 quoting).

const DOUBLED = /""/g;

/** Splits one CSV record's text into fields. */
export function splitCsv(text: string, delimiter = ','): string[] {
  const out: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    if (i < n && text.charCodeAt(i) === 0x22) {
      const open = i + 1;
      // Find the closing quote first, then unescape once: building the value piece by piece made a
      // rope of hundreds of parts for JSON-in-CSV, all garbage as soon as it was flattened.
      let j = i + 1, doubled = false, end = n;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) { i = n; break; }
        if (text.charCodeAt(q + 1) === 0x22) { doubled = true; j = q + 2; continue; }
        end = q;
        i = q + 1;
        break;
      }
      let value = text.slice(open, end);
      if (doubled) value = value.replace(DOUBLED, '"');
      // tolerate junk between the closing quote and the delimiter (e.g. the trailing space of ISO dates)
      const d = text.indexOf(delimiter, i);
      if (d >= 0) value += text.slice(i, d).trimEnd() === '' ? '' : text.slice(i, d);
      else value += text.slice(i).trimEnd() === '' ? '' : text.slice(i);
      out.push(value);
      if (d < 0) return out;
      i = d + 1;
    } else {
      const d = text.indexOf(delimiter, i);
      if (d < 0) { out.push(text.slice(i)); return out; }
      out.push(text.slice(i, d));
      i = d + 1;
    }
  }
}
