// The live OpenAPI document as a validator: for an answer (method, target, status, body) it finds the operation by
// its path template and checks the body against the schema the document gives for that status (or its "default").
// Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1) does the checking.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

// "#/components/..." inside an operation's schema refers to the document: make it refer to the copy given to Ajv.
function rebase(value) {
  if (Array.isArray(value)) return value.map(rebase);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `openapi.json${v}` : rebase(v);
    }
    return out;
  }
  return value;
}

export function documentValidator(doc) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi.json', components: doc.components });
  // Literal templates first, so /api/v1/applications/mine wins over /api/v1/applications/{tracking_number}.
  const templates = Object.keys(doc.paths).map((template) => {
    const params = (template.match(/\{[^}]+\}/g) || []).length;
    const source = template.split('/').map((seg) => (/^\{.+\}$/.test(seg) ? '[^/]+' : seg.replace(/[.*+?^$()|[\]\\]/g, '\\$&')));
    return { template, params, regex: new RegExp(`^${source.join('/')}$`) };
  }).sort((a, b) => a.params - b.params);
  const compiled = new Map();
  const problem = ajv.compile({ $ref: 'openapi.json#/components/schemas/Problem' });
  function checkProblem(where, contentType, body) {
    if ((contentType || '').split(';')[0].trim() !== 'application/problem+json') return `${where}: not a problem+json answer`;
    let value;
    try { value = JSON.parse(body); } catch { return `${where}: the body is not JSON`; }
    return problem(value) ? null : `${where}: ${ajv.errorsText(problem.errors, { separator: '; ' })}`;
  }

  return function validate({ method, target, status, contentType, body }) {
    const pathOnly = target.split('?')[0];
    const found = templates.find((t) => t.regex.test(pathOnly) && doc.paths[t.template][method.toLowerCase()]);
    if (!found) {
      // No such route (404) or not that method (405): the server answers a problem, whatever was asked.
      if (status !== 404 && status !== 405) return `${method} ${pathOnly}: no operation in the document`;
      return checkProblem(`${method} ${pathOnly} ${status}`, contentType, body);
    }
    const op = doc.paths[found.template][method.toLowerCase()];
    const response = op.responses[String(status)] || op.responses.default;
    const where = `${method} ${found.template} (${op.operationId}) ${status}`;
    if (!response) return `${where}: the document lists no such status`;
    const media = (contentType || '').split(';')[0].trim();
    const content = response.content && response.content[media];
    if (!content) return `${where}: the document has no ${media || 'body'} for this status`;
    const key = `${found.template} ${method} ${status} ${media}`;
    let check = compiled.get(key);
    if (!check) {
      check = ajv.compile(rebase(content.schema || {}));
      compiled.set(key, check);
    }
    let value;
    try { value = JSON.parse(body); } catch { return `${where}: the body is not JSON`; }
    if (check(value)) return null;
    return `${where}: ${ajv.errorsText(check.errors, { separator: '; ' })}\n  body: ${body.slice(0, 400)}`;
  };
}
