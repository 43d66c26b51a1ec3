// Which cells may be published. Three rules, applied until none changes anything:
//  1. primary: a cell needs at least k members;
//  2. per period, every "atom" (the people who share exactly the same set of published cells) is empty or
//     has at least k people. Any sum an attacker can build from published cells (differences of overlapping
//     filters, parent minus children, totals minus the shown rows) is constant on atoms, so it always covers
//     at least k people. This implies that no two published cells differ by 1..k-1 members.
//  3. per group, a published cell whose membership differs from the group's previous published cell by
//     1..k-1 people is withheld (churn between consecutive periods).
// When an atom is too small, one cell is withheld: either a cell the atom belongs to (its people move to a
// bigger atom) or a cell that would merge a neighbouring atom into it (complementary suppression). The cell
// with the fewest members is chosen, so the totals and the big groups survive.

export interface SetCell {
  id: string;
  group: string;
  periodIndex: number;
  members: ReadonlySet<string>;
}

/** `minMembers` (default k) is the primary threshold; k is the protection every derivable sum keeps. */
export function choosePublished(cells: readonly SetCell[], k: number, minMembers = k): Set<string> {
  const published = new Set(cells.filter((c) => c.members.size >= Math.max(k, minMembers)).map((c) => c.id));
  const byPeriod = groupBy(cells, (c) => c.periodIndex);
  const byGroup = groupBy(cells, (c) => c.group);
  for (const list of byGroup.values()) list.sort((a, b) => a.periodIndex - b.periodIndex);
  for (let changed = true; changed;) {
    changed = false;
    for (const list of byPeriod.values()) if (fixAtoms(list, published, k)) changed = true;
    for (const list of byGroup.values()) if (fixChurn(list, published, k)) changed = true;
  }
  return published;
}

interface Atom { key: string; cells: number[]; size: number }

function fixAtoms(periodCells: readonly SetCell[], published: Set<string>, k: number): boolean {
  let changed = false;
  for (;;) {
    const live = periodCells.filter((c) => published.has(c.id)).sort((a, b) => cmp(a.id, b.id));
    const atoms = atomsOf(live);
    const small = [...atoms.values()].filter((a) => a.size < k).sort((a, b) => a.size - b.size || cmp(a.key, b.key))[0];
    if (!small) return changed;
    const options = new Set(small.cells);
    for (const other of atoms.values()) {
      if (other.cells.length === small.cells.length + 1 && small.cells.every((j) => other.cells.includes(j))) {
        options.add(other.cells.find((j) => !small.cells.includes(j))!);
      }
    }
    const chosen = [...options].map((j) => live[j]).sort((a, b) => a.members.size - b.members.size || cmp(a.id, b.id))[0];
    published.delete(chosen.id);
    changed = true;
  }
}

/** People grouped by the exact list of published cells they are in (people in none are left out). */
export function atomsOf(live: readonly SetCell[]): Map<string, Atom> {
  const signature = new Map<string, number[]>();
  live.forEach((c, j) => {
    for (const pid of c.members) {
      const s = signature.get(pid);
      if (s) s.push(j); else signature.set(pid, [j]);
    }
  });
  const atoms = new Map<string, Atom>();
  for (const cells of signature.values()) {
    const key = cells.join(',');
    const atom = atoms.get(key);
    if (atom) atom.size++; else atoms.set(key, { key, cells, size: 1 });
  }
  return atoms;
}

function fixChurn(groupCells: readonly SetCell[], published: Set<string>, k: number): boolean {
  let changed = false;
  let previous: SetCell | null = null;
  for (const cell of groupCells) {
    if (!published.has(cell.id)) continue;
    if (previous) {
      const d = symmetricDifference(previous.members, cell.members);
      if (d > 0 && d < k) { published.delete(cell.id); changed = true; continue; }
    }
    previous = cell;
  }
  return changed;
}

export function symmetricDifference(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let common = 0;
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (big.has(x)) common++;
  return a.size + b.size - 2 * common;
}

function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item); else out.set(k, [item]);
  }
  return out;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
