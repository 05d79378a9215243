// The dashboard on nights of several bodies (issue 19, items 1 and 5), in a real browser:
// the calendar night (the Mazhilis, the Astana and Almaty maslikhats, rural akims; the first
// contest is an akim's) shows each body on its own, the akims by region with a search box, and
// a region's page with its own contests; then a night of 360 rural akims only (no national contest), imported
// with saylau import-contests, summarised by region, searchable, and every region's page, the
// map and a station open without an error.
//   node web/tests/bodies.test.mjs --saylau build/debug/src/cli/saylau --out build/debug/test-output/browser
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, out, repo, run, saylau, serve } from './harness.mjs';

const good = join(repo, 'tests/data/good');
const work = mkdtempSync(join(tmpdir(), 'saylau-bodies-'));
const servers = [];
const regions = ['abai', 'akmola', 'aktobe', 'almaty-region', 'atyrau', 'east-kazakhstan', 'zhambyl', 'zhetysu', 'west-kazakhstan', 'karaganda',
  'kostanay', 'kyzylorda', 'mangystau', 'pavlodar', 'north-kazakhstan', 'turkistan', 'ulytau', 'astana-rural', 'almaty-rural', 'shymkent-rural'];
let browser;

function startServer(db) {
  const served = serve(db);
  servers.push(served.server);
  return served.url;
}

// A night of rural akims only: 20 regions of 18 rural districts (360 akims), one station each;
// the first district of each region reports (elected), the others do not.
function akimsNight(dir) {
  let definition = '[election]\nid = "akims"\ndate = 2023-03-19\nname = { en = "Rural akims" }\n\n[[bodies]]\nid = "akims"\nkind = "akim"\nname = { kk = "Ауыл әкімдері", ru = "Сельские акимы", en = "Rural akims" }\n\n[[units]]\nid = "kz"\nkind = "country"\nname = "Kazakhstan"\n';
  let contests = 'id,body,kind,unit,name_en\n';
  let candidates = 'contest,id,name_en\n';
  let stations = 'id,parent,registered_voters\n';
  let protocols = 'contest,unit,voters,received,issued,cancelled,found,valid,invalid,a,b\n';
  for (const region of regions) {
    definition += `\n[[units]]\nid = "${region}"\nparent = "kz"\nkind = "region"\nname = "${region}"\n`;
    for (let d = 1; d <= 18; ++d) {
      const district = `${region}-${d}`;
      definition += `\n[[units]]\nid = "${district}"\nparent = "${region}"\nkind = "settlement"\nname = "${district}"\n`;
      contests += `akim-${district},akims,plurality,${district},Akim of ${district}\n`;
      candidates += `akim-${district},a,Candidate A of ${district}\nakim-${district},b,Candidate B\n`;
      stations += `st-${district},${district},500\n`;
      if (d === 1) protocols += `akim-${district},st-${district},500,510,305,205,305,300,5,200,100\n`;
    }
  }
  for (const [name, text] of Object.entries({ 'base.toml': definition, 'contests.csv': contests, 'candidates.csv': candidates, 'stations.csv': stations, 'protocols.csv': protocols })) {
    writeFileSync(join(dir, name), text);
  }
}

