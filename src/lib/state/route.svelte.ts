// Which page is shown lives in the URL hash (`#/overview?…`), so views can be linked and reloaded.

export const PAGES = [
  { id: 'load', label: 'Load' },
  { id: 'overview', label: 'Overview' },
  { id: 'about', label: 'About' },
] as const;

export type PageId = (typeof PAGES)[number]['id'];

const parse = (): PageId => {
  const id = location.hash.replace(/^#\/?/, '').split('?')[0];
  return (PAGES.find((p) => p.id === id)?.id ?? 'load') as PageId;
};

export const route = $state({ page: parse() });

addEventListener('hashchange', () => { route.page = parse(); });

export function navigate(page: PageId): void {
  route.page = page;
  if (parse() !== page) location.hash = `#/${page}`;
}
