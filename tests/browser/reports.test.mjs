// Issue 7 in the browser: someone files an anonymous report with a photo, without signing in; the platform's desk
// verifies it and sends it to the office the routing rule proposes; the office answers; the reporter follows it with
// the number and access code and rates the answer; the public feed shows it without the personal data the reporter
// typed, with the office's answer; a signed-in citizen supports it once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useServer, viaMenu, newContext, assertNoAxeViolations, signIn, artifactDir } from './harness.mjs';

useServer();

// A PNG with an eXIf chunk carrying a GPS position: the server must not keep it.
function pngWithLocation() {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type, 'ascii'), data, Buffer.from([0, 0, 0, 0])]);
  };
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', Buffer.from('00000001000000010806000000', 'hex')),
    chunk('eXIf', Buffer.from('MM GPSLatitude 2.1 N GPSLongitude 99.8 E')),
    chunk('IDAT', Buffer.from('789c6360000000020001', 'hex')),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

test('an anonymous report: filed, verified, answered, rated, and public without personal data', { timeout: 180000 }, async () => {
  const title = 'Jembatan gantung putus di Padang Matinggi';
  const reporter = await newContext({ bypassCSP: true, viewport: { width: 360, height: 780 } });
  const page = await reporter.newPage();
  let tn;
  let code;
  try {
    await page.goto('/');
    await viaMenu(page, '/lapor');
    await assertNoAxeViolations(page, 'the report form');
    // Sent empty: every problem is named beside its field, nothing is filed.
    await Promise.all([page.waitForNavigation(), page.click('form[action="/lapor"] button[type=submit]')]);
    assert.match(await page.locator('#error-summary').innerText(), /pilih kategori/);
    assert.match(await page.locator('#r-title-error').innerText(), /judul 5 sampai 150 karakter/);
    await assertNoAxeViolations(page, 'the report form with errors');

    await page.check('#kind-pengaduan');
    await page.selectOption('#r-category', 'infrastruktur');
    await page.fill('#r-title', title);
    await page.fill('#r-body', 'Jembatan gantung ke sekolah putus sejak kemarin; anak-anak menyeberang sungai. ' +
      'Hubungi saya di 0812-7788-9900, NIK 1210015203880002.');
    await page.click('details.more summary');  // the optional details are folded on a short form
    await page.selectOption('#r-region_code', '12.10.01.1001');
    await page.setInputFiles('#r-files', { name: 'jembatan.png', mimeType: 'image/png', buffer: pngWithLocation() });
    await page.check('#identity-anonymous');
    await Promise.all([page.waitForNavigation(), page.click('form[action="/lapor"] button[type=submit]')]);
    tn = await page.locator('#report-number').innerText();
    code = await page.locator('#report-code').innerText();
    assert.match(tn, /^\d{4}-\d{4}-\d{4}$/);
    assert.match(code, /^[A-Z2-9]{6}$/);
    await assertNoAxeViolations(page, 'the report receipt');
    await page.screenshot({ path: path.join(artifactDir, 'report-receipt-phone.png'), fullPage: true });
  } finally {
    await reporter.close();
  }

  // The desk: the routing rule proposes Dinas PU for a road or bridge; one click sends it.
  const desk = await newContext({ bypassCSP: true });
  try {
    const p = await desk.newPage();
    await signIn(p, 'pengaduan@demo.go.id');
    await viaMenu(p, '/pengaduan');
    await assertNoAxeViolations(p, 'the desk queue');
    await Promise.all([p.waitForNavigation(), p.click(`a[href="/pengaduan/${tn}"]`)]);
    assert.match(await p.locator('#to-hint').innerText(), /Dinas Pekerjaan Umum dan Penataan Ruang/);
    assert.match(await p.locator('main').innerText(), /Anonim/);
    await assertNoAxeViolations(p, 'a report at the desk');
    await Promise.all([p.waitForNavigation(), p.click('#desk-form button[type=submit]')]);
    assert.equal(await p.locator('#status').innerText(), 'Diteruskan ke instansi');
  } finally {
    await desk.close();
  }

  // The office answers.
  const office = await newContext({ bypassCSP: true });
  const answer = 'Tim kami memasang jembatan darurat hari ini; jembatan baru dibangun bulan depan.';
  try {
    const p = await office.newPage();
    await signIn(p, 'verifikator.dpupr@demo.go.id');
    await p.goto(`/pengaduan/${tn}`);
    await p.check('#a-answer');
    await p.fill('#office-note', answer);
    await assertNoAxeViolations(p, 'a report at the office');
    await Promise.all([p.waitForNavigation(), p.click('#office-form button[type=submit]')]);
    assert.equal(await p.locator('#status').innerText(), 'Dijawab');
  } finally {
    await office.close();
  }

  // The reporter follows it with the number and code, reads the answer and rates it.
  const back = await newContext({ bypassCSP: true });
  try {
    const p = await back.newPage();
    await p.goto('/lapor/lacak');
    await p.fill('#nomor', tn);
    await p.fill('#kode', code);
    await Promise.all([p.waitForNavigation(), p.click('form[action="/lapor/lacak"] button')]);
    assert.equal(await p.locator('#report-status').innerText(), 'Dijawab');
    assert.match(await p.locator('#report-timeline').innerText(), /jembatan darurat/);
    await assertNoAxeViolations(p, "the reporter's view");
    await p.check('#rating-5');
    await Promise.all([p.waitForNavigation(), p.click('#rate-form button')]);
    assert.match(await p.locator('#report-done').innerText(), /Terima kasih/);
    assert.equal(await p.locator('#report-rating').innerText(), '5/5');
  } finally {
    await back.close();
  }

  // The public feed: the report, the office's answer, and none of the numbers the reporter typed.
  const visitor = await newContext({ bypassCSP: true, viewport: { width: 360, height: 780 } });
  try {
    const p = await visitor.newPage();
    await p.goto('/laporan?jenis=pengaduan&status=answered');
    await assertNoAxeViolations(p, 'the public feed');
    await Promise.all([p.waitForNavigation(), p.click(`a[href="/laporan/${tn}"]`)]);
    const body = await p.locator('#public-body').innerText();
    assert.ok(!body.includes('0812-7788-9900') && !body.includes('1210015203880002'), body);
    assert.match(body, /\[nomor disamarkan\]/);
    assert.match(await p.locator('#report-timeline').innerText(), /jembatan darurat/);
    await assertNoAxeViolations(p, 'a public report');
    await p.screenshot({ path: path.join(artifactDir, 'report-public-phone.png'), fullPage: true });
    // +1 needs an account; once.
    await signIn(p, 'warga1@demo.id');
    await p.goto(`/laporan/${tn}`);
    await Promise.all([p.waitForNavigation(), p.click('form[action$="/dukung"] button')]);
    assert.match(await p.locator('#support-count').innerText(), /^1 dukungan/);
    assert.equal(await p.locator('form[action$="/dukung"]').count(), 0, 'supported once: no second button');
  } finally {
    await visitor.close();
  }
});
