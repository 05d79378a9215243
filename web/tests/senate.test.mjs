// The Senate sitting in a real browser (issue 19, item 4): Debian's Chromium driven by
// playwright-core against `saylau serve` on the 2023 Senate definition while the sittings'
// commissions send signed attendance at 10:05, 10:20 and 10:45, then the vote (Kyzylorda needs a
// repeat vote), then the repeat vote, with preliminary and final certification. The front page
// is the Senate page; its tile map fills as quorums are reached and then with the winners,
// without a reload; the summary counts the women elected. Screenshots (390 and 1440 px, kk/ru/en)
// go under --out. The published bundle verifies, attendance re-judged.
//   node web/tests/senate.test.mjs --saylau build/debug/src/cli/saylau --out build/debug/test-output/browser
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, out, repo, run, saylau, serve } from './harness.mjs';

const definition = join(repo, 'elections/kz/2023-01-14-senate.toml');
const data = join(repo, 'tests/data/senate-sitting');

const work = mkdtempSync(join(tmpdir(), 'saylau-senate-'));
let server;
let browser;

function startServer(db, ...more) {
  const served = serve(db, ...more);
  server = served.server;
  return served.url;
}

function saylauAsync(...args) {
  return new Promise((done) => {
    const child = spawn(saylau, args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk) => (text += chunk));
    child.stderr.on('data', (chunk) => (text += chunk));
    child.on('exit', (code) => done({ code, text }));
  });
}

// The attendance rows reported at `time`, in a file of their own.
function attendanceAt(time) {
  const [header, ...rows] = readFileSync(join(data, 'attendance.csv'), 'utf8').trim().split('\n');
  const file = join(work, `attendance-${time.replace(':', '')}.csv`);
  writeFileSync(file, [header, ...rows.filter((row) => row.split(',')[1] === time)].join('\n') + '\n');
  return file;
}

const tilesIn = (page, state) => page.locator(`#sitting-grid .sitting-tile[data-state="${state}"]`).count();
const figure = (page, id) => page.locator(`#figure-${id} b`).textContent();
async function waitForTiles(page, state, count) {
  await page.waitForFunction(([s, n]) => document.querySelectorAll(`#sitting-grid .sitting-tile[data-state="${s}"]`).length === n, [state, count], { timeout: 60_000 });
}

