// The live OpenAPI document passes Redocly's linter (@redocly/cli, recommended rules, redocly.yaml) with no error and
// no warning, and names every API route the server serves, each once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { useServer, base } from '../browser/harness.mjs';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

useServer({ browser: false });

test('redocly lint: 0 errors, 0 warnings', async () => {
  const doc = await (await fetch(`${base()}/api/v1/openapi.json`)).json();
  const dir = mkdtempSync(path.join(tmpdir(), 'spbe-openapi-'));
  try {
    const file = path.join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc, null, 2));
    const cli = path.join(path.dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
    let out;
    try {
      out = execFileSync(process.execPath, [cli, 'lint', '--config', path.join(repoRoot, 'redocly.yaml'), '--format', 'stylish', file],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } });
    } catch (e) {
      assert.fail(`redocly lint failed:\n${e.stdout}\n${e.stderr}`);
    }
    assert.doesNotMatch(out, /warning/i, `redocly lint warned:\n${out}`);
    const operations = Object.values(doc.paths).flatMap((item) => Object.values(item));
    const ids = operations.map((op) => op.operationId);
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
    console.log(`${operations.length} operations, lint clean`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
