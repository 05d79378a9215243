// The printable results protocol and the embeddable widget in a real browser (issue 21, item 4):
// Debian's Chromium driven by playwright-core against `saylau serve` on a small Mazhilis night.
// Half the stations are counted before the server starts; the widget, framed by a page of
// another origin, shows the national figures with the seats "leading", then follows the other
// half live to "won". The protocol page (#/protocol/CONTEST/UNIT) shows the API's figures, the
// control relations holding, the certification stage, the signed tree head's hash and a QR code;
// printing hides the navigation, and page.pdf() gives one to three A4 pages. Screenshots (screen
// and print, kk/ru/en, 1440 and 390 px, and the widget) go under --out.
//   node web/tests/print.test.mjs --saylau build/debug/src/cli/saylau --out build/debug/test-output/browser
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, out, repo, run, saylau, serve } from './harness.mjs';

const definition = join(repo, 'elections/kz/2023-03-19-mazhilis.toml');
const work = mkdtempSync(join(tmpdir(), 'saylau-print-'));
const contest = 'mazhilis-list';
let server;
let browser;
let other;

function saylauAsync(...args) {
  return new Promise((done) => {
    const child = spawn(saylau, args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk) => (text += chunk));
    child.stderr.on('data', (chunk) => (text += chunk));
    child.on('exit', (code) => done({ code, text }));
  });
}

const digits = (text) => Number(String(text).replace(/[^0-9]/g, ''));

