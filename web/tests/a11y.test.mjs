// The dashboard is usable by everyone (issue 21, item 3): axe-core finds no serious or critical
// violation on any page in kk, ru and en (and on a few pages in the dark theme), every page has
// exactly one h1, every chart has a text alternative (an accessible name and a table), and the
// keyboard reaches the skip link, the navigation, the language and theme buttons and the map's
// tiles, where Enter does what a click does. One server, one browser; axe is injected once per
// page load and each page is reached by its hash, as a reader would.
//   node web/tests/a11y.test.mjs --saylau build/debug/src/cli/saylau --out build/debug/test-output/browser
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, option, out, repo, run, serve } from './harness.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const definition = option('--definition', join(repo, 'elections/kz/2023-03-19-mazhilis.toml'));
const work = mkdtempSync(join(tmpdir(), 'saylau-a11y-'));
let server;
let browser;
const failures = [];

// A night half counted: turnout through the day, half the protocols and one rejected.
function prepareNight() {
  run('synth', definition, '--seed', '7', '--stations', '120', '--out', join(work, 'night'));
  const db = join(work, 'night.db');
  run('init', definition, '--db', db, '--stations', join(work, 'night/stations.csv'));
  run('keys', 'log', '--out', join(work, 'log.key'));
  const [header, ...rows] = readFileSync(join(work, 'night/protocols.csv'), 'utf8').trim().split('\n');
  const found = header.split(',').indexOf('found');
  const broken = rows[rows.length - 1].split(',');
  broken[found] = String(Number(broken[found]) + 100000);
  writeFileSync(join(work, 'half.csv'), [header, ...rows.slice(0, rows.length / 2), broken.join(',')].join('\n') + '\n');
  try {
    run('ingest', '--db', db, join(work, 'night/turnout.csv'), join(work, 'half.csv'));
  } catch (error) {
    if (error.status !== 1) throw error; // 1: the broken protocol was rejected, as meant
  }
  // An observers' PVT beside the count, so the statistics page draws all its charts.
  run('pvt', 'design', definition, '--station-list', join(work, 'night/stations.csv'), '--stations', '30', '--seed', '3', '--out', join(work, 'sample.csv'));
  try {
    run('pvt', 'estimate', '--sample', join(work, 'sample.csv'), '--definition', definition, '--stations', join(work, 'night/stations.csv'),
      '--protocols', join(work, 'night/protocols.csv'), '--draws', '500', '--json', join(work, 'pvt.json'));
  } catch (error) {
    if (error.status !== 1) throw error; // 1: the official count is outside an interval, which is fine here
  }
  return { db, station: rows[0].split(',')[1], region: 'astana' };
}

// axe on the page as it is now; the serious and critical violations, printed and collected.
async function audit(page, what) {
  if (process.argv.includes('--all-impacts')) await page.evaluate(() => (window.__allImpacts = true));
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical' || window.__allImpacts)
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')}: ${n.failureSummary.split('\n').slice(1, 3).join(' ')}`) }));
  });
  for (const v of violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical') {
      console.log(`${what}: ${v.id} (${v.impact}) ${v.help}`); // --all-impacts: told, not failed
      continue;
    }
    failures.push(`${what}: ${v.id} (${v.impact}) ${v.help}`);
    console.error(`${what}: ${v.id} (${v.impact}) ${v.help}\n    ${v.nodes.join('\n    ')}`);
  }
}

// One h1, and every chart named (role img with a non-empty label) with its figures in a table.
async function checkStructure(page, what) {
  const found = await page.evaluate(() => ({
    h1: [...document.querySelectorAll('h1')].map((h) => h.textContent.trim()),
    charts: [...document.querySelectorAll('.chart')].map((chart) => {
      const labelledBy = (chart.getAttribute('aria-labelledby') ?? '').split(' ').filter(Boolean);
      const name = (chart.getAttribute('aria-label') ?? '') + labelledBy.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
      const table = chart.id ? document.querySelector(`table[data-chart="${chart.id}"]`) : null;
      return { id: chart.id, role: chart.getAttribute('role'), name: name.trim(), rows: table ? table.querySelectorAll('tbody tr').length : -1 };
    }),
  }));
  if (found.h1.length !== 1 || !found.h1[0]) failures.push(`${what}: ${found.h1.length} h1 (${found.h1.join(' | ')}), one with text expected`);
  for (const chart of found.charts) {
    if (!['img', 'group'].includes(chart.role) || !chart.name) failures.push(`${what}: chart #${chart.id} has no accessible name (role ${chart.role})`);
    if (chart.rows < 0) failures.push(`${what}: chart #${chart.id} has no table of its figures`);
  }
  return found;
}

