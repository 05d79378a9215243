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
    import * as outbox from './outbox'; import * as receipt from './receipt';
    window.desk = { key, envelope, proof, outbox, receipt };`;
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
  run('keys', 'gen', '--commission', 'example-station-1', '--out', join(work, 'unregistered'));
  run('observers', 'add', '--db', db, '--id', 'watcher-1', '--org', 'Citizens for a fair count', '--kind', 'citizen', '--out', join(work, 'observers'));
  const served = serve(db, '--log-key', join(work, 'log.key'));
  server = served.server;
  const url = await served.url;
  const script = await bundle();

  browser = await launchChromium(join(work, 'chromium'), { width: 1000, height: 700 });
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await browser.route(`${url}/desk-transport/**`, (route) => {
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

  // --- Sequence numbers: above the server's last and every one handed out, across a reload.
  const seqs = await inPage(async (text) => {
    const key = await window.desk.key.loadKeyFile(text);
    return [await window.desk.outbox.nextSeq(key, 1), await window.desk.outbox.nextSeq(key, 1), await window.desk.outbox.nextSeq(key, 0)];
  }, station);
  assert.deepEqual(seqs, [2, 3, 4]);
  await open();
  const afterReload = await inPage(async (text) => {
    const key = await window.desk.key.loadKeyFile(text);
    return [await window.desk.outbox.nextSeq(key, 1), await window.desk.outbox.nextSeq(key, 9)];
  }, station);
  assert.deepEqual(afterReload, [5, 10], 'a reload does not hand out a used number; a higher server number wins');

  // --- Offline: two signed submissions wait in IndexedDB; online again, each is delivered once.
  const photo = Buffer.from('\x89PNG\r\n\x1a\n desk transport test photo');
  const photoSha256 = (await import('node:crypto')).createHash('sha256').update(photo).digest('hex');
  const correction = JSON.stringify({ contest: 'akim', unit: 'example-station-1', commission: 'example-rural-district', reason: 'recount ordered',
    photo_sha256: photoSha256, lines: JSON.parse(protocol('example-station-1', 790, 610)).lines });
  const turnout = JSON.stringify({ unit: 'example-station-2', time: '10:00', voters: 1730, issued: 160 });
  // The desk knows each key's last sequence number from the server before the network goes.
  const lastSeq = async (id) => (await (await fetch(`${url}/api/v1/keys/last-seq?key=${encodeURIComponent(JSON.parse(keyFile(id)).public_key)}`)).json()).last_seq;
  const known = { district: await lastSeq('example-rural-district'), station2: await lastSeq('example-station-2') };
  assert.deepEqual(known, { district: 0, station2: 3 });
  await browser.setOffline(true);
  const offline = await inPage(async ({ district, station2, correction, turnout, photo, photoSha256, base, known }) => {
    const o = window.desk.outbox;
    const sign = async (text, body, last) => {
      const key = await window.desk.key.loadKeyFile(text);
      return window.desk.envelope.signEnvelope(key, await o.nextSeq(key, last), body);
    };
    const now = new Date().toISOString();
    await o.enqueue({ id: 'correction-1', route: '/api/v1/protocols', envelope: await sign(district, correction, known.district), what: 'correction', created: now,
      photo: new Blob([new Uint8Array(photo)], { type: 'image/png' }), photoSha256 });
    await o.enqueue({ id: 'turnout-1', route: '/api/v1/turnout', envelope: await sign(station2, turnout, known.station2), what: 'turnout 10:00', created: now });
    const delivered = [];
    await o.deliverAll(base, (d) => delivered.push(d));
    return { online: navigator.onLine, delivered: delivered.length, waiting: (await o.waiting()).map((w) => w.id) };
  }, { district: keyFile('example-rural-district'), station2: keyFile('example-station-2'), correction, turnout, photo: [...photo], photoSha256, base: url, known });
  assert.equal(offline.online, false);
  assert.equal(offline.delivered, 0, 'nothing is delivered offline');
  assert.deepEqual(offline.waiting, ['correction-1', 'turnout-1']);
  await browser.setOffline(false);
  await open(); // the waiting ones are in IndexedDB, not in the page's memory
  const online = await inPage(async (base) => {
    const o = window.desk.outbox;
    const before = (await o.waiting()).map((w) => w.id);
    const delivered = [];
    await o.deliverAll(base, (d) => delivered.push(d));
    await o.deliverAll(base, (d) => delivered.push(d)); // a second run finds nothing to send
    return { before, after: (await o.waiting()).length, delivered: delivered.map((d) => ({ id: d.outgoing.id, status: d.status, ack: d.ack.status, proof: d.proof })),
      log: (await o.sentLog()).map((d) => ({ id: d.outgoing.id, photoSent: d.outgoing.photoSent ?? false, hasPhoto: d.outgoing.photo !== undefined })) };
  }, url);
  assert.deepEqual(online.before, ['correction-1', 'turnout-1']);
  assert.equal(online.after, 0);
  assert.deepEqual(online.delivered.map((d) => [d.id, d.status, d.ack]), [['correction-1', 200, 'accepted'], ['turnout-1', 200, 'accepted']]);
  for (const d of online.delivered) assert.equal(d.proof?.ok, true, `${d.id}: ${d.proof?.detail}`);
  assert.deepEqual(online.log, [{ id: 'correction-1', photoSent: true, hasPhoto: false }, { id: 'turnout-1', photoSent: false, hasPhoto: false }]);
  const stored = await fetch(`${url}/api/v1/photos/${photoSha256}`);
  assert.equal(stored.status, 200, 'the photo was PUT after its protocol');
  assert.deepEqual(Buffer.from(await stored.arrayBuffer()), photo);
  const history = async (unit) => (await (await fetch(`${url}/api/v1/protocols?unit=${unit}`)).json());
  const versions = async (unit, kind, what) => (await history(unit)).submissions.filter((v) => v.kind === kind && (kind === 'protocol' ? v.contest : v.time) === what);
  assert.deepEqual((await versions('example-station-1', 'protocol', 'akim')).map((v) => [v.version, v.verdict]), [[1, 'accepted'], [2, 'accepted']],
    'the first count and the one correction');
  assert.equal((await versions('example-station-2', 'turnout', '10:00')).length, 1, 'the 10:00 report stored once');

  // --- A lost answer and a 503: the submission waits (the ones behind it too, in order); sent
  // again, the stored one is answered duplicate and counts as delivered, stored once.
  const turnoutAt = (time, issued) => JSON.stringify({ unit: 'example-station-2', time, voters: 1730, issued });
  let attempts = 0;
  await page.route(`${url}/api/v1/turnout`, async (route) => {
    attempts += 1;
    if (attempts === 1) {
      await route.fetch(); // the server stores it; its answer never reaches the page
      await route.abort('connectionreset');
    } else {
      await route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":"unavailable","message":"the store could not commit"}' });
    }
  });
  const lost = await inPage(async ({ text, bodies, base }) => {
    const o = window.desk.outbox;
    const key = await window.desk.key.loadKeyFile(text);
    const last = (await (await fetch(`${base}/api/v1/keys/last-seq?key=${encodeURIComponent(key.publicKey)}`)).json()).last_seq;
    for (const [id, body] of bodies) {
      await o.enqueue({ id, route: '/api/v1/turnout', envelope: await window.desk.envelope.signEnvelope(key, await o.nextSeq(key, last), body),
        what: id, created: new Date().toISOString() });
    }
    const delivered = [];
    await o.deliverAll(base, (d) => delivered.push(d)); // the answer is lost
    const afterLost = (await o.waiting()).map((w) => w.id);
    await o.deliverAll(base, (d) => delivered.push(d)); // 503
    return { afterLost, after503: (await o.waiting()).map((w) => w.id), delivered: delivered.length };
  }, { text: keyFile('example-station-2'), bodies: [['turnout-12', turnoutAt('12:00', 400)], ['turnout-14', turnoutAt('14:00', 700)]], base: url });
  assert.equal(attempts, 2);
  assert.deepEqual(lost, { afterLost: ['turnout-12', 'turnout-14'], after503: ['turnout-12', 'turnout-14'], delivered: 0 });
  assert.equal((await versions('example-station-2', 'turnout', '12:00')).length, 1, 'the lost answer\'s report was stored');
  await page.unroute(`${url}/api/v1/turnout`);
  const resent = await inPage(async (base) => {
    const delivered = [];
    await window.desk.outbox.deliverAll(base, (d) => delivered.push(d));
    return { waiting: (await window.desk.outbox.waiting()).length,
      delivered: delivered.map((d) => [d.outgoing.id, d.status, d.ack.status, d.proof?.code ?? null]) };
  }, url);
  assert.deepEqual(resent, { waiting: 0, delivered: [['turnout-12', 200, 'duplicate', null], ['turnout-14', 200, 'accepted', 'proof-ok']] });
  assert.equal((await versions('example-station-2', 'turnout', '12:00')).length, 1, 'the resent report is not stored twice');
  assert.equal((await versions('example-station-2', 'turnout', '14:00')).length, 1);
  assert.equal((await inPage(async () => (await window.desk.outbox.sentLog()).length)), 4, 'each delivery logged once');

  // --- Two envelopes of one key enqueued against their sequence order go in sequence order
  // (else the server would refuse the lower number as out of order).
  const reordered = await inPage(async ({ text, late, early, base }) => {
    const o = window.desk.outbox;
    const key = await window.desk.key.loadKeyFile(text);
    const first = await o.nextSeq(key, 0);
    const second = await o.nextSeq(key, 0);
    const now = new Date().toISOString();
    await o.enqueue({ id: 'turnout-18', route: '/api/v1/turnout', envelope: await window.desk.envelope.signEnvelope(key, second, late), what: '18:00', created: now });
    await o.enqueue({ id: 'turnout-16', route: '/api/v1/turnout', envelope: await window.desk.envelope.signEnvelope(key, first, early), what: '16:00', created: now });
    const listed = (await o.waiting()).map((w) => w.id);
    const delivered = [];
    await o.deliverAll(base, (d) => delivered.push(d));
    return { listed, delivered: delivered.map((d) => [d.outgoing.id, d.ack.status]) };
  }, { text: keyFile('example-station-2'), late: turnoutAt('18:00', 1100), early: turnoutAt('16:00', 900), base: url });
  assert.deepEqual(reordered, { listed: ['turnout-16', 'turnout-18'], delivered: [['turnout-16', 'accepted'], ['turnout-18', 'accepted']] });

  // --- Refused answers are delivered too (reported once, never resent): a station's key writing
  // another station (403), an observer's key at the commissions' route (403). The desk tells an
  // observer's key before signing anything.
  const observerKey = readFileSync(join(work, 'observers', 'watcher-1.key'), 'utf8');
  const refused = await inPage(async ({ station2, observer, body, base }) => {
    const o = window.desk.outbox;
    let desk = null;
    try {
      await window.desk.key.fetchDesk(base, await window.desk.key.loadKeyFile(observer));
    } catch (e) {
      desk = { code: e.code, message: e.message };
    }
    for (const [id, text] of [['other-station', station2], ['observer', observer]]) {
      const key = await window.desk.key.loadKeyFile(text);
      await o.enqueue({ id, route: '/api/v1/protocols', envelope: await window.desk.envelope.signEnvelope(key, await o.nextSeq(key, 1000), body),
        what: id, created: new Date().toISOString() });
    }
    const delivered = [];
    await o.deliverAll(base, (d) => delivered.push(d));
    await o.deliverAll(base, (d) => delivered.push(d));
    return { desk, waiting: (await o.waiting()).length,
      delivered: delivered.map((d) => [d.outgoing.id, d.status, d.ack.status, d.ack.refusal, d.proof]) };
  }, { station2: keyFile('example-station-2'), observer: observerKey, body: protocol('example-station-1', 1, 2), base: url });
  assert.equal(refused.desk?.code, 'observer-key', JSON.stringify(refused.desk));
  assert.match(refused.desk.message, /not a commission's key .*observer/);
  // The desk of a registered key (GET /api/v1/desk), and a key file the server never registered.
  const desks = await inPage(async ({ station, stranger, base }) => {
    const k = window.desk.key;
    const desk = await k.fetchDesk(base, await k.loadKeyFile(station));
    let unknown = null;
    try {
      await k.fetchDesk(base, await k.loadKeyFile(stranger));
    } catch (e) {
      unknown = e.code;
    }
    return { commission: desk.commission.id, units: desk.units.map((u) => u.id), lastSeq: desk.last_seq, unknown };
  }, { station, stranger: readFileSync(join(work, 'unregistered', 'example-station-1.key'), 'utf8'), base: url });
  assert.deepEqual(desks, { commission: 'example-station-1', units: ['example-station-1'], lastSeq: 1, unknown: 'unknown-key' });
  assert.equal(refused.waiting, 0);
  assert.deepEqual(refused.delivered, [['other-station', 403, 'refused', 'not-authorised', null], ['observer', 403, 'refused', 'not-authorised', null]]);
  assert.deepEqual((await versions('example-station-1', 'protocol', 'akim')).length, 2, 'nothing refused was stored');

  // --- Receipts of what this browser delivered, in kk/ru/en, and as JSON.
  const receipts = await inPage(async () => {
    const log = await window.desk.outbox.sentLog();
    const pick = (id) => log.find((d) => d.outgoing.id === id);
    const r = window.desk.receipt;
    return { correction: { kk: r.receiptText(pick('correction-1'), 'kk'), ru: r.receiptText(pick('correction-1'), 'ru'), en: r.receiptText(pick('correction-1'), 'en') },
      refused: r.receiptText(pick('other-station'), 'en'), duplicate: r.receiptText(pick('turnout-12'), 'ru'),
      json: JSON.parse(r.receiptJson(pick('correction-1'))), delivered: pick('correction-1') };
  });
  const c = { ...receipts.delivered, envelope: receipts.delivered.outgoing.envelope };
  for (const [lang, title, accepted, valid] of [['kk', 'Қол қойылған деректерді жіберу түбіртегі', 'қабылданды', 'дұрыс'],
    ['ru', 'Квитанция об отправке подписанных данных', 'принят', 'верно'], ['en', 'Receipt of a signed submission', 'accepted', 'valid']]) {
    const text = receipts.correction[lang];
    assert.ok(text.startsWith(title), `${lang}: ${text.slice(0, 80)}`);
    assert.ok(text.includes(`${accepted} (HTTP 200)`), `${lang}: the answer`);
    for (const part of [c.envelope.signature, c.envelope.body, c.envelope.key, `${c.proof.leafIndex}\n`, c.proof.root, photoSha256, 'example-rural-district']) {
      assert.ok(text.includes(part), `${lang} receipt holds ${part.slice(0, 40)}`);
    }
    assert.match(text, new RegExp(`: ${valid}\n`), `${lang}: the proof checked`);
  }
  assert.match(receipts.correction.en, /Version: 2 \(correction\)/);
  assert.match(receipts.correction.en, /Photo SHA-256: [0-9a-f]{64} \(uploaded\)/);
  assert.match(receipts.refused, /Server's answer: refused \(HTTP 403, not-authorised\)/);
  assert.match(receipts.refused, /Inclusion proof \(checked in this browser\): none/);
  assert.match(receipts.duplicate, /Ответ сервера: уже получен ранее \(HTTP 200\)/);
  assert.equal(receipts.json.envelope.signature, c.envelope.signature);
  assert.equal(receipts.json.proof.ok, true);
  assert.equal(receipts.json.acknowledgement.status, 'accepted');

  // --- A browser whose WebCrypto has no Ed25519: said plainly, before anything is signed.
  const older = await browser.newPage();
  await older.addInitScript(() => {
    const importKey = crypto.subtle.importKey.bind(crypto.subtle);
    crypto.subtle.importKey = (format, data, algorithm, ...rest) =>
      (algorithm?.name ?? algorithm) === 'Ed25519' ? Promise.reject(new DOMException('Unrecognized name', 'NotSupportedError')) : importKey(format, data, algorithm, ...rest);
  });
  await older.goto(`${url}/desk-transport/index.html`);
  await older.waitForFunction(() => window.desk !== undefined);
  const without = await older.evaluate(async (text) => {
    const supported = await window.desk.key.ed25519Supported();
    try {
      await window.desk.key.loadKeyFile(text);
      return { supported, code: null };
    } catch (e) {
      return { supported, code: e.code, message: e.message };
    }
  }, station);
  assert.equal(without.supported, false);
  assert.equal(without.code, 'no-ed25519');
  assert.match(without.message, /saylau submit/);
  await older.close();

  assert.deepEqual(errors, []);
  console.log('desk transport: every check passed');
} finally {
  await browser?.close();
  server?.kill();
  rmSync(work, { recursive: true, force: true });
}
