// The journey of issue 5 in the browser: a citizen finds "Izin Praktik Bidan" and applies with an attachment; a
// DPMPTSP verifier returns it for a correction; the citizen corrects it; Dinas Kesehatan recommends; the DPMPTSP
// head approves; the timeline shows every step; a Disdukcapil officer cannot open the file. Pages checked with axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useServer, viaMenu, newContext, assertNoAxeViolations, signIn, artifactDir, textsTo } from './harness.mjs';

useServer();

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

async function officerActs(user, step, tn, action, note = '') {
  const context = await newContext({ bypassCSP: true });
  const page = await context.newPage();
  try {
    await signIn(page, user);
    await page.goto('/kerja');
    await assertNoAxeViolations(page, `the worklist of ${user}`);
    await page.selectOption('#layanan', { label: 'Izin Praktik Bidan' });
    await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
    assert.ok(await page.locator(`a:has-text("${tn}")`).count() === 1, `${tn} is in the filtered worklist of ${user}`);
    const others = await page.locator('tbody tr td:nth-child(2)').allInnerTexts();
    assert.ok(others.every((name) => name === 'Izin Praktik Bidan'), `only the chosen service: ${others}`);
    // Narrowed to the step the file is at, it stays; narrowed to another step of the service, it goes.
    const stepOptions = await page.locator('#tahap option').allInnerTexts();
    assert.deepEqual(stepOptions.slice(1), ['Verifikasi berkas', 'Rekomendasi teknis Dinas Kesehatan', 'Keputusan dan penandatanganan']);
    await page.selectOption('#tahap', { label: step });
    await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
    assert.ok(await page.locator(`a:has-text("${tn}")`).count() === 1, `${tn} is at "${step}"`);
    assert.ok((await page.locator('tbody tr td:nth-child(3)').allInnerTexts()).every((s) => s === step));
    await page.selectOption('#tahap', { label: stepOptions.slice(1).find((s) => s !== step) });
    await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
    assert.equal(await page.locator(`a:has-text("${tn}")`).count(), 0, `${tn} is not at another step`);
    // The demo's history fills the worklist too; the new file is opened by its address.
    await page.goto(`/kerja/${tn}`);
    await page.check(`input[name="tindakan"][value="${action}"]`);
    if (note) await page.fill('#catatan', note);
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/tindakan"] button:has-text("Simpan")')]);
    assert.match(page.url(), /\?ok=1$/, `${user} ${action}: ${await page.locator('.alert-error').allInnerTexts()}`);
    return await page.locator('#status').innerText();
  } finally {
    await context.close();
  }
}

