// Every JSON answer the API integration tests received (recorded by tests/testing/http_client.cpp into
// SPBE_API_RECORD) is valid against the schema the live OpenAPI document gives for its operation and status. Runs
// after the integration tests (a ctest fixture's cleanup); a mismatch between what a handler answers and what the
// document promises fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { useServer, base } from '../browser/harness.mjs';
import { documentValidator } from './openapi.mjs';

// The write probe is on, as in the integration test that calls it.
process.env.SPBE_WRITE_PROBE = 'true';
useServer({ browser: false });

test('every recorded API answer matches its schema', async () => {
  const dir = process.env.SPBE_API_RECORD;
  assert.ok(dir && existsSync(dir), 'SPBE_API_RECORD names the directory the integration tests recorded into');
  const doc = await (await fetch(`${base()}/api/v1/openapi.json`)).json();
  const validate = documentValidator(doc);
  const answers = readdirSync(dir).filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)));
  assert.ok(answers.length > 0, "no answer was recorded: did the integration tests run?");
  const failures = new Map();
  for (const a of answers) {
    const error = validate({ method: a.method, target: a.target, status: a.status, contentType: a.content_type, body: a.body });
    if (error && !failures.has(error.split('\n')[0])) failures.set(error.split('\n')[0], error);
  }
  const operations = new Set(answers.map((a) => `${a.method} ${a.target.split('?')[0]}`)).size;
  console.log(`${answers.length} answers to ${operations} distinct requests checked`);
  assert.equal(failures.size, 0, `${failures.size} kinds of answer do not match the document:\n${[...failures.values()].join('\n')}`);
});
