// The desk's transport modules (web/src/desk: key, envelope, proof, outbox, receipt; issue 20,
// items 1, 6, 7, 8) in Debian's Chromium against a real `saylau serve` on the illustrative rural
// akim night with every commission's key: the modules are bundled by esbuild (Vite's) into one
// script that the page at the server's own origin loads, and driven through page.evaluate.
//   node web/tests/desk-transport.test.mjs --saylau build/debug/src/cli/saylau
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { launchChromium, repo, run, serve } from './harness.mjs';

const definition = join(repo, 'elections/kz/example-rural-akim.toml');
const work = mkdtempSync(join(tmpdir(), 'saylau-desk-transport-'));
let server;
let browser;

// The modules as one script that puts them on window.desk.
async function bundle() {
  const entry = `import * as key from './key'; import * as envelope from './envelope'; import * as proof from './proof';
    window.desk = { key, envelope, proof };`;
  const built = await build({ stdin: { contents: entry, resolveDir: join(repo, 'web/src/desk'), loader: 'ts' },
    bundle: true, write: false, format: 'esm', target: 'es2022', logLevel: 'error' });
  return built.outputFiles[0].text;
}

const keyFile = (id) => readFileSync(join(work, 'keys', `${id}.key`), 'utf8');
const protocol = (unit, a, b) => JSON.stringify({ contest: 'akim', unit, lines: { voters: 2480, received: 2500, issued: 1500,
  cancelled: 1000, found: 1500, valid: 1480, invalid: 20, against_all: 1480 - a - b, 'candidate-a': a, 'candidate-b': b } });

