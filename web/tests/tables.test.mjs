// The dashboard's data tables, search and station page in a real browser (web/src/table.ts,
// pages/search.ts, pages/station.ts) on a synthetic 2023 Mazhilis night of 1,500 stations:
// the district with the most stations (over 50: two pages) sorts by turnout both ways in numeric
// order, pages forward, and downloads its rows as CSV and JSON with the stations' names in the
// page's language and the API's numbers; the header's search finds a station and a candidate and
// follows them; a station with an observer's differing copy says so with the lines; a station
// with a correction shows both versions in its history. The elected deputies sort by name and
// download with names; the observers' report counts keep their total row first and download
// with the regions' names; an observer's differing line is named by its party.
//   node web/tests/tables.test.mjs --saylau build/debug/src/cli/saylau --out build/debug/test-output/browser [--shots DIR]
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, option, out, repo, run, saylau, serve } from './harness.mjs';

const definition = join(repo, 'elections/kz/2023-03-19-mazhilis.toml');
const shots = option('--shots', ''); // every language at both widths, for people to look at
const work = mkdtempSync(join(tmpdir(), 'saylau-tables-'));
let server;
let browser;

function submit(url, ...args) {
  return new Promise((done) => {
    const child = spawn(saylau, ['submit', '--server', url, ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (chunk) => (text += chunk));
    child.on('exit', (code) => done({ code, text }));
  });
}

// RFC 4180: quoted fields with doubled quotes, CRLF rows.
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), ++i;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), ++i;
    } else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

