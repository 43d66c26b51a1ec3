/** One framed record: its bytes in the UTF-8 stream, where it starts, or why it could not be framed. */
export interface RawRecord {
  bytes: Uint8Array;
  line: number;
  offset: number;
  error?: string;
}

export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/** Accumulates the bytes of a record that spans chunks. */
export class Carry {
  private parts: Uint8Array[] = [];
  size = 0;
  push(part: Uint8Array): void {
    if (part.length) { this.parts.push(part.slice()); this.size += part.length; }
  }
  take(last: Uint8Array): Uint8Array {
    if (!this.parts.length) return last;
    const out = new Uint8Array(this.size + last.length);
    let at = 0;
    for (const p of this.parts) { out.set(p, at); at += p.length; }
    out.set(last, at);
    this.clear();
    return out;
  }
  clear(): void { this.parts = []; this.size = 0; }
}

const strict = new TextDecoder('utf-8', { fatal: true });
export function decodeUtf8(bytes: Uint8Array): string {
  return strict.decode(bytes);
}
