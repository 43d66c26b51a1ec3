export { Trail } from './trail.ts';
export { MemoryTrailStore, type TrailStore } from './store.ts';
export { verifyTrail, verifyEntries, type TrailCheck, type VerifyOptions } from './verify.ts';
export { GENESIS, toNdjson, type TrailEntry, type TrailKind, type TrailDetails } from './entry.ts';