try {
  browser = await launchChromium(join(work, 'chromium'), { width: 1280, height: 1000 });
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const noStatusError = async (where) =>
    assert.equal(await page.locator('#status-bar.error').count(), 0, `${where}: ${await page.locator('#status-bar').textContent()}`);

  // 1. The calendar night.
  const db = join(work, 'calendar.db');
  run('init', join(good, 'calendar-night.toml'), '--stations', join(good, 'calendar-night-stations.csv'), '--db', db);
  run('ingest', '--db', db, join(good, 'calendar-night-protocols.csv'));
  let url = await startServer(db);
  await page.goto(`${url}/#/`);
  await page.waitForSelector('.body-card[data-body="akims"] tr[data-contest]');
  // The chamber: the Mazhilis' 11 seats only; each council on its own card with its 6.
  assert.equal(await page.locator('#hemicycle').getAttribute('data-seats'), '11');
  assert.equal(await page.locator('.body-card[data-body="astana-maslikhat"] .seats-sum').textContent(), '6');
  assert.equal(await page.locator('.body-card[data-body="almaty-maslikhat"] .seats-sum').textContent(), '6');
  assert.equal(await page.locator('.body-card[data-body="mazhilis"]').count(), 0, 'the main body is the chamber above');
  assert.equal(await page.locator('.body-card[data-body="astana-maslikhat"] .body-title').textContent(), 'Astana city maslikhat');
  // The akims: by region, and searchable.
  const akims = page.locator('.body-card[data-body="akims"]');
  assert.equal(await akims.locator('tr[data-region="karaganda"] td').nth(1).textContent(), '1', 'Karaganda: one elected');
  assert.equal(await akims.locator('tr[data-region="karaganda"] td').nth(3).textContent(), '1', 'Karaganda: one unresolved');
  assert.equal(await akims.locator('tr[data-contest]').count(), 3);
  // The akims' contests are a data table (web/src/table.ts): its filter keeps the matching rows.
  await akims.locator('.table-filter').fill('botakara');
  assert.equal(await akims.locator('tr[data-contest]').count(), 1);
  assert.equal(await akims.locator('tr[data-contest="akim-botakara"]').getAttribute('data-state'), 'unresolved');
  assert.equal(await akims.locator('.pager .range').textContent(), '1–1 of 1');
  await akims.locator('.table-filter').fill('');
  await page.screenshot({ path: join(out, 'bodies-en.png'), fullPage: true });
  // Russian: the body's name and the states in the page's language.
  await page.click('[data-lang="ru"]');
  await page.waitForFunction(() => document.documentElement.lang === 'ru');
  await page.waitForFunction(() => document.querySelector('.body-card[data-body="astana-maslikhat"] .body-title')?.textContent === 'Маслихат города Астаны');
  assert.equal(await page.locator('.body-card[data-body="akims"] tr[data-contest="akim-aksu-ayuly"] td').nth(2).textContent(), 'избран');
  await page.click('[data-lang="en"]');
  // A region's page: its own akims, whatever the main contest.
  await page.evaluate(() => (location.hash = '#/unit/karaganda'));
  await page.waitForSelector('#unit-bodies .body-card[data-body="akims"] tr[data-contest]');
  assert.equal(await page.locator('#unit-bodies .body-card[data-body="akims"] tr[data-contest]').count(), 2);
  await page.evaluate(() => (location.hash = '#/unit/astana'));
  await page.waitForSelector('#unit-bodies .body-card[data-body="astana-maslikhat"] tr[data-contest="astana-c-1"]');
  await noStatusError('Astana');

  // 2. A night of rural akims only, imported from CSV in one command.
  const dir = join(work, 'akims');
  mkdirSync(dir);
  akimsNight(dir);
  run('import-contests', join(dir, 'base.toml'), '--contests', join(dir, 'contests.csv'), '--candidates', join(dir, 'candidates.csv'), '--out', join(dir, 'night.toml'));
  const akimsDb = join(dir, 'night.db');
  run('init', join(dir, 'night.toml'), '--stations', join(dir, 'stations.csv'), '--db', akimsDb);
  run('ingest', '--db', akimsDb, join(dir, 'protocols.csv'));
  url = await startServer(akimsDb);
  await page.goto(`${url}/#/`);
  await page.waitForSelector('.body-card[data-body="akims"] tr[data-region="turkistan"]');
  await noStatusError('the akims overview');
  const card = page.locator('.body-card[data-body="akims"]');
  // 360 contests in pages of 50.
  assert.equal(await card.locator('tr[data-contest]').count(), 50);
  assert.equal(await card.locator('.pager .range').textContent(), '1–50 of 360');
  assert.equal(await card.locator('tr[data-region]').count(), 20);
  assert.equal(await card.locator('tr[data-region="pavlodar"] td').nth(1).textContent(), '1', 'Pavlodar: one elected');
  assert.equal(await card.locator('tr[data-region="pavlodar"] td').nth(2).textContent(), '17', 'Pavlodar: 17 counting');
  await card.locator('.table-filter').fill('pavlodar-11');
  assert.equal(await card.locator('tr[data-contest]').count(), 1);
  assert.equal(await card.locator('.pager .range').textContent(), '1–1 of 1');
  await page.screenshot({ path: join(out, 'akims-overview.png'), fullPage: false });
  for (const region of regions) {
    await page.evaluate((id) => (location.hash = `#/unit/${id}`), region);
    await page.waitForSelector(`#children tr[data-unit="${region}-18"]`);
    await page.waitForSelector(`#unit-bodies tr[data-contest="akim-${region}-1"][data-state="elected"]`);
    await noStatusError(region);
  }
  await page.evaluate(() => (location.hash = '#/station/st-pavlodar-1'));
  await page.waitForSelector('.protocol[data-contest="akim-pavlodar-1"]');
  await noStatusError('a station of another akim than the first');
  await page.click('nav a[href="#/map"]');
  await page.waitForSelector('#tiles .tile');
  await noStatusError('the map');
  await page.screenshot({ path: join(out, 'akims-region.png'), fullPage: true });

  assert.deepEqual(errors, [], 'no script errors in the page');
  console.log(`bodies browser test passed; screenshots in ${out}`);
} catch (error) {
  console.error(`bodies browser test FAILED: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await browser?.close();
  for (const server of servers) {
    if (server.exitCode !== null) continue;
    server.removeAllListeners('exit');
    const stopped = new Promise((done) => server.on('exit', done));
    server.kill('SIGINT');
    await stopped;
  }
  rmSync(work, { recursive: true, force: true });
}
