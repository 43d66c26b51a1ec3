// The same engine-facing tests run on both implementations (as duckdb-wasm's own suites do).

import type { Engine } from '../../src/core/engine.ts';
import { openNative } from '../../workers/engine/native.ts';
import { extensionRequests, openWasmNode } from '../../workers/engine/wasm-node.ts';

export const ENGINES: { name: string; open: () => Promise<Engine> }[] = [
  { name: 'duckdb-wasm', open: openWasmNode },
  { name: 'native', open: () => openNative() },
];

export { extensionRequests };