try {
  const night = join(work, 'night');
  const db = join(work, 'night.db');
  run('synth', definition, '--seed', '11', '--stations', '60', '--out', night);
  run('init', definition, '--db', db, '--stations', join(night, 'stations.csv'));
  run('keys', 'gen', '--all', '--db', db, '--out', join(work, 'keys'));
  run('keys', 'log', '--out', join(work, 'log.key'));
  // The first half of the national list protocols now, the rest (and every district's) later.
  const [header, ...rows] = readFileSync(join(night, 'protocols.csv'), 'utf8').trim().split('\n');
  const list = rows.filter((row) => row.startsWith(`${contest},`));
  const early = list.slice(0, list.length / 2);
  const late = rows.filter((row) => !early.includes(row));
  writeFileSync(join(work, 'early.csv'), [header, ...early].join('\n') + '\n');
  writeFileSync(join(work, 'late.csv'), [header, ...late].join('\n') + '\n');
  run('ingest', '--db', db, join(night, 'turnout.csv'), join(work, 'early.csv'));

  const served = serve(db, '--log-key', join(work, 'log.key'));
  server = served.server;
  const url = await served.url;
  const apiGet = async (path) => (await fetch(`${url}${path}`)).json();

  // The widget's page may be framed by anyone: no X-Frame-Options or frame-ancestors on /embed.
  const embedResponse = await fetch(`${url}/embed?contest=${contest}&lang=ru`);
  assert.equal(embedResponse.status, 200);
  assert.match(embedResponse.headers.get('content-type'), /text\/html/);
  assert.equal(embedResponse.headers.get('x-frame-options'), null);
  assert.doesNotMatch(embedResponse.headers.get('content-security-policy') ?? '', /frame-ancestors/);
  assert.match(await embedResponse.text(), /id="embed"/, '/embed serves the widget, not the dashboard');

  // A news site on another origin (another port) framing the widget.
  other = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><title>news</title><h1>Election night</h1>
      <iframe id="widget" src="${url}/embed?contest=${contest}&lang=ru" width="600" height="460" style="border:0"></iframe>`);
  });
  await new Promise((done) => other.listen(0, '127.0.0.1', done));
  const newsSite = `http://127.0.0.1:${other.address().port}/`;

  browser = await launchChromium(join(work, 'chromium'), { width: 1440, height: 900 });
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(newsSite);
  const frame = page.frameLocator('#widget');
  await frame.locator('#embed[data-ready]').waitFor({ timeout: 20_000 });
  let national = await apiGet(`/api/v1/results?contest=${contest}`);
  assert.equal(national.partial, true, 'half the stations are in');
  assert.equal(digits(await frame.locator('#embed-progress').getAttribute('data-reported')), national.progress.reported);
  assert.equal(await frame.locator('#embed-state').getAttribute('data-won'), 'false', 'seats are leading while counting');
  assert.equal(digits(await frame.locator('tr[data-option="amanat"] td[data-votes]').getAttribute('data-votes')), national.totals.amanat);
  assert.match(await frame.locator('#embed-state').textContent(), /лидирует/);
  assert.equal(await frame.locator('nav').count(), 0, 'the widget has no navigation');
  assert.match(await frame.locator('#embed-link').getAttribute('href'), new RegExp(`^${url}/#/contest/${contest}$`));
  await page.screenshot({ path: join(out, 'print-widget-leading-ru.png') });

  // The rest of the night, sent live: the framed widget follows without a reload.
  const sent = await saylauAsync('submit', '--server', url, '--keys', join(work, 'keys'), join(work, 'late.csv'));
  assert.equal(sent.code, 0, sent.text);
  await frame.locator('#embed-state[data-won="true"]').waitFor({ timeout: 30_000 });
  national = await apiGet(`/api/v1/results?contest=${contest}`);
  assert.equal(national.partial, false);
  assert.equal(digits(await frame.locator('#embed-progress').getAttribute('data-reported')), national.progress.expected);
  for (const option of ['amanat', 'auyl', 'baytaq']) {
    assert.equal(digits(await frame.locator(`tr[data-option="${option}"] td[data-votes]`).getAttribute('data-votes')), national.totals[option], option);
    const seats = national.outcome.options.find((o) => o.option === option).seats;
    assert.equal(Number(await frame.locator(`tr[data-option="${option}"] td[data-seats]`).getAttribute('data-seats')), seats, option);
  }
  await page.screenshot({ path: join(out, 'print-widget-won-ru.png') });

  const certified = await saylauAsync('certify', '--server', url, '--key', join(work, 'keys/kz.key'), '--stage', 'preliminary');
  assert.equal(certified.code, 0, certified.text);

  // The contest page links to its protocol and offers the widget's code.
  await page.goto(`${url}/#/contest/${contest}`);
  await page.waitForSelector('#contest-protocol-link');
  assert.equal(await page.locator('#contest-protocol-link').getAttribute('href'), `#/protocol/${contest}/kz`);
  assert.match(await page.locator('#embed-code').textContent(), new RegExp(`<iframe src="${url}/embed\\?contest=${contest}&lang=en"`));

  // The national protocol: the API's figures, the relations, the stage, the hash and the QR code.
  await page.goto(`${url}/?lang=en#/protocol/${contest}/kz`);
  await page.waitForSelector('#protocol[data-ready]');
  national = await apiGet(`/api/v1/results?contest=${contest}`);
  const head = await apiGet('/api/v1/log/head');
  const lines = await page.locator('#protocol-lines tr[data-line]').evaluateAll((trs) => trs.map((tr) => [tr.dataset.line, tr.querySelector('.figure').textContent]));
  assert.ok(lines.length >= 8, `the protocol's lines: ${lines}`);
  for (const [line, figure] of lines) assert.equal(digits(figure), national.totals[line], line);
  assert.deepEqual(lines.slice(0, 3).map(([line]) => line), ['voters', 'received', 'issued'], 'the paper order');
  const options = await page.locator('#protocol-options tr[data-option]').evaluateAll((trs) => trs.map((tr) => [tr.dataset.option, tr.querySelector('.figure').textContent]));
  assert.equal(options.length, 8, 'seven lists and against all');
  for (const [option, figure] of options) assert.equal(digits(figure), national.totals[option], option);
  const relations = await page.locator('#protocol-relations tr[data-relation]').evaluateAll((trs) => trs.map((tr) => [tr.dataset.relation, tr.dataset.holds]));
  assert.ok(relations.length >= 6, `relations: ${relations}`);
  assert.ok(relations.some(([r]) => r === 'found-equals-valid-plus-invalid'));
  for (const [relation, holds] of relations) assert.equal(holds, 'true', relation);
  assert.equal(await page.locator('#protocol-stage').getAttribute('data-stage'), 'preliminary');
  assert.equal(await page.locator('#protocol-certifier').getAttribute('data-unit'), 'kz');
  assert.equal(await page.locator('#protocol-seat-state').getAttribute('data-won'), 'true');
  assert.equal((await page.locator('#protocol-elected tr[data-option]').count()) > 0, true, 'the elected by list');
  assert.equal(head.signed, true);
  assert.equal(await page.locator('#protocol-root').textContent(), head.head.root);
  assert.equal(await page.locator('#protocol').getAttribute('data-size'), String(head.head.size));
  assert.equal(await page.locator('#protocol-qr svg path').count() > 0, true, 'the QR code is drawn');
  assert.equal(await page.locator('#protocol-address').textContent(), `${url}/#/protocol/${contest}/kz`);
  assert.ok((await page.locator('#protocol-signatures tbody tr').count()) >= 3);
  assert.equal(await page.locator('h1').count(), 1);
  assert.equal(await page.locator('#nav').isVisible(), true);
  await page.screenshot({ path: join(out, 'print-protocol-en-1440.png'), fullPage: true });

  // Printed: no navigation, buttons, language switch or live badge; the protocol itself stays.
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['#nav', '#protocol-print', '.languages', '#live', '#foot']) {
    assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is printed`);
  }
  assert.equal(await page.locator('#protocol-lines').isVisible(), true);
  assert.equal(await page.locator('#protocol-qr').isVisible(), true);
  await page.screenshot({ path: join(out, 'print-protocol-en-print.png'), fullPage: true });
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.ok(pages >= 1 && pages <= 3, `the national protocol on 1-3 A4 pages, not ${pages}`);
  writeFileSync(join(out, 'print-protocol-en.pdf'), pdf);
  await page.emulateMedia({ media: 'screen' });

  // In Kazakh and Russian, a region's protocol; and a phone's width.
  const titles = { kk: 'Дауыс беру қорытындылары туралы хаттама', ru: 'Протокол об итогах голосования' };
  for (const lang of ['kk', 'ru']) {
    await page.goto(`${url}/?lang=${lang}#/protocol/${contest}/astana`);
    await page.waitForSelector(`#protocol[data-ready]`);
    assert.equal(await page.locator('#protocol-title').textContent(), titles[lang]);
    const astana = await apiGet(`/api/v1/results?contest=${contest}&unit=astana`);
    assert.equal(digits(await page.locator('#protocol-lines tr[data-line="valid"] .figure').textContent()), astana.totals.valid);
    assert.match(await page.locator('#protocol-outcome').textContent(), /mazhilis-list|kz|Қазақстан|Казахстан/, 'seats are decided at the country');
    await page.screenshot({ path: join(out, `print-protocol-${lang}-1440.png`), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(out, `print-protocol-${lang}-print.png`), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  }
  // As saylau report opens it without --public-url (local=1): no QR code or link to a loopback
  // address on paper, and the sentence saying so, in each language.
  const noLink = { kk: /^Тексеру сілтемесі жоқ/, ru: /^Ссылки для проверки нет/, en: /^No verification link/ };
  for (const lang of ['kk', 'ru', 'en']) {
    await page.goto(`${url}/?print=1&local=1&lang=${lang}#/protocol/${contest}/kz`);
    await page.waitForSelector('#protocol[data-ready]');
    assert.match(await page.locator('#protocol-no-link').textContent(), noLink[lang], lang);
    assert.equal(await page.locator('#protocol-qr, #protocol-address').count(), 0, `${lang}: no QR code or link`);
    assert.equal(await page.locator('#protocol-root').textContent(), head.head.root, `${lang}: the root is printed`);
  }
  await page.goto(`${url}/?print=1&local=1&base=${encodeURIComponent('https://results.example.kz')}&lang=en#/protocol/${contest}/kz`);
  await page.waitForSelector('#protocol[data-ready]');
  assert.equal(await page.locator('#protocol-address').textContent(), `https://results.example.kz/#/protocol/${contest}/kz`, 'a public address wins');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${url}/?lang=ru#/protocol/${contest}/kz`);
  await page.waitForSelector('#protocol[data-ready]');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the protocol scrolls sideways at 390 px by ${overflow} px`);
  await page.screenshot({ path: join(out, 'print-protocol-ru-390.png'), fullPage: true });
  // A contest or unit that is not there is said so, with nothing drawn from it.
  await page.goto(`${url}/?lang=en#/protocol/no-such-contest/kz`);
  await page.waitForFunction(() => document.getElementById('status-bar')?.textContent?.includes('no-such-contest'));
  assert.deepEqual(errors, []);
  console.log(`print test: ok (protocol ${lines.length} lines, ${relations.length} relations, ${pages} A4 pages; widget leading then won)`);
} finally {
  await browser?.close();
  other?.close();
  if (server) {
    server.kill('SIGTERM');
    await new Promise((done) => server.once('exit', done));
  }
  rmSync(work, { recursive: true, force: true });
}
