const LABELS: Record<string, string> = {
  'm365-ual-csv': 'Microsoft 365 audit log (CSV)',
  'm365-ual-json': 'Microsoft 365 audit log (JSON)',
  'entra-signin-json': 'Entra ID sign-in log',
  'gws-reports-json': 'Google Workspace Reports API',
  'github-audit-json': 'GitHub audit log (JSON)',
  'github-audit-csv': 'GitHub audit log (CSV)',
  'anypoint-audit-json': 'MuleSoft Anypoint audit log',
};

export const formatLabel = (id: string) => LABELS[id] ?? id;

export const SOURCE_LABELS: Record<string, string> = {
  m365: 'Microsoft 365', entra: 'Entra ID', gws: 'Google Workspace', github: 'GitHub', anypoint: 'Anypoint',
};
