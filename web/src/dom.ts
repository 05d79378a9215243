// Small DOM helpers: escaping, a page skeleton built once per route (so live updates refill it
// without flicker), and links between pages.
export function esc(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

// Builds `html` into `root` unless the same page (`key`) is already there; returns whether it did.
export function skeleton(root: HTMLElement, key: string, html: string): boolean {
  if (root.dataset.page === key) return false;
  root.dataset.page = key;
  root.innerHTML = html;
  return true;
}

export function el<T extends HTMLElement = HTMLElement>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`missing ${selector}`);
  return found;
}

export const link = {
  overview: () => '#/',
  turnout: () => '#/turnout',
  map: () => '#/map',
  unit: (id: string) => `#/unit/${encodeURIComponent(id)}`,
  station: (id: string) => `#/station/${encodeURIComponent(id)}`,
  contest: (id: string) => `#/contest/${encodeURIComponent(id)}`,
  rejected: () => '#/rejected',
  observers: () => '#/observers',
  statistics: () => '#/statistics',
};
