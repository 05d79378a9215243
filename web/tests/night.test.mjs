// The night's design in a real browser (issue 21, item 1): a live replay of a small synthetic
// 2023 Mazhilis night. Turnout reports first: the cartogram's turnout mode is coloured from them
// before any protocol. Then half the stations: the seats are "leading" (hollow seats in the
// hemicycle, the seat table's leading column), then the rest: "won" because the count is
// complete. The cartogram has 20 square tiles whose boxes do not overlap, Tab reaches them and
// Enter opens the region; on a 390 px phone the vote bars' labels do not overlap each other (the
// axis numbers, the threshold's label, the bars' percents) and the threshold's line passes behind
// the percents it crosses. Screenshots of the overview, the map
// and turnout at both widths in kk, ru and en go to --out.
//   node web/tests/night.test.mjs --saylau build/debug/src/cli/saylau --out build/debug/test-output/browser
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, option, out, repo, run, saylau, serve } from './harness.mjs';

const stations = option('--stations', '80');
const definition = join(repo, 'elections/kz/2023-03-19-mazhilis.toml');
const work = mkdtempSync(join(tmpdir(), 'saylau-night-'));
const started = Date.now();
let server;
let browser;
let crossingCount = 0;

function submit(url, ...args) {
  return new Promise((done) => {
    const child = spawn(saylau, ['submit', '--server', url, ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (chunk) => (text += chunk));
    child.on('exit', (code) => done({ code, text }));
  });
}

// Boxes of the elements matching `selector` (page coordinates).
const boxes = (page, selector) =>
  page.$$eval(selector, (nodes) => nodes.map((n) => {
    const r = n.getBoundingClientRect();
    return { text: (n.textContent ?? '').trim(), x: r.x, y: r.y, w: r.width, h: r.height };
  }));
const overlap = (a, b) => a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;
function overlapping(list) {
  const found = [];
  for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) if (overlap(list[i], list[j])) found.push(`"${list[i].text}" / "${list[j].text}"`);
  return found;
}

async function visit(page, hash, ready) {
  await page.evaluate((h) => (location.hash = h), hash);
  await page.waitForSelector(ready, { timeout: 15_000 });
  await page.waitForTimeout(300); // ECharts lays out on the next frame
}

