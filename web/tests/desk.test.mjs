// The commission desk (/desk, issue 20) in Debian's Chromium against `saylau serve` on the small
// test night of forms (forms-night.toml: the Kazakh forms and a Russian-style one with a warn
// relation) with double entry on: a station's key is dropped on the page; the list protocol is typed twice
// (the second operator blind, by keyboard) with one difference, whose wrong pick breaks a
// relation and stops the send until the right one is picked; a photo is attached; signed, sent,
// accepted, the inclusion proof checked in the page, the receipt saved; the dashboard shows the
// station counted and the photo is on the server. The referendum's protocol is then signed with
// the network cut: it waits, and is delivered exactly once when the network returns. A district
// key corrects the station with a reason; a station key cannot open another station's form and
// the server refuses (403) what it signs for another station. Also: a warning needs a confirmation,
// a turnout report is stopped by a broken relation, a key kept under a passphrase is unlocked, the
// CEC certifies from its desk, the receipt prints alone, axe-core finds nothing serious, and a
// Senate sitting reports attendance, and a browser without Ed25519 is told so. Screenshots (kk/ru/en, 390 and 1440 px) go under --out.
//   node web/tests/desk.test.mjs --saylau build/debug/src/cli/saylau --out build/debug/test-output/browser
import assert from 'node:assert/strict';
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, out, repo, run, serve } from './harness.mjs';

const work = mkdtempSync(join(tmpdir(), 'saylau-desk-'));
let server;
let senateServer;
let browser;

// The list protocol of station s1 as on the paper; operator 2 mistypes party a (530 for 350).
const paper = { voters: 1000, received: 1000, issued: 600, issued_absentee: '', issued_outside: '', cancelled: 400, found: 600, valid: 580, invalid: 20, against_all: 30, a: 350, b: 200 };
const referendum = { voters: 1000, received: 1000, issued: 600, issued_absentee: '', issued_outside: '', cancelled: 400, found: 600, valid: 570, invalid: 20, both_marked: 10, yes: 400, no: 170 };
// The president's protocol on the Russian-style form: more ballots in the boxes than issued warns.
const president = { registered: 1000, received: 1000, issued_early: 10, issued_inside: 580, issued_outside: 10, cancelled: 400, portable: 20, stationary: 590, invalid: 10, valid: 600, p: 350, q: 250 };
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const keyPath = (id) => join(work, 'keys', `${id}.key`);
const getJson = async (url) => (await fetch(url)).json();

// Types `values` into the open form's inputs (by field name).
async function fill(page, values) {
  for (const [field, value] of Object.entries(values)) await page.fill(`#entry-card input[data-field="${field}"]`, String(value));
}

// Keyboard only: from the first field, each value typed and Tab to the next, in paper order.
async function typeByKeyboard(page, values) {
  await page.waitForFunction(() => document.activeElement?.id === 'field-0');
  for (const value of Object.values(values)) {
    if (value !== '') await page.keyboard.type(String(value));
    await page.keyboard.press('Tab');
  }
}

async function loadKey(page, id, keepWith) {
  if (await page.locator('#use-another').count()) await page.click('#use-another');
  if (keepWith) {
    await page.check('#keep-key');
    await page.fill('#keep-passphrase', keepWith);
  }
  await page.setInputFiles('#key-file', keyPath(id));
  // 90 s: on a loaded 2-core CI machine (ctest's two slots, ASan) the key's import and the first
  // desk answer once took longer than the default 30 s.
  await page.waitForFunction((commission) => document.querySelector('#key-loaded')?.textContent.includes(commission), id, { timeout: 90_000 });
  await page.waitForSelector('#commission-card:not([hidden]) #units', { timeout: 90_000 });
}

// Opens the form, types the protocol twice (operator 1 by fill, operator 2 by keyboard) and compares.
async function doubleEntry(page, unit, contest, first, second, byKeyboard = false) {
  if (byKeyboard) {
    // The form's link, reached and followed from the keyboard: the focus lands on its first line.
    await page.focus(`#units li[data-unit="${unit}"] li[data-contest="${contest}"] a`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'field-0');
  } else {
    await page.evaluate(([u, c]) => (location.hash = `#/protocol/${u}/${c}`), [unit, contest]);
  }
  await page.waitForSelector('#entry-step[data-step="first"]');
  await fill(page, first);
  assert.match(await page.locator('#send-why').textContent(), /Two operators/);
  await page.click('#first-done');
  await page.waitForSelector('#entry-step[data-step="second"]');
  if (second) await typeByKeyboard(page, second);
  await page.click('#compare');
  await page.waitForSelector('#entry-step[data-step="resolve"]');
}

