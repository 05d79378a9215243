// Every page in Kazakh, Russian and English (issue 21, item 2), in one browser on one server:
//   - no label key is shown raw (no snake_case code such as party_list or reason_other, no
//     control relation's id such as valid-equals-options-plus-against-all, on any page);
//   - on the Kazakh and Russian pages no known English word of the list (close,
//     Self-nominated, decided, estimate, official, seats, the parties' English short names, ...);
//   - numbers in the locale's grouping: "10 100" with a no-break space in kk and ru, "10,100" in en;
//   - times on the unit's own clock with the zone named: a station's turnout reports
//     ("10:00 GMT+6"), the western regions' polls closing at 20:00 GMT+5 (21:00 Astana time in
//     2023), and a received protocol's time.
//   - a broken relation's detail worded in the page's language from the server's code and values
//     (detail_text.ts), on the rejected list and on the station's page; a protocol column named in
//     markup is shown as text in its detail (no element made, no script run).
// The night: 60 synthetic stations of the 2023 Mazhilis definition, ingested, with two protocols
// rejected. --shots DIR saves the turnout, station, rejected and contest pages at 1440 and 390 px.
//   node web/tests/language.test.mjs --saylau build/debug/src/cli/saylau [--shots DIR]
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, option, repo, run, saylau, serve } from './harness.mjs';

const definition = join(repo, 'elections/kz/2023-03-19-mazhilis.toml');
const work = mkdtempSync(join(tmpdir(), 'saylau-language-'));
const shots = option('--shots', '');
const languages = ['kk', 'ru', 'en'];
// English words the issue saw on Kazakh pages, and the parties' English short names that have a
// Kazakh and a Russian one in the definition. Whole words, case as written.
const english = ['close', 'Self-nominated', 'decided', 'estimate', 'official', 'seats', 'Seats', 'party_list', 'local time',
  'Auyl', 'Ak Zhol', "People's Party", 'JSDP', 'Baytaq', 'counting', 'holds', 'broken', 'Turnout', 'Results', 'Region'];
const relationIds = ['valid-equals-options-plus-against-all', 'found-within-issued', 'issued-within-voters', 'non-negative', 'within-bounds',
  'received-equals-issued-plus-cancelled', 'found-equals-valid-plus-invalid', 'lines-present', 'options-exact'];
let server;
let browser;

