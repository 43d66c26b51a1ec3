// Guards against decompression bombs: a hard cap on inflated bytes and on the inflation ratio.

export interface InflateLimits {
  maxBytes: number;     // total inflated bytes of one input file
  maxRatio: number;     // inflated / compressed, checked once past `ratioFloor` bytes
  ratioFloor: number;
}

export const DEFAULT_LIMITS: InflateLimits = { maxBytes: 8 * 1024 ** 3, maxRatio: 200, ratioFloor: 64 * 1024 ** 2 };

export class InflateLimitError extends Error {}

export class InflateMeter {
  compressed = 0;
  inflated = 0;
  constructor(readonly limits: InflateLimits = DEFAULT_LIMITS) {}

  add(n: number): void {
    this.inflated += n;
    if (this.inflated > this.limits.maxBytes)
      throw new InflateLimitError(`decompressed size exceeds the ${fmt(this.limits.maxBytes)} limit (possible zip bomb); stopped`);
    if (this.inflated > this.limits.ratioFloor && this.compressed > 0 && this.inflated / this.compressed > this.limits.maxRatio)
      throw new InflateLimitError(`compression ratio above ${this.limits.maxRatio}:1 after ${fmt(this.inflated)} (possible zip bomb); stopped`);
  }
}

const fmt = (n: number) => `${Math.round(n / 1024 ** 2)} MB`;

export async function* counted(chunks: AsyncIterable<Uint8Array>, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const c of chunks) {
    onBytes(c.length);
    yield c;
  }
}
