// Okabe–Ito: distinguishable with the common colour-vision deficiencies.
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export const SOURCE_COLOURS: Record<string, string> = {
  m365: '#0072B2', entra: '#56B4E9', gws: '#009E73', github: '#CC79A7', anypoint: '#E69F00',
};
