// The SPBE evaluation in the browser: the kabupaten's coordinator opens a year on a phone, scores an indicator by
// its criteria with a file and a link as evidence, and submits; the ministry's evaluator finds it in the queue,
// changes that indicator's level with a reason and makes the result final; the public page shows the index, the
// per-domain chart and the trend. Then the architecture inventory's duplicates: the demo's three letter-archive
// applications side by side with SRIKANDI named. Each page passes axe and fits 360 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useServer, newContext, assertNoAxeViolations, signIn, artifactDir, base } from './harness.mjs';

useServer();

const PASSWORD = 'demo-spbe-2026';

async function token(username) {
  const r = await fetch(`${base()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const text = await r.text();
  assert.equal(r.status, 200, text);
  return JSON.parse(text).token;
}

async function api(tok, method, target, body) {
  const r = await fetch(`${base()}${target}`, {
    method,
    headers: { Authorization: `Bearer ${tok}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  assert.ok(r.status < 300, `${method} ${target}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

async function fitsPhone(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `${what} is ${overflow}px wider than a 360px phone`);
}

test('self-assessment with evidence, submitted, reviewed with a level changed, final, and public', { timeout: 240000 }, async () => {
  const coordinator = await token('admin@demo.go.id');
  const evaluator = await token('evaluator@demo.go.id');
  const phone = await newContext({ bypassCSP: true, viewport: { width: 360, height: 780 } });
  let id;
  try {
    const page = await phone.newPage();
    await signIn(page, 'admin@demo.go.id');
    await page.goto('/spbe/penilaian');
    await assertNoAxeViolations(page, 'the SPBE worklist');
    await fitsPhone(page, 'the SPBE worklist');
    await page.fill('#o-year', '2024');
    await Promise.all([page.waitForURL(/\/spbe\/penilaian\/\d+\?dibuka=1/), page.click('form[action="/spbe/penilaian"] button')]);
    id = Number(new URL(page.url()).pathname.split('/').pop());
    assert.match(await page.locator('#spbe-state').innerText(), /Draf/);
    await assertNoAxeViolations(page, 'an assessment in draft');
    await fitsPhone(page, 'an assessment in draft');

    // The rest scored through the API; indicator 1 on its page, by its criteria, with a file and a link.
    for (let n = 2; n <= 47; n++) {
      await api(coordinator, 'PUT', `/api/v1/spbe/assessments/${id}/indicators/${n}`, { level: 3, explanation: 'Sesuai Perbup.' });
    }
    await page.goto(`/spbe/penilaian/${id}/indikator/1`);
    assert.match(await page.locator('label[for="level-3"]').innerText(), /Terdefinisi/);
    await page.check('#level-4');
    await page.fill('#explanation', 'Perbup Arsitektur SPBE berlaku dan dievaluasi setiap tahun.');
    await Promise.all([page.waitForURL(/tersimpan=1/), page.click('#save-level')]);
    await page.setInputFiles('#e-file', { name: 'perbup-arsitektur.pdf', mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n') });
    await Promise.all([page.waitForURL(/tersimpan=1/), page.click('#add-evidence')]);
    await page.fill('#e-title', 'JDIH: Perbup Arsitektur SPBE');
    await page.fill('#e-url', 'https://jdih.labuhanbatukab.go.id/perbup-arsitektur');
    await Promise.all([page.waitForURL(/tersimpan=1/), page.click('#add-evidence')]);
    const evidence = await page.locator('#evidence-list').innerText();
    assert.match(evidence, /perbup-arsitektur\.pdf/);
    assert.match(evidence, /JDIH: Perbup Arsitektur SPBE/);
    await assertNoAxeViolations(page, 'an indicator with its forms');
    await fitsPhone(page, 'an indicator with its forms');
    await page.screenshot({ path: path.join(artifactDir, 'spbe-indicator-360.png'), fullPage: true });
    const pdf = await page.request.get(`/api/v1/spbe/assessments/${id}/evidence/${(await api(coordinator, 'GET', `/api/v1/spbe/assessments/${id}`)).indicators[0].evidence.find((e) => e.kind === 'file').id}`);
    assert.equal(pdf.status(), 200);
    assert.ok((await pdf.body()).toString().startsWith('%PDF-'));

    await page.goto(`/spbe/penilaian/${id}`);
    assert.equal(await page.locator('#self-index').innerText(), '3.01');
    await Promise.all([page.waitForURL(/terkirim=1/), page.click('#spbe-submit')]);
    assert.match(await page.locator('#spbe-state').innerText(), /Dikirim/);
  } finally {
    await phone.close();
  }

  const desk = await newContext({ bypassCSP: true });
  try {
    const page = await desk.newPage();
    await signIn(page, 'evaluator@demo.go.id');
    await page.goto('/spbe/penilaian');
    const queue = await page.locator('#antrian').locator('..').innerText();
    assert.match(queue, /Labuhanbatu \(Demo\) 2024/);
    await page.goto(`/spbe/penilaian/${id}/indikator/1`);
    await page.check('#d-changed');
    await page.selectOption('#r-level', '3');
    await page.fill('#r-note', 'Evaluasi tahunan belum terdokumentasi; tingkat 3 sesuai bukti.');
    await Promise.all([page.waitForURL(/tersimpan=1/), page.click('#save-review')]);
    assert.equal(await page.locator('#final-level').innerText(), '3');
    await assertNoAxeViolations(page, 'an indicator under review');
    for (let n = 2; n <= 47; n++) {
      await api(evaluator, 'POST', `/api/v1/spbe/assessments/${id}/indicators/${n}/review`, { decision: 'kept' });
    }
    await page.goto(`/spbe/penilaian/${id}`);
    await Promise.all([page.waitForURL(/final=1/), page.click('#spbe-finalize')]);
    assert.equal(await page.locator('#final-index').innerText(), '3.00');
    assert.equal(await page.locator('#self-index').innerText(), '3.01');
    const report = await page.request.get(`/api/v1/spbe/assessments/${id}/report.pdf`);
    assert.equal(report.status(), 200);
    assert.ok((await report.body()).toString('latin1').startsWith('%PDF-'));
  } finally {
    await desk.close();
  }

  // The public page: no sign-in, the latest year's index, the domains drawn and the trend with 2024 in it.
  const visitor = await newContext({ bypassCSP: true, viewport: { width: 360, height: 780 } });
  try {
    const page = await visitor.newPage();
    await page.goto('/indeks-spbe');
    assert.match(await page.locator('main').innerText(), /Pemerintah Kabupaten Labuhanbatu \(Demo\)/);
    await assertNoAxeViolations(page, 'the public SPBE results');
    await Promise.all([page.waitForURL(/\/indeks-spbe\/labuhanbatu/), page.click('a[href="/indeks-spbe/labuhanbatu"]')]);
    assert.match(await page.locator('#spbe-index').innerText(), /^[1-5]\.\d\d$/);
    assert.ok(await page.locator('svg[role="img"]').count() >= 2, 'the domain chart and the trend');
    assert.match(await page.locator('main').innerText(), /2024\s+3\.00/);
    await assertNoAxeViolations(page, 'the public SPBE result');
    await fitsPhone(page, 'the public SPBE result');
    await page.screenshot({ path: path.join(artifactDir, 'spbe-public-360.png'), fullPage: true });
  } finally {
    await visitor.close();
  }
});

test('the inventory and its duplicates: the three letter archives side by side, SRIKANDI named', { timeout: 120000 }, async () => {
  const phone = await newContext({ bypassCSP: true, viewport: { width: 360, height: 780 } });
  try {
    const page = await phone.newPage();
    await signIn(page, 'admin@demo.go.id');
    await page.goto('/arsitektur');
    assert.match(await page.locator('main').innerText(), /e-Surat DPUPR/);
    await assertNoAxeViolations(page, 'the architecture inventory');
    await fitsPhone(page, 'the architecture inventory');
    await page.goto('/arsitektur/duplikasi');
    const archives = await page.locator('section', { has: page.locator('#dup-ADM\\.01') }).innerText();
    for (const name of ['e-Arsip Surat Dinkes', 'e-Surat DPUPR', 'Arsip Digital Dinsos']) {
      assert.ok(archives.includes(name), `${name} among the consolidation candidates: ${archives}`);
    }
    assert.match(archives, /SRIKANDI/);
    await assertNoAxeViolations(page, 'the duplicates');
    await fitsPhone(page, 'the duplicates');
    await page.screenshot({ path: path.join(artifactDir, 'arsitektur-duplikasi-360.png'), fullPage: true });
  } finally {
    await phone.close();
  }
});