try {
  const db = join(work, 'senate.db');
  run('init', definition, '--db', db);
  run('keys', 'gen', '--all', '--db', db, '--out', join(work, 'keys'));
  run('keys', 'log', '--out', join(work, 'log.key'));
  const url = await startServer(db, '--log-key', join(work, 'log.key'));
  const keys = join(work, 'keys');
  const submit = async (file) => {
    const sent = await saylauAsync('submit', '--server', url, '--keys', keys, file);
    assert.equal(sent.code, 0, sent.text);
  };
  const certify = async (...args) => {
    const done = await saylauAsync('certify', '--server', url, '--key', join(keys, 'kz.key'), ...args);
    assert.equal(done.code, 0, done.text);
  };

  browser = await launchChromium(join(work, 'chromium'), { width: 1440, height: 1000 });
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${url}/#/`);
  // The front page of a Senate night is the Senate page, not "Party lists: national" with dashes.
  await page.waitForSelector('#sitting-grid .sitting-tile');
  assert.equal(await page.locator('#senate-title').textContent(), 'Senate: 20 seats');
  assert.equal(await page.locator('#list-title').count(), 0, 'no party-list card on a Senate night');
  assert.equal(await tilesIn(page, 'awaiting'), 20, 'every sitting awaited before the morning');
  await page.evaluate(() => (window.__notReloaded = true));

  // The morning: attendance at 10:05 (everyone gathering), 10:20 (half the sittings have a
  // quorum of at least half their electors), 10:45 (all of them).
  await submit(attendanceAt('10:05'));
  await waitForTiles(page, 'gathering', 20);
  assert.match(await page.locator('#sittings tr[data-unit="astana"] .quorum-cell').textContent(), /10:05: 9 of 31 present/);
  await submit(attendanceAt('10:20'));
  await waitForTiles(page, 'quorum', 10);
  assert.equal(await tilesIn(page, 'gathering'), 10);
  assert.equal(await page.locator('#sittings tr[data-unit="astana"] .quorum-cell').textContent(), 'quorum at 10:20');
  // Another region's commission may not report Astana's attendance: refused, nothing changes.
  const foreign = join(work, 'foreign.csv');
  writeFileSync(foreign, 'unit,time,voters,issued\nastana,10:30,31,31\n');
  const refused = await saylauAsync('submit', '--server', url, '--key', join(keys, 'ulytau.key'), foreign);
  assert.notEqual(refused.code, 0, refused.text);
  assert.match(refused.text, /1 refused/);
  assert.match(refused.text, /may not submit for 'astana'/);
  // A report whose time is not a time is stored as rejected (attendance-time) and still verifies.
  const badTime = join(work, 'bad-time.csv');
  writeFileSync(badTime, 'unit,time,voters,issued\nastana,half past ten,31,20\n');
  const rejected = await saylauAsync('submit', '--server', url, '--keys', keys, badTime);
  assert.notEqual(rejected.code, 0, rejected.text);
  assert.match(rejected.text, /1 rejected/);
  await submit(attendanceAt('10:45'));
  await waitForTiles(page, 'quorum', 20);
  assert.equal(await figure(page, 'quorum'), '20');
  assert.equal(await page.locator('#sittings tr[data-unit="almaty-city"] .quorum-cell').textContent(), 'quorum at 10:45');
  await page.setViewportSize({ width: 390, height: 900 });
  await page.screenshot({ path: join(out, 'senate-quorum-en-390.png'), fullPage: true });
  await page.setViewportSize({ width: 1440, height: 1000 });

  // The vote: 19 elected, Kyzylorda needs a repeat vote; preliminary.
  await submit(join(data, 'votes-round1.jsonl'));
  await waitForTiles(page, 'elected', 19);
  assert.equal(await page.locator('#sitting-grid .sitting-tile[data-unit="kyzylorda"]').getAttribute('data-state'), 'repeat-vote');
  assert.equal(await figure(page, 'women'), '1');
  assert.equal(await figure(page, 'repeat'), '1');
  assert.equal(await figure(page, 'voting'), '1');
  assert.match(await page.locator('#sittings tr[data-unit="akmola"] .winner-cell').textContent(), /90\.91 %/);
  await certify('--stage', 'preliminary');

  // The repeat vote elects the second woman; round one of Kyzylorda, then everything, final.
  await submit(join(data, 'votes-round2.jsonl'));
  await waitForTiles(page, 'elected', 20);
  assert.equal(await figure(page, 'women'), '2');
  assert.equal(await figure(page, 'voting'), '0');
  assert.match(await page.locator('#sittings tr[data-unit="kyzylorda"]').textContent(), /in the repeat vote/);
  await certify('--stage', 'final', '--contest', 'senate-kyzylorda', '--round', '1');
  await certify('--stage', 'final');
  await page.waitForFunction(() => document.querySelectorAll('#sittings td').length > 0 &&
    [...document.querySelectorAll('#sittings tbody tr')].every((tr) => tr.children[1].textContent === 'final'), null, { timeout: 30_000 });
  assert.equal(await page.evaluate(() => window.__notReloaded), true, 'the page filled live, without a reload');
  // The sittings are a data table: sorted by the winner's votes (most first), downloaded as JSON
  // with the regions' and winners' names.
  await page.click('#sittings th:nth-child(6) button.sort');
  await page.click('#sittings th:nth-child(6) button.sort');
  assert.equal(await page.locator('#sittings th:nth-child(6)').getAttribute('aria-sort'), 'descending');
  const senateApi = await (await fetch(`${url}/api/v1/senate`)).json();
  const mostVotes = [...senateApi.sittings].sort((a, b) => (b.winner?.votes ?? -1) - (a.winner?.votes ?? -1))[0];
  assert.equal(await page.locator('#sittings tbody tr').first().getAttribute('data-unit'), mostVotes.unit);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#sittings-host .download[data-format="json"]')]);
  assert.equal(download.suggestedFilename(), 'senate-sittings.json');
  const records = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(records.length, 20);
  assert.equal(records[0].unit, mostVotes.unit);
  const akmola = records.find((r) => r.unit === 'akmola');
  const akmolaApi = senateApi.sittings.find((s) => s.unit === 'akmola');
  assert.deepEqual([akmola.unit_name, akmola.winner_name, akmola.votes, akmola.stage], [akmolaApi.unit_name.en, akmolaApi.winner.name.en, akmolaApi.winner.votes, 'final']);
  await page.screenshot({ path: join(out, 'senate-final-en-1440.png'), fullPage: true });

  // Kazakh and Russian, wide and narrow.
  await page.click('[data-lang="kk"]');
  // The language changes at once; the page is drawn again after its data arrives, so wait for it.
  await page.waitForFunction(() => document.documentElement.lang === 'kk');
  await page.waitForFunction(() => document.querySelector('#senate-title')?.textContent === 'Сенат: 20 орын', null, { timeout: 30_000 });
  await page.screenshot({ path: join(out, 'senate-final-kk-1440.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 900 });
  await page.screenshot({ path: join(out, 'senate-final-kk-390.png'), fullPage: true });
  await page.click('[data-lang="ru"]');
  await page.waitForFunction(() => document.documentElement.lang === 'ru');
  await page.waitForFunction(() => document.querySelector('#figure-women span')?.textContent === 'Избрано женщин', null, { timeout: 30_000 });
  await page.screenshot({ path: join(out, 'senate-final-ru-390.png'), fullPage: true });
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.screenshot({ path: join(out, 'senate-final-ru-1440.png'), fullPage: true });
  await page.click('[data-lang="en"]');

  // The published bundle re-judges the attendance as the server did (60 accepted, the bad time
  // rejected), and verifies.
  const published = await saylauAsync('publish', '--db', db, '--out', join(work, 'bundle'), '--log-key', join(work, 'log.key'));
  assert.equal(published.code, 0, published.text);
  const verified = await saylauAsync('verify', join(work, 'bundle'));
  assert.equal(verified.code, 0, verified.text);
  assert.match(verified.text, /turnout reports re-judged\s+61\s+ok/);
  assert.match(verified.text, /protocols re-judged \(control relations\)\s+21\s+ok/);

  assert.deepEqual(errors, [], 'no script errors in the page');
  console.log(`senate browser test passed; screenshots in ${out}`);
} catch (error) {
  console.error(`senate browser test FAILED: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.removeAllListeners('exit');
    const stopped = new Promise((done) => server.on('exit', done));
    server.kill('SIGINT');
    const code = await stopped;
    if (code !== 0) {
      console.error(`saylau serve exited with ${code} after SIGINT`);
      process.exitCode = 1;
    }
  }
  rmSync(work, { recursive: true, force: true });
}
