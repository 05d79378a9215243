// Every word of the dashboard and the desk in Kazakh, Russian and English (issue 21, item 2),
// checked without a browser (ctest i18n_keys_test, node only, about a second):
//   1. every label of web/src/i18n.ts, every word of web/src/desk/strings.ts and every relation
//      name of web/src/relations.ts has a non-empty kk, ru and en, with the same {placeholders};
//   2. every t('x'), tf('x'), data-l="x" (the dashboard's) and w('x') (the desk's) used in
//      web/src names a label that exists;
//   3. every control relation the server can send (read from the C++ source that produces
//      violations, and from the forms' [[forms.relations]] in data/forms and elections) has its
//      name in relations.ts: adding a relation to the server without wording fails this test.
// A self-check first shows the source scan finds a relation named the ways the C++ names them.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const web = join(root, 'web');
const { transformSync } = await import(pathToFileURL(join(web, 'node_modules', 'esbuild', 'lib', 'main.js')).href);

function walk(dir, keep) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path, keep));
    else if (keep(path)) out.push(path);
  }
  return out;
}

// A table of a TypeScript module (not exported there) as data: its imports replaced by a stub of
// the language, the table exported, the rest compiled by esbuild and imported.
const scratch = mkdtempSync(join(tmpdir(), 'saylau-i18n-keys-'));
async function tableOf(file, name) {
  let source = readFileSync(join(web, 'src', file), 'utf8');
  source = source.replace(/^import [^;]*;$/gm, '').replace(/^export \{[^}]*\} from [^;]*;$/gm, '');
  const stub = /\bfunction lang\(/.test(source) ? '' : "const lang = () => 'en';\n";
  source = `${stub}${source}\nexport { ${name} as __table };\n`;
  const { code } = transformSync(source, { loader: 'ts', format: 'esm' });
  const out = join(scratch, `${file.replaceAll('/', '_')}.${name}.mjs`);
  writeFileSync(out, code);
  globalThis.localStorage ??= { getItem: () => null, setItem: () => {} };
  globalThis.document ??= { documentElement: {} };
  return (await import(pathToFileURL(out).href)).__table;
}

const failures = [];
const fail = (text) => failures.push(text);

