// The desk's relation checks agree with the server's (issue 20, "Done when"): web/src/desk/check.ts
// is compiled with the repository's TypeScript and run in node; `saylau serve` runs the forms
// night (tests/data/good/forms-night.toml: the Kazakh list, district and referendum forms and a
// Russian-style form with a warn relation) and the runoff night (round two's ballot). Each
// protocol and turnout report of desk-cases.mjs goes to a station of its own: its station's desk
// (GET /api/v1/desk?key=) gives the form, the desk judges it, the station's key signs the body
// the desk writes and the server judges it (POST /api/v1/protocols or /turnout). The status, the
// broken relations and their details must be the same, case by case (also for changes to an
// accepted count by the station and by the commission above it, and duplicates); every relation of every
// form, and every built-in relation the desk can produce, must be broken at least once.
//   node web/tests/desk-agreement.test.mjs --saylau build/debug/src/cli/saylau --out build/debug/test-output/browser
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { out, repo, run, saylau } from './harness.mjs';
import { attendanceCases, protocolCases, runoffCases, turnoutCases, validProtocol } from './desk-cases.mjs';

// check.ts and what it imports, compiled to ES modules under --out (relative imports get '.js').
function compileChecks() {
  const dir = join(out, 'desk-agreement-js');
  rmSync(dir, { recursive: true, force: true });
  execFileSync(join(repo, 'web/node_modules/.bin/tsc'), ['--outDir', dir, '--rootDir', join(repo, 'web/src'),
    '--module', 'es2022', '--target', 'es2022', '--moduleResolution', 'bundler', '--strict', '--skipLibCheck',
    '--noEmit', 'false', join(repo, 'web/src/desk/check.ts')], { stdio: 'inherit' });
  for (const file of readdirSync(join(dir, 'desk')).filter((name) => name.endsWith('.js'))) {
    const path = join(dir, 'desk', file);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/from '(\.\.?\/[^']+?)(?<!\.js)'/g, "from '$1.js'"));
  }
  return import(pathToFileURL(join(dir, 'desk/check.js')).href);
}

const work = mkdtempSync(join(tmpdir(), 'saylau-desk-agreement-'));
const servers = [];

// `saylau serve` on a free port (no dashboard needed): the API's base address.
function serveApi(db) {
  const server = spawn(saylau, ['serve', '--db', db, '--listen', '127.0.0.1:0'], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
  servers.push(server);
  return new Promise((resolveUrl, reject) => {
    let text = '';
    server.stdout.on('data', (chunk) => {
      text += chunk;
      const found = text.match(/API\s+(http:\/\/[0-9.:]+)\/api/);
      if (found) resolveUrl(found[1]);
    });
    server.on('exit', (code) => reject(new Error(`saylau serve exited with ${code}: ${text}`)));
  });
}

// A night of `stations` polling stations under `parent` (and `extra` rows as they are).
function night(name, definition, parent, stations, extra = []) {
  const rows = ['id,parent,registered_voters', ...extra];
  for (let i = 1; i <= stations; ++i) rows.push(`${name}-${String(i).padStart(3, '0')},${parent},1000`);
  writeFileSync(join(work, `${name}-stations.csv`), rows.join('\n') + '\n');
  const db = join(work, `${name}.db`);
  run('init', definition, '--stations', join(work, `${name}-stations.csv`), '--db', db);
  run('keys', 'gen', '--all', '--db', db, '--out', join(work, `${name}-keys`));
  return { db, keys: join(work, `${name}-keys`), stations: rows.slice(1).map((row) => row.split(',')[0]) };
}

// A station's key file as the desk holds it: its commission, public key and signing key.
function stationKey(keys, station) {
  const file = JSON.parse(readFileSync(join(keys, `${station}.key`), 'utf8'));
  const seed = Buffer.from(file.secret_key, 'base64').subarray(0, 32);
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return { commission: file.commission, publicKey: file.public_key, privateKey: createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) };
}

