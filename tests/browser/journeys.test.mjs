// The three journeys of issue 13, clicked through on a phone (360 x 740) as the people they are for would:
// a visitor who wants a service registers, verifies the e-mailed code and comes back to the form they wanted; an
// officer signs in and lands on the worklist; someone files an anonymous report and follows it from the menu's
// "Lacak". Screenshots of each step go to build/artifacts/journey-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useServer, viaMenu, newContext, assertNoAxeViolations, mailedCodeFor, signIn, artifactDir } from './harness.mjs';

useServer();

const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, bypassCSP: true };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

async function shot(page, name) {
  await page.screenshot({ path: path.join(artifactDir, `journey-${name}.png`), fullPage: true });
}

async function noOverflow(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what}: the page is ${overflow}px wider than the phone`);
}

test('register -> verify -> back on the form, prefilled -> a refused first try files nothing -> submit', { timeout: 150000 }, async () => {
  const context = await newContext(phone);
  const page = await context.newPage();
  try {
    await page.goto('/layanan/surat-keterangan-domisili');
    await Promise.all([page.waitForNavigation(), page.click('a.button[href$="/ajukan"]')]);
    // Asked to sign in, and told why; the way back rides along.
    assert.match(page.url(), /\/masuk\?kembali=%2Flayanan%2Fsurat-keterangan-domisili%2Fajukan$/);
    assert.match(await page.locator('#login-why').innerText(), /mengajukan permohonan/);
    await noOverflow(page, 'the sign-in page');
    await shot(page, '1a-sign-in-why');

    await Promise.all([page.waitForNavigation(), page.click('main a[href^="/daftar?kembali="]')]);
    await page.fill('#name', 'Sari Lubis');
    await page.fill('#email', 'sari.lubis@mail.example');
    await page.fill('#phone', '081277880011');
    await page.fill('#nik', '1210014107900003');
    await page.fill('#password', 'durian-di-labuhanbatu');
    await Promise.all([page.waitForNavigation(), page.click('form[action="/daftar"] button[type=submit]')]);
    assert.match(page.url(), /\/verifikasi\?email=.*&kembali=/);
    assert.equal(await page.locator('h1').innerText(), 'Masukkan kode dari surel', 'the code page says what it is for');
    await assertNoAxeViolations(page, 'the e-mail code page');
    await shot(page, '1b-code');

    await page.fill('#code', await mailedCodeFor('sari.lubis@mail.example'));
    await Promise.all([page.waitForNavigation(), page.click('form[action="/verifikasi"] button[type=submit]')]);
    assert.match(page.url(), /\/masuk\?terverifikasi=1/);
    assert.equal(await page.locator('#username').inputValue(), 'sari.lubis@mail.example', 'the address is kept');
    await page.fill('#password', 'durian-di-labuhanbatu');
    await Promise.all([page.waitForNavigation(), page.click('form[action="/masuk"] button[type=submit]')]);

    // Back on the form wanted at first, with what the account knows filled in.
    assert.match(page.url(), /\/layanan\/surat-keterangan-domisili\/ajukan$/);
    assert.equal(await page.locator('#f-nama').inputValue(), 'Sari Lubis');
    assert.equal(await page.locator('#f-nik').inputValue(), '1210014107900003');
    assert.match(await page.locator('main').innerText(), /tidak wajib/, 'optional fields are marked');
    await noOverflow(page, 'the form');
    await shot(page, '1c-form-prefilled');

    // "Ajukan" with the address and the file missing: the errors name their fields in the form's order, the entries
    // stay, and no numbered draft is made.
    await page.fill('#f-keperluan', 'melamar kerja');
    await Promise.all([page.waitForNavigation(), page.click('button[name="aksi"][value="ajukan"]')]);
    const summary = await page.locator('#error-summary li').allInnerTexts();
    assert.deepEqual(summary.map((s) => s.split(':')[0]), ['Alamat tempat tinggal', 'KTP atau surat pindah']);
    assert.equal(await page.locator('#error-summary a').first().getAttribute('href'), '#f-alamat');
    assert.equal(await page.locator('#f-keperluan').inputValue(), 'melamar kerja');
    assert.ok(!(await page.locator('main').innerText()).includes('Nomor draf'), 'no draft number after a refused try');
    await assertNoAxeViolations(page, 'the form with errors');
    await shot(page, '1d-form-errors');

    await page.fill('#f-alamat', 'Jl. Sisingamangaraja 12, Rantauprapat');
    await page.setInputFiles('#f-ktp', { name: 'ktp.pdf', mimeType: 'application/pdf', buffer: PDF });
    await Promise.all([page.waitForNavigation(), page.click('button[name="aksi"][value="ajukan"]')]);
    assert.match(await page.locator('main').innerText(), /\d{4}-\d{4}-\d{4}/, 'the receipt shows the tracking number');
    await shot(page, '1e-submitted');

    await viaMenu(page, '/permohonan');
    assert.equal(await page.locator('main tbody tr').count(), 1, 'one application: the refused try left nothing');
    await noOverflow(page, 'my applications');
  } finally {
    await context.close();
  }
});

test('an officer signs in and lands on the worklist', { timeout: 60000 }, async () => {
  const context = await newContext(phone);
  const page = await context.newPage();
  try {
    await signIn(page, 'verifikator.disdukcapil@demo.go.id');
    assert.match(page.url(), /\/kerja$/);
    await noOverflow(page, 'the worklist');
    await assertNoAxeViolations(page, 'the worklist on a phone');
    await shot(page, '2-officer-worklist');
  } finally {
    await context.close();
  }
});

test('an anonymous report, followed from the menu\'s "Lacak" by its number and code', { timeout: 90000 }, async () => {
  const context = await newContext(phone);
  const page = await context.newPage();
  try {
    await page.goto('/');
    await viaMenu(page, '/lapor');
    // Anonymous by default: nothing about the reporter is asked.
    assert.ok(await page.locator('#identity-anonymous').isChecked());
    assert.ok(!(await page.locator('#r-name').isVisible()), 'no name is asked of an anonymous reporter');
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height < 2200, `the report form is ${height}px tall on a phone`);
    await shot(page, '3a-report-form');
    await page.selectOption('#r-category', 'infrastruktur');
    await page.fill('#r-title', 'Lampu jalan mati di Jl. Ahmad Yani');
    await page.fill('#r-body', 'Sudah dua minggu lampu jalan di depan pasar mati; malam hari gelap dan rawan.');
    await Promise.all([page.waitForNavigation(), page.click('form[action="/lapor"] button[type=submit]')]);
    const tn = await page.locator('#report-number').innerText();
    const code = await page.locator('#report-code').innerText();
    assert.match(await page.locator('main').innerText(), /Nomor laporan/);
    await shot(page, '3b-report-receipt');

    await viaMenu(page, '/lacak');
    await page.fill('#nomor', tn);
    await page.fill('#kode', code);
    await Promise.all([page.waitForNavigation(), page.click('form[action="/lacak"] button[type=submit]')]);
    assert.match(page.url(), /\/lapor\/lacak\?nomor=/, 'a report number leads to the report');
    const text = await page.locator('main').innerText();
    assert.match(text, /Lampu jalan mati/);
    assert.match(text, /Nomor laporan/);
    assert.ok(!/Nomor permohonan/.test(text), 'a report is not called an application');
    assert.ok(!/Penilaian Anda/.test(text), 'no rating is shown before one is given');
    await noOverflow(page, 'the report followed');
    await assertNoAxeViolations(page, 'the report followed');
    await shot(page, '3c-report-followed');
  } finally {
    await context.close();
  }
});

test('the phone menu opens without JavaScript', { timeout: 60000 }, async () => {
  const context = await newContext({ ...phone, javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto('/');
    assert.ok(!(await page.locator('nav a[href="/lapor"]').isVisible()), 'folded on a phone');
    const header = await page.locator('header').boundingBox();
    assert.ok(header.height <= 120, `the header takes ${header.height}px of a 740px screen`);
    await page.click('label.menu-button');
    await Promise.all([page.waitForNavigation(), page.click('nav a[href="/lapor"]')]);
    assert.match(page.url(), /\/lapor$/);
  } finally {
    await context.close();
  }
});