// Goes to `hash` in the loaded dashboard and waits until the page is drawn (and its charts).
async function visit(page, hash) {
  const before = await page.evaluate(() => document.getElementById('app').dataset.updated ?? '');
  if (await page.evaluate((h) => location.hash === h || (h === '#/' && location.hash === ''), hash)) {
    await page.evaluate(() => (location.hash = '#/contests')); // there already: leave and come back, so it is drawn anew
    await page.waitForFunction((b) => (document.getElementById('app').dataset.updated ?? '') !== b, before);
    return visit(page, hash);
  }
  await page.evaluate((h) => (location.hash = h), hash);
  await page.waitForFunction((b) => (document.getElementById('app').dataset.updated ?? '') !== b || document.getElementById('status-bar').classList.contains('error'), before, { timeout: 20_000 });
  const error = await page.evaluate(() => (document.getElementById('status-bar').classList.contains('error') ? document.getElementById('status-bar').textContent : ''));
  if (error) throw new Error(`${hash}: the page failed to draw: ${error}`);
  await page
    .waitForFunction(() => [...document.querySelectorAll('.chart')].every((c) => c.querySelector('svg') || c.getBoundingClientRect().width === 0), null, { timeout: 20_000 })
    .catch(async (error) => {
      const undrawn = await page.evaluate(() => [...document.querySelectorAll('.chart')].filter((c) => !c.querySelector('svg')).map((c) => `${c.id}.${c.className}`));
      throw new Error(`${hash}: charts not drawn: ${undrawn.join(', ')} (${error.message})`);
    });
  await page.waitForTimeout(150);
}

// Tabs from the top of the page until `want` (a predicate on the focused element) holds; the
// focused elements' descriptions on the way.
async function tabUntil(page, want, most = 60) {
  const seen = [];
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const e = document.activeElement;
      return { tag: e?.tagName ?? '', text: (e?.textContent ?? '').trim().slice(0, 40), cls: e?.className?.baseVal ?? e?.className ?? '', lang: e?.dataset?.lang ?? '', theme: e?.dataset?.themeChoice ?? '', href: e?.getAttribute?.('href') ?? '', inTiles: !!e?.closest?.('#tiles, .tiles') };
    });
    seen.push(focused);
    if (want(focused)) return seen;
  }
  throw new Error(`Tab never reached it; focused: ${seen.map((f) => `${f.tag}.${f.cls} ${f.text}`).join(' → ')}`);
}

