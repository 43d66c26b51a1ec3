import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import type { ByteStream } from './bytes.ts';

export interface ZipEntry { name: string; index: number; data: ByteStream }

/** Pull-driven streaming unzip: input is read only as fast as entries are consumed. */
export async function* unzipEntries(input: ByteStream): AsyncGenerator<ZipEntry> {
  const it = input[Symbol.asyncIterator]();
  const found: UnzipFile[] = [];
  const unzip = new Unzip((f) => found.push(f));
  unzip.register(UnzipInflate);
  let inputDone = false;

  async function pump(): Promise<boolean> {
    if (inputDone) return false;
    const r = await it.next();
    if (r.done) { inputDone = true; unzip.push(new Uint8Array(0), true); }
    else unzip.push(r.value, false);
    return true;
  }

  let index = -1;
  for (;;) {
    while (!found.length) if (!(await pump())) return;
    const file = found.shift()!;
    index++;
    if (file.name.endsWith('/')) continue;
    const queue: Uint8Array[] = [];
    let ended = false;
    let failure: Error | null = null;
    file.ondata = (err, data, final) => {
      if (err) failure = new Error(`zip entry ${file.name}: ${err.message}`);
      else if (data.length) queue.push(data);
      if (final) ended = true;
    };
    try { file.start(); } catch (e) { throw new Error(`zip entry ${file.name}: unsupported compression method ${file.compression}`); }
    const data = (async function* (): ByteStream {
      for (;;) {
        if (queue.length) { yield queue.shift()!; continue; }
        if (failure) throw failure;
        if (ended) return;
        if (!(await pump()) && !queue.length && !ended) throw new Error(`zip entry ${file.name}: archive is truncated`);
      }
    })();
    yield { name: file.name, index, data };
    for await (const _ of data); // drain what the consumer left
  }
}
