// Which page is shown lives in the URL hash (`#/overview?…`), so views can be linked and reloaded.

export interface PageInfo { id: string; label: string; personal: boolean }

/** `personal: false` marks manager-facing pages: no value that identifies a person ever goes into their hash. */
export const PAGES = [
  { id: 'load', label: 'Load', personal: true },
  { id: 'overview', label: 'Overview', personal: true },
  { id: 'security', label: 'Security', personal: true },
  { id: 'productivity', label: 'Productivity', personal: false },
  { id: 'data', label: 'Data', personal: true },
  { id: 'about', label: 'About', personal: true },
] as const satisfies readonly PageInfo[];

export type PageId = (typeof PAGES)[number]['id'];

export const pageId = (text: string): PageId => (PAGES.find((p) => p.id === text)?.id ?? 'load') as PageId;

export const isPersonal = (page: string) => PAGES.find((p) => p.id === page)?.personal ?? true;

const parse = (): PageId => pageId(location.hash.replace(/^#\/?/, '').split('?')[0]);

export const route = $state({ page: parse() });

addEventListener('hashchange', () => { route.page = parse(); });

export function navigate(page: PageId): void {
  route.page = page;
}
