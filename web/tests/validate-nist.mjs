// Validates NIST SP 1500-100 v2 Election Results Reporting JSON files against the official
// JSON schema (data/standards/nist-1500-100, draft-04) with Ajv. Prints every error with its
// JSON path; exits 0 only when every file validates.
//   node web/tests/validate-nist.mjs FILE...
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const schema = JSON.parse(
  readFileSync(join(root, 'data/standards/nist-1500-100/NIST_V2_election_results_reporting.json'), 'utf8'));
// The schema annotates references with "refTypes", a keyword of its own; strict mode would refuse it.
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node web/tests/validate-nist.mjs FILE...');
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  const document = JSON.parse(readFileSync(file, 'utf8'));
  if (validate(document)) {
    const contests = document.Election?.[0]?.Contest?.length ?? 0;
    console.log(`${file}: valid NIST SP 1500-100 v2 (${document.GpUnit.length} GpUnits, ${contests} contests)`);
  } else {
    failed += 1;
    console.log(`${file}: INVALID`);
    for (const error of validate.errors.slice(0, 30)) console.log(`  ${error.instancePath || '/'}: ${error.message}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
