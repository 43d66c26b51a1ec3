// Byte-stream plumbing shared by the browser and Node: Blob → (gunzip) → UTF-8 chunks.

export type ByteStream = AsyncIterable<Uint8Array>;

export async function* iterate(stream: ReadableStream<Uint8Array>): ByteStream {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value && value.length) yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

export function gunzip(stream: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  return stream.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
}

export const isGzip = (head: Uint8Array) => head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
export const isZip = (head: Uint8Array) =>
  head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6);

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export function sniffEncoding(head: Uint8Array): { encoding: TextEncoding; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  // UTF-16 without BOM: ASCII text has a zero in every other byte.
  if (head.length >= 8) {
    let evenZero = 0, oddZero = 0;
    const n = Math.min(head.length, 512) & ~1;
    for (let i = 0; i < n; i += 2) { if (head[i] === 0) evenZero++; if (head[i + 1] === 0) oddZero++; }
    if (oddZero > n / 4 && evenZero === 0) return { encoding: 'utf-16le', bom: 0 };
    if (evenZero > n / 4 && oddZero === 0) return { encoding: 'utf-16be', bom: 0 };
  }
  return { encoding: 'utf-8', bom: 0 };
}

/** Re-encodes a byte stream as UTF-8 without BOM, so offsets in the result are stable for read-back. */
export async function* toUtf8(chunks: ByteStream, encoding: TextEncoding, bom: number): ByteStream {
  let skip = bom;
  const decoder = encoding === 'utf-8' ? null : new TextDecoder(encoding);
  const encoder = new TextEncoder();
  for await (let chunk of chunks) {
    if (skip > 0) {
      const cut = Math.min(skip, chunk.length);
      chunk = chunk.subarray(cut);
      skip -= cut;
      if (!chunk.length) continue;
    }
    if (!decoder) yield chunk;
    else {
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield encoder.encode(text);
    }
  }
  if (decoder) {
    const tail = decoder.decode();
    if (tail) yield encoder.encode(tail);
  }
}

/** Pulls the first `n` bytes of a stream and returns them with a stream that still yields everything. */
export async function peek(chunks: ByteStream, n: number): Promise<{ head: Uint8Array; rest: ByteStream; failure: unknown }> {
  const it = chunks[Symbol.asyncIterator]();
  const taken: Uint8Array[] = [];
  let size = 0;
  let finished = false;
  let failure: unknown = null;
  while (size < n) {
    let r: IteratorResult<Uint8Array>;
    try { r = await it.next(); } catch (e) { if (!size) throw e; failure = e; finished = true; break; }
    if (r.done) { finished = true; break; }
    taken.push(r.value);
    size += r.value.length;
  }
  const head = concat(taken, Math.min(size, n));
  async function* rest(): ByteStream {
    yield* taken;
    if (failure) throw failure;
    if (finished) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  }
  return { head, rest: rest(), failure };
}

export function concat(parts: Uint8Array[], limit = Infinity): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(Math.min(total, limit));
  let at = 0;
  for (const p of parts) {
    if (at >= out.length) break;
    const take = Math.min(p.length, out.length - at);
    out.set(take === p.length ? p : p.subarray(0, take), at);
    at += take;
  }
  return out;
}
