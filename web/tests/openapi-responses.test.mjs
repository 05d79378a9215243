// Real responses against docs/openapi.yaml (issue 21, item 5): `saylau serve` on a synthetic 2023
// Mazhilis night (the browser test's definition and seed) with keys, a log key, an observer
// and a PVT estimate; then every path and method of the document is called with real
// parameters: the reads (and their 304, 400 and 404), the writes signed here in node (accepted,
// rejected, duplicate, and each refusal of docs/api.md: 400, 401, 403, 404, 409, 413, 415), and
// 405s with their Allow. Each response's status, content type and body must match the
// operation's schema for that status (openapi-contract.mjs); the test fails naming the path,
// the status and the schema error, and when an operation of the document was never called.
// A Senate night answers /api/v1/senate. A self-check proves the validator rejects a response
// with a required field removed.
//   node web/tests/openapi-responses.test.mjs --saylau build/debug/src/cli/saylau [--openapi docs/openapi.yaml]
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadContract } from './openapi-contract.mjs';
import { option, repo, run, saylau } from './harness.mjs';

const definition = join(repo, 'elections/kz/2023-03-19-mazhilis.toml');
const work = mkdtempSync(join(tmpdir(), 'saylau-openapi-'));
const servers = [];
const problems = [];
const samples = {};  // real bodies for the self-check: results, election, an acknowledgement, a refusal

