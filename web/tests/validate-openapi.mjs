// Validates docs/openapi.yaml against the OpenAPI specification with @apidevtools/swagger-parser
// (the schema of the spec itself plus its own rules: $refs resolve, operation ids are unique,
// path parameters are declared). ctest `openapi_lint` runs it; exit 0 when valid, 1 with the
// errors listed otherwise.
//   node web/tests/validate-openapi.mjs [docs/openapi.yaml]
import SwaggerParser from '@apidevtools/swagger-parser';
import { resolve, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const file = resolve(process.argv[2] ?? join(repo, 'docs/openapi.yaml'));
try {
  const api = await SwaggerParser.validate(file);
  const paths = Object.keys(api.paths ?? {});
  console.log(`${file}: valid OpenAPI ${api.openapi}, ${paths.length} paths`);
} catch (error) {
  console.error(`${file}: not a valid OpenAPI document`);
  for (const detail of error.details ?? []) console.error(`  ${detail.instancePath ?? ''} ${detail.message}`);
  console.error(`  ${error.message}`);
  process.exit(1);
}