try {
  const labels = await tableOf('i18n.ts', 'labels');
  const lineNames = await tableOf('i18n.ts', 'lineNames');
  const words = await tableOf('desk/strings.ts', 'words');
  const relationNames = await tableOf('relations.ts', 'relationNames');
  const decisionNames = await tableOf('outcome_names.ts', 'decisionNames');
  const contestKindNames = await tableOf('outcome_names.ts', 'contestKindNames');
  const detailTemplates = await tableOf('detail_text.ts', 'detailTemplates');
  const detailWords = await tableOf('detail_text.ts', 'detailWords');
  const refusalNames = await tableOf('refusal_names.ts', 'refusalNames');

  // 1. Every entry in all three languages, with the same placeholders.
  const placeholders = (text) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort().join(',');
  for (const [tableName, table] of Object.entries({ labels, lineNames, words, relationNames, decisionNames, contestKindNames, detailTemplates, detailWords, refusalNames })) {
    assert.ok(Object.keys(table).length >= 5, `${tableName} was read`);
    for (const [key, entry] of Object.entries(table)) {
      for (const language of ['kk', 'ru', 'en']) {
        if (typeof entry[language] !== 'string' || entry[language].trim() === '') fail(`${tableName}.${key}: no ${language}`);
      }
      if (entry.kk && entry.ru && entry.en) {
        const want = placeholders(entry.en);
        for (const language of ['kk', 'ru']) {
          if (placeholders(entry[language]) !== want) fail(`${tableName}.${key}: ${language} has {${placeholders(entry[language])}}, en {${want}}`);
        }
      }
    }
  }

  // 2. Every key used in the source exists.
  const sources = walk(join(web, 'src'), (p) => p.endsWith('.ts'));
  let used = 0;
  for (const file of sources) {
    const text = readFileSync(file, 'utf8');
    const where = relative(root, file);
    const desk = file.includes(`${join('src', 'desk')}`);
    for (const m of text.matchAll(/(?<![\w.])(t|tf)\(\s*'([\w-]+)'/g)) {
      used++;
      if (!(m[2] in labels)) fail(`${where}: ${m[1]}('${m[2]}') has no label in i18n.ts`);
    }
    for (const m of text.matchAll(/data-l="([\w-]+)"/g)) {
      used++;
      if (!(m[1] in labels)) fail(`${where}: data-l="${m[1]}" has no label in i18n.ts`);
    }
    if (desk) {
      for (const m of text.matchAll(/(?<![\w.])w\(\s*'([\w-]+)'/g)) {
        used++;
        if (!(m[1] in words)) fail(`${where}: w('${m[1]}') has no word in desk/strings.ts`);
      }
    }
  }
  for (const file of walk(web, (p) => p.endsWith('.html') && !p.includes('node_modules') && !p.includes(`${join('web', 'dist')}`))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/data-l="([\w-]+)"/g)) {
      used++;
      if (!(m[1] in labels)) fail(`${relative(root, file)}: data-l="${m[1]}" has no label in i18n.ts`);
    }
  }
  assert.ok(used > 100, `the keys used in web/src were found (${used})`);

  // 3. Every relation the server can send has a name in relations.ts.
  const codes = new Map(); // code -> where
  const scanCxx = (text, where) => {
    for (const m of text.matchAll(/(?:\{|\b[Ff]ail\()\s*"([a-z][a-z0-9]*(?:-[a-z0-9]+)+|utf8)"\s*,/g)) if (!codes.has(m[1])) codes.set(m[1], where);
  };
  const scanForms = (text, where) => {
    for (const m of text.matchAll(/\[\[forms\.relations\]\][^[]*?\bname\s*=\s*"([^"]+)"/g)) if (!codes.has(m[1])) codes.set(m[1], where);
  };
  // Self-check of the scan, with the ways the C++ names a violation.
  const probe = new Map();
  const saved = [...codes];
  scanCxx('fail("probe-one", x); out.violations.push_back({"probe-two", d}); judgement.violations.push_back(\n  {"probe-three", d}); Fail("utf8", x); {"took-part" ,', 'probe');
  scanForms('[[forms.relations]]\nname = "probe-four"\ncheck = "a <= b"\n', 'probe');
  for (const [code] of codes) if (!saved.some(([c]) => c === code)) probe.set(code, true);
  assert.deepEqual([...probe.keys()].sort(), ['probe-four', 'probe-one', 'probe-three', 'probe-two', 'took-part', 'utf8'].sort(), 'the scan finds relations as the C++ and the forms name them');
  codes.clear();
  // The files that produce a protocol's, turnout report's or sitting's violations (threshold.cc
  // names threshold bases, not relations).
  const producers = [
    ...walk(join(root, 'src', 'core'), (p) => p.endsWith('.cc') && !p.endsWith('_test.cc') && !p.endsWith('threshold.cc')),
    ...walk(join(root, 'src', 'intake'), (p) => p.endsWith('.cc') && !p.endsWith('_test.cc')),
    join(root, 'src', 'formats', 'submission_reader.cc'),
  ];
  for (const file of producers) scanCxx(readFileSync(file, 'utf8'), relative(root, file));
  for (const file of [...walk(join(root, 'data', 'forms'), (p) => p.endsWith('.toml')), ...walk(join(root, 'elections'), (p) => p.endsWith('.toml'))]) {
    scanForms(readFileSync(file, 'utf8'), relative(root, file));
  }
  assert.ok(codes.size >= 25, `the server's relations were found (${codes.size})`);
  for (const [code, where] of codes) {
    if (!(code in relationNames)) fail(`relation '${code}' (${where}) has no name in web/src/relations.ts`);
  }
  // 4. Every decision (core::DecisionName) and contest kind (the definition's) has a name.
  const outcomeSource = readFileSync(join(root, 'src', 'core', 'outcome.cc'), 'utf8');
  const decisionBody = outcomeSource.slice(outcomeSource.indexOf('DecisionName('), outcomeSource.indexOf('SAYLAU_CHECK(false)'));
  const decisions = [...decisionBody.matchAll(/return "([^"]+)";/g)].map((m) => m[1]);
  assert.ok(decisions.length >= 5, `the decisions were read (${decisions.length})`);
  for (const code of decisions) if (!(code in decisionNames)) fail(`decision '${code}' (src/core/outcome.cc) has no name in web/src/outcome_names.ts`);
  const kinds = [...readFileSync(join(root, 'src', 'formats', 'definition_contests.cc'), 'utf8').matchAll(/contest\.kind == "([a-z_]+)"/g)].map((m) => m[1]);
  assert.ok(kinds.length >= 5, `the contest kinds were read (${kinds.length})`);
  for (const code of kinds) if (!(code in contestKindNames)) fail(`contest kind '${code}' (src/formats/definition_contests.cc) has no name in web/src/outcome_names.ts`);
  // 5. Every code of a violation's detail (the one list, src/core/include/saylau/core/detail_codes.h)
  // has a template in detail_text.ts (in all three languages, by 1.), and every template a code.
  const codesHeader = readFileSync(join(root, 'src', 'core', 'include', 'saylau', 'core', 'detail_codes.h'), 'utf8');
  const listBody = codesHeader.slice(codesHeader.indexOf('kDetailCodes = {'), codesHeader.indexOf('};', codesHeader.indexOf('kDetailCodes = {')));
  const detailCodes = [...listBody.replace(/\/\/[^\n]*/g, '').matchAll(/"([a-z-]+)"/g)].map((m) => m[1]);
  const declared = Number(/std::array<std::string_view, (\d+)> kDetailCodes/.exec(codesHeader)?.[1]);
  assert.equal(detailCodes.length, declared, `the detail codes were read (${detailCodes.length} of ${declared})`);
  for (const code of detailCodes) if (!(code in detailTemplates)) fail(`detail code '${code}' (detail_codes.h) has no template in web/src/detail_text.ts`);
  for (const code of Object.keys(detailTemplates)) if (!detailCodes.includes(code)) fail(`detail template '${code}' (web/src/detail_text.ts) is not a code of detail_codes.h`);
  // 6. Every refusal of intake and every error code of the server has its wording.
  const refusalSource = readFileSync(join(root, 'src', 'intake', 'refusal.cc'), 'utf8');
  const refusals = [...refusalSource.matchAll(/return "([a-z-]+)";/g)].map((m) => [m[1], 'src/intake/refusal.cc']);
  assert.ok(refusals.length >= 10, `the refusals were read (${refusals.length})`);
  const errorCodes = [];
  for (const file of walk(join(root, 'src', 'server'), (p) => p.endsWith('.cc') && !p.endsWith('_test.cc'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/ErrorResponse\(\s*[^,"]+,\s*(?:[^,"?]*\?\s*"([a-z-]+)"\s*:\s*)?"([a-z-]+)"/g)) {
      for (const code of [m[1], m[2]]) if (code) errorCodes.push([code, relative(root, file)]);
    }
  }
  assert.ok(errorCodes.length >= 20, `the server's error codes were read (${errorCodes.length})`);
  for (const [code, where] of [...refusals, ...errorCodes]) {
    if (!(code in refusalNames)) fail(`refusal or error '${code}' (${where}) has no wording in web/src/refusal_names.ts`);
  }
  console.log(`i18n keys: ${refusals.length} refusals, ${new Set(errorCodes.map(([c]) => c)).size} error codes; ${detailCodes.length} detail codes; ${Object.keys(labels).length} labels, ${Object.keys(words).length} desk words, ${Object.keys(relationNames).length} relation names; ${used} uses in web/src; ${codes.size} relations the server sends`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (failures.length) {
  console.error(`${failures.length} missing or broken translation(s):\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('i18n keys: every label, word and relation in kk, ru and en');
