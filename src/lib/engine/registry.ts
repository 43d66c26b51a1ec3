import type { Engine } from './Engine.svelte.ts';

let current: Engine | null = null;

/** The page's one Engine, registered by App; only the benchmark hook reads it from outside the component tree. */
export const registerEngine = (e: Engine) => { current = e; };
export const engineForBench = (): Engine => {
  if (!current) throw new Error('engine not started');
  return current;
};
