// Okabe–Ito: distinguishable with the common colour-vision deficiencies. Black is left out (it vanishes on the
// dark theme) and yellow comes last (weak contrast on white).
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#999999', '#F0E442'];

export const SOURCE_COLOURS: Record<string, string> = {
  m365: '#0072B2', entra: '#56B4E9', gws: '#009E73', github: '#CC79A7', anypoint: '#E69F00',
};

export const OUTCOME_COLOURS: Record<string, string> = { success: '#009E73', failure: '#D55E00', unknown: '#999999' };

/** A stable colour per key: known keys keep theirs, others take palette colours in order of first sight. */
export function colourScale(known: Record<string, string> = {}): (key: string) => string {
  const seen = new Map<string, string>();
  return (key) => {
    if (known[key]) return known[key];
    if (!seen.has(key)) seen.set(key, PALETTE[seen.size % PALETTE.length]);
    return seen.get(key)!;
  };
}
