// Proof by an outside client: TypeScript types are generated from the live OpenAPI document with openapi-typescript,
// tests/api/journey.ts (an openapi-fetch client) is type-checked against them by tsc, and then run: register, sign
// in, find a service, file an application with a file, track it, an officer approves it, file a report. Every
// answer of the journey is validated against its schema in the document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, copyFileSync, existsSync, symlinkSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { useServer, base, mailedCodeFor } from '../browser/harness.mjs';
import { documentValidator } from './openapi.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const outDir = process.env.API_BUILD_DIR || path.join(repoRoot, 'build', 'api-client');

useServer({ browser: false });

test('a TypeScript client generated from the document type-checks and walks the journey', async () => {
  const doc = await (await fetch(`${base()}/api/v1/openapi.json`)).json();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  // The client's own packages (openapi-fetch, typescript) come from the repository's node_modules.
  if (!existsSync(path.join(outDir, 'node_modules'))) symlinkSync(path.join(repoRoot, 'node_modules'), path.join(outDir, 'node_modules'));
  writeFileSync(path.join(outDir, 'openapi.json'), JSON.stringify(doc, null, 2));
  writeFileSync(path.join(outDir, 'schema.d.ts'), astToString(await openapiTS(doc)));
  copyFileSync(path.join(here, 'journey.ts'), path.join(outDir, 'journey.ts'));
  writeFileSync(path.join(outDir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  writeFileSync(path.join(outDir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noUncheckedIndexedAccess: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext',
      lib: ['ES2022', 'DOM'], outDir: 'out', skipLibCheck: true,
    },
    files: ['journey.ts'],
  }));
  const tsc = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(outDir, 'tsconfig.json')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    assert.fail(`tsc found the journey does not fit the generated types:\n${e.stdout}${e.stderr}`);
  }
  writeFileSync(path.join(outDir, 'out', 'package.json'), JSON.stringify({ type: 'module', private: true }));

  const validate = documentValidator(doc);
  let checked = 0;
  const check = {
    async onResponse({ request, response }) {
      const body = await response.clone().text();
      if (!body) return undefined;
      const target = new URL(request.url).pathname + new URL(request.url).search;
      const error = validate({ method: request.method, target, status: response.status, contentType: response.headers.get('content-type'), body });
      if (error) throw new Error(`the answer does not match the document: ${error}`);
      checked += 1;
      return undefined;
    },
  };
  const { journey } = await import(pathToFileURL(path.join(outDir, 'out', 'journey.js')).href);
  await journey({ baseUrl: base(), mailedCode: mailedCodeFor, check, log: (l) => console.log(l) });
  assert.ok(checked >= 12, `only ${checked} answers were validated`);
});
