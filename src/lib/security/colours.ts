// Severity colours for charts (Okabe–Ito, as the rest of the app); badges use the theme's warning colours.
export const SEVERITY_COLOURS: Record<string, string> = { critical: '#D55E00', high: '#E69F00', medium: '#56B4E9', low: '#999999' };
