// Splits one CSV record's text into fields (RFC 4180 quoting).

/** Splits one CSV record's text into fields. */
export function splitCsv(text: string, delimiter = ','): string[] {
  const out: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    if (i < n && text.charCodeAt(i) === 0x22) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) { value += text.slice(j); i = n; break; }
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 0x22) { value += '"'; j = q + 2; continue; }
        i = q + 1;
        break;
      }
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