try {
  const started = Date.now();
  const night = prepareNight();
  const contest = 'mazhilis-smd-01';
  const served = serve(night.db, '--log-key', join(work, 'log.key'), '--pvt', join(work, 'pvt.json'));
  server = served.server;
  const url = await served.url;
  browser = await launchChromium(join(work, 'chromium'), { width: 1440, height: 900 });
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const pages = ['#/', '#/turnout', '#/map', '#/contests', `#/contest/${contest}`, `#/unit/${night.region}`, `#/station/${encodeURIComponent(night.station)}`, '#/rejected', '#/observers', '#/statistics'];

  await page.goto('about:blank'); // a new document, not a move within this one
  await page.goto(`${url}/#/`);
  await page.waitForSelector('#hemicycle svg');
  await page.addScriptTag({ content: axeSource });
  for (const lang of ['en', 'kk', 'ru']) {
    await page.click(`[data-lang="${lang}"]`);
    for (const hash of pages) {
      await visit(page, hash);
      const what = `${lang} ${hash}`;
      await checkStructure(page, what);
      await audit(page, what);
    }
    console.log(`${lang}: ${pages.length} pages audited at ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  // A phone's width (wide tables scroll sideways there), in Kazakh.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.click('[data-lang="kk"]');
  for (const hash of ['#/', `#/station/${encodeURIComponent(night.station)}`, '#/statistics', '#/observers']) {
    await visit(page, hash);
    await audit(page, `390 px kk ${hash}`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });

  // The desk, in each language (its own page load, so axe is injected again).
  for (const lang of ['en', 'kk', 'ru']) {
    await page.goto(`${url}/desk`);
    await page.waitForSelector('#key-card *');
    await page.click(`[data-lang="${lang}"]`);
    await page.addScriptTag({ content: axeSource });
    await checkStructure(page, `${lang} /desk`);
    await audit(page, `${lang} /desk`);
  }

  // A Senate night's front page (the electors' sittings), on a second server of its own.
  const senateDb = join(work, 'senate.db');
  run('init', option('--senate-definition', join(repo, 'elections/kz/2023-01-14-senate.toml')), '--db', senateDb);
  const senate = serve(senateDb);
  try {
    await page.goto(`${await senate.url}/#/`);
    await page.waitForSelector('#sitting-grid .sitting-tile');
    await page.addScriptTag({ content: axeSource });
    for (const lang of ['en', 'kk', 'ru']) {
      await page.click(`[data-lang="${lang}"]`);
      await page.waitForFunction((l) => document.documentElement.lang === l && document.querySelector('#sitting-grid .sitting-tile'), lang);
      await checkStructure(page, `${lang} senate #/`);
      await audit(page, `${lang} senate #/`);
    }
  } finally {
    const stopped = new Promise((done) => senate.server.on('exit', done));
    senate.server.kill('SIGINT');
    await stopped;
  }

  // The dark theme (the system's preference, no choice stored): contrast passes there too.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('about:blank'); // a new document, not a move within this one
  await page.goto(`${url}/#/`);
  await page.waitForSelector('#hemicycle svg');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'the dark theme follows prefers-color-scheme');
  const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  await page.addScriptTag({ content: axeSource });
  for (const hash of ['#/', '#/map', '#/station/' + encodeURIComponent(night.station), '#/statistics']) {
    await visit(page, hash);
    await audit(page, `dark en ${hash}`);
    await page.screenshot({ path: join(out, `a11y-dark-${hash.replace(/[^a-z]/g, '') || 'overview'}.png`), fullPage: true });
  }
  await page.goto(`${url}/desk`); // the desk follows the theme too
  await page.waitForSelector('#key-card *');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'the desk is dark as well');
  await page.addScriptTag({ content: axeSource });
  await audit(page, 'dark en /desk');
  await page.screenshot({ path: join(out, 'a11y-dark-desk.png'), fullPage: true });
  await page.goto(`${url}/#/`);
  await page.waitForSelector('#hemicycle svg');
  // The toggle overrides the system and is kept: light chosen, reloaded, still light.
  await page.click('[data-theme-choice="light"]');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
  assert.notEqual(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor), background, 'the page is drawn light again');
  await page.goto('about:blank'); // a new document, not a move within this one
  await page.goto(`${url}/#/`);
  await page.waitForSelector('#hemicycle svg');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light', 'the choice survives a reload');
  assert.equal(await page.locator('[data-theme-choice="light"]').getAttribute('aria-pressed'), 'true');
  await page.click('[data-theme-choice="auto"]');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'auto follows the system again');
  await page.emulateMedia({ colorScheme: 'light' }); // the system turns light: auto draws the page light
  await page.goto('about:blank');
  await page.goto(`${url}/#/`);
  await page.waitForSelector('#hemicycle svg');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light', 'auto follows the system');

  // The keyboard: from the top, Tab reaches the skip link first, which moves the focus to the page.
  await page.goto('about:blank'); // a new document, not a move within this one
  await page.goto(`${url}/#/`);
  await page.waitForSelector('#hemicycle svg');
  const first = await tabUntil(page, () => true, 1);
  assert.match(first[0].cls, /skip/, `the first Tab stop is the skip link, not ${JSON.stringify(first[0])}`);
  assert.ok(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle !== 'none'), 'the focused skip link shows its focus');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'app', 'the skip link moves the focus to the page');
  assert.equal(await page.evaluate(() => location.hash), '#/', 'and leaves the route alone');
  // The navigation, then the language buttons and the theme buttons; Enter follows a link.
  await page.evaluate(() => document.activeElement.blur());
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.keyboard.press('Shift+Tab'); // back to the document's start
  await tabUntil(page, (f) => f.tag === 'A' && f.href === '#/turnout');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash === '#/turnout' && document.getElementById('app').dataset.page?.startsWith('turnout'));
  await tabUntil(page, (f) => f.lang === 'kk');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.documentElement.lang === 'kk');
  await tabUntil(page, (f) => f.theme === 'dark');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'Enter on the theme button');
  await page.keyboard.press('Enter'); // twice: still dark
  await page.click('[data-theme-choice="auto"]');
  await page.click('[data-lang="en"]');
  // The map's tiles are Tab stops, and Enter on one opens its region.
  await visit(page, '#/map');
  await page.evaluate(() => document.activeElement?.blur());
  await tabUntil(page, (f) => f.inTiles, 80);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash.startsWith('#/unit/'), null, { timeout: 5000 });

  // Screenshots of the chrome (skip link focused, theme buttons) at both widths.
  for (const [width, height] of [[1440, 900], [390, 844]]) {
    await page.setViewportSize({ width, height });
    await page.goto('about:blank');
    await page.goto(`${url}/#/`);
    await page.waitForSelector('#hemicycle svg');
    await page.keyboard.press('Tab');
    await page.screenshot({ path: join(out, `a11y-focus-${width}.png`) });
  }

  assert.deepEqual(errors, [], 'no script errors in the page');
  assert.deepEqual(failures, [], 'no serious or critical axe violation, one h1 per page, every chart described');
  console.log(`a11y browser test passed in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${out}`);
} catch (error) {
  console.error(`a11y browser test FAILED: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.removeAllListeners('exit');
    const stopped = new Promise((done) => server.on('exit', done));
    server.kill('SIGINT');
    await stopped;
  }
  rmSync(work, { recursive: true, force: true });
}
