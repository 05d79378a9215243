// docs/openapi.yaml as a contract that real responses are held to (openapi-responses.test.mjs):
// the document validated and dereferenced by @apidevtools/swagger-parser, each response's
// status, media type and body checked with Ajv against the schema the operation gives for that
// status, and the operations that were called counted, so that one never called is named.
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv from 'ajv';

const kMethods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const mediaType = (value) => (value ?? '').split(';')[0].trim().toLowerCase();

export async function loadContract(file) {
  const api = await SwaggerParser.validate(file);
  // OpenAPI 3.0 schemas are JSON Schema plus `nullable` (Ajv knows it) and `example`; strict
  // mode stays on, so a misspelt keyword in the document is an error, not silently ignored.
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
  ajv.addKeyword('example');
  return new Contract(api, ajv);
}

class Contract {
  constructor(api, ajv) {
    this.api = api;
    this.ajv = ajv;
    this.compiled = new Map();
    this.called = new Set();
    // Each path template as a regular expression: {sha256} matches one segment.
    this.templates = Object.keys(api.paths).map((template) => ({
      template,
      pattern: new RegExp('^' + template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}/]+\}/g, '[^/]+') + '$'),
    }));
  }

  // Every operation of the document, as "GET /api/v1/results".
  operations() {
    const out = [];
    for (const [template, item] of Object.entries(this.api.paths)) {
      for (const method of kMethods) if (item[method]) out.push(`${method.toUpperCase()} ${template}`);
    }
    return out;
  }

  uncalled() {
    return this.operations().filter((operation) => !this.called.has(operation));
  }

  // The path template a request path falls under, or undefined.
  templateOf(path) {
    return this.templates.find(({ pattern }) => pattern.test(path))?.template;
  }

  // The methods the document gives a path (what a 405's Allow must list, with HEAD beside GET).
  methodsOf(template) {
    const item = this.api.paths[template] ?? {};
    return kMethods.filter((method) => item[method]).map((method) => method.toUpperCase());
  }

  // Ajv's errors of `value` against `schema`, as one line, or '' when it matches.
  schemaErrors(schema, value) {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.compiled.set(schema, validate);
    }
    if (validate(value)) return '';
    return validate.errors.slice(0, 8).map((e) => `${e.instancePath || '/'} ${e.message}` +
      (e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : '')).join('; ');
  }

  // The problems of one response to METHOD path (a list of sentences; empty when it keeps the
  // contract): the status must be documented for the operation, its required headers present,
  // the media type among the documented ones (or no body when none is documented), a JSON body
  // must match the schema.
  // A 405 is held to components.responses.MethodNotAllowed, its Allow to the path's methods.
  check(method, path, response) {
    const where = `${method} ${path} -> ${response.status}`;
    const template = this.templateOf(path);
    let documented;
    if (response.status === 405) {
      documented = this.api.components?.responses?.MethodNotAllowed;
      if (!documented) return [`${where}: no components.responses.MethodNotAllowed in the document`];
      const expected = this.methodsOf(template ?? '');
      const allow = (response.headers.get('allow') ?? '').split(',').map((m) => m.trim()).filter(Boolean);
      const want = [...expected, ...(expected.includes('GET') ? ['HEAD'] : [])].sort().join(', ');
      if ([...allow].sort().join(', ') !== want) return [`${where}: Allow '${allow.join(', ')}', the document gives '${want}'`];
    } else {
      if (!template) return [`${where}: the path is not in the document`];
      const operation = this.api.paths[template][method.toLowerCase()];
      if (!operation) return [`${where}: the document has no ${method} ${template}`];
      this.called.add(`${method} ${template}`);
      documented = operation.responses[String(response.status)] ?? operation.responses.default;
      if (!documented) return [`${where}: status ${response.status} is not documented for ${method} ${template}`];
    }
    const missing = Object.entries(documented.headers ?? {}).filter(([name, header]) => header.required && !response.headers.has(name));
    if (missing.length) return [`${where}: no ${missing.map(([name]) => name).join(', ')} header, which the document requires`];
    const type = mediaType(response.headers.get('content-type'));
    const content = documented.content ?? {};
    const types = Object.keys(content);
    if (types.length === 0) {
      return response.text.length === 0 ? [] : [`${where}: a ${type} body, and the document gives ${response.status} no content`];
    }
    const key = types.find((t) => mediaType(t) === type) ?? types.find((t) => t === '*/*');
    if (!key) return [`${where}: content type '${type}', the document gives ${types.join(', ')}`];
    const schema = content[key].schema;
    if (!schema || type !== 'application/json') return [];
    let body;
    try {
      body = JSON.parse(response.text);
    } catch {
      return [`${where}: the body is not JSON: ${response.text.slice(0, 80)}`];
    }
    const errors = this.schemaErrors(schema, body);
    return errors ? [`${where}: the body does not match the schema: ${errors}`] : [];
  }
}
