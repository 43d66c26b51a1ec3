// Light, dark, or whatever the system prefers. The choice (never any data) is remembered in localStorage.

export type ThemeMode = 'system' | 'light' | 'dark';

const KEY = 'auditlens.theme';

function stored(): ThemeMode {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch { return 'system'; }
}

export const theme = $state({ mode: stored() });

function apply(mode: ThemeMode): void {
  const root = document.documentElement;
  root.classList.toggle('light', mode === 'light');
  root.classList.toggle('dark', mode === 'dark');
}

export function setTheme(mode: ThemeMode): void {
  theme.mode = mode;
  apply(mode);
  try {
    if (mode === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, mode);
  } catch { /* storage may be disabled; the choice then lasts for this visit */ }
}

/** Whether the page currently shows dark colours (for charts that need to know). */
export function isDark(): boolean {
  if (theme.mode !== 'system') return theme.mode === 'dark';
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

export const initTheme = () => apply(theme.mode);
