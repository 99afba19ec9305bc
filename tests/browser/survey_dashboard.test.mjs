// Issue 7's satisfaction survey and the public dashboard in the browser: an agency publishes a new service; two
// citizens apply and the head approves; each answers the nine IKM elements on the survey page; /kinerja, with no
// sign-in, then shows that service's index exactly as PermenPANRB 14/2017 computes it: after the first answer
// (29 points) 29 / 9 x 25 = 80,56, grade B; after the second (64 points over 2) 64 / 18 x 25 = 88,89, grade A
// (Indonesian pages write a decimal comma; the open data keeps the point).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useServer, waitFor, actOnFile, newContext, assertNoAxeViolations, signIn, artifactDir, base } from './harness.mjs';

useServer();

const SERVICE = 'Izin Uji Survei Browser';
const SLUG = 'izin-uji-survei-browser';

async function api(method, route, token, body) {
  const res = await fetch(`${base()}${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null, text };
}

// DPMPTSP's admin publishes a one-step service its head decides.
async function publishService() {
  const login = await api('POST', '/api/v1/auth/login', null,
    { username: 'admin_instansi.dpmptsp@demo.go.id', password: 'demo-spbe-2026' });
  const token = login.json.token;
  const node = (await api('GET', '/api/v1/me', token)).json.grants[0].node_id;
  const definition = {
    name: SERVICE, time_limit_days: 5,
    standard: { legal_basis: ['Perbup 1/2026'], output: 'Surat Izin Uji', complaints: 'Menu Lapor' },
    form: { fields: [{ name: 'nama_usaha', type: 'text', label: 'Nama usaha', required: true }] },
    workflow: { steps: [{ key: 'putus', name: 'Putus', node_id: node, role: 'kepala', actions: ['approve', 'reject'],
      time_limit_days: 5 }] },
  };
  const created = await api('POST', '/api/v1/services', token, { node_id: node, slug: SLUG, definition });
  assert.equal(created.status, 201, created.text);
  const published = await api('POST', `/api/v1/services/${created.json.id}/publish`, token);
  assert.equal(published.status, 200, published.text);
}

async function applyAndGetApproved(citizen, business) {
  const context = await newContext({ bypassCSP: true });
  let tn;
  try {
    const page = await context.newPage();
    await signIn(page, citizen);
    await page.goto(`/layanan/${SLUG}/ajukan`);
    await page.fill('#f-nama_usaha', business);
    await Promise.all([page.waitForNavigation(), page.click('button[value="ajukan"]')]);
    tn = await page.locator('#tracking-number').innerText();
  } finally {
    await context.close();
  }
  assert.equal(await actOnFile('kepala.dpmptsp@demo.go.id', tn, 'approve'), 'Selesai');
  return tn;
}

async function answerSurvey(citizen, tn, answers) {
  const context = await newContext({ bypassCSP: true });
  try {
    const page = await context.newPage();
    await signIn(page, citizen);
    await page.goto(`/permohonan/${tn}/survei`);
    for (let i = 0; i < 9; i++) await page.check(`#q${i}-${answers[i]}`);
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/survei"] button')]);
    assert.ok(await page.locator('#ikm-thanks').isVisible());
  } finally {
    await context.close();
  }
}

const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

// The service's row on the public dashboard, read again until the rollup has caught up with `expected`.
async function serviceRow(page, expected) {
  let text = '';
  return waitFor(async () => {
    await page.goto(`/kinerja?from=${day(-1)}&to=${day(1)}`);
    const row = page.locator('#table-services tbody tr', { has: page.locator(`th:text-is("${SERVICE}")`) });
    const cells = (await row.count()) ? await row.first().locator('td').allInnerTexts() : [];
    text = cells.join(' | ');
    return expected.test(text) && cells;
  }, `the dashboard did not show ${expected} for ${SERVICE}`, { everyMs: 500, describe: () => text });
}

test('a survey answered changes the service IKM on the public dashboard as the formula says', { timeout: 140000 }, async () => {
  await publishService();
  const first = await applyAndGetApproved('warga1@demo.id', 'Warung Siti');
  const second = await applyAndGetApproved('warga2@demo.id', 'Bengkel Andi');

  const visitor = await newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
  try {
    const page = await visitor.newPage();
    // Completed, not yet rated: two files done and no index.
    let cells = await serviceRow(page, /\b2\b.*\b0 \/ /);
    await answerSurvey('warga1@demo.id', first, [4, 3, 3, 4, 3, 3, 4, 2, 3]);
    cells = await serviceRow(page, /80,56/);
    assert.ok(cells.includes('B'), `grade B after 80,56: ${cells.join(' | ')}`);
    await answerSurvey('warga2@demo.id', second, [4, 4, 4, 4, 4, 4, 4, 4, 3]);
    cells = await serviceRow(page, /88,89/);
    assert.ok(cells.includes('A'), `grade A after 88,89: ${cells.join(' | ')}`);
    assert.ok(cells.some((c) => /^2 \/ 2/.test(c)), `two respondents of two completed files: ${cells.join(' | ')}`);
    await assertNoAxeViolations(page, 'the dashboard');
    await page.screenshot({ path: path.join(artifactDir, 'kinerja-phone.png'), fullPage: true });
    // The index's page: the public sees the index and the report; the office's head also sees what to fix.
    const row = page.locator('#table-services tbody tr', { has: page.locator(`th:text-is("${SERVICE}")`) });
    await Promise.all([page.waitForNavigation(), row.locator('a[href^="/kinerja/ikm"]').click()]);
    assert.match(await page.locator('#ikm-value').innerText(), /88,89\s+A/);
    assert.equal(await page.locator('#table-elements').count(), 0, 'elements are for the office');
    await assertNoAxeViolations(page, 'the IKM page');
    const detail = page.url().replace(/^https?:\/\/[^/]+/, '');
    await signIn(page, 'kepala.dpmptsp@demo.go.id');
    await page.goto(detail);
    const weakest = page.locator('#table-elements tbody tr', { has: page.locator('.marker') });
    assert.equal(await weakest.count(), 1);
    assert.match(await weakest.locator('th').innerText(), /^8\. Penanganan pengaduan/);
    assert.match(await weakest.locator('td').first().innerText(), /^3,000$/);
    await assertNoAxeViolations(page, 'the IKM page with its elements');
    // The same figure in the open data.
    const services = await api('GET', `/api/v1/stats/services?from=${day(-1)}&to=${day(1)}`);
    assert.equal(services.status, 200, services.text);
    assert.match(services.text, /88\.89/);
  } finally {
    await visitor.close();
  }
});
