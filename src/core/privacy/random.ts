// Uniform integers from the platform's cryptographic generator (WebCrypto, also in Node 20). Nothing in the
// privacy layer uses the non-cryptographic Math PRNG.

const BUFFER = 1024;
let pool = new Uint32Array(0);
let next = 0;

function word(): number {
  if (next >= pool.length) {
    pool = new Uint32Array(BUFFER);
    globalThis.crypto.getRandomValues(pool);
    next = 0;
  }
  return pool[next++];
}

const TWO32 = 2 ** 32;

/** A uniform integer in [0, n) for 1 ≤ n ≤ 2^53, by rejection (no modulo bias). */
export function uniformInt(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > Number.MAX_SAFE_INTEGER) throw new RangeError(`uniformInt: bad bound ${n}`);
  if (n <= TWO32) {
    const limit = TWO32 - (TWO32 % n);
    for (;;) { const x = word(); if (x < limit) return x % n; }
  }
  const top = 2 ** 53;
  const limit = top - (top % n);
  for (;;) {
    const x = (word() & 0x1fffff) * TWO32 + word();
    if (x < limit) return x % n;
  }
}

/** True with probability num/den. */
export function bernoulli(num: number, den: number): boolean {
  return uniformInt(den) < num;
}