try {
  const db = join(work, 'night.db');
  run('init', definition, '--db', db);
  run('keys', 'gen', '--all', '--db', db, '--out', join(work, 'keys'));
  run('keys', 'log', '--out', join(work, 'log.key'));
  const served = serve(db, '--log-key', join(work, 'log.key'));
  server = served.server;
  const url = await served.url;
  const script = await bundle();

  browser = await launchChromium(join(work, 'chromium'), { width: 1000, height: 700 });
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.route(`${url}/desk-transport/**`, (route) => {
    const html = route.request().url().endsWith('.js') === false;
    route.fulfill(html ? { contentType: 'text/html', body: '<!doctype html><title>desk transport</title><script type="module" src="desk.js"></script>' }
      : { contentType: 'text/javascript', body: script });
  });
  const open = async () => {
    await page.goto(`${url}/desk-transport/index.html`);
    await page.waitForFunction(() => window.desk !== undefined);
  };
  await open();
  const inPage = (fn, arg) => page.evaluate(fn, arg);

  // --- The key file, the envelope and the server's signature check.
  assert.equal(await inPage(() => window.desk.key.ed25519Supported()), true, "Chromium's WebCrypto signs Ed25519");
  const station = keyFile('example-station-1');
  const sent = await inPage(async ({ text, body, base }) => {
    const key = await window.desk.key.loadKeyFile(text);
    const envelope = await window.desk.envelope.signEnvelope(key, 1, body);
    const answer = await fetch(`${base}/api/v1/protocols`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(envelope) });
    return { envelope, status: answer.status, ack: await answer.json(), extractable: key.privateKey.extractable,
      verifies: await window.desk.envelope.envelopeVerifies(envelope) };
  }, { text: station, body: protocol('example-station-1', 800, 600), base: url });
  assert.equal(sent.status, 200, JSON.stringify(sent.ack));
  assert.equal(sent.ack.status, 'accepted', JSON.stringify(sent.ack));
  assert.equal(sent.envelope.commission, 'example-station-1');
  assert.equal(sent.extractable, false, 'the private key is not extractable');
  assert.equal(sent.verifies, true);

  // A flipped byte of the signed body: WebCrypto and the server both refuse the signature.
  const flipped = await inPage(async ({ text, body, base }) => {
    const key = await window.desk.key.loadKeyFile(text);
    const envelope = await window.desk.envelope.signEnvelope(key, 2, body);
    envelope.body = envelope.body.replace('"voters":2480', '"voters":2481');
    const answer = await fetch(`${base}/api/v1/protocols`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(envelope) });
    return { status: answer.status, answer: await answer.json(), verifies: await window.desk.envelope.envelopeVerifies(envelope) };
  }, { text: keyFile('example-station-2'), body: protocol('example-station-2', 700, 500), base: url });
  assert.equal(flipped.verifies, false, 'WebCrypto refuses the flipped envelope');
  assert.equal(flipped.status, 401, JSON.stringify(flipped.answer));
  assert.equal(flipped.answer.refusal ?? flipped.answer.error, 'bad-signature', JSON.stringify(flipped.answer));

  // --- Hostile key files: each a KeyError naming what is wrong.
  const refusal = (text) => inPage(async (t) => {
    try {
      await window.desk.key.loadKeyFile(t);
      return null;
    } catch (e) {
      return { code: e.code, message: e.message, field: e.field };
    }
  }, text);
  const good = JSON.parse(station);
  const otherSecret = JSON.parse(keyFile('example-station-2')).secret_key;
  const raw = (b64) => Buffer.from(b64, 'base64');
  const cases = [
    ['not a key file', 'key-not-json', /not JSON/],
    ['[1,2]', 'key-not-object', /JSON object/],
    [JSON.stringify({ ...good, commission: 7 }), 'key-field', /field 'commission'/],
    [JSON.stringify({ ...good, algorithm: 'rsa' }), 'key-algorithm', /'rsa' is not supported/],
    [JSON.stringify({ ...good, public_key: good.public_key.slice(4) }), 'key-public-key', /32 bytes/],
    [JSON.stringify({ ...good, secret_key: undefined }), 'key-secret-missing', /public key only/],
    [JSON.stringify({ ...good, secret_key: raw(good.secret_key).subarray(0, 48).toString('base64') }), 'key-secret-key', /64 bytes/],
    [JSON.stringify({ ...good, secret_key: good.secret_key + ' ' }), 'key-secret-key', /64 bytes/],
    [JSON.stringify({ ...good, secret_key: otherSecret }), 'key-mismatch', /does not belong/],
    // The second half copied from the public key, the seed another key's: caught by deriving it.
    [JSON.stringify({ ...good, secret_key: Buffer.concat([raw(otherSecret).subarray(0, 32), raw(good.public_key)]).toString('base64') }), 'key-mismatch', /seed does not give/],
  ];
  for (const [text, code, message] of cases) {
    const got = await refusal(text);
    assert.ok(got, `${text.slice(0, 60)}: refused`);
    assert.equal(got.code, code, `${text.slice(0, 60)}: ${got.message}`);
    assert.match(got.message, message);
  }

  // --- A key kept under a passphrase: the right one unlocks it (and it signs), a wrong one does not.
  const kept = await inPage(async (text) => {
    const k = window.desk.key;
    await k.keepKey(text, 'correct horse battery staple');
    const list = await k.keptKeys();
    const unlocked = await k.unlockKey(list[0].publicKey, 'correct horse battery staple');
    const signed = await window.desk.envelope.signEnvelope(unlocked, 9, '{}');
    let wrong = null;
    try {
      await k.unlockKey(list[0].publicKey, 'correct horse battery stapler');
    } catch (e) {
      wrong = e.code;
    }
    let empty = null;
    try {
      await k.keepKey(text, '');
    } catch (e) {
      empty = e.code;
    }
    await k.forgetKey(list[0].publicKey);
    return { list, commission: unlocked.commission, verifies: await window.desk.envelope.envelopeVerifies(signed), wrong, empty,
      after: (await k.keptKeys()).length };
  }, station);
  assert.deepEqual(kept.list, [{ commission: 'example-station-1', publicKey: good.public_key }]);
  assert.equal(kept.commission, 'example-station-1');
  assert.equal(kept.verifies, true, 'the unlocked key signs');
  assert.equal(kept.wrong, 'wrong-passphrase');
  assert.equal(kept.empty, 'passphrase-empty');
  assert.equal(kept.after, 0, 'a forgotten key is gone');

  // --- The acknowledgement's inclusion proof, checked in the page; tampered ones fail.
  const second = await inPage(async ({ text, body, base }) => {
    const key = await window.desk.key.loadKeyFile(text);
    const envelope = await window.desk.envelope.signEnvelope(key, 3, body);
    const answer = await fetch(`${base}/api/v1/protocols`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(envelope) });
    const ack = await answer.json();
    return { envelope, ack, check: await window.desk.proof.checkAcknowledgement(base, envelope, ack) };
  }, { text: keyFile('example-station-2'), body: protocol('example-station-2', 700, 500), base: url });
  assert.equal(second.ack.status, 'accepted', JSON.stringify(second.ack));
  assert.ok(second.ack.tree_head.size >= 2 && second.ack.inclusion.length >= 1, 'a proof with at least one hash');
  assert.equal(second.check.ok, true, second.check.detail);
  assert.equal(second.check.code, 'proof-ok');
  assert.equal(second.check.leafIndex, second.ack.leaf_index);
  assert.equal(second.check.root, second.ack.tree_head.root);
  const logKey = JSON.parse(readFileSync(join(work, 'log.key'), 'utf8')).public_key;
  const checkWith = (change, pin) => inPage(async ({ envelope, ack, base, change, pin }) => {
    const tampered = structuredClone(ack);
    const envelopeCopy = structuredClone(envelope);
    new Function('ack', 'envelope', change)(tampered, envelopeCopy);
    return window.desk.proof.checkAcknowledgement(base, envelopeCopy, tampered, pin);
  }, { envelope: second.envelope, ack: second.ack, base: url, change, pin });
  const flip = (hex) => `${hex[0] === '0' ? '1' : '0'}${hex.slice(1)}`;
  assert.equal((await checkWith('', logKey)).ok, true, 'pinned to the log key it verifies');
  const tampers = [
    [`ack.inclusion[0] = '${flip(second.ack.inclusion[0])}'`, 'proof-mismatch'],
    [`ack.inclusion.push(ack.inclusion[0])`, 'proof-mismatch'],
    [`ack.inclusion = []`, 'proof-mismatch'],
    [`ack.inclusion[0] = 'not hex'`, 'proof-mismatch'],
    [`ack.tree_head.root = '${flip(second.ack.tree_head.root)}'`, 'proof-mismatch'],
    [`ack.leaf_index = 0`, 'entry-mismatch'], // another leaf: not this envelope
    [`ack.leaf_index = 999`, 'entry-unavailable'],
    [`envelope.body = envelope.body.replace('700', '701')`, 'entry-mismatch'],
    [`ack.status = 'rejected'`, 'entry-mismatch'],
    [`ack.tree_head.timestamp += 1`, 'head-unsigned'],
    [`delete ack.leaf_index`, 'no-proof'],
  ];
  for (const [change, code] of tampers) {
    const got = await checkWith(change);
    assert.equal(got.ok, false, `${change}: ${got.detail}`);
    assert.equal(got.code, code, `${change}: ${got.detail}`);
  }
  const pinned = await checkWith('', second.envelope.key);
  assert.equal(pinned.code, 'head-key-mismatch', pinned.detail);
  // The leaf's bytes changed on the way (received_at): its hash no longer leads to the root.
  await page.route(`${url}/api/v1/log/entries**`, async (route) => {
    const answer = await (await route.fetch()).json();
    for (const e of answer.entries) e.entry = e.entry.replace(/"received_at":"[^"]*"/, '"received_at":"2000-01-01T00:00:00Z"');
    await route.fulfill({ contentType: 'application/json', body: JSON.stringify(answer) });
  });
  const changedLeaf = await checkWith('');
  assert.equal(changedLeaf.code, 'proof-mismatch', changedLeaf.detail);
  await page.unroute(`${url}/api/v1/log/entries**`);

  assert.deepEqual(errors, []);
  console.log('desk transport: every check passed');
} finally {
  await browser?.close();
  server?.kill();
  rmSync(work, { recursive: true, force: true });
}