try {
  run('synth', definition, '--seed', '11', '--stations', stations, '--out', join(work, 'night'));
  const db = join(work, 'night.db');
  run('init', definition, '--db', db, '--stations', join(work, 'night/stations.csv'));
  run('keys', 'gen', '--all', '--db', db, '--out', join(work, 'keys'));
  const keys = join(work, 'keys');
  // The protocols of the first half of the stations, then of the rest (every contest of a station together).
  const lines = readFileSync(join(work, 'night/protocols.csv'), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const unitColumn = header.indexOf('unit');
  assert.ok(unitColumn >= 0, `protocols.csv has a unit column: ${lines[0]}`);
  const units = [...new Set(lines.slice(1).map((l) => l.split(',')[unitColumn]))];
  const firstHalf = new Set(units.slice(0, Math.floor(units.length / 2)));
  const rows = lines.slice(1);
  writeFileSync(join(work, 'first.csv'), [lines[0], ...rows.filter((l) => firstHalf.has(l.split(',')[unitColumn]))].join('\n') + '\n');
  writeFileSync(join(work, 'rest.csv'), [lines[0], ...rows.filter((l) => !firstHalf.has(l.split(',')[unitColumn]))].join('\n') + '\n');

  const served = serve(db);
  server = served.server;
  const url = await served.url;
  browser = await launchChromium(join(work, 'chromium'), { width: 1440, height: 900 });
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${url}/#/`);
  await page.waitForSelector('#hemicycle svg');
  await page.click('[data-lang="en"]');

  // Turnout through the day, before any protocol: the map's turnout mode shows the reports.
  const turnout = await submit(url, '--keys', keys, join(work, 'night/turnout.csv'));
  assert.equal(turnout.code, 0, turnout.text);
  await visit(page, '#/map', '#tiles .tile');
  await page.click('[data-mode="turnout"]');
  await page.waitForFunction(() => [...document.querySelectorAll('#tiles .tile')].some((a) => /Turnout: \d/.test(a.getAttribute('aria-label') ?? '')), null, { timeout: 15_000 });
  assert.ok(!(await page.locator('#tile-time').isHidden()), 'turnout mode offers the time slider');
  assert.match(await page.locator('#tile-time-label').textContent(), /Turnout at: (\d\d:\d\d|at the close)/, 'the latest turnout report time before any protocol');
  assert.match(await page.locator('#tile-legend').textContent(), /≤ 30/, 'the legend shows the scale');
  for (const [width, height] of [[1440, 900], [390, 844]]) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(out, `night-map-turnout-reports-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.click('[data-mode="leader"]');

  // Half the stations: the seats are leading, not won.
  const first = await submit(url, '--keys', keys, join(work, 'first.csv'));
  assert.equal(first.code, 0, first.text);
  await visit(page, '#/', '#hemicycle svg');
  await page.waitForFunction(() => {
    const r = document.querySelector('#reported');
    return r && Number(r.dataset.reported) > 0 && Number(r.dataset.reported) < Number(r.dataset.expected);
  }, null, { timeout: 30_000 });
  await page.waitForFunction(() => Number(document.querySelector('#hemicycle')?.dataset.leading) > 0, null, { timeout: 15_000 });
  assert.equal(await page.locator('#seat-status').getAttribute('data-status'), 'leading');
  assert.match(await page.locator('#seat-status').textContent(), /leading, not won/);
  // A district whose stations have all reported is won already; the national list is not.
  const wonEarly = Number(await page.locator('#hemicycle').getAttribute('data-won'));
  assert.ok(wonEarly < 29, `only districts can be won while stations are out (${wonEarly})`);
  // Leading seats are drawn hollow: transparent fill, the party's colour as the ring.
  const hollow = await page.$$eval('#hemicycle svg path', (paths) => paths.filter((p) => (/rgba\(255,\s*255,\s*255,\s*0\)|transparent|none/.test(p.getAttribute('fill') ?? '') || p.getAttribute('fill-opacity') === '0') && p.getAttribute('stroke') && p.getAttribute('stroke') !== 'none').length);
  const leading = Number(await page.locator('#hemicycle').getAttribute('data-leading'));
  assert.ok(hollow >= leading && leading > 0, `the ${leading} leading seats are hollow (found ${hollow})`);
  const leadingCells = await page.locator('#seat-table tbody .seats-leading').allTextContents();
  assert.equal(leadingCells.reduce((sum, c) => sum + Number(c), 0), leading, 'the seat table says which seats are leading');
  assert.match(await page.locator('#seat-legend').textContent(), /won seat.*leading seat/s);
  const partial = await (await fetch(`${url}/api/v1/composition`)).json();
  assert.deepEqual(partial.contests.filter((c) => c.contest === 'mazhilis-list').map((c) => c.seat_status), ['leading'], 'the list is leading');
  assert.ok(partial.contests.every((c) => (c.seat_status === 'won') === (c.won_because === 'count_complete')), 'won only because complete');
  assert.equal(partial.won, wonEarly, 'the hemicycle draws the won seats the server counts');
  const wonCells = await page.locator('#seat-table tbody .seats-won').allTextContents();
  assert.equal(wonCells.reduce((sum, c) => sum + Number(c), 0), wonEarly, 'the seat table says which seats are won');
  for (const [width, height] of [[1440, 900], [390, 844]]) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(out, `night-leading-${width}.png`), fullPage: true });
  }

  // The rest: every station counted, the seats won because the count is complete.
  const rest = await submit(url, '--keys', keys, join(work, 'rest.csv'));
  assert.equal(rest.code, 0, rest.text);
  await page.waitForFunction(() => {
    const r = document.querySelector('#reported');
    return r && Number(r.dataset.reported) > 0 && r.dataset.reported === r.dataset.expected;
  }, null, { timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector('#seat-status')?.dataset.status === 'won', null, { timeout: 15_000 });
  assert.match(await page.locator('#seat-status').textContent(), /won: every station has reported \(count complete\)/);
  assert.equal(await page.locator('#hemicycle').getAttribute('data-leading'), '0');
  assert.equal(await page.locator('#hemicycle').getAttribute('data-won'), '98');
  const complete = await (await fetch(`${url}/api/v1/composition`)).json();
  assert.ok(complete.contests.every((c) => c.seat_status === 'won' && c.won_because === 'count_complete'), 'every contest won, count complete');

  // On a phone: the vote bars' texts (axis numbers, party names, percents, the threshold) apart.
  await page.setViewportSize({ width: 390, height: 844 });
  await visit(page, '#/', '#list-bars svg text');
  const texts = (await boxes(page, '#list-bars svg text')).filter((b) => b.text && b.w > 0);
  const threshold = texts.filter((b) => /threshold/.test(b.text));
  assert.equal(threshold.length, 1, `one threshold label (${texts.map((b) => b.text).join(' | ')})`);
  const axis = texts.filter((b) => /^\d/.test(b.text) && !/%/.test(b.text)); // "0", "2M", "2 млн"
  assert.ok(axis.length >= 2, `the value axis is labelled (${texts.map((b) => b.text).join(' | ')})`);
  assert.deepEqual(overlapping(axis), [], 'the value axis labels do not run together');
  const percents = texts.filter((b) => /%$/.test(b.text) && !/threshold/.test(b.text));
  assert.ok(percents.length >= 5, 'each bar has its percent');
  assert.deepEqual(percents.filter((b) => overlap(b, threshold[0])).map((b) => b.text), [], 'the threshold label sits on no bar label');
  assert.deepEqual(overlapping(texts), [], 'no two texts of the chart overlap');
  // The threshold's line passes behind a small bar's percent (Baytaq's beside the 5 % line):
  // every percent the line crosses is painted after it, on a background that covers the crossing.
  const crossings = await page.evaluate(() => {
    const svg = document.querySelector('#list-bars svg');
    const line = [...svg.querySelectorAll('path')].find((p) => p.getAttribute('stroke') === '#c8102e');
    if (!line) return null;
    const x = line.getBoundingClientRect().left;
    return [...svg.querySelectorAll('text')]
      .filter((t) => /%$/.test(t.textContent) && !/threshold/.test(t.textContent))
      .map((t) => {
        const back = t.previousElementSibling;
        const backBox = back?.tagName === 'path' && back.getAttribute('fill') !== 'none' ? back.getBoundingClientRect() : null;
        const box = t.getBoundingClientRect();
        const crossed = (backBox ?? box).left - 1 <= x && x <= (backBox ?? box).right + 1;
        return { text: t.textContent, crossed, after: !!(line.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING), covered: !!backBox && backBox.left <= x && x <= backBox.right };
      })
      .filter((t) => t.crossed);
  });
  assert.ok(crossings, 'the threshold line is drawn');
  crossingCount = crossings.length;
  assert.deepEqual(crossings.filter((c) => !c.after || !c.covered), [], `the line passes behind the percents it crosses (${JSON.stringify(crossings)})`);
  const scrolls = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  assert.equal(scrolls, false, 'no horizontal scroll at 390 px');
  // The turnout chart on a phone: its percent axis and time axis labels apart.
  await visit(page, '#/turnout', '#turnout-lines svg text');
  const turnoutTexts = (await boxes(page, '#turnout-lines svg text')).filter((b) => b.text && b.w > 0 && /^\d/.test(b.text));
  assert.ok(turnoutTexts.length >= 5, `the turnout axes are labelled (${turnoutTexts.map((b) => b.text).join(' | ')})`);
  assert.deepEqual(overlapping(turnoutTexts), [], 'the turnout axes labels do not overlap');

  // The cartogram at both widths: 20 square tiles, none overlapping, reachable by Tab, Enter opens.
  for (const [width, height] of [[390, 844], [1440, 900]]) {
    await page.setViewportSize({ width, height });
    await visit(page, '#/map', '#tiles .tile');
    const tiles = await boxes(page, '#tiles .tile');
    assert.equal(tiles.length, 20, 'a tile for each of the 20 regions and cities');
    assert.deepEqual(overlapping(tiles), [], `no tiles overlap at ${width} px`);
    for (const tile of tiles) assert.ok(Math.abs(tile.w - tile.h) <= 1.5 && tile.w >= 30, `square tiles at ${width} px (${tile.text}: ${tile.w} x ${tile.h})`);
    const labels = await page.$$eval('#tiles .tile', (as) => as.map((a) => a.getAttribute('aria-label') ?? ''));
    assert.ok(labels.every((l) => /; Leader: .+; \d+ of \d+ stations reported$/.test(l)), `each tile announces its region, leader and progress: ${labels[0]}`);
  }
  await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
  let onTile = false;
  for (let i = 0; i < 80 && !onTile; i++) {
    await page.keyboard.press('Tab');
    onTile = await page.evaluate(() => !!document.activeElement?.closest('#tiles .tile'));
  }
  assert.ok(onTile, 'Tab reaches the tiles');
  const target = await page.evaluate(() => document.activeElement.getAttribute('href'));
  await page.keyboard.press('Enter');
  await page.waitForFunction((href) => location.hash === href, target, { timeout: 5000 });
  assert.match(target, /^#\/unit\//);

  // Screenshots: the overview, the map and turnout at both widths in each language.
  for (const lang of ['kk', 'ru', 'en']) {
    await page.click(`[data-lang="${lang}"]`);
    for (const [width, height] of [[1440, 900], [390, 844]]) {
      await page.setViewportSize({ width, height });
      for (const [name, hash, ready] of [['overview', '#/', '#list-bars svg text'], ['map', '#/map', '#tiles .tile'], ['turnout', '#/turnout', '#turnout-lines svg']]) {
        await visit(page, hash, ready);
        await page.screenshot({ path: join(out, `night-${name}-${lang}-${width}.png`), fullPage: true });
      }
    }
  }
  assert.deepEqual(errors, [], 'no script errors in the page');
  console.log(`night browser test passed in ${((Date.now() - started) / 1000).toFixed(1)} s (the threshold line crosses ${crossingCount} percent(s) on a phone, behind them); screenshots in ${out}`);
} catch (error) {
  console.error(`night browser test FAILED: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.removeAllListeners('exit');
    server.kill('SIGTERM');
  }
  rmSync(work, { recursive: true, force: true });
}