try {
  run('synth', definition, '--seed', '7', '--stations', '60', '--out', join(work, 'night'));
  const db = join(work, 'night.db');
  run('init', definition, '--db', db, '--stations', join(work, 'night/stations.csv'));
  // One station's party-list protocol is sent only with five valid ballots too many: rejected, with
  // its relation named (and the station's page shows it, as the station has no counted one).
  const lines = readFileSync(join(work, 'night/protocols.csv'), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const rowAt = lines.findIndex((l, i) => i > 0 && l.startsWith('mazhilis-list,'));
  writeFileSync(join(work, 'protocols.csv'), `${lines.filter((_, i) => i !== rowAt).join('\n')}\n`);
  run('ingest', '--db', db, join(work, 'night/turnout.csv'), join(work, 'protocols.csv'));
  const row = lines[rowAt].split(',');
  const station = row[header.indexOf('unit')];
  row[header.indexOf('valid')] = String(Number(row[header.indexOf('valid')]) + 5);
  writeFileSync(join(work, 'broken.csv'), `${header.join(',')}\n${row.join(',')}\n`);
  const broken = spawnSync(saylau, ['ingest', '--db', db, join(work, 'broken.csv')], { cwd: repo, encoding: 'utf8' });
  assert.match(`${broken.stdout}${broken.stderr}`, /rejected/, 'the broken protocol is rejected');
  // Another station's protocol with a column named in markup: rejected (not a line nor an option);
  // the markup is a value of its detail and must be shown as text, never made an element.
  const hostileAt = lines.findIndex((l, i) => i > rowAt && l.startsWith('mazhilis-list,'));
  const hostileStation = lines[hostileAt].split(',')[header.indexOf('unit')];
  const markup = '<img src=x onerror=window.__injected=1>';
  writeFileSync(join(work, 'hostile.csv'), `${header.join(',')},${markup}\n${lines[hostileAt]},5\n`);
  const hostile = spawnSync(saylau, ['ingest', '--db', db, join(work, 'hostile.csv')], { cwd: repo, encoding: 'utf8' });
  assert.match(`${hostile.stdout}${hostile.stderr}`, /rejected/, 'the protocol with a markup column is rejected');
  // A western station (Aktobe, UTC+5 on the night) for its local times.
  const stations = readFileSync(join(work, 'night/stations.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const served = serve(db);
  server = served.server;
  const url = await served.url;
  const election = await (await fetch(`${url}/api/v1/election`)).json();
  assert.equal(election.time_zone, 'Asia/Almaty');
  assert.equal(election.regions.find((r) => r.id === 'aktobe').time_zone, 'Asia/Aqtobe');
  assert.equal(election.regions.find((r) => r.id === 'aktobe').polls_close, '21:00');
  assert.deepEqual(election.parties.find((p) => p.id === 'peoples-party').short_names, { kk: 'ҚХП', ru: 'НПК', en: "People's Party" });
  const results = await (await fetch(`${url}/api/v1/results?contest=mazhilis-list&unit=${encodeURIComponent(station)}`)).json();
  assert.ok(results.time_zone, `the station's zone: ${JSON.stringify(results.time_zone)}`);
  const district = stations.find((s) => s[0] === station)?.[1];
  const pages = ['#/', '#/turnout', '#/map', '#/contests', '#/contest/mazhilis-list', `#/unit/${encodeURIComponent(district)}`,
    `#/station/${encodeURIComponent(station)}`, '#/rejected', '#/observers', '#/statistics'];

  browser = await launchChromium(join(work, 'chromium'), { width: 1440, height: 900 });
  const page = browser.pages()[0] ?? (await browser.newPage());
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${url}/#/`);
  await page.waitForSelector('#app[data-updated]');
  const problems = [];
  const visit = async (hash) => {
    const before = await page.evaluate(() => document.getElementById('app').dataset.updated);
    if (await page.evaluate((h) => location.hash === h || (h === '#/' && location.hash === ''), hash)) {
      await page.waitForTimeout(300); // already there (drawn again on a change of language)
      return;
    }
    await page.evaluate((h) => (location.hash = h), hash);
    await page.waitForFunction((b) => document.getElementById('app').dataset.updated !== b, before, { timeout: 20_000 }).catch((error) => {
      throw new Error(`${hash}: the page was not drawn: ${error.message}`);
    });
    await page.waitForTimeout(300); // charts and tables drawn after the page
  };
  const grouped = { kk: /\d\u00a0\d{3}/, ru: /\d\u00a0\d{3}/, en: /\d,\d{3}/ };
  let groupedSeen = { kk: 0, ru: 0, en: 0 };
  for (const language of languages) {
    await page.click(`[data-lang="${language}"]`);
    await page.waitForFunction((l) => document.documentElement.lang === l, language);
    for (const hash of pages) {
      await visit(hash);
      const text = await page.evaluate(() => document.body.innerText);
      const where = `${language} ${hash}`;
      const raw = text.match(/\b[a-z]+(?:_[a-z]+)+\b/g);
      if (raw) problems.push(`${where}: raw codes shown: ${[...new Set(raw)].slice(0, 5).join(', ')}`);
      if (language === 'kk') {
        // The charts' short numbers in Kazakh words ("500 мың"), not the Russian fallback's "500 тыс.".
        const svgText = (await page.locator('svg text').allTextContents()).join(' | ');
        if (/тыс\./.test(svgText)) problems.push(`${where}: a Russian short number on a chart: ${svgText.match(/[^|]*тыс\.[^|]*/)[0].trim()}`);
      }
      if (language !== 'en') {
        for (const id of relationIds) if (text.includes(id)) problems.push(`${where}: the relation id ${id} is shown`);
        for (const word of english) {
          const at = text.search(new RegExp(`(^|[^\\p{L}'])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u'));
          if (at >= 0) problems.push(`${where}: English "${word}" in "…${text.slice(Math.max(0, at - 30), at + word.length + 30).replace(/\s+/g, ' ')}…"`);
        }
        // A comma grouping thousands ("6,366,441", "108,040"); a decimal comma ("0,666", "53,90") is right here.
        // (Two groups, or one after 10 or more: "4,196" is a mean of second digits.)
        const commaGrouped = text.match(/(?<![\d,.])(?:[1-9]\d{0,2}(?:,\d{3}){2,}|[1-9]\d{1,2},\d{3})(?![\d,])/);
        if (commaGrouped) problems.push(`${where}: a number grouped with a comma: ${commaGrouped[0]}`);
        // A decimal point where kk and ru write a comma ("53.90", not a version like 0.1.0 or a date).
        const decimalPoint = text.match(/(?<![\d.])\d{1,3}\.\d{1,3}(?![\d.])(?=\s*%)/);
        if (decimalPoint) problems.push(`${where}: a percent with a decimal point: ${decimalPoint[0]}`);
        // An exact decimal with a point ("39.649252", the arithmetic's quotients), not a date.
        const longDecimal = text.match(/(?<![\d.])\d+\.\d{4,}(?![\d.])/);
        if (longDecimal) problems.push(`${where}: a decimal with a point: ${longDecimal[0]}`);
      }
      if (grouped[language].test(text)) groupedSeen[language]++;
    }
    // Local times with the zone named.
    await visit(`#/station/${encodeURIComponent(station)}`);
    const heads = await page.locator('#station-turnout thead th').allTextContents();
    assert.ok(heads.some((h) => /^10:00 GMT\+[56]$/.test(h.trim())), `${language}: a turnout report at 10:00 with its zone: ${heads.join(' | ')}`);
    const received = await page.locator('#history tbody tr td:nth-child(2)').first().textContent();
    assert.match(received, /\d\d:\d\d GMT\+[56]/, `${language}: a received time with its zone`);
    await visit('#/turnout');
    assert.equal((await page.locator('#polls-close tr[data-region="aktobe"] .polls-close').textContent()).trim(), '20:00 GMT+5', `${language}: Aktobe closes at 20:00 local time`);
    assert.equal((await page.locator('#polls-close tr[data-region="abai"] .polls-close').textContent()).trim(), '20:00 GMT+6', `${language}: Abai closes at 20:00 local time`);
    assert.match(await page.locator('#turnout-zones').textContent(), /GMT\+6.*GMT\+5/, `${language}: the zones are named`);
    await visit('#/rejected');
    const relation = page.locator(`#rejected-table tr[data-unit="${station}"] [data-relation="valid-equals-options-plus-against-all"]`);
    assert.equal((await relation.textContent()).trim().split(':')[0], { kk: 'Жарамды = нұсқаларға берілген дауыстар', ru: 'Действительные = голоса за варианты', en: 'Valid = votes for the options' }[language]);
    // Its detail in the page's language, worded from the server's code and values (detail_text.ts),
    // with the numbers grouped as the locale groups them.
    const sentence = {
      kk: /^Жарамды \(\d{1,3}(\u00a0\d{3})*\) ≠ нұсқаларға берілген дауыстар \(\d{1,3}(\u00a0\d{3})*\)/,
      ru: /^Действительных \(\d{1,3}(\u00a0\d{3})*\) ≠ голоса за варианты \(\d{1,3}(\u00a0\d{3})*\)/,
      en: /^Valid \(\d{1,3}(,\d{3})*\) ≠ votes for the options \(\d{1,3}(,\d{3})*\)/,
    }[language];
    assert.equal(await relation.getAttribute('data-code'), 'relation');
    assert.match((await relation.textContent()).trim().split(': ').slice(1).join(': '), sentence, `${language}: the rejected protocol's detail`);
    const unknown = page.locator(`#rejected-table tr[data-unit="${hostileStation}"] [data-code="unknown-lines"]`);
    assert.ok((await unknown.textContent()).includes({ kk: 'хаттама жолдары да емес: ', ru: 'и не строки протокола: ', en: 'nor protocol lines: ' }[language] + markup),
      `${language}: the markup column named as text: ${await unknown.textContent()}`);
    assert.equal(await page.locator('#rejected-table img').count(), 0, 'no element made from the markup');
    assert.equal(await page.evaluate(() => window.__injected), undefined, 'no script run from the markup');
    // The station's page words the broken relation in the page's language too (the form's labels).
    await visit(`#/station/${encodeURIComponent(station)}`);
    const stationDetail = (await page.locator('.checks li[data-relation="valid-equals-options-plus-against-all"] .detail').first().textContent()).trim();
    assert.match(stationDetail, /\(\d[\d\u00a0,]*\) ≠ .+ \(\d[\d\u00a0,]*\)/, `${language}: the station's detail: ${stationDetail}`);
    if (language !== 'en') assert.match(stationDetail, /[А-Яа-яӘәҒғҚқҢңӨөҰұҮүІі]/, `${language}: the station's detail is not in English: ${stationDetail}`);
    if (shots) {
      mkdirSync(shots, { recursive: true });
      for (const [width, height] of [[1440, 900], [390, 844]]) {
        await page.setViewportSize({ width, height });
        for (const hash of ['#/turnout', `#/station/${encodeURIComponent(station)}`, '#/rejected', '#/contest/mazhilis-list', '#/']) {
          await visit(hash);
          const name = hash.replace(/^#\/?/, '').split('/')[0] || 'overview';
          await page.screenshot({ path: join(shots, `${name}-${language}-${width}.png`), fullPage: true });
        }
      }
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  }
  for (const language of languages) if (!groupedSeen[language]) problems.push(`${language}: no number grouped as the locale groups (${grouped[language]})`);
  assert.deepEqual(errors, [], 'no script errors');
  assert.deepEqual(problems, [], `language problems:\n  ${problems.join('\n  ')}`);
  console.log(`language test passed: ${pages.length} pages × ${languages.length} languages; local times with their zones`);
} catch (error) {
  console.error(`language test FAILED: ${error.message ?? error}`);
  process.exitCode = 1;
} finally {
  await browser?.close();
  if (server && server.exitCode === null) {
    const stopped = new Promise((done) => server.on('exit', done));
    server.kill('SIGINT');
    await stopped;
  }
  rmSync(work, { recursive: true, force: true });
}