// `saylau serve` without the dashboard (the API is what is tested); its address once printed.
function serveApi(db, ...more) {
  const server = spawn(saylau, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--web', join(work, 'no-dashboard'), ...more],
    { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
  servers.push(server);
  return new Promise((resolveUrl, reject) => {
    let text = '';
    server.stdout.on('data', (chunk) => {
      text += chunk;
      const found = text.match(/dashboard\s+(http:\/\/[0-9.:]+)\//);
      if (found) resolveUrl(found[1]);
    });
    server.on('exit', (code) => reject(new Error(`saylau serve exited with ${code}: ${text}`)));
  });
}

// A commission's key file as a signer: Ed25519 from the seed (the secret key's first 32 bytes).
const pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
function signer(keyFile) {
  const file = JSON.parse(readFileSync(keyFile, 'utf8'));
  const seed = Buffer.from(file.secret_key, 'base64').subarray(0, 32);
  return { commission: file.commission, key: file.public_key,
    privateKey: createPrivateKey({ key: Buffer.concat([pkcs8Prefix, seed]), format: 'der', type: 'pkcs8' }) };
}
function envelope(who, seq, body, commission = who.commission) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const input = `saylau-submission-v1\n${commission}\n${who.key}\n${seq}\n${text}`;
  return { commission, key: who.key, seq, body: text, signature: sign(null, Buffer.from(input), who.privateKey).toString('base64') };
}

// One request, checked against the contract; `expect` is the status the case is about and
// `code` the error, refusal or acknowledgement status its body must name.
async function call(base, method, path, { body, type = 'application/json', headers = {}, expect, code, declaredLength } = {}) {
  const init = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    init.headers['content-type'] = type;
  }
  const response = declaredLength === undefined ? await fetched(base + path, init) : await announced(base + path, method, type, declaredLength);
  problems.push(...contract.check(method, path.split('?')[0], response));
  let json;
  try {
    json = JSON.parse(response.text);
  } catch {}
  if (expect !== undefined && response.status !== expect) {
    problems.push(`${method} ${path}: status ${response.status}, expected ${expect}: ${response.text.slice(0, 200)}`);
  }
  const named = json && (json.refusal ?? json.error ?? json.status);
  if (code !== undefined && named !== code) problems.push(`${method} ${path}: '${named}', expected '${code}': ${response.text.slice(0, 200)}`);
  return { ...response, json };
}

async function fetched(url, init) {
  const answer = await fetch(url, init);
  return { status: answer.status, headers: answer.headers, text: await answer.text() };
}

// A request that announces a body of `length` bytes and sends none of it: the server answers
// from the headers (413), and no unread bytes of ours can reset the connection under its answer.
function announced(url, method, type, length) {
  return new Promise((done, fail) => {
    const sent = request(url, { method, headers: { 'content-type': type, 'content-length': length } }, (answer) => {
      let text = '';
      answer.setEncoding('utf8');
      answer.on('data', (chunk) => (text += chunk));
      answer.on('end', () => {
        sent.destroy();
        done({ status: answer.statusCode, headers: new Headers(answer.headers), text });
      });
    });
    sent.on('error', fail);
    sent.flushHeaders();
  });
}

// The event stream, subscribed once its headers are here (the server adds it before sending
// them); next(kind) is the data of its first `kind` event as JSON, and closes the stream.
async function eventStream(base) {
  const stop = new AbortController();
  const stream = await fetch(`${base}/api/v1/events`, { signal: stop.signal });
  problems.push(...contract.check('GET', '/api/v1/events', { status: stream.status, headers: stream.headers, text: '' }));
  const reader = stream.body.pipeThrough(new TextDecoderStream()).getReader();
  const next = async (kind) => {
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the event stream ended before a ${kind} event`);
      text += value;
      const block = text.split('\n\n').slice(0, -1).find((b) => b.startsWith(`event: ${kind}\n`));
      if (block) {
        stop.abort();
        return JSON.parse(block.split('\n').find((line) => line.startsWith('data: ')).slice(6));
      }
    }
  };
  return { next };
}

// A CSV protocol row as the JSON body a commission signs.
function protocolBody(header, row, extra = {}) {
  const cells = row.split(',');
  const lines = {};
  header.forEach((name, i) => {
    if (i > 2 && cells[i] !== '') lines[name] = Number(cells[i]);
  });
  return { contest: cells[0], unit: cells[1], round: Number(cells[2]), lines, ...extra };
}

const contract = await loadContract(option('--openapi', join(repo, 'docs/openapi.yaml')));
try {
  // The night: 40 stations; the last one's protocols are held back and signed here.
  run('synth', definition, '--seed', '7', '--stations', '40', '--out', join(work, 'night'));
  const db = join(work, 'night.db');
  run('init', definition, '--db', db, '--stations', join(work, 'night/stations.csv'));
  run('keys', 'gen', '--all', '--db', db, '--out', join(work, 'keys'));
  run('keys', 'log', '--out', join(work, 'log.key'));
  run('observers', 'add', '--db', db, '--id', 'watch-1', '--org', "Citizens' Watch", '--out', join(work, 'okeys'));
  run('pvt', 'design', definition, '--station-list', join(work, 'night/stations.csv'), '--stations', '12', '--seed', '3', '--out', join(work, 'sample.csv'));
  const pvt = spawnSync(saylau, ['pvt', 'estimate', '--sample', join(work, 'sample.csv'), '--definition', definition,
    '--stations', join(work, 'night/stations.csv'), '--protocols', join(work, 'night/protocols.csv'), '--draws', '200', '--json', join(work, 'pvt.json')], { cwd: repo });
  assert.ok(pvt.status === 0 || pvt.status === 1, `pvt estimate: ${pvt.stderr}`);
  // The download page's bundle (issue 21): published before the night, served with --bundle.
  run('publish', '--db', db, '--out', join(work, 'bundle'), '--log-key', join(work, 'log.key'));
  const base = await serveApi(db, '--log-key', join(work, 'log.key'), '--pvt', join(work, 'pvt.json'), '--bundle', join(work, 'bundle'));
  const downloads = await call(base, 'GET', '/api/v1/downloads', { expect: 200 });
  assert.ok(downloads.json.files.some((f) => f.path === 'open-data/protocols.csv'), 'the listing names the open data');
  await call(base, 'GET', '/bundle/manifest.json', { expect: 200 });
  await call(base, 'GET', '/bundle/secret.key', { expect: 404, code: 'not-found' });

  await call(base, 'GET', '/api/v1/log/head', { expect: 404, code: 'no-tree-head' });
  const [headerLine, ...rows] = readFileSync(join(work, 'night/protocols.csv'), 'utf8').trim().split('\n');
  const header = headerLine.split(',');
  const held = rows.at(-1).split(',')[1];
  const heldRows = rows.filter((row) => row.split(',')[1] === held);
  writeFileSync(join(work, 'sent.csv'), [headerLine, ...rows.filter((row) => row.split(',')[1] !== held)].join('\n') + '\n');
  const turnoutRows = readFileSync(join(work, 'night/turnout.csv'), 'utf8').trim().split('\n');
  writeFileSync(join(work, 'turnout.csv'), turnoutRows.filter((row) => row.split(',')[0] !== held).join('\n') + '\n');
  for (const file of ['turnout.csv', 'sent.csv']) {
    const sent = spawnSync(saylau, ['submit', '--server', base, '--keys', join(work, 'keys'), join(work, file)], { cwd: repo });
    assert.equal(sent.status, 0, `submit ${file}: ${sent.stdout}${sent.stderr}`);
  }
  await writes(base, { header, heldRows, held });
  await reads(base, { held });
  selfCheck();

  // A Senate night answers /api/v1/senate: every sitting awaited, then with attendance and the
  // first round's votes (winners, a repeat vote); it has no PVT estimate.
  const senateDb = join(work, 'senate.db');
  run('init', join(repo, 'elections/kz/2023-01-14-senate.toml'), '--db', senateDb);
  run('keys', 'gen', '--all', '--db', senateDb, '--out', join(work, 'senate-keys'));
  const senate = await serveApi(senateDb);
  await call(senate, 'GET', '/api/v1/senate', { expect: 200 });
  for (const file of ['attendance.csv', 'votes-round1.jsonl']) {
    const sent = spawnSync(saylau, ['submit', '--server', senate, '--keys', join(work, 'senate-keys'), join(repo, 'tests/data/senate-sitting', file)], { cwd: repo });
    assert.equal(sent.status, 0, `submit ${file}: ${sent.stdout}${sent.stderr}`);
  }
  const sittings = await call(senate, 'GET', '/api/v1/senate', { expect: 200 });
  assert.equal(sittings.json.elected, 19, 'the first round elects 19 of 20');
  await call(senate, 'GET', '/api/v1/statistics/pvt', { expect: 404, code: 'no-estimate' });
  // Search: a station by its id, and a query too long refused.
  const found = await call(base, 'GET', `/api/v1/search?q=${encodeURIComponent(held)}`, { expect: 200 });
  assert.equal(found.json.results[0]?.id, held, 'the station found by its id');
  await call(base, 'GET', `/api/v1/search?q=${'x'.repeat(101)}`, { expect: 400, code: 'bad-request' });
  await call(senate, 'GET', '/api/v1/downloads', { expect: 404, code: 'no-bundle' });

  const uncalled = contract.uncalled();
  if (uncalled.length) problems.push(`never called, so never checked: ${uncalled.join(', ')}`);
  assert.deepEqual(problems, [], `responses that break docs/openapi.yaml:\n  ${problems.join('\n  ')}`);
  console.log(`openapi responses test passed: ${contract.operations().length} operations, every response as documented`);
} catch (error) {
  console.error(`openapi responses test FAILED: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  for (const server of servers) {
    if (server.exitCode !== null) continue;
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

// The validator can fail: real bodies (results, the election, an acknowledgement, a refusal, an
// error) match their schemas, and each with a required field removed or of the wrong type does not.
function selfCheck() {
  const schemaOf = (method, path, status) =>
    contract.api.paths[path][method].responses[status].content['application/json'].schema;
  const cases = [
    ['get', '/api/v1/results', 200, samples.results, 'totals', 'round'],
    ['get', '/api/v1/election', 200, samples.election, 'contests', 'date'],
    ['post', '/api/v1/protocols', 200, samples.accepted, 'status', 'seq'],
    ['post', '/api/v1/protocols', 401, samples.refusal, 'refusal', 'message'],
    ['get', '/api/v1/results', 404, samples.error, 'error', 'message'],
  ];
  for (const [method, path, status, body, removed, retyped] of cases) {
    const schema = schemaOf(method, path, status);
    const where = `${method.toUpperCase()} ${path} ${status}`;
    assert.ok(body, `${where}: a real body was kept`);
    assert.equal(contract.schemaErrors(schema, body), '', `${where}: the real body matches`);
    const without = structuredClone(body);
    delete without[removed];
    assert.match(contract.schemaErrors(schema, without), new RegExp(`required property '${removed}'`), `${where} without ${removed}`);
    assert.notEqual(contract.schemaErrors(schema, { ...body, [retyped]: [retyped] }), '', `${where} with ${retyped} an array`);
  }
}

// The writes: the held-back station's protocols, turnout, photo, an observer's copy and a
// witness, certification; every refusal of docs/api.md's table, arrays, and 405s.
async function writes(base, { header, heldRows, held }) {
  const keys = join(work, 'keys');
  const station = signer(join(keys, `${held}.key`));
  const other = signer(join(keys, 'abai-0001.key'));
  const cec = signer(join(keys, 'kz.key'));
  const observer = signer(join(work, 'okeys', 'watch-1.key'));
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  const photo = createHash('sha256').update(png).digest('hex');
  const list = protocolBody(header, heldRows.find((row) => row.startsWith('mazhilis-list,')), { photo_sha256: photo });
  const district = protocolBody(header, heldRows.find((row) => !row.startsWith('mazhilis-list,')));
  const post = (path, body, options = {}) => call(base, 'POST', path, { body, ...options });

  const accepted = envelope(station, 1, list);
  const events = await eventStream(base);
  samples.accepted = (await post('/api/v1/protocols', accepted, { expect: 200, code: 'accepted' })).json;
  // The event stream carries it as an acknowledgement (docs: "each with an acknowledgement as data").
  const acknowledgement = contract.api.components.schemas.Acknowledgement;
  const errors = contract.schemaErrors(acknowledgement, await events.next('submission'));
  if (errors) problems.push(`GET /api/v1/events: the submission event's data is not an Acknowledgement: ${errors}`);
  await post('/api/v1/protocols', accepted, { expect: 200, code: 'duplicate' });
  const broken = { ...district, lines: { ...district.lines, valid: district.lines.valid + 1 } };
  await post('/api/v1/protocols', envelope(station, 2, broken), { expect: 200, code: 'rejected' });
  await post('/api/v1/protocols', [accepted, envelope(station, 3, district)], { expect: 200 });
  // 400: not JSON, not an envelope, a turnout report sent as a protocol, a body that is no submission.
  await post('/api/v1/protocols', '{"commission":', { expect: 400, code: 'malformed' });
  await post('/api/v1/protocols', '[1]', { expect: 400, code: 'malformed' });
  await post('/api/v1/protocols', envelope(station, 4, { unit: held, time: '10:00', voters: 1, issued: 1 }), { expect: 400, code: 'malformed' });
  await post('/api/v1/protocols', envelope(station, 4, { contest: 7, unit: [] }), { expect: 400, code: 'malformed' });
  await post('/api/v1/protocols', envelope(station, 4, { ...district, unit: undefined }), { expect: 400, code: 'malformed' });
  // In an array, such a body is refused on its own; the others are judged.
  const mixed = await post('/api/v1/protocols', [accepted, envelope(station, 4, { ...district, contest: undefined })], { expect: 200 });
  assert.deepEqual(mixed.json.acknowledgements.map((ack) => ack.refusal ?? ack.status), ['duplicate', 'malformed']);
  // 401: a signature over other bytes; a key nobody registered.
  await post('/api/v1/protocols', { ...envelope(station, 5, district), body: JSON.stringify({ ...district, round: 1 }) + ' ' }, { expect: 401, code: 'bad-signature' });
  const { privateKey } = generateKeyPairSync('ed25519');
  const stranger = { commission: held, privateKey, key: privateKey.export({ format: 'jwk' }).x.replace(/-/g, '+').replace(/_/g, '/') + '=' };
  samples.refusal = (await post('/api/v1/protocols', envelope(stranger, 1, district), { expect: 401, code: 'unknown-key' })).json;
  // 403: another station's commission; 404: a contest or a unit not in the election.
  await post('/api/v1/protocols', envelope(other, 100, { ...district, unit: held }), { expect: 403, code: 'not-authorised' });
  await post('/api/v1/protocols', envelope(station, 6, { ...district, contest: 'no-such-contest' }), { expect: 404, code: 'unknown-contest' });
  await post('/api/v1/protocols', envelope(cec, 1, { ...district, unit: 'no-such-unit', reason: 'recount' }), { expect: 404, code: 'unknown-unit' });
  // 409: a sequence number used, one below the last.
  await post('/api/v1/protocols', envelope(station, 3, { ...district, reason: 'again' }), { expect: 409, code: 'replay' });
  await post('/api/v1/protocols', envelope(station, 2, { ...district, reason: 'late' }), { expect: 409, code: 'out-of-order' });
  // 413 over 4 MiB; 415 not JSON's media type.
  await call(base, 'POST', '/api/v1/protocols', { declaredLength: 4 * 1024 * 1024 + 16, expect: 413, code: 'too-large' });
  await post('/api/v1/protocols', JSON.stringify(accepted), { type: 'text/plain', expect: 415, code: 'unsupported-media-type' });

  // Turnout: accepted, an array, a protocol sent as a report, a replay.
  await post('/api/v1/turnout', envelope(station, 10, { unit: held, time: '10:00', voters: 1000, issued: 100 }), { expect: 200, code: 'accepted' });
  await post('/api/v1/turnout', [envelope(station, 11, { unit: held, time: '12:00', voters: 1000, issued: 300 })], { expect: 200 });
  await post('/api/v1/turnout', envelope(station, 12, district), { expect: 400, code: 'malformed' });
  await post('/api/v1/turnout', envelope(station, 12, { time: '14:00', voters: 1000, issued: 400 }), { expect: 400, code: 'malformed' });
  await post('/api/v1/turnout', envelope(station, 11, { unit: held, time: '14:00', voters: 1000, issued: 400 }), { expect: 409, code: 'replay' });
  await post('/api/v1/turnout', 'not json', { type: 'application/xml', expect: 415, code: 'unsupported-media-type' });

  // The photo the accepted protocol names; one nobody names; bytes that are not their name.
  const put = (sha, bytes, expect, code) => call(base, 'PUT', `/api/v1/photos/${sha}`, { body: bytes, type: 'image/png', expect, code });
  await put(photo, png, 200);
  await put(createHash('sha256').update('other').digest('hex'), Buffer.from('other'), 404, 'not-referenced');
  await put(photo, Buffer.from('not the photo'), 400, 'bad-photo');
  await call(base, 'GET', `/api/v1/photos/${photo}`, { expect: 200 });
  await call(base, 'GET', `/api/v1/photos/${'0'.repeat(64)}`, { expect: 404, code: 'not-found' });

  // An observer's copy (200), a commission's key (403), a head this log never had (409).
  await post('/api/v1/observations', envelope(observer, 1, list), { expect: 200, code: 'accepted' });
  await post('/api/v1/observations', envelope(station, 20, list), { expect: 403, code: 'not-authorised' });
  const head = (await call(base, 'GET', '/api/v1/log/head', { expect: 200 })).json.head;
  await post('/api/v1/observations', envelope(observer, 2, { witness: { ...head, root: 'ab'.repeat(32) } }), { expect: 409, code: 'unknown-head' });
  await post('/api/v1/observations', '{', { expect: 400, code: 'malformed' });

  // Certification: by a station (403), preliminary by the CEC (200), then back from final (409).
  const certification = (stage) => ({ contest: 'mazhilis-list', stage, note: 'openapi test' });
  await post('/api/v1/certify', envelope(station, 30, certification('preliminary')), { expect: 403, code: 'not-authorised' });
  await post('/api/v1/certify', envelope(cec, 2, certification('preliminary')), { expect: 200, code: 'accepted' });
  await post('/api/v1/certify', envelope(cec, 3, certification('final')), { expect: 200, code: 'accepted' });
  await post('/api/v1/certify', envelope(cec, 4, certification('preliminary')), { expect: 409, code: 'not-allowed' });
  await post('/api/v1/certify', '[]', { expect: 400, code: 'malformed' });

  // 405 with Allow: a write path read, a read path written, a method nobody takes.
  await call(base, 'GET', '/api/v1/certify', { expect: 405, code: 'method-not-allowed' });
  await call(base, 'POST', '/api/v1/results?contest=mazhilis-list', { body: '{}', expect: 405, code: 'method-not-allowed' });
  await call(base, 'DELETE', '/api/v1/protocols', { expect: 405, code: 'method-not-allowed' });
  await call(base, 'GET', '/api/v1/observations', { expect: 405, code: 'method-not-allowed' });
  await call(base, 'PUT', '/healthz', { body: 'x', type: 'text/plain', expect: 405, code: 'method-not-allowed' });
  await call(base, 'POST', '/api/v1/senate', { body: '{}', expect: 405, code: 'method-not-allowed' });
  await call(base, 'DELETE', `/api/v1/photos/${photo}`, { expect: 405, code: 'method-not-allowed' });
  // Every path of the document: a method none takes, and POST where the document has none.
  for (const template of Object.keys(contract.api.paths)) {
    const path = template.replace('{sha256}', photo);
    await call(base, 'PATCH', path, { body: '{}', expect: 405, code: 'method-not-allowed' });
    if (!contract.methodsOf(template).includes('POST')) await call(base, 'POST', path, { body: '{}', expect: 405, code: 'method-not-allowed' });
  }
}

// The reads, with the parameters a page uses, and their 304s, 400s and 404s.
async function reads(base, { held }) {
  const get = (path, expect, code, headers) => call(base, 'GET', path, { expect, code, headers });
  const election = await get('/api/v1/election', 200);
  await get('/api/v1/election', 304, undefined, { 'if-none-match': election.headers.get('etag') });
  const results = await get('/api/v1/results?contest=mazhilis-list', 200);
  samples.results = results.json;
  samples.election = election.json;
  assert.ok(results.json.outcome, 'the national result has its outcome');
  await get('/api/v1/results?contest=mazhilis-list', 304, undefined, { 'if-none-match': results.headers.get('etag') });
  await get('/api/v1/results?contest=mazhilis-list', 200, undefined, { 'accept-encoding': 'gzip' });
  await get(`/api/v1/results?contest=mazhilis-list&unit=${held}`, 200);
  const district = election.json.contests.find((c) => c.kind !== 'party_list');
  await get(`/api/v1/results?contest=${district.id}`, 200);
  await get('/api/v1/results', 400, 'missing-parameter');
  await get('/api/v1/results?contest=%zz', 400, 'bad-request');
  samples.error = (await get('/api/v1/results?contest=nothing', 404, 'unknown-contest')).json;
  await get('/api/v1/results?contest=mazhilis-list&unit=nowhere', 404, 'unknown-unit');
  const composition = await get('/api/v1/composition', 200);
  await get('/api/v1/composition', 304, undefined, { 'if-none-match': composition.headers.get('etag') });
  await get(`/api/v1/composition?body=${election.json.bodies[0].id}`, 200);
  await get('/api/v1/composition?body=nothing', 404, 'unknown-body');
  await get('/api/v1/bodies', 200);
  await get('/api/v1/senate', 404, 'no-senate');
  const turnout = await get('/api/v1/turnout', 200);
  await get('/api/v1/turnout', 304, undefined, { 'if-none-match': turnout.headers.get('etag') });
  await get(`/api/v1/turnout?unit=${held}&round=2`, 200);
  await get('/api/v1/turnout?round=3', 400, 'bad-request');
  await get('/api/v1/turnout?unit=nowhere', 404, 'unknown-unit');
  const units = await get('/api/v1/units', 200);
  await get('/api/v1/units', 304, undefined, { 'if-none-match': units.headers.get('etag') });
  await get(`/api/v1/units?parent=${election.json.regions[0].id}&contest=mazhilis-list`, 200);
  await get('/api/v1/units?parent=nowhere', 404, 'unknown-unit');
  await get('/api/v1/units?contest=nothing', 404, 'unknown-contest');
  await get(`/api/v1/protocols?unit=${held}`, 200);
  await get('/api/v1/protocols', 400, 'missing-parameter');
  await get('/api/v1/protocols?unit=nowhere', 404, 'unknown-unit');
  const rejected = await get('/api/v1/rejected', 200);
  assert.ok(rejected.json.rejected.length > 0, 'the broken protocol is listed as rejected');
  const key = signer(join(work, 'keys', `${held}.key`)).key;
  await get(`/api/v1/keys/last-seq?key=${encodeURIComponent(key)}`, 200);
  await get('/api/v1/keys/last-seq', 400, 'missing-parameter');
  const head = (await get('/api/v1/log/head', 200)).json.head;
  await get('/api/v1/log/proof?leaf=0', 200);
  await get(`/api/v1/log/proof?leaf=1&size=${head.size}`, 200);
  await get(`/api/v1/log/proof?leaf=${head.size}`, 400, 'bad-request');
  await get('/api/v1/log/consistency?first=1', 200);
  await get(`/api/v1/log/consistency?first=2&second=${head.size}`, 200);
  await get('/api/v1/log/consistency?first=0', 400, 'bad-request');
  await get('/api/v1/log/entries?start=0&end=3', 200);
  await get('/api/v1/log/entries?start=5', 200);
  await get('/api/v1/log/entries?start=0&end=5000', 400, 'bad-request');
  await get('/api/v1/observers', 200);
  await get('/api/v1/statistics/forensics?contest=mazhilis-list', 200);
  await get('/api/v1/statistics/forensics?contest=mazhilis-list&preset=kobak2016', 200);
  await get('/api/v1/statistics/forensics?contest=mazhilis-list&preset=nothing', 400, 'bad-request');
  await get('/api/v1/statistics/forensics', 400, 'missing-parameter');
  await get('/api/v1/statistics/forensics?contest=nothing', 404, 'unknown-contest');
  await get('/api/v1/statistics/pvt', 200);
  await get('/healthz', 200);
  const metrics = await get('/metrics', 200);
  assert.match(metrics.text, /process_resident_memory_bytes \d+/);
  // The commission's desk (docs/api.md), once the document has it: a station's own key.
  if (contract.api.paths['/api/v1/desk']) {
    await get(`/api/v1/desk?key=${encodeURIComponent(key)}`, 200);
    await get('/api/v1/desk', 400, 'missing-parameter');
    await get(`/api/v1/desk?key=${encodeURIComponent(Buffer.alloc(32, 7).toString('base64'))}`, 404, 'unknown-key');
    const observerKey = signer(join(work, 'okeys', 'watch-1.key')).key;
    await get(`/api/v1/desk?key=${encodeURIComponent(observerKey)}`, 403, 'not-a-commission');
  }
}