async function downloaded(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

const started = Date.now();
try {
  run('synth', definition, '--seed', '7', '--stations', '1500', '--out', join(work, 'night'));
  const db = join(work, 'night.db');
  run('init', definition, '--db', db, '--stations', join(work, 'night/stations.csv'));
  run('ingest', '--db', db, join(work, 'night/turnout.csv'), join(work, 'night/protocols.csv'));
  run('observers', 'add', '--db', db, '--id', 'watch-1', '--org', "Citizens' Watch", '--out', join(work, 'okeys'));
  const stationRows = readFileSync(join(work, 'night/stations.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const counts = new Map();
  for (const [, parent] of stationRows) counts.set(parent, (counts.get(parent) ?? 0) + 1);
  const [district, size] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  assert.ok(size > 50, `a district with more than a page of stations (${district}: ${size})`);
  const [station, parent] = stationRows.find((r) => r[1] === district);
  run('keys', 'gen', '--db', db, '--commission', parent, '--out', join(work, 'keys'));

  const { server: started_, url: served } = serve(db);
  server = started_;
  const url = await served;

  // An observer's copy of the station's protocol with 3 more AMANAT votes; the district's
  // correction moving 2 votes from AMANAT to Auyl (every relation still holds: accepted).
  const lines = readFileSync(join(work, 'night/protocols.csv'), 'utf8').split('\n');
  const header = lines[0].split(',');
  const counted = lines.find((l) => l.startsWith(`mazhilis-list,${station},`)).split(',');
  const column = (name) => header.indexOf(name);
  const copy = [...counted];
  copy[column('amanat')] = String(Number(copy[column('amanat')]) + 3);
  writeFileSync(join(work, 'copy.csv'), `${header.join(',')}\n${copy.join(',')}\n`);
  const observed = await submit(url, '--key', join(work, 'okeys/watch-1.key'), '--observer', join(work, 'copy.csv'));
  assert.equal(observed.code, 0, observed.text);
  const corrected = [...counted];
  corrected[column('amanat')] = String(Number(corrected[column('amanat')]) - 2);
  corrected[column('auyl')] = String(Number(corrected[column('auyl')]) + 2);
  writeFileSync(join(work, 'correction.csv'), `${header.join(',')},commission,reason\n${corrected.join(',')},${parent},a recount\n`);
  const correction = await submit(url, '--key', join(work, 'keys', `${parent}.key`), join(work, 'correction.csv'));
  assert.equal(correction.code, 0, correction.text);

  browser = await launchChromium(join(work, 'chromium'), { width: 1440, height: 900 });
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${url}/#/unit/${district}`);
  await page.evaluate(() => localStorage.setItem('saylau.lang', 'en'));
  await page.reload();
  await page.waitForSelector('#children tbody tr[data-unit]');
  const units = await (await fetch(`${url}/api/v1/units?parent=${district}&contest=mazhilis-list`)).json();
  const byId = new Map(units.units.map((u) => [u.id, u]));
  const turnout = (id) => byId.get(id).issued / byId.get(id).voters;
  const shownIds = () => page.locator('#children tbody tr[data-unit]').evaluateAll((rows) => rows.map((r) => r.dataset.unit));
  assert.equal((await shownIds()).length, 50, 'a page of 50 rows');
  assert.equal(await page.locator('#children-table .pager .range').textContent(), `1–50 of ${size}`);

  // Sort by turnout: ascending, then descending, in numeric order; aria-sort says which.
  const turnoutHeader = '#children th:nth-child(4)';
  await page.click(`${turnoutHeader} button.sort`);
  assert.equal(await page.locator(turnoutHeader).getAttribute('aria-sort'), 'ascending');
  const ascending = (await shownIds()).map(turnout);
  assert.ok(ascending.every((v, i) => i === 0 || ascending[i - 1] <= v), `ascending turnout: ${ascending.slice(0, 8)}`);
  assert.equal(ascending[0], Math.min(...units.units.map((u) => turnout(u.id))), 'the lowest turnout of all rows first');
  await page.keyboard.press('Enter'); // the header button keeps the focus: Enter sorts again
  assert.equal(await page.locator(turnoutHeader).getAttribute('aria-sort'), 'descending');
  const descending = (await shownIds()).map(turnout);
  assert.ok(descending.every((v, i) => i === 0 || descending[i - 1] >= v), `descending turnout: ${descending.slice(0, 8)}`);
  assert.equal(descending[0], Math.max(...units.units.map((u) => turnout(u.id))));
  const firstPage = await shownIds();
  await page.click('#children-table .pager button.next');
  assert.equal(await page.locator('#children-table .pager .range').textContent(), `51–${size} of ${size}`);
  const secondPage = await shownIds();
  assert.equal(secondPage.length, size - 50);
  assert.ok(secondPage.every((id) => !firstPage.includes(id)), 'page 2 holds the other rows');
  assert.ok(turnout(secondPage[0]) <= turnout(firstPage[49]), 'page 2 goes on in the same order');

  // The downloads: every row (not only the page), in the sorted order, names beside ids.
  const csv = await downloaded(page, '#children-table .download[data-format="csv"]');
  assert.equal(csv.name, `${district}-mazhilis-list.csv`);
  assert.ok(csv.text.startsWith('\ufeff'), 'UTF-8 with a byte order mark');
  const [head, ...rows] = parseCsv(csv.text.slice(1));
  assert.deepEqual(head.slice(0, 8), ['id', 'name', 'kind', 'reported', 'expected', 'voters', 'issued', 'valid']);
  assert.equal(rows.length, size);
  for (const row of rows) {
    const unit = byId.get(row[0]);
    assert.ok(unit, `a station of ${district}: ${row[0]}`);
    assert.equal(row[1], unit.name.en);
    assert.deepEqual(row.slice(3, 8).map(Number), [unit.progress.reported, unit.progress.expected, unit.voters, unit.issued, unit.valid], row[0]);
  }
  assert.deepEqual(rows.slice(0, 50).map((r) => r[0]), firstPage, 'the CSV in the table order');
  const json = JSON.parse((await downloaded(page, '#children-table .download[data-format="json"]')).text);
  assert.equal(json.length, size);
  for (const record of json) {
    const unit = byId.get(record.id);
    assert.equal(record.name, unit.name.en);
    assert.equal(record.voters, unit.voters);
    assert.equal(record.issued, unit.issued);
    assert.equal(record.leader_votes, unit.leader?.votes ?? null);
  }
  // In Russian the names are Russian (and the filter narrows the rows).
  await page.click('[data-lang="ru"]');
  await page.waitForFunction(() => document.documentElement.lang === 'ru');
  await page.waitForSelector('#children-table .download[data-format="csv"]:text("Скачать CSV")');
  await page.fill('#children-table .table-filter', station);
  await page.waitForFunction(() => document.querySelectorAll('#children tbody tr[data-unit]').length === 1);
  const [, russian] = parseCsv((await downloaded(page, '#children-table .download[data-format="csv"]')).text.slice(1));
  assert.deepEqual(russian.slice(0, 2), [station, byId.get(station).name.ru]);
  await page.click('[data-lang="en"]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');

  // Search from the header: a station by its id, a candidate by name; each result is followed.
  await page.fill('#site-search-input', station);
  await page.press('#site-search-input', 'Enter');
  await page.waitForSelector(`#search-results li[data-kind="station"][data-id="${station}"]`);
  assert.equal(await page.locator('#search-results li').first().getAttribute('data-id'), station, 'the exact id first');
  await page.click(`#search-results li[data-id="${station}"] a`);
  await page.waitForFunction((id) => location.hash === `#/station/${id}`, station);
  await page.waitForSelector('.protocol[data-contest="mazhilis-list"]');
  await page.fill('#site-search-input', 'TURLYHANOV');
  await page.press('#site-search-input', 'Enter');
  await page.waitForSelector('#search-results li[data-kind="candidate"][data-id="daulet-turlyhanov"]');
  await page.click('#search-results li[data-id="daulet-turlyhanov"] a');
  await page.waitForFunction(() => location.hash.startsWith('#/contest/mazhilis-smd-'));
  await page.goto(`${url}/#/search?q=${encodeURIComponent('Абайская')}`);
  await page.waitForSelector('#search-results li[data-kind="unit"]');
  assert.match(await page.locator('#search-summary').textContent(), /found/);
  // Hostile queries: markup is shown as text (no element made), a query over 100 characters is
  // refused by the server and said on the page, not as a page error.
  await page.goto(`${url}/#/search?q=${encodeURIComponent('<img src=x id=injected>')}`);
  await page.waitForFunction(() => document.querySelector('#search-summary')?.textContent.includes('<img'));
  assert.equal(await page.locator('#injected').count(), 0);
  await page.goto(`${url}/#/search?q=${'x'.repeat(101)}`);
  await page.waitForFunction(() => document.querySelector('#search-summary')?.textContent.includes('at most 100 characters'));
  assert.equal(await page.locator('#status-bar.error').count(), 0, 'no page error');

  // The station: the observer's differing copy said plainly, with the line; the correction in
  // the history (version 1 and the district's version 2, both with their seq).
  await page.goto(`${url}/#/station/${station}`);
  await page.waitForSelector('#observer-differs');
  assert.match(await page.locator('#observer-differs h2').textContent(), /An observer's copy differs/);
  const differs = page.locator('#observer-differs tr[data-line="amanat"] td');
  // The counted protocol is the correction (2 fewer AMANAT votes); the observer saw 3 more than the first.
  assert.deepEqual((await differs.allTextContents()).slice(1, 3).map((t) => Number(t.replace(/\D/g, ''))),
    [Number(corrected[column('amanat')]), Number(copy[column('amanat')])]);
  const history = await page.locator('#history tbody tr[data-kind="protocol"][data-contest="mazhilis-list"]').evaluateAll((rows) =>
    rows.map((r) => ({ seq: Number(r.dataset.seq), version: r.dataset.version, verdict: r.dataset.verdict })));
  assert.deepEqual(history.map((h) => [h.version, h.verdict]), [['1', 'accepted'], ['2', 'accepted']], JSON.stringify(history));
  assert.ok(history[0].seq < history[1].seq);
  assert.match(await page.locator('#history tbody tr[data-contest="mazhilis-list"][data-version="2"]').textContent(), /a recount/);
  // The protocol is one table (the chart class no longer stretches it): its rows, not 420 px.
  const tableBox = await page.locator('.protocol[data-contest="mazhilis-list"] table.lines').boundingBox();
  assert.ok(tableBox.height < 420 + 200 && (await page.locator('.protocol[data-contest="mazhilis-list"] table.lines tbody tr').count()) >= 11);

  // The elected deputies (a data table): a row per list seat, sorted by name in the page's
  // language, downloaded with the parties' and persons' names.
  await page.evaluate(() => (location.hash = '#/contest/mazhilis-list'));
  await page.waitForSelector('#elected-table tbody tr[data-candidate]');
  const seatRows = await page.locator('#elected-table tbody tr[data-candidate]').count();
  assert.equal(seatRows, 69, 'a row per list seat on one page');
  await page.click('#elected-table th:nth-child(3) button.sort');
  const names = await page.locator('#elected-table tbody tr td:nth-child(3)').allTextContents();
  assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' })), 'sorted by name');
  const electedCsv = await downloaded(page, '#elected-host .download[data-format="csv"]');
  assert.equal(electedCsv.name, 'mazhilis-list-elected.csv');
  const [electedHead, ...electedRows] = parseCsv(electedCsv.text.slice(1));
  assert.deepEqual(electedHead.slice(0, 7), ['option', 'party', 'party_seats', 'chosen', 'list_position', 'candidate', 'name']);
  assert.equal(electedRows.length, 69);
  const amanat = electedRows.filter((r) => r[0] === 'amanat');
  assert.ok(amanat.length > 0 && amanat.every((r) => r[1] === 'AMANAT' && r[6] === `AMANAT list, no. ${r[4]}`), JSON.stringify(amanat[0]));

  // The observers' reports counted by region: the total row stays first whatever the sort; the
  // download names the region.
  writeFileSync(join(work, 'report.csv'), 'contest,unit,observation,observed_at,note\n' +
    `mazhilis-list,${station},denied-access,2023-03-19T20:40:00+05:00,\n`);
  const reported = await submit(url, '--key', join(work, 'okeys/watch-1.key'), '--observer', join(work, 'report.csv'));
  assert.equal(reported.code, 0, reported.text);
  await page.evaluate(() => (location.hash = '#/observers'));
  await page.waitForSelector('#report-counts tbody tr[data-region]:not([data-region=""])', { timeout: 30_000 });
  await page.click('#report-counts th:nth-child(3) button.sort'); // denied access, ascending
  const regionIds = await page.locator('#report-counts tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.region));
  assert.equal(regionIds[0], '', 'the total first');
  assert.equal(regionIds.length, 2, JSON.stringify(regionIds));
  const region = regionIds[1];
  assert.equal(await page.locator('#report-counts tr[data-region=""] td:nth-child(3)').textContent(), '1');
  const [countsHead, total, regionRow] = parseCsv((await downloaded(page, '#report-summary .download[data-format="csv"]')).text.slice(1));
  assert.deepEqual([countsHead[0], countsHead[1], countsHead.at(-1)], ['region', 'region_name', 'total']);
  const regionName = (await (await fetch(`${url}/api/v1/election`)).json()).regions.find((r) => r.id === region).name.en;
  assert.deepEqual([total[0], total.at(-1), regionRow[0], regionRow[1], regionRow[countsHead.indexOf('denied-access')]], ['', '1', region, regionName, '1']);
  // The observer's differing line by its party's name, its figures grouped in the page's language.
  const flagLine = await page.locator(`#flags tr[data-unit="${station}"] [data-line="amanat"]`).textContent();
  assert.match(flagLine, /^AMANAT: counted \d{1,3}(,\d{3})*, observer \d{1,3}(,\d{3})*$/, flagLine);

  // Turnout through the day by region (a data table): the country first, sorted by the close's
  // share (highest first), downloaded with the regions' names and each time's figures.
  await page.evaluate(() => (location.hash = '#/turnout'));
  await page.waitForSelector('#turnout-table tbody tr[data-unit]');
  const turnoutColumns = await page.locator('#turnout-table thead th').count();
  await page.click(`#turnout-table th:nth-child(${turnoutColumns}) button.sort`);
  await page.click(`#turnout-table th:nth-child(${turnoutColumns}) button.sort`);
  const election = await (await fetch(`${url}/api/v1/election`)).json();
  const byRegion = await Promise.all(election.regions.map(async (r) => (await (await fetch(`${url}/api/v1/turnout?unit=${r.id}`)).json())));
  const closing = (t) => { const last = t.times.at(-1); return last.reported > 0 ? last.issued / last.voters : -1; };
  const shownTurnout = await page.locator('#turnout-table tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.unit));
  assert.equal(shownTurnout[0], election.cec, 'the country first');
  assert.equal(shownTurnout.length, 21);
  const expectedOrder = byRegion.map((t, i) => ({ id: election.regions[i].id, v: closing(t) })).filter((r) => r.v >= 0).sort((a, b) => b.v - a.v).map((r) => r.id);
  assert.equal(expectedOrder.length, 20, 'every region has a share at the close (from its protocols)');
  assert.deepEqual(shownTurnout.slice(1, 1 + expectedOrder.length), expectedOrder, 'regions by the share at the close, highest first');
  const [turnoutHead, countryRow, ...turnoutRows] = parseCsv((await downloaded(page, '#turnout-table-host .download[data-format="csv"]')).text.slice(1));
  assert.deepEqual(turnoutHead.slice(0, 2), ['unit', 'name']);
  assert.ok(turnoutHead.includes('issued_close') && turnoutHead.includes('voters_close'), turnoutHead.join());
  assert.equal(countryRow[0], election.cec);
  assert.equal(turnoutRows.length, 20);
  assert.equal(turnoutRows[0][1], election.regions.find((r) => r.id === turnoutRows[0][0]).name.en);

  if (shots) {
    mkdirSync(shots, { recursive: true });
    for (const [width, height] of [[1440, 900], [390, 844]]) {
      await page.setViewportSize({ width, height });
      for (const language of ['kk', 'ru', 'en']) {
        await page.click(`[data-lang="${language}"]`);
        for (const [name, hash, ready] of [
          ['unit', `#/unit/${district}`, '#children tbody tr[data-unit]'],
          ['station', `#/station/${station}`, '#observer-differs'],
          ['search', `#/search?q=${encodeURIComponent('абай')}`, '#search-results li'],
        ]) {
          await page.evaluate((h) => (location.hash = h), hash);
          await page.waitForSelector(ready);
          await page.waitForTimeout(300);
          await page.screenshot({ path: join(shots, `${name}-${language}-${width}.png`), fullPage: true });
        }
      }
    }
  }
  await page.screenshot({ path: join(out, 'tables-station-en.png'), fullPage: true });
  assert.deepEqual(errors, [], 'no page errors');
  console.log(`tables: ${size} stations of ${district} sorted, paged and downloaded; search; station ${station} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
} finally {
  await browser?.close();
  server?.kill();
  rmSync(work, { recursive: true, force: true });
}
