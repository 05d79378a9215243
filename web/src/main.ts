// The saylau dashboard: a hash router over the pages, the language switch, and live updates
// from the event stream (the current page is refreshed in place, never reloaded).
import './theme'; // the theme first: the page is coloured before it is drawn
import './style.css';
import './print.css';
import './theme.css';
import './a11y.css';
import { api } from './api';
import { Context } from './context';
import { esc, link } from './dom';
import { lang, nameOf, setLang, t, type Label, type Lang } from './i18n';
import { followEvents } from './live';
import { focusScrollers, namePage, renderChromeText, setUpChrome } from './page_chrome';
import { renderContest, renderContests } from './pages/contest';
import { renderMap } from './pages/map';
import { renderOverview } from './pages/overview';
import { renderObservers } from './pages/observers';
import { renderStatistics } from './pages/statistics';
import { renderRejected } from './pages/rejected';
import { isSenateNight, renderSenate } from './pages/senate';
import { renderStation } from './pages/station';
import { renderTurnout } from './pages/turnout';
import { renderUnit } from './pages/unit';
import { renderDownloads } from './pages/downloads';
import { renderSearch, searchBox, searchQuery } from './pages/search';
import { renderProtocol } from './pages/protocol';

const app = document.getElementById('app')!;
let ctx: Context;
let rendering = false;
let again = false;

const pages: { href: string; label: Label }[] = [
  { href: link.overview(), label: 'results' },
  { href: link.turnout(), label: 'turnout' },
  { href: link.map(), label: 'map' },
  { href: '#/contests', label: 'contests' },
  { href: link.rejected(), label: 'rejected' },
  { href: link.observers(), label: 'observers' },
  { href: link.statistics(), label: 'statistics' },
];

function renderChrome(): void {
  document.documentElement.lang = lang();
  document.getElementById('election-name')!.textContent = nameOf(ctx.election.name);
  const current = location.hash || '#/';
  // A night with Senate sittings has their page (the front page when no party list leads it).
  const shown = ctx.election.contests.some((c) => c.kind === 'indirect_majority') ? [pages[0], { href: '#/senate', label: 'senate' as Label }, ...pages.slice(1)] : pages;
  document.getElementById('nav')!.innerHTML = shown
    .map((p) => `<a href="${p.href}" class="${current === p.href ? 'active' : ''}"${current === p.href ? ' aria-current="page"' : ''} data-l="${p.label}">${esc(t(p.label))}</a>`)
    .join('');
  document.querySelectorAll<HTMLButtonElement>('[data-lang]').forEach((b) => {
    b.classList.toggle('active', b.dataset.lang === lang());
    b.setAttribute('aria-pressed', String(b.dataset.lang === lang()));
  });
  renderChromeText();
  const live = document.getElementById('live'); // the live badge in the page's language too
  if (live) live.textContent = live.classList.contains('on') ? `● ${t('live')}` : `○ ${t('offline')}`;
  searchBox(document.querySelector<HTMLElement>('header')!);
  document.getElementById('foot')!.innerHTML =
    `saylau · <a href="/desk">${esc(t('desk'))}</a> · <a href="/api/v1/election">API</a> · <a href="/metrics">metrics</a> · ${esc(t('openData'))}: <a href="/api/v1/results?contest=${encodeURIComponent(ctx.mainContest.id)}">JSON</a> · <a href="#/downloads">${esc(t('downloads'))}</a>`;
}

async function route(): Promise<void> {
  if (/^#\/search(\?|$)/.test(location.hash)) return renderSearch(app, ctx, searchQuery(location.hash));
  const parts = (location.hash.replace(/^#\/?/, '') || '').split('/').map(decodeURIComponent);
  switch (parts[0]) {
    case '':
      return isSenateNight(ctx) ? renderSenate(app) : renderOverview(app, ctx);
    case 'senate':
      return renderSenate(app);
    case 'turnout':
      return renderTurnout(app, ctx);
    case 'map':
      return renderMap(app, ctx);
    case 'unit':
      return renderUnit(app, ctx, parts[1]);
    case 'station':
      return renderStation(app, ctx, parts[1]);
    case 'contests':
      return renderContests(app, ctx);
    case 'contest':
      return renderContest(app, ctx, parts[1]);
    case 'rejected':
      return renderRejected(app, ctx);
    case 'observers':
      return renderObservers(app, ctx);
    case 'protocol':
      return renderProtocol(app, ctx, parts[1], parts[2]);
    case 'statistics':
      return renderStatistics(app, ctx);
    case 'downloads':
      return renderDownloads(app);
    default:
      location.hash = link.overview();
  }
}

// Renders the current page; a request during a render runs once more after it.
async function render(): Promise<void> {
  if (rendering) {
    again = true;
    return;
  }
  rendering = true;
  try {
    renderChrome();
    await route();
    app.querySelectorAll<HTMLElement>('[data-l]').forEach((node) => (node.textContent = t(node.dataset.l as Label)));
    namePage(app, document.querySelector<HTMLElement>('#nav a[aria-current="page"]')?.textContent ?? undefined, nameOf(ctx.election.name));
    focusScrollers(app);
    app.dataset.updated = new Date().toISOString();
    document.getElementById('status-bar')!.classList.remove('error');
  } catch (error) {
    const bar = document.getElementById('status-bar')!;
    bar.textContent = String(error);
    bar.classList.add('error');
  } finally {
    rendering = false;
    if (again) {
      again = false;
      void render();
    }
  }
}

async function start(): Promise<void> {
  ctx = new Context(await api.election());
  setUpChrome(app, () => {
    delete app.dataset.page; // draw the page's charts again in the theme's colours
    void render();
  });
  document.querySelectorAll<HTMLButtonElement>('[data-lang]').forEach((button) =>
    button.addEventListener('click', () => {
      setLang(button.dataset.lang as Lang);
      delete app.dataset.page; // rebuild the page in the new language
      void render();
    }),
  );
  window.addEventListener('hashchange', () => void render());
  followEvents(
    () => void render(),
    (connected) => {
      const live = document.getElementById('live') ?? document.querySelector('header')!.appendChild(Object.assign(document.createElement('span'), { id: 'live' }));
      live.className = connected ? 'live on' : 'live off';
      live.textContent = connected ? `● ${t('live')}` : `○ ${t('offline')}`;
    },
  );
  await render();
}

void start();
