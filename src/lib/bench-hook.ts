// Loaded only when the URL asks for it (`#/load?bench`): lets `npm run bench` time the detection pack in the page.

import { engineForBench } from './engine/registry.ts';

(window as unknown as { __auditlens: unknown }).__auditlens = {
  memory: () => engineForBench().memory(),
  detect: async () => {
    const engine = engineForBench();
    const run = (engine as unknown as { detect?: (...a: unknown[]) => Promise<unknown> }).detect;
    if (!run) throw new Error('this build has no detection API');
    return run.call(engine, {}, []);
  },
};
