// Search for a station, a unit or a candidate (#/search?q=TEXT): the server's answer
// (GET /api/v1/search) as links to the station's, unit's or contest's page, each with what it
// is and where (the unit above, or the contest and the party's list). The header's search box
// (searchBox) leads here from every page.
import type { Context } from '../context';
import { el, esc, link, skeleton } from '../dom';
import { nameOf, t, tf, type Label, type Names } from '../i18n';

export type SearchHit = {
  kind: 'station' | 'unit' | 'candidate';
  id: string;
  name: Names;
  parent?: string;
  parent_name?: Names;
  contest?: string;
  option?: string;
  list_position?: number;
};
export type SearchAnswer = { query: string; limit: number; truncated: boolean; results: SearchHit[] };

export const searchLink = (query: string) => `#/search?q=${encodeURIComponent(query)}`;

// The query of a "#/search?q=..." address; empty when there is none.
export function searchQuery(hash: string): string {
  const at = hash.indexOf('?');
  return at < 0 ? '' : (new URLSearchParams(hash.slice(at + 1)).get('q') ?? '');
}

async function search(query: string): Promise<SearchAnswer> {
  const response = await fetch(`/api/v1/search?q=${encodeURIComponent(query)}&limit=50`, { cache: 'no-cache' });
  if (!response.ok) {
    const body = await response.json().catch(() => ({ message: response.statusText }));
    throw new Error(`search: ${response.status} ${body.message ?? ''}`);
  }
  return (await response.json()) as SearchAnswer;
}

function hitHtml(ctx: Context, hit: SearchHit): string {
  const name = nameOf(hit.name, hit.id);
  let href = link.unit(hit.id);
  let where = hit.parent_name ? nameOf(hit.parent_name, hit.parent) : '';
  if (hit.kind === 'station') href = link.station(hit.id);
  if (hit.kind === 'candidate' && hit.contest) {
    href = link.contest(hit.contest);
    const contest = ctx.contest(hit.contest);
    where = contest ? nameOf(contest.name, hit.contest) : hit.contest;
    if (hit.list_position && contest) where += ` · ${tf('listCandidate', { party: ctx.optionLabel(contest, hit.option ?? ''), n: hit.list_position })}`;
  }
  return (
    `<li data-kind="${esc(hit.kind)}" data-id="${esc(hit.id)}"><a href="${href}">${esc(name)}</a>` +
    `<span class="kind">${esc(t(`kind_${hit.kind}` as Label))}${hit.kind !== 'candidate' ? ` · ${esc(hit.id)}` : ''}</span>` +
    `${where ? `<div><small>${esc(where)}</small></div>` : ''}</li>`
  );
}

export async function renderSearch(root: HTMLElement, ctx: Context, query: string): Promise<void> {
  // A query the server refuses (over 100 characters) is said on the page, not as a page error.
  let refused = '';
  const answer = query.trim() ? await search(query).catch((error: Error) => ((refused = error.message), null)) : null;
  if (
    skeleton(
      root,
      `search:${query}`,
      `<section class="card wide"><h2 data-l="searchTitle"></h2>` +
        `<form id="search-form" class="search-form" role="search"><input id="search-input" type="search" maxlength="100" autocomplete="off" aria-label="${esc(t('searchSite'))}" placeholder="${esc(t('searchSite'))}" value="${esc(query)}">` +
        `<button type="submit" data-l="searchButton"></button></form>` +
        `<p id="search-summary"></p><ul id="search-results" class="search-results"></ul></section>`,
    )
  ) {
    el<HTMLFormElement>(root, '#search-form').addEventListener('submit', (event) => {
      event.preventDefault();
      location.hash = searchLink(el<HTMLInputElement>(root, '#search-input').value.trim());
    });
  }
  const summary = refused
    ? refused
    : !answer
    ? t('searchHint')
    : answer.results.length === 0
      ? tf('searchNothing', { q: query })
      : `${tf('searchFound', { q: query, n: answer.results.length })}${answer.truncated ? ` · ${tf('searchMore', { n: answer.results.length })}` : ''}`;
  el(root, '#search-summary').textContent = summary;
  el(root, '#search-results').innerHTML = (answer?.results ?? []).map((hit) => hitHtml(ctx, hit)).join('');
}

// The header's search box, built once: it leads to the search page.
export function searchBox(header: HTMLElement): void {
  let form = header.querySelector<HTMLFormElement>('#site-search');
  if (!form) {
    form = Object.assign(document.createElement('form'), { id: 'site-search', className: 'search-form site-search' });
    form.setAttribute('role', 'search');
    form.innerHTML = `<input id="site-search-input" type="search" maxlength="100" autocomplete="off"><button type="submit">⌕</button>`;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = form!.querySelector<HTMLInputElement>('input')!.value.trim();
      if (text) location.hash = searchLink(text);
    });
    const languages = header.querySelector('.languages');
    header.insertBefore(form, languages);
  }
  const input = form.querySelector<HTMLInputElement>('input')!;
  input.placeholder = t('searchSite');
  input.setAttribute('aria-label', t('searchSite'));
  form.querySelector('button')!.setAttribute('aria-label', t('searchButton'));
}