// The desk's answer; a 503 busy (desk builds over their share of the writer) is asked again
// after its Retry-After, as the desk page does.
async function deskOf(base, key) {
  let answer = await fetch(`${base}/api/v1/desk?key=${encodeURIComponent(key.publicKey)}`);
  for (let tries = 0; answer.status === 503 && tries < 30; ++tries) {
    await new Promise((resolve) => setTimeout(resolve, 1000 * Number(answer.headers.get('retry-after') ?? 1)));
    answer = await fetch(`${base}/api/v1/desk?key=${encodeURIComponent(key.publicKey)}`);
  }
  assert.equal(answer.status, 200, `GET /api/v1/desk for ${key.commission}: ${answer.status} ${await answer.clone().text()}`);
  return answer.json();
}

// The envelope of docs/api.md, signed and posted; the acknowledgement (or the refusal).
async function send(base, route, key, seq, body) {
  const input = `saylau-submission-v1\n${key.commission}\n${key.publicKey}\n${seq}\n${body}`;
  const signature = sign(null, Buffer.from(input, 'utf8'), key.privateKey).toString('base64');
  const answer = await fetch(`${base}${route}`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ commission: key.commission, key: key.publicKey, seq, body, signature }),
  });
  return { http: answer.status, ack: await answer.json() };
}

const check = await compileChecks();
const disagreements = [];
const brokenByServer = new Set();  // relation names the server gave for some case
const brokenInForm = new Set();  // 'form relation' for each relation the server gave on a protocol of that form
let compared = 0;
const verdicts = [];  // every case's outcome, printed when the test fails
const notAccepted = [];  // cases named valid that the server did not accept
let validCount = 0;

// A broken form relation's code and values too (the server's and the desk's core::RelationParams),
// which both pages word in their language.
const findings = (list) =>
  (list ?? []).map((f) => `${f.relation}: ${f.detail}${f.code === 'relation' ? ` ${JSON.stringify(f.params)}` : ''}`);
function compare(what, body, desk, sent, form = '') {
  ++compared;
  const status = desk.violations.length > 0 ? 'rejected' : desk.duplicate ? 'duplicate' : 'accepted';
  const expected = { status, reasons: findings(desk.violations), warnings: findings(desk.warnings) };
  const got = { status: sent.ack.status, reasons: findings(sent.ack.reasons), warnings: findings(sent.ack.warnings) };
  verdicts.push(`${got.status} ${what}: ${[...got.reasons, ...got.warnings].join('; ') || sent.ack.message || ''}`);
  // A case named valid must be counted, so that agreeing on rejections alone cannot pass.
  if (/: (round [12] )?valid\b/.test(what)) {
    ++validCount;
    if (got.status !== 'accepted') notAccepted.push(what);
  }
  for (const f of [...(sent.ack.reasons ?? []), ...(sent.ack.warnings ?? [])]) {
    brokenByServer.add(f.relation);
    brokenInForm.add(`${form} ${f.relation}`);
  }
  try {
    assert.deepEqual(got, expected);
  } catch {
    disagreements.push(`${what}\n  body:   ${body}\n  desk:   ${JSON.stringify(expected)}\n  server: HTTP ${sent.http} ${JSON.stringify(sent.ack)}`);
  }
}

// One protocol at its own station: the desk's verdict and the server's, compared.
// One protocol at its own station, signed by the station (or by `signer`, a commission above it:
// a correction, with `extra.reason`): the desk's verdict and the server's, compared.
async function protocolAt(base, keys, station, contestId, what, entered, { signer = station, extra = {} } = {}) {
  const key = stationKey(keys, signer);
  const desk = await deskOf(base, key);
  const unit = desk.units.find((u) => u.id === station && u.own === (signer === station));
  const contest = desk.contests.find((c) => c.id === contestId);
  assert.ok(unit && contest, `the desk of ${signer} has unit ${station} and contest ${contestId}`);
  const body = check.protocolBody(contest, unit, key.commission, entered, extra);
  const verdict = check.checkProtocol(desk, contest, entered, { unit, commission: key.commission, reason: extra.reason });
  compare(`protocol ${contestId} at ${station} by ${signer}: ${what}`, body, verdict,
    await send(base, '/api/v1/protocols', key, desk.last_seq + 1, body), contest.form);
  return desk;
}

