// Issue 6 in the browser: a business applies for Izin Reklame and the fee shown is the published formula's; the
// DPMPTSP verifier checks the file, which then waits for payment with a billing code; the bank simulator's teller
// takes the code, asks the portal and pays with a signed callback; the file moves on and is approved; the signed
// permit is downloaded, its QR page says valid, and one altered byte makes the upload check say "not issued".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useServer, viaMenu, actOnFile, newContext, assertNoAxeViolations, signIn, artifactDir, bank } from './harness.mjs';

useServer();

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

test('Izin Reklame: the published fee, a billing code, paid at the bank, approved', { timeout: 180000 }, async () => {
  const context = await newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  let tn;
  try {
    // The service page publishes the rule with its rates.
    await page.goto('/layanan/izin-reklame');
    const rule = await page.locator('#fee-rule').innerText();
    assert.match(rule, /Luas bidang reklame \(m²\) × tarif menurut Jenis reklame × Lama pemasangan \(bulan\)/);
    assert.match(await page.locator('main').innerText(), /Papan\/billboard\s+Rp 25\.000/);
    await assertNoAxeViolations(page, 'the service page with a fee formula');

    await signIn(page, 'usaha1@demo.id');
    await page.goto('/layanan/izin-reklame/ajukan');
    await page.fill('#f-nama_usaha', 'CV Sawit Makmur');
    await page.selectOption('#f-jenis', 'papan');
    await page.fill('#f-luas_m2', '3');
    await page.fill('#f-lama_bulan', '6');
    await page.selectOption('#f-lokasi', '12.10.01');
    await page.setInputFiles('#f-desain', { name: 'desain.png', mimeType: 'image/png', buffer: PNG });
    await page.click('button[value="ajukan"]');
    await page.waitForSelector('#tracking-number');
    tn = await page.locator('#tracking-number').innerText();
    // 3 m² × Rp 25.000 × 6 months.
    assert.equal(await page.locator('#fee').innerText(), 'Rp 450.000');
  } finally {
    await context.close();
  }

  assert.equal(await actOnFile('verifikator.dpmptsp@demo.go.id', tn, 'verify'), 'Menunggu pembayaran');

  // The applicant sees the code, the amount and where to pay; never a cash option.
  const again = await newContext({ bypassCSP: true });
  const p2 = await again.newPage();
  let code;
  const reference = {};
  try {
    await signIn(p2, 'usaha1@demo.id');
    await p2.goto(`/permohonan/${tn}`);
    code = (await p2.locator('#billing-code').innerText()).replace(/\s/g, '');
    assert.match(code, /^\d{16}$/);
    assert.equal(await p2.locator('#bill-amount').innerText(), 'Rp 450.000');
    assert.match(await p2.locator('#bill').innerText(), /Bank Simulator \(demo\)/);
    assert.match(await p2.locator('#bill').innerText(), /tidak menerima uang tunai/);
    await assertNoAxeViolations(p2, 'a file waiting for payment');
    await p2.screenshot({ path: path.join(artifactDir, 'bill-phone.png'), fullPage: true });
  } finally {
    await again.close();
  }

  // At the bank: the teller checks the code with the portal, takes the money, and the bank reports it.
  const teller = await newContext();
  try {
    const t = await teller.newPage();
    await t.goto(bank());
    await t.fill('#billing_code', code.replace(/(\d{4})(?=\d)/g, '$1 '));
    await t.click('button:has-text("Cek tagihan")');
    assert.equal(await t.locator('#bill-amount').innerText(), 'Rp 450.000');
    await t.click('#pay');
    assert.match(await t.locator('#receipt').innerText(), /Pembayaran berhasil/);
    reference.text = await t.locator('#reference').innerText();
    reference.paidAt = new Date().toISOString().slice(0, 19) + 'Z';
    // The same code again: the portal refuses, it is paid.
    await t.fill('#billing_code', code);
    await t.click('button:has-text("Cek tagihan")');
    assert.match(await t.locator('#error').innerText(), /sudah dibayar/);
  } finally {
    await teller.close();
  }

  // The finance officer reconciles the day's statement from the bank: the payment matches.
  const finance = await newContext({ bypassCSP: true });
  try {
    const f = await finance.newPage();
    await signIn(f, 'bendahara@demo.go.id');
    await viaMenu(f, '/keuangan');
    await assertNoAxeViolations(f, 'the finance page');
    const today = new Date().toISOString().slice(0, 10);
    const statement = `waktu,kode_bayar,jumlah,referensi\n${reference.paidAt},${code},450000,${reference.text}\n`;
    await f.selectOption('#recon-bank', { label: 'Bank Simulator (demo) (BANKSIM)' });
    await f.fill('#recon-date', today);
    await f.setInputFiles('#recon-file', { name: 'rekening-koran.csv', mimeType: 'text/csv', buffer: Buffer.from(statement) });
    await Promise.all([f.waitForNavigation(), f.click('form[action="/keuangan/rekonsiliasi"] button')]);
    assert.match(await f.locator('#reconcile-result').innerText(), /Semua cocok/);
    await assertNoAxeViolations(f, 'the reconciliation result');
  } finally {
    await finance.close();
  }

  assert.equal(await actOnFile('kepala.dpmptsp@demo.go.id', tn, 'approve'), 'Selesai');

  const done = await newContext({ bypassCSP: true });
  try {
    const p3 = await done.newPage();
    await signIn(p3, 'usaha1@demo.id');
    await p3.goto(`/permohonan/${tn}`);
    assert.equal(await p3.locator('#bill-status').innerText(), 'Lunas');
    const timeline = (await p3.locator('ol.timeline li').allInnerTexts()).join('\n');
    for (const expected of ['Kode bayar diterbitkan', 'Pembayaran diterima', 'Disetujui', 'Dokumen diterbitkan']) {
      assert.ok(timeline.includes(expected), `the timeline lacks "${expected}":\n${timeline}`);
    }
    // The satisfaction survey, once: nine questions, four answers each.
    await Promise.all([p3.waitForNavigation(), p3.click('#survey-link')]);
    await assertNoAxeViolations(p3, 'the satisfaction survey');
    for (let i = 0; i < 9; i++) await p3.check(`#q${i}-${i === 7 ? 2 : 4}`);
    await Promise.all([p3.waitForNavigation(), p3.click('form[action$="/survei"] button')]);
    assert.match(await p3.locator('#ikm-thanks').innerText(), /Terima kasih/);
    await p3.goto(`/permohonan/${tn}/survei`);
    assert.match(await p3.locator('#ikm-answered').innerText(), /sudah mengisi/);
    await p3.goto(`/permohonan/${tn}`);

    // The permit, as the applicant downloads it.
    const href = await p3.locator('#download-document').getAttribute('href');
    const res = await p3.request.get(href);
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['content-type'], 'application/pdf');
    const pdf = await res.body();
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');

    // What the QR code opens: who issued what, to whom (masked), valid.
    await p3.click('a:has-text("Halaman verifikasi")');
    await p3.waitForURL(/\/verifikasi\/[0-9a-f]{20}$/);
    assert.match(await p3.locator('#verdict').innerText(), /Dokumen sah/);
    assert.equal(await p3.locator('#doc-title').innerText(), 'Surat Izin Penyelenggaraan Reklame');
    assert.match(await p3.locator('#doc-recipient').innerText(), /^C\* S\*+ M\*+$/);
    await assertNoAxeViolations(p3, 'the verification page');

    // The same bytes uploaded: issued. One byte changed: not issued.
    await p3.setInputFiles('#verify-file', { name: 'izin.pdf', mimeType: 'application/pdf', buffer: pdf });
    await Promise.all([p3.waitForNavigation(), p3.click('form[action="/verifikasi-dokumen"] button')]);
    assert.match(await p3.locator('#verdict').innerText(), /Dokumen sah/);
    const altered = Buffer.from(pdf);
    altered[Math.floor(altered.length / 2)] ^= 0x01;
    await p3.setInputFiles('#verify-file', { name: 'izin.pdf', mimeType: 'application/pdf', buffer: altered });
    await Promise.all([p3.waitForNavigation(), p3.click('form[action="/verifikasi-dokumen"] button')]);
    assert.match(await p3.locator('#verdict').innerText(), /Bukan dokumen terbitan/);
    await assertNoAxeViolations(p3, 'the upload check saying "not issued"');
  } finally {
    await done.close();
  }

  // The head revokes the permit with a reason; its QR page says so from then on.
  const revoker = await newContext({ bypassCSP: true });
  try {
    const p4 = await revoker.newPage();
    await signIn(p4, 'kepala.dpmptsp@demo.go.id');
    await p4.goto(`/kerja/${tn}`);
    await p4.click('summary:has-text("Cabut dokumen")');
    await p4.fill('#revoke-reason', 'Lokasi reklame tidak sesuai izin');
    await Promise.all([p4.waitForNavigation(), p4.click('form[action$="/cabut"] button')]);
    assert.match(p4.url(), /\/verifikasi\/[0-9a-f]{20}$/);
    assert.match(await p4.locator('#verdict').innerText(), /Dokumen telah dicabut[\s\S]*Lokasi reklame tidak sesuai izin/);
  } finally {
    await revoker.close();
  }
});
