// Peak resident memory of a browser's process tree, sampled from /proc (Linux).

import { readdirSync, readFileSync } from 'node:fs';

function tree(root: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* process ended */ }
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const [pid, ppid] of parent) if (ppid === out[i]) out.push(pid);
  return out;
}

function rssBytes(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try { total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024; } catch { /* gone */ }
  }
  return total;
}

export function sampler(rootPid: number, everyMs = 250): { stop(): number } {
  let peak = 0;
  const tick = () => { peak = Math.max(peak, rssBytes(tree(rootPid))); };
  tick();
  const timer = setInterval(tick, everyMs);
  return { stop() { clearInterval(timer); tick(); return peak; } };
}

/** The browser process launched with a unique tag flag (its children are renderers, GPU, utility…). */
export function browserPid(tag: string): number | null {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      if (cmd.includes(tag) && !cmd.some((a) => a.startsWith('--type='))) return Number(d);
    } catch { /* gone */ }
  }
  return null;
}