async function turnoutAt(base, keys, station, what, entered, { round = 1, signer = station, reason } = {}) {
  const key = stationKey(keys, signer);
  const desk = await deskOf(base, key);
  const unit = desk.units.find((u) => u.id === station && u.own === (signer === station));
  const body = check.turnoutBody(unit, key.commission, round, entered, { reason });
  compare(`turnout at ${station} by ${signer}: ${what}`, body, check.checkTurnout(desk, unit, entered, { commission: key.commission, reason }),
    await send(base, '/api/v1/turnout', key, desk.last_seq + 1, body));
}

const formsRelations = new Map();  // form id -> its relation names
const OPS_FORM = `
[[forms]]
id = "ops"
name = { kk = "Сынақ хаттамасы", ru = "Тестовый протокол", en = "Test protocol" }
source = "web/tests/desk-agreement.test.mjs: every comparison, a literal, a subtracted line"
[[forms.lines]]
name = "voters"
label = { kk = "Сайлаушылар", ru = "Избиратели", en = "Voters" }
[[forms.lines]]
name = "issued"
label = { kk = "Берілген", ru = "Выдано", en = "Issued" }
[[forms.lines]]
name = "spoiled"
label = { kk = "Бүлінген", ru = "Испорчено", en = "Spoiled" }
required = false
[[forms.lines]]
name = "valid"
label = { kk = "Жарамды", ru = "Действительные", en = "Valid" }
[[forms.relations]]
name = "issued-within-voters-and-five"
check = "issued <= voters + 5"
severity = "reject"
[[forms.relations]]
name = "valid-above-600"
check = "valid > 600"
severity = "reject"
[[forms.relations]]
name = "spoiled-below-ten"
check = "spoiled < 10"
severity = "warn"
[[forms.relations]]
name = "issued-less-spoiled-covers-valid"
check = "issued - spoiled >= valid"
severity = "reject"
[[forms.relations]]
name = "options-equal-valid"
check = "options == valid"
severity = "reject"
text = "options ({options}) ≠ valid ({valid}), {valid} - {options} missing"
[forms.bases]
registered = "voters"
took_part = "issued"
valid = "valid"
invalid = "issued - valid - spoiled"

[[contests]]
id = "mayor"
kind = "plurality"
form = "ops"
name = "Mayor"
unit = "d1"
certified_by = "d1"
[[contests.candidates]]
id = "m1"
name = "Candidate M1"
[[contests.candidates]]
id = "m2"
name = "Candidate M2"
`;
try {
  // ---- the forms night: every contest's cases, then turnout ----
  // The forms night, with one more form whose relations use every comparison, a literal, a
  // subtracted line and a text with {options} and a line twice (a contest 'mayor' on it).
  const formsDefinition = join(work, 'forms-night-and-ops.toml');
  writeFileSync(formsDefinition, readFileSync(join(repo, 'tests/data/good/forms-night.toml'), 'utf8') + OPS_FORM);
  const forms = night('forms', formsDefinition, 'd1', 150);
  const base = await serveApi(forms.db);
  const stations = [...forms.stations];
  const nextStation = () => { assert.ok(stations.length > 0, 'more cases than stations'); return stations.shift(); };
  const first = await deskOf(base, stationKey(forms.keys, forms.stations[0]));
  // While a required line is empty the server checks no form relation (lines-present says what is
  // missing); the desk lists those already broken among the lines typed (early), and no other.
  const listContest = first.contests.find((c) => c.id === 'list');
  const typing = { ...validProtocol(check.formOf(first, listContest), listContest), found: '701', cancelled: '' };
  const partial = check.checkProtocol(first, listContest, typing);
  assert.deepEqual(partial.violations.map((v) => v.relation), ['lines-present']);
  assert.deepEqual(partial.early.map((v) => v.relation), ['found-within-issued', 'found-equals-valid-plus-invalid'],
    'received-equals-issued-plus-cancelled needs the empty cancelled line: not early');
  assert.equal(check.checkProtocol(first, listContest, { ...typing, cancelled: '200' }).early, undefined);
  for (const contest of first.contests) {
    const form = check.formOf(first, contest);
    formsRelations.set(form.id, form.relations.map((r) => r.name));
    const opsBase = { voters: '1000', issued: '700', spoiled: '3', valid: '690', m1: '400', m2: '290' };
    const cases = protocolCases(form, contest, (entered) => check.checkProtocol(first, contest, entered),
      form.id === 'ops' ? opsBase : undefined);
    for (const { name, entered } of cases) await protocolAt(base, forms.keys, nextStation(), contest.id, name, entered);
  }
  // A valid protocol with its photo's SHA-256, then the district's correction of it with a reason.
  const corrected = nextStation();
  const list = first.contests.find((c) => c.id === 'list');
  const listProtocol = validProtocol(check.formOf(first, list), list);
  const photo = createHash('sha256').update('the paper protocol of ' + corrected).digest('hex');
  await protocolAt(base, forms.keys, corrected, 'list', 'valid, with the photo of the paper protocol', listProtocol, { extra: { photo_sha256: photo } });
  await protocolAt(base, forms.keys, corrected, 'list', 'a correction by the district, with a reason',
    { ...listProtocol, a: String(Number(listProtocol.a) + 1), b: String(Number(listProtocol.b) - 1) },
    { signer: 'd1', extra: { reason: 'recount: one ballot for b was a ballot for a «»' } });
  // Changing the accepted count: the station itself is refused, the district needs a reason; the
  // same figures again are a duplicate.
  const recounted = { ...listProtocol, a: String(Number(listProtocol.a) + 1), b: String(Number(listProtocol.b) - 1) };
  await protocolAt(base, forms.keys, corrected, 'list', 'correction-by-higher-commission: the station changes its count',
    { ...recounted, invalid: String(Number(recounted.invalid) + 1), valid: String(Number(recounted.valid) - 1), b: String(Number(recounted.b) - 1) });
  await protocolAt(base, forms.keys, corrected, 'list', 'correction-reason: the district without a reason',
    { ...recounted, a: String(Number(recounted.a) + 1), b: String(Number(recounted.b) - 1) }, { signer: 'd1' });
  await protocolAt(base, forms.keys, corrected, 'list', 'duplicate: the accepted figures again', recounted);
  // The same for a turnout report at a time already reported.
  const reReported = nextStation();
  await turnoutAt(base, forms.keys, reReported, 'valid turnout at 12:00', { time: '12:00', voters: '1000', issued: '300' });
  await turnoutAt(base, forms.keys, reReported, 'correction-by-higher-commission: the station changes 12:00', { time: '12:00', voters: '1000', issued: '310' });
  await turnoutAt(base, forms.keys, reReported, 'correction-reason: the district without a reason', { time: '12:00', voters: '1000', issued: '310' }, { signer: 'd1' });
  await turnoutAt(base, forms.keys, reReported, 'valid correction of 12:00 by the district', { time: '12:00', voters: '1000', issued: '310' }, { signer: 'd1', reason: 'the list of 12:00 recounted' });
  await turnoutAt(base, forms.keys, reReported, 'duplicate: the corrected 12:00 again', { time: '12:00', voters: '1000', issued: '310' });
  for (const { name, before, entered } of turnoutCases()) {
    const station = nextStation();
    if (before) await turnoutAt(base, forms.keys, station, `${name} (the earlier report)`, before);
    await turnoutAt(base, forms.keys, station, name, entered);
  }

  // ---- the runoff night: round one at every station, then round two's ballot ----
  const runoff = night('runoff', join(repo, 'tests/data/good/runoff-night.toml'), 'r2', 4, ['t1-a,t1,1000']);
  const runoffBase = await serveApi(runoff.db);
  for (const station of runoff.stations) {
    const desk = await deskOf(runoffBase, stationKey(runoff.keys, station));
    const contest = desk.contests.find((c) => c.id === 'president');
    const entered = { ...validProtocol(check.formOf(desk, contest), contest), x: '300', y: '200', z: '190' };
    await protocolAt(runoffBase, runoff.keys, station, 'president', 'round 1 valid (a runoff between x and y)', entered);
  }
  // Round one certified final by the CEC: the contest's current round is then two (its ballot: x, y).
  const cecKey = stationKey(runoff.keys, 'c');
  const certified = await send(runoffBase, '/api/v1/certify', cecKey, (await deskOf(runoffBase, cecKey)).last_seq + 1,
    JSON.stringify({ contest: 'president', stage: 'final', note: 'round one counted', round: 1 }));
  assert.equal(certified.ack.status, 'accepted', JSON.stringify(certified.ack));
  const roundTwo = await deskOf(runoffBase, stationKey(runoff.keys, runoff.stations[0]));
  const president = roundTwo.contests.find((c) => c.id === 'president');
  assert.equal(president.round, 2, 'round two of the president is open once round one is counted everywhere');
  assert.deepEqual(president.ballot, ['x', 'y']);
  const roundTwoCases = runoffCases(check.formOf(roundTwo, president), president);
  roundTwoCases.forEach((c, i) => (c.station = runoff.stations[i]));
  for (const { name, entered, station } of roundTwoCases) await protocolAt(runoffBase, runoff.keys, station, 'president', name, entered);
  // The runoff's day has turnout of its own (round 2): its reports are held to each other only.
  const runoffTurnout = runoff.stations[roundTwoCases.length];
  await turnoutAt(runoffBase, runoff.keys, runoffTurnout, 'round 2 turnout at 10:00', { time: '10:00', voters: '1000', issued: '100' }, { round: 2 });
  await turnoutAt(runoffBase, runoff.keys, runoffTurnout, 'round 2 turnout falls at 12:00', { time: '12:00', voters: '1000', issued: '90' }, { round: 2 });

  // ---- the Senate's sittings: attendance reports, each at a sitting of its own ----
  const senate = join(repo, 'elections/kz/2023-01-14-senate.toml');
  const definedElectors = new Map();  // the sittings whose contest gives its electors
  for (const block of readFileSync(senate, 'utf8').split('[[contests]]').slice(1)) {
    const unit = block.match(/^unit = "([^"]+)"/m);
    const electors = block.match(/^electors = ([0-9]+)/m);
    if (unit && electors) definedElectors.set(unit[1], Number(electors[1]));
  }
  const senateDb = join(work, 'senate.db');
  run('init', senate, '--db', senateDb);
  run('keys', 'gen', '--all', '--db', senateDb, '--out', join(work, 'senate-keys'));
  const senateBase = await serveApi(senateDb);
  const cec = await deskOf(senateBase, stationKey(join(work, 'senate-keys'), 'kz'));
  const sittings = cec.units.filter((unit) => check.isSitting(cec, unit)).map((unit) => unit.id);
  const day = readFileSync(senate, 'utf8').match(/^date = ([0-9-]+)/m)[1];
  for (const [i, wanted] of attendanceCases(0, day).entries()) {
    const at = sittings.findIndex((id) => (wanted.defined ? definedElectors.has(id) : wanted.undefined_ ? !definedElectors.has(id) : true));
    assert.ok(at >= 0, `a sitting for attendance case ${i}`);
    const [sitting] = sittings.splice(at, 1);
    const { name, before, entered } = attendanceCases(definedElectors.get(sitting) ?? 50, day)[i];
    if (before) await turnoutAt(senateBase, join(work, 'senate-keys'), sitting, `${name} (the earlier report)`, before);
    await turnoutAt(senateBase, join(work, 'senate-keys'), sitting, name, entered);
  }

  // A sitting's report changed at a minute already reported: by the sitting, then by the CEC.
  const changed = sittings.shift();
  const e = definedElectors.get(changed) ?? 50;
  await turnoutAt(senateBase, join(work, 'senate-keys'), changed, 'valid attendance at 10:30', { time: '10:30', voters: String(e), issued: '10' });
  await turnoutAt(senateBase, join(work, 'senate-keys'), changed, 'correction-by-higher-commission: the sitting changes 10:30',
    { time: `${day}T10:30:00`, voters: String(e), issued: '11' });
  await turnoutAt(senateBase, join(work, 'senate-keys'), changed, 'valid correction of 10:30 by the CEC',
    { time: '10:30', voters: String(e), issued: '11' }, { signer: 'kz', reason: 'two electors were counted late' });
  await turnoutAt(senateBase, join(work, 'senate-keys'), changed, 'duplicate: the corrected 10:30 again', { time: '10:30', voters: String(e), issued: '11' });

  // ---- a sitting's protocol: its form's relations, and against its attendance (a second Senate night) ----
  const senate2Db = join(work, 'senate-protocols.db');
  const senate2Keys = join(work, 'senate-protocols-keys');
  run('init', senate, '--db', senate2Db);
  run('keys', 'gen', '--all', '--db', senate2Db, '--out', senate2Keys);
  const senate2Base = await serveApi(senate2Db);
  const cec2 = await deskOf(senate2Base, stationKey(senate2Keys, 'kz'));
  const freeSittings = cec2.units.filter((unit) => check.isSitting(cec2, unit)).map((unit) => unit.id);
  const takeSitting = (wanted) => {
    const at = freeSittings.findIndex((id) => !wanted || !definedElectors.has(id));
    assert.ok(at >= 0, 'a sitting left for a protocol case');
    return freeSittings.splice(at, 1)[0];
  };
  const contestAt = async (sitting) => {
    const desk = await deskOf(senate2Base, stationKey(senate2Keys, sitting));
    return { desk, contest: desk.contests.find((c) => c.id === desk.units[0].contests[0].contest) };
  };
  const quorumCases = [
    { name: 'quorum-in-attendance: one elector present', present: () => '1' },
    { name: 'attendance-agrees: took part other than present', present: (e) => String(e) },
    { name: 'valid: took part as present', undefinedElectors: true, electors: 1000, present: () => '700' },
  ];
  for (const { name, present, undefinedElectors, electors } of quorumCases) {
    const sitting = takeSitting(undefinedElectors);
    const e = electors ?? definedElectors.get(sitting) ?? 50;
    await turnoutAt(senate2Base, senate2Keys, sitting, `${name} (attendance)`, { time: '10:05', voters: String(e), issued: present(e) });
    const { desk, contest } = await contestAt(sitting);
    await protocolAt(senate2Base, senate2Keys, sitting, contest.id, name, validProtocol(check.formOf(desk, contest), contest));
  }
  for (let i = 0; ; ++i) {
    const sitting = takeSitting(false);
    const { desk, contest } = await contestAt(sitting);
    const form = check.formOf(desk, contest);
    formsRelations.set(form.id, form.relations.map((r) => r.name));
    const cases = protocolCases(form, contest, (entered) => check.checkProtocol(desk, contest, entered))
      .filter((c) => c.name === 'valid' || /^(reject|warn) /.test(c.name));
    await protocolAt(senate2Base, senate2Keys, sitting, contest.id, cases[i].name, cases[i].entered);
    if (i === cases.length - 1) break;
  }

  // ---- every relation broken at least once ----
  const builtIn = ['readable-lines', 'options-exact', 'on-ballot', 'lines-present', 'non-negative', 'within-bounds',
    'known-time', 'issued-within-voters', 'non-decreasing-through-the-day', 'attendance-time', 'present-within-electors',
    'electors-as-defined', 'same-electors', 'non-decreasing-through-the-sitting', 'quorum-in-attendance', 'attendance-agrees',
    'correction-by-higher-commission', 'correction-reason'];
  const neverBroken = builtIn.filter((name) => !brokenByServer.has(name));
  for (const [form, names] of formsRelations) {
    for (const name of names) if (!brokenInForm.has(`${form} ${name}`)) neverBroken.push(`${name} (form ${form})`);
  }
  if (disagreements.length > 0) {
    console.error(`${disagreements.length} of ${compared} verdicts differ between the desk and the server:\n\n${disagreements.join('\n\n')}`);
  }
  if (neverBroken.length > 0) console.error(`relations no case broke (add a case to web/tests/desk-cases.mjs): ${neverBroken.join(', ')}`);
  assert.equal(disagreements.length, 0, 'the desk and the server agree on every protocol and report');
  assert.deepEqual(notAccepted, [], 'every valid case is accepted');
  assert.equal(neverBroken.length, 0, 'every relation is broken by some case');
  assert.ok(formsRelations.size >= 6, `the nights have at least six forms (${[...formsRelations.keys()]})`);
  assert.ok(validCount >= 15, `at least 15 valid cases (${validCount})`);
  console.log(`desk agreement: ${compared} protocols and reports (${validCount} valid), the same verdicts on the desk and the server; ` +
    `${brokenByServer.size} relations broken (${[...formsRelations.keys()].join(', ')})`);
} catch (error) {
  console.error(`the verdicts so far:\n  ${verdicts.join('\n  ')}`);
  throw error;
} finally {
  for (const server of servers) server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
