// A dropped file becomes one or more text entries: plain, .gz, .zip (several members), UTF-16 or UTF-8.

import { gunzip, isGzip, isZip, iterate, peek, sniffEncoding, toUtf8, type ByteStream, type TextEncoding } from './bytes.ts';
import { counted, InflateMeter, type InflateLimits } from './limits.ts';
import { unzipEntries } from './unzip.ts';

export interface TextEntry {
  /** Display name: `archive.zip › inner/file.json` */
  name: string;
  /** Zip member indexes from the outer file inwards; empty for a plain or gzip file. */
  path: number[];
  encoding: TextEncoding;
  compressed: boolean;
  /** UTF-8 bytes without BOM; offsets into this stream are what raw pointers store. */
  stream: ByteStream;
}

export interface OpenOptions { limits?: InflateLimits; onInputBytes?: (n: number) => void }

const MAX_DEPTH = 3;

export async function* openEntries(blob: Blob, name: string, opts: OpenOptions = {}): AsyncGenerator<TextEntry> {
  const meter = new InflateMeter(opts.limits);
  const raw = counted(iterate(blob.stream() as ReadableStream<Uint8Array>), (n) => {
    meter.compressed += n;
    opts.onInputBytes?.(n);
  });
  yield* classify(raw, name.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g, ''), [], meter, 0, false);
}

async function* classify(
  chunks: ByteStream, name: string, path: number[], meter: InflateMeter, depth: number, compressed: boolean,
): AsyncGenerator<TextEntry> {
  const { head, rest } = await peek(chunks, 4096);
  if (isGzip(head)) {
    if (depth >= MAX_DEPTH) throw new Error(`${name}: compressed more than ${MAX_DEPTH} levels deep`);
    const inflated = counted(iterate(gunzip(toReadable(rest))), (n) => meter.add(n));
    yield* classify(inflated, name, path, meter, depth + 1, true);
    return;
  }
  if (isZip(head)) {
    if (depth >= MAX_DEPTH) throw new Error(`${name}: archives nested more than ${MAX_DEPTH} levels deep`);
    for await (const entry of unzipEntries(rest)) {
      const inner = counted(entry.data, (n) => meter.add(n));
      yield* classify(inner, `${name} › ${safeName(entry.name)}`, [...path, entry.index], meter, depth + 1, true);
    }
    return;
  }
  const { encoding, bom } = sniffEncoding(head);
  yield { name, path, encoding, compressed, stream: toUtf8(rest, encoding, bom) };
}

/** Archive member names are only ever displayed; strip control characters and path tricks from them. */
export function safeName(name: string): string {
  const parts = name.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g, '').split(/[\\/]+/);
  return parts.filter((p) => p && p !== '.' && p !== '..').join('/') || '(unnamed)';
}

function toReadable(chunks: ByteStream): ReadableStream<Uint8Array> {
  const it = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const r = await it.next();
      if (r.done) controller.close();
      else controller.enqueue(r.value);
    },
    async cancel() { await it.return?.(); },
  });
}