test('apply, return, correct, recommend across agencies, approve; the timeline shows it all', { timeout: 180000 }, async () => {
  const citizen = await newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
  const page = await citizen.newPage();
  let tn;
  let code;
  try {
    await signIn(page, 'warga1@demo.id');
    // She wants SMS as well: the profile's notification settings.
    await page.goto('/profil');
    await page.check('#pref-channel-sms');
    await Promise.all([page.waitForNavigation(), page.click('form[action="/profil/pemberitahuan"] button[type=submit]')]);
    assert.match(await page.locator('.alert-ok').innerText(), /disimpan/);
    assert.ok(await page.locator('#pref-channel-sms').isChecked());
    await assertNoAxeViolations(page, 'the profile with notification settings');
    await page.goto('/layanan');
    await page.fill('#q', 'bidan');
    await page.click('form[role="search"] button[type=submit]');
    await page.click('.service-card a:has-text("Izin Praktik Bidan")');
    await page.click('a:has-text("Ajukan permohonan")');
    await page.waitForURL(/\/layanan\/izin-praktik-bidan\/ajukan$/);
    await assertNoAxeViolations(page, 'the application form');

    // A wrong NIK is named next to its field, and nothing is filed.
    await page.fill('#f-nama_lengkap', 'Siti Rahmawati, A.Md.Keb');
    await page.fill('#f-nik', '1210015203880');
    await page.click('button[value="ajukan"]');
    assert.match(await page.locator('#f-nik-error').innerText(), /16 digit/);
    await assertNoAxeViolations(page, 'the form with errors');

    await page.fill('#f-nik', '1210015203880002');
    await page.fill('#f-nomor_str', 'STR-12345678');
    await page.fill('#f-str_berlaku_sampai', '2030-01-01');
    await page.selectOption('#f-tempat_praktik', 'mandiri');
    await page.fill('#f-alamat_praktik', 'Jl. Merdeka No. 1, Rantauprapat');
    await page.selectOption('#f-kelurahan', '12.10.01.1001');
    await page.fill('#f-telepon', '0812 6000 0001');
    await page.setInputFiles('#f-scan_str', { name: 'str.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.click('button[value="ajukan"]');
    await page.waitForSelector('#tracking-number');
    tn = await page.locator('#tracking-number').innerText();
    code = await page.locator('#access-code').innerText();
    assert.match(tn, /^\d{4}-\d{4}-\d{4}$/);
    await assertNoAxeViolations(page, 'the receipt');
    await page.screenshot({ path: path.join(artifactDir, 'application-receipt-phone.png'), fullPage: true });
  } finally {
    await citizen.close();
  }

  assert.equal(await officerActs('verifikator.dpmptsp@demo.go.id', 'Verifikasi berkas', tn, 'return', 'Pindaian STR buram; unggah ulang yang terbaca'),
    'Perlu diperbaiki');

  // A Disdukcapil officer cannot open a DPMPTSP file, whatever URL is typed.
  const outsider = await newContext();
  try {
    const p = await outsider.newPage();
    await signIn(p, 'verifikator.disdukcapil@demo.go.id');
    const res = await p.goto(`/kerja/${tn}`);
    assert.equal(res.status(), 404);
    const file = await p.goto(`/permohonan/${tn}/berkas/1`);
    assert.equal(file.status(), 404);
  } finally {
    await outsider.close();
  }

  const again = await newContext({ bypassCSP: true });
  const p2 = await again.newPage();
  try {
    await signIn(p2, 'warga1@demo.id');
    // Told in the inbox (two unread: filed, returned) and by SMS; the message leads to the file.
    assert.match(await p2.locator('nav a[href="/kotak-masuk"] .nav-count').innerText(), /^2/);
    await viaMenu(p2, '/kotak-masuk');
    await assertNoAxeViolations(p2, 'the inbox');
    const first = p2.locator('.inbox-item').first();
    assert.match(await first.locator('h2').innerText(), new RegExp(`Permohonan ${tn} perlu diperbaiki`));
    assert.match(await first.innerText(), /Pindaian STR buram/);
    await Promise.all([p2.waitForNavigation(), first.locator('button:has-text("Buka")').click()]);
    assert.ok(p2.url().endsWith(`/permohonan/${tn}`), p2.url());
    assert.match(await p2.locator('nav a[href="/kotak-masuk"] .nav-count').innerText(), /^1/);
    await textsTo('+6281260000001', new RegExp(`permohonan ${tn} perlu diperbaiki`));
    assert.match(await p2.locator('#to-fix').innerText(), /Pindaian STR buram/);
    await assertNoAxeViolations(p2, 'a returned application');
    await p2.click('a:has-text("Perbaiki dan ajukan")');
    await p2.setInputFiles('#f-scan_str', { name: 'str-jelas.pdf', mimeType: 'application/pdf', buffer: PDF });
    await p2.click('button[value="ajukan"]');
    await p2.waitForSelector('#tracking-number');
    assert.match(await p2.locator('h1').innerText(), /Perbaikan dikirim/);
  } finally {
    await again.close();
  }

  await officerActs('verifikator.dpmptsp@demo.go.id', 'Verifikasi berkas', tn, 'verify');
  await officerActs('teknis.dinkes@demo.go.id', 'Rekomendasi teknis Dinas Kesehatan', tn, 'approve', 'Sarana praktik memenuhi syarat');
  assert.equal(await officerActs('kepala.dpmptsp@demo.go.id', 'Keputusan dan penandatanganan', tn, 'approve'), 'Selesai');

  const done = await newContext({ bypassCSP: true });
  const p3 = await done.newPage();
  try {
    await signIn(p3, 'warga1@demo.id');
    await p3.goto(`/permohonan/${tn}`);
    assert.equal(await p3.locator('#status').innerText(), 'Selesai');
    const steps = await p3.locator('ol.timeline li').allInnerTexts();
    const joined = steps.join('\n');
    for (const expected of ['Diajukan', 'Dikembalikan untuk diperbaiki', 'Perbaikan dikirim', 'Diverifikasi', 'Dinas Kesehatan', 'Disetujui']) {
      assert.ok(joined.includes(expected), `the timeline lacks "${expected}":\n${joined}`);
    }
    assert.ok(!joined.includes('Verifikator'), 'offices, never persons');
    await assertNoAxeViolations(p3, 'a completed application');

    // Anyone with the number and code sees the status, without personal data.
    await p3.goto('/lacak');
    await p3.fill('#nomor', tn);
    await p3.fill('#kode', code.toLowerCase());
    await p3.click('form[action="/lacak"] button[type=submit]');
    assert.equal(await p3.locator('#track-status').innerText(), 'Selesai');
    const content = await p3.content();
    assert.ok(!content.includes('1210015203880002') && !content.includes('Merdeka'), 'no personal data on /lacak');
    await assertNoAxeViolations(p3, 'the tracking page');
  } finally {
    await done.close();
  }
});