const sendState = (page) => page.evaluate(() => ({ disabled: document.querySelector('#send').disabled, why: document.querySelector('#send-why').textContent }));

try {
  const definition = join(work, 'night.toml');
  writeFileSync(definition, readFileSync(join(repo, 'tests/data/good/forms-night.toml'), 'utf8').replace('[election]\n', '[election]\ndouble_entry = true\n'));
  const db = join(work, 'night.db');
  run('init', definition, '--db', db, '--stations', join(repo, 'tests/data/good/night-stations.csv'));
  run('keys', 'gen', '--all', '--db', db, '--out', join(work, 'keys'));
  run('keys', 'log', '--out', join(work, 'log.key'));
  const served = serve(db, '--log-key', join(work, 'log.key'));
  server = served.server;
  const url = await served.url;

  browser = await launchChromium(join(work, 'chromium'), { width: 1440, height: 1000 });
  const page = browser.pages()[0] ?? (await browser.newPage());
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${url}/desk`);
  await page.waitForSelector('#key-file');
  assert.equal(await page.locator('h1').count(), 1, 'one h1');
  assert.equal(await page.locator('#no-ed25519').count(), 0, "Chromium's WebCrypto has Ed25519");

  // A key the server does not know is refused by name; nothing else is shown.
  run('keys', 'gen', '--commission', 's3', '--out', join(work, 'unregistered'));
  await page.setInputFiles('#key-file', join(work, 'unregistered', 's3.key'));
  await page.waitForSelector('#key-error');
  assert.match(await page.locator('#key-error').textContent(), /The server has no such key registered/);
  assert.equal(await page.locator('#commission-card').isHidden(), true);

  // --- A station's key, dropped on the page: its commission, its place, the units it may write.
  await page.evaluate((text) => {
    const files = new DataTransfer();
    files.items.add(new File([text], 's1.key', { type: 'application/json' }));
    document.querySelector('#key-drop').dispatchEvent(new DragEvent('drop', { dataTransfer: files, bubbles: true, cancelable: true }));
  }, readFileSync(keyPath('s1'), 'utf8'));
  await page.waitForFunction(() => document.querySelector('#key-loaded')?.textContent.includes('s1'));
  await page.waitForSelector('#commission-card:not([hidden]) #units');
  assert.match(await page.locator('#commission-title').textContent(), /Station 1/);
  assert.match(await page.locator('#commission-path').textContent(), /Country › Region 1 › District 1 › Station 1/);
  assert.deepEqual(await page.locator('#units > li').evaluateAll((items) => items.map((li) => li.dataset.unit)), ['s1']);

  // --- Double entry: one difference (party a); picking the mistyped value breaks a relation.
  await doubleEntry(page, 's1', 'list', paper, { ...paper, a: 530 }, true);
  assert.equal(await page.locator('#differences').getAttribute('data-count'), '1');
  assert.equal(await page.locator('#differences tr[data-field]').getAttribute('data-field'), 'a');
  assert.match((await sendState(page)).why, /Resolve the differences first \(1\)/);
  await page.check('#differences input[value="530"]');
  const stopped = await sendState(page);
  assert.equal(stopped.disabled, true, 'a broken relation stops the send');
  assert.match(stopped.why, /Valid = votes for the options/); // the relation by its name (relations.ts)
  assert.equal(await page.locator('#checks li[data-relation="valid-equals-options-plus-against-all"]').getAttribute('data-state'), 'broken');
  assert.match(await page.locator('#checks li[data-relation="valid-equals-options-plus-against-all"]').textContent(), /580/);
  await page.check('#differences input[value="350"]');
  assert.equal(await page.locator('#checks li[data-state="broken"]').count(), 0, 'every relation holds');
  // The photo of the paper protocol: its SHA-256 computed in the page goes into the signed body.
  const photoSha = createHash('sha256').update(png).digest('hex');
  await page.setInputFiles('#photo', { name: 'protocol-s1.png', mimeType: 'image/png', buffer: png });
  await page.waitForSelector('#photo-hash');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'photo', 'the focus stays on the photo input');
  assert.match(await page.locator('#photo-hash').textContent(), new RegExp(photoSha));
  assert.equal(await page.locator('#differences input[value="350"]').isChecked(), true, 'the pick survives the photo');
  const ready = await sendState(page);
  assert.equal(ready.disabled, false, ready.why);
  assert.match(ready.why, /Ready to sign as s1/);
  await page.click('#send');
  await page.waitForSelector('#result-status[data-status="accepted"]');
  await page.waitForSelector('#proof[data-ok="true"]');
  assert.match(await page.locator('#proof').textContent(), /Inclusion proof checked in this browser/);
  assert.match(await page.locator('#receipt').textContent(), /s1/);
  // Printed, the receipt is all there is on the page.
  await page.emulateMedia({ media: 'print' });
  assert.deepEqual(await page.evaluate(() => ['#key-card', '#commission-card', '#result-card', '#receipt', '#print-receipt']
    .map((id) => document.querySelector(id).getClientRects().length > 0)), [false, false, true, true, false]);
  await page.emulateMedia({ media: 'screen' });
  const download = page.waitForEvent('download');
  await page.click('#save-receipt');
  const receipt = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  assert.equal(receipt.acknowledgement.status, 'accepted');
  assert.equal(receipt.proof.ok, true);
  assert.equal(JSON.parse(receipt.envelope.body).lines.a, 350);
  assert.equal(JSON.parse(receipt.envelope.body).photo_sha256, photoSha);
  // The photo follows the accepted protocol to the server.
  for (let i = 0; i < 50 && (await fetch(`${url}/api/v1/photos/${photoSha}`)).status !== 200; ++i) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(Buffer.from(await (await fetch(`${url}/api/v1/photos/${photoSha}`)).arrayBuffer()), png);
  // The desk knows it is accepted; the dashboard shows the station counted.
  await page.waitForSelector('#units li[data-contest="list"][data-status="accepted"]');
  const dashboard = await browser.newPage();
  await dashboard.goto(`${url}/#/station/s1`);
  await dashboard.waitForSelector('.protocol[data-contest="list"] .verdict');
  assert.equal(await dashboard.locator('.protocol[data-contest="list"] .verdict').textContent(), 'accepted');
  assert.equal(await dashboard.locator('#foot a[href="/desk"]').count(), 1, "the dashboard's footer links to the desk");
  const results = await getJson(`${url}/api/v1/results?contest=list`);
  assert.equal(results.progress.reported, 1);
  assert.equal(results.totals.a, 350);
  await dashboard.close();

  // --- The station's own count again: the same figures are nothing to send; other figures are a
  // change only the commission above may make (correction-by-higher-commission), as the server says.
  await doubleEntry(page, 's1', 'list', paper, paper);
  assert.match((await sendState(page)).why, /The same figures as the accepted count/);
  assert.equal((await sendState(page)).disabled, true);
  await page.click('#enter-again');
  await page.waitForSelector('#entry-step[data-step="first"]');
  await fill(page, { a: 351, b: 199 });
  await page.click('#first-done');
  await fill(page, { a: 351, b: 199 });
  await page.click('#compare');
  await page.waitForSelector('#entry-step[data-step="resolve"]');
  assert.match((await sendState(page)).why, /Correction by a higher commission/);
  assert.equal(await page.locator('#checks li[data-relation="correction-by-higher-commission"]').getAttribute('data-state'), 'broken');
  await page.evaluate(() => (location.hash = '#/'));

  // --- The network cut: the referendum's protocol is signed and waits; sent once when it returns.
  const logSize = async () => (await getJson(`${url}/api/v1/log/head`)).head.size;
  const before = await logSize();
  await browser.setOffline(true);
  await page.waitForFunction(() => document.querySelector('#connection')?.classList.contains('off'));
  await doubleEntry(page, 's1', 'ref', referendum, referendum);
  assert.equal(await page.locator('#differences').getAttribute('data-count'), '0');
  await page.click('#send');
  await page.waitForFunction(() => document.querySelector('#waiting-count')?.textContent === '1');
  assert.match(await page.locator('#waiting').textContent(), /s1|Station 1/);
  await page.click('#send-now'); // still offline: it stays
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await page.locator('#waiting-count').textContent(), '1');
  assert.equal(await logSize(), before, 'nothing reached the server while offline');
  await browser.setOffline(false);
  await page.waitForFunction(() => document.querySelector('#waiting-count')?.textContent === '0', null, { timeout: 20_000 });
  await page.waitForSelector('#result-status[data-status="accepted"]');
  await page.click('#send-now').catch(() => undefined); // nothing waits: no button, nothing sent again
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await logSize(), before + 1, 'sent exactly once');
  const history = await getJson(`${url}/api/v1/protocols?unit=s1`);
  assert.equal(history.submissions.filter((s) => s.contest === 'ref').length, 1, 'one stored version of the referendum protocol');
  assert.equal(await page.locator('#sent-log tr[data-status="accepted"]').count(), 2);

  // --- A warning (more ballots in the boxes than issued) needs an explicit confirmation.
  await doubleEntry(page, 's1', 'president', president, null);
  await page.click('#enter-again');
  await page.waitForSelector('#entry-step[data-step="first"]');
  await page.click('#first-done');
  await fill(page, president);
  await page.click('#compare');
  await page.waitForSelector('#entry-step[data-step="resolve"]');
  assert.equal(await page.locator('#differences').getAttribute('data-count'), '0');
  assert.equal(await page.locator('#checks li[data-relation="boxes-within-issued"]').getAttribute('data-state'), 'warned');
  assert.match((await sendState(page)).why, /Confirm the warnings first/);
  await page.check('#confirm-warnings');
  assert.equal((await sendState(page)).disabled, false);
  await page.click('#send');
  await page.waitForFunction(() => /President/.test(document.querySelector('#result-title')?.textContent ?? ''));
  assert.equal(await page.locator('#result-status').getAttribute('data-status'), 'accepted');
  assert.match(await page.locator('#result-card').textContent(), /boxes-within-issued/);

  // --- A turnout report at 10:00: more ballots issued than voters stops it; fixed, accepted.
  await page.evaluate(() => (location.hash = '#/turnout/s1'));
  await page.waitForSelector('#turnout-time');
  assert.equal(await page.locator('#turnout-time').inputValue(), '10:00');
  await page.fill('#turnout-voters', '1000');
  await page.fill('#turnout-issued', '1200');
  assert.equal((await sendState(page)).disabled, true);
  assert.match((await sendState(page)).why, /Issued ≤ voters on the list/, await page.locator('#entry-card').textContent());
  await page.fill('#turnout-issued', '150');
  assert.equal((await sendState(page)).disabled, false);
  await page.click('#send');
  await page.waitForFunction(() => /10:00/.test(document.querySelector('#result-title')?.textContent ?? '') &&
    document.querySelector('#result-status')?.dataset.status === 'accepted');
  assert.equal((await getJson(`${url}/api/v1/turnout?unit=s1`)).times.find((t) => t.time === '10:00').issued, 150);

  // --- A district commission corrects the station's list protocol with a reason.
  await loadKey(page, 'd1', 'district one passphrase');
  assert.deepEqual(await page.locator('#units > li').evaluateAll((items) => items.map((li) => li.dataset.unit).sort()), ['s1', 's2']);
  assert.equal(await page.locator('#missing-count').getAttribute('data-missing'), '5', 's1 seat and s2 list, seat, ref, president are missing');
  const corrected = { ...paper, valid: 575, invalid: 25, a: 345 };
  await page.evaluate(() => (location.hash = '#/protocol/s1/list'));
  await page.waitForSelector('#entry-step[data-step="first"]');
  assert.equal(await page.locator('#entry-card input[data-field="voters"]').inputValue(), '1000', 'a correction starts from the accepted values');
  await fill(page, { valid: 575, invalid: 25, a: 345 });
  await page.click('#first-done');
  await page.waitForSelector('#entry-step[data-step="second"]');
  await fill(page, { valid: 575, invalid: 25, a: 345 });
  await page.click('#compare');
  await page.waitForSelector('#entry-step[data-step="resolve"]');
  assert.match((await sendState(page)).why, /A correction needs a reason/);
  await page.fill('#reason', 'recount: five ballots for party A were invalid');
  assert.equal((await sendState(page)).disabled, false);
  await page.click('#send');
  await page.waitForSelector('#result-status[data-commission="d1"][data-status="accepted"]');
  const versions = (await getJson(`${url}/api/v1/protocols?unit=s1`)).submissions.filter((s) => s.contest === 'list');
  const latest = versions.find((s) => s.version === 2);
  assert.ok(latest, JSON.stringify(versions.map((v) => v.version)));
  assert.equal(latest.body.commission, 'd1');
  assert.equal(latest.body.reason, 'recount: five ballots for party A were invalid');
  assert.equal(latest.body.lines.a, corrected.a);
  assert.equal((await getJson(`${url}/api/v1/results?contest=list`)).totals.a, 345);

  // --- A station's key cannot open another station's form, and the server refuses it too.
  await loadKey(page, 's1');
  await page.evaluate(() => (location.hash = '#/protocol/s2/list'));
  await page.waitForSelector('#refused');
  assert.equal(await page.locator('#entry-card input[data-field]').count(), 0);
  // A hostile unit in the address is shown as text, never as markup.
  await page.evaluate(() => (location.hash = '#/protocol/%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E/list'));
  await page.waitForFunction(() => document.querySelector('#refused')?.textContent.includes('<img'));
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('#entry-card img').count(), 0);
  const key = JSON.parse(readFileSync(keyPath('s1'), 'utf8'));
  const seq = (await getJson(`${url}/api/v1/keys/last-seq?key=${encodeURIComponent(key.public_key)}`)).last_seq + 1;
  const body = JSON.stringify({ contest: 'list', unit: 's2', lines: { voters: 1000, received: 1000, issued: 600, cancelled: 400, found: 600, valid: 580, invalid: 20, against_all: 30, a: 350, b: 200 } });
  const seed = Buffer.from(key.secret_key, 'base64').subarray(0, 32);
  const privateKey = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
  const signature = sign(null, Buffer.from(`saylau-submission-v1\n${key.commission}\n${key.public_key}\n${seq}\n${body}`), privateKey).toString('base64');
  const foreign = await fetch(`${url}/api/v1/protocols`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ commission: key.commission, key: key.public_key, seq, body, signature }) });
  assert.equal(foreign.status, 403);
  const refusal = await foreign.json();
  assert.equal(refusal.error ?? refusal.refusal, 'not-authorised', JSON.stringify(refusal));

  // --- The district's key kept on this device: a wrong passphrase does not unlock it, the right one does.
  await page.click('#use-another');
  await page.waitForSelector('#kept-keys li');
  await page.fill('#kept-keys li .unlock-passphrase', 'not the passphrase');
  await page.click('#kept-keys li .unlock');
  await page.waitForSelector('#key-error');
  assert.match(await page.locator('#key-error').textContent(), /Wrong passphrase/);
  await page.fill('#kept-keys li .unlock-passphrase', 'district one passphrase');
  await page.click('#kept-keys li .unlock');
  await page.waitForFunction(() => document.querySelector('#key-loaded')?.textContent.includes('d1'));

  // --- The CEC certifies the referendum's preliminary result from its desk.
  await loadKey(page, 'c');
  await page.selectOption('#certify li[data-contest="ref"] .certify-stage', 'preliminary');
  await page.fill('#certify li[data-contest="ref"] .certify-note', 'preliminary result from the desk');
  await page.click('#certify li[data-contest="ref"] .certify-button');
  await page.waitForSelector('#result-status[data-commission="c"]');
  assert.equal(await page.locator('#result-status').getAttribute('data-status'), 'accepted', await page.locator('#result-card').textContent());
  assert.equal((await getJson(`${url}/api/v1/results?contest=ref`)).stage, 'preliminary');

  await loadKey(page, 's1');
  // --- The form of the district seat, half typed with a broken relation, in three languages and two widths.
  await page.evaluate(() => (location.hash = '#/protocol/s1/seat'));
  await page.waitForSelector('#entry-step[data-step="first"]');
  await fill(page, { voters: 1000, received: 1000, issued: 600, cancelled: 400, found: 610, valid: 590, invalid: 20 });
  await page.waitForSelector('#checks li[data-relation="found-within-issued"][data-state="broken"]');
  for (const lang of ['en', 'kk', 'ru']) {
    await page.click(`[data-lang="${lang}"]`);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    assert.equal(await page.locator('#entry-card input[data-field="found"]').inputValue(), '610', 'typed values survive a change of language');
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: width > 500 ? 1000 : 900 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `no sideways scrolling at ${width} px in ${lang} (${overflow} px)`);
      await page.screenshot({ path: join(out, `desk-entry-${lang}-${width}.png`), fullPage: true });
    }
  }
  assert.match(await page.locator('h1').textContent(), /Рабочее место комиссии/);
  // axe-core (WCAG 2 A and AA) finds nothing serious on the desk with a form open.
  await page.click('[data-lang="en"]');
  await page.addScriptTag({ path: join(repo, 'web/node_modules/axe-core/axe.min.js') });
  const axe = await page.evaluate(async () => (await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] })).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`));
  assert.deepEqual(axe, []);
  // Every input of the form has a label (keyboard and screen-reader users).
  const unlabelled = await page.locator('#desk input, #desk select, #desk textarea').evaluateAll((inputs) =>
    inputs.filter((input) => input.labels === null || input.labels.length === 0).map((input) => input.id || input.outerHTML.slice(0, 60)));
  assert.deepEqual(unlabelled, []);

  // --- A Senate sitting's commission reports attendance: the electors come from the definition,
  // more present than on the list is stopped, 9 of them present is accepted.
  const senateDb = join(work, 'senate.db');
  run('init', join(repo, 'elections/kz/2023-01-14-senate.toml'), '--db', senateDb);
  run('keys', 'gen', '--commission', 'astana', '--out', join(work, 'keys'));
  run('keys', 'add', '--db', senateDb, keyPath('astana'));
  const senate = serve(senateDb, '--log-key', join(work, 'log.key'));
  senateServer = senate.server;
  const sitting = await browser.newPage();
  sitting.on('pageerror', (error) => errors.push(error.message));
  await sitting.goto(`${await senate.url}/desk`);
  await loadKey(sitting, 'astana');
  await sitting.click('#units li[data-unit="astana"] a[href="#/turnout/astana"]');
  await sitting.waitForSelector('#turnout-time');
  assert.equal(await sitting.locator('label[for="turnout-issued"]').textContent(), 'Electors present');
  assert.equal(await sitting.locator('#turnout-voters').inputValue(), '31', "the sitting's electors");
  await sitting.fill('#turnout-time', '10:05');
  await sitting.fill('#turnout-issued', '40');
  assert.match((await sendState(sitting)).why, /Present ≤ electors/); // the relation by its name (relations.ts)
  await sitting.fill('#turnout-issued', '9');
  await sitting.click('#send');
  await sitting.waitForSelector('#result-status[data-status="accepted"]');
  assert.match(await sitting.locator('#result-title').textContent(), /Electors present 10:05/);
  await sitting.close();

  // A browser without WebCrypto Ed25519 is told so, with the other way to send.
  const plain = await browser.newPage();
  await plain.addInitScript(() => {
    const importKey = crypto.subtle.importKey.bind(crypto.subtle);
    crypto.subtle.importKey = (format, data, algorithm, ...rest) =>
      ((algorithm?.name ?? algorithm) === 'Ed25519' ? Promise.reject(new DOMException('Ed25519', 'NotSupportedError')) : importKey(format, data, algorithm, ...rest));
  });
  await plain.goto(`${url}/desk`);
  await plain.waitForSelector('#no-ed25519');
  assert.match(await plain.locator('#no-ed25519').textContent(), /saylau submit/);
  assert.equal(await plain.locator('#key-file').count(), 0);
  await plain.close();

  assert.deepEqual(errors, [], 'no script errors in the page');
  console.log(`desk browser test passed; screenshots in ${out}`);
} catch (error) {
  console.error(`desk browser test FAILED: ${error.stack ?? error}`);
  await browser?.pages()[0]?.screenshot({ path: join(out, 'desk-failure.png'), fullPage: true }).catch(() => undefined);
  process.exitCode = 1;
} finally {
  await browser?.close();
  for (const running of [server, senateServer]) {
    if (!running || running.exitCode !== null) continue;
    running.removeAllListeners('exit');
    const stopped = new Promise((done) => running.on('exit', done));
    running.kill('SIGINT');
    const code = await stopped;
    if (code !== 0) {
      console.error(`saylau serve exited with ${code} after SIGINT`);
      process.exitCode = 1;
    }
  }
  rmSync(work, { recursive: true, force: true });
}
