// Browser tests of the portal: home page, accounts, admin, audit and catalogue pages, in Debian's Chromium with
// axe-core (see harness.mjs).
//
//   SPBE_BIN=build/spbe node --test tests/browser/   (ctest runs it as browser.*)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { useServer, viaMenu, newContext, switchToEnglish, assertNoAxeViolations, mailedCodeFor, artifactDir } from './harness.mjs';

useServer();

test('home page: Indonesian by default, landmarks, English toggle', { timeout: 60000 }, async () => {
  const context = await newContext();
  const page = await context.newPage();
  // With CSP enforced here, anything the policy blocks shows up as a console error.
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content.Security.Policy/i.test(msg.text())) problems.push(`CSP: ${msg.text()}`);
  });
  try {
    const response = await page.goto('/');
    assert.equal(response.status(), 200);
    assert.equal(await page.locator('html').getAttribute('lang'), 'id');
    for (const selector of ['h1', 'header', 'main', 'footer']) {
      assert.ok(await page.locator(selector).count() >= 1, `home page has no <${selector}>`);
    }
    assert.ok(await page.locator('a[hreflang="en"]').count() >= 1, 'home page has no a[hreflang="en"] language toggle');

    await switchToEnglish(page);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.ok(await page.locator('h1').count() >= 1, 'English home page has no <h1>');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('home page: no WCAG 2.1 A/AA violations (axe-core), Indonesian and English', { timeout: 120000 }, async () => {
  // The page's CSP (script-src 'self') would block axe injected as an inline script, so this
  // context bypasses CSP. Only the axe run needs it; the test above keeps CSP enforced.
  const context = await newContext({ bypassCSP: true });
  const page = await context.newPage();
  try {
    await page.goto('/');
    assert.equal(await page.locator('html').getAttribute('lang'), 'id');
    await assertNoAxeViolations(page, 'the Indonesian home page');
    await switchToEnglish(page);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await assertNoAxeViolations(page, 'the English home page');
  } finally {
    await context.close();
  }
});

test('home page: screenshots at phone and desktop sizes', { timeout: 60000 }, async () => {
  const sizes = [
    { name: 'mobile', options: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } },
    { name: 'desktop', options: { viewport: { width: 1280, height: 800 } } },
  ];
  for (const { name, options } of sizes) {
    const context = await newContext(options);
    const page = await context.newPage();
    try {
      await page.goto('/');
      assert.equal(await page.locator('html').getAttribute('lang'), 'id');
      const file = path.join(artifactDir, `home-id-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      assert.ok(existsSync(file), `${file} was not written`);
      // Nothing may stick out sideways: no horizontal scrolling on a phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name}: the page is ${overflow}px wider than the ${options.viewport.width}px viewport`);
    } finally {
      await context.close();
    }
  }
});


test('account: register, verify through the outbox, sign in and out, pages accessible', { timeout: 120000 }, async () => {
  const context = await newContext({ bypassCSP: true });  // for axe; forms work the same with CSP
  const page = await context.newPage();
  try {
    await page.goto('/daftar');
    await assertNoAxeViolations(page, 'the register page');

    // A wrong NIK is refused next to its field, and the page with errors stays accessible.
    await page.fill('#name', 'Rina Marpaung');
    await page.fill('#email', 'rina@mail.example');
    await page.fill('#nik', '123');
    await page.fill('#password', 'kebun-teh-di-bukit');
    await page.click('button[type=submit]');
    assert.match(await page.locator('#nik-error').innerText(), /16/);
    assert.equal(await page.locator('#nik').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#email').inputValue(), 'rina@mail.example', 'answers are kept');
    await assertNoAxeViolations(page, 'the register page with errors');

    await page.fill('#nik', '1210015203880007');
    await page.fill('#password', 'kebun-teh-di-bukit');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/verifikasi\?email=/);
    assert.equal(await page.locator('#email').inputValue(), 'rina@mail.example');
    await assertNoAxeViolations(page, 'the verification page');
    await page.fill('#code', await mailedCodeFor('rina@mail.example'));
    await page.click('button[type=submit]');
    await page.waitForURL(/\/masuk\?terverifikasi=1/);
    await assertNoAxeViolations(page, 'the sign-in page');

    await page.fill('#username', 'rina@mail.example');
    await page.fill('#password', 'kebun-teh-di-bukit');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/permohonan$/);  // a citizen's home: their own applications
    await page.goto('/profil');
    const profile = await page.locator('main').innerText();
    assert.match(profile, /Rina Marpaung/);
    assert.match(profile, /1210\*{8}0007/, 'the NIK is shown masked');
    assert.ok(!profile.includes('1210015203880007'), 'the full NIK is never shown');
    await assertNoAxeViolations(page, 'the profile page');
    await page.screenshot({ path: path.join(artifactDir, 'profile-id.png'), fullPage: true });

    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'spbe_session');
    assert.ok(session && session.httpOnly && session.sameSite === 'Lax', 'session cookie is HttpOnly, SameSite=Lax');

    await page.click('.nav-form button[type=submit]');
    await page.waitForURL(/\/masuk\?keluar=1/);
    const after = await page.goto('/profil');
    assert.match(after.url(), /\/masuk$/, 'after signing out the profile needs signing in again');
  } finally {
    await context.close();
  }
});

test('audit trail: an auditor browses and filters it, page accessible', { timeout: 60000 }, async () => {
  const context = await newContext({ bypassCSP: true });
  const page = await context.newPage();
  try {
    await page.goto('/masuk');
    await page.fill('#username', 'auditor@demo.go.id');
    await page.fill('#password', 'demo-spbe-2026');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/audit$/);  // an auditor's work starts at the audit trail
    assert.ok(await page.locator('tbody tr').count() > 10, 'the demo seed left entries');
    await assertNoAxeViolations(page, 'the audit page');
    await page.fill('#action', 'org.create_node');
    await page.click('form.filters button[type=submit]');
    const actions = await page.locator('tbody tr td:nth-child(4)').allInnerTexts();
    assert.ok(actions.length >= 8, `expected the seeded nodes, got ${actions.length}`);
    assert.ok(actions.every((a) => a === 'org.create_node'), 'the filter keeps only that action');
  } finally {
    await context.close();
  }
});

test('password reset by e-mailed code, and the activation page, accessible', { timeout: 120000 }, async () => {
  const context = await newContext({ bypassCSP: true });
  const page = await context.newPage();
  try {
    await page.goto('/aktivasi?email=petugas%40demo.go.id&kode=123456');
    assert.equal(await page.locator('#email').inputValue(), 'petugas@demo.go.id', 'the e-mailed link fills the form');
    await assertNoAxeViolations(page, 'the activation page');

    await page.goto('/masuk');
    await page.click('a[href="/lupa-sandi"]');
    await assertNoAxeViolations(page, 'the forgot-password page');
    await page.fill('#email', 'warga2@demo.id');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/atur-ulang-sandi\?email=/);
    await assertNoAxeViolations(page, 'the reset page');
    await page.fill('#code', await mailedCodeFor('warga2@demo.id'));
    await page.fill('#password', 'ombak-di-pantai-barat');
    await page.click('button[type=submit]');
    assert.match(await page.locator('[role=status]').innerText(), /kata sandi/i);

    await page.goto('/masuk');
    await page.fill('#username', 'warga2@demo.id');
    await page.fill('#password', 'ombak-di-pantai-barat');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/permohonan$/);
  } finally {
    await context.close();
  }
});

test('agency admin: adds a unit, creates an officer, issues and revokes an API key', { timeout: 120000 }, async () => {
  const context = await newContext({ bypassCSP: true });
  const page = await context.newPage();
  try {
    await page.goto('/masuk');
    await page.fill('#username', 'admin_instansi.dinkes@demo.go.id');
    await page.fill('#password', 'demo-spbe-2026');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/admin$/);  // an agency admin's work starts at the admin page
    await assertNoAxeViolations(page, 'the admin page');
    const tree = await page.locator('.tree').innerText();
    assert.match(tree, /Dinas Kesehatan/);
    assert.ok(!tree.includes('Disdukcapil') && !tree.includes('Kependudukan'), 'another OPD never shows');

    await page.click('summary:has-text("Tambah simpul")');
    await page.selectOption('#node-kind', 'unit_kerja');
    await page.fill('#node-name', 'Bidang Pencegahan Penyakit');
    await page.fill('#node-slug', 'p2p');
    await page.click('form[action="/admin/simpul"] button[type=submit]');
    await page.waitForURL(/\/admin\?ok=node_added/);
    assert.match(await page.locator('.tree').innerText(), /Bidang Pencegahan Penyakit/);

    await page.click('summary:has-text("Tambah petugas")');
    await page.fill('#off-name', 'Maria Simanjuntak');
    await page.fill('#off-email', 'maria@dinkes.example');
    await page.fill('#off-nip', '198807082014032001');
    await page.fill('#off-position', 'Verifikator');
    await page.selectOption('#off-role', 'verifikator');
    await page.click('form[action="/admin/petugas"] button[type=submit]');
    await page.waitForURL(/\/admin\?ok=officer_added/);
    assert.match(await page.locator('table').first().innerText(), /maria@dinkes\.example/);
    assert.match(await mailedCodeFor('maria@dinkes.example'), /^\d{6}$/, 'the activation link went out');

    // Another role for her, taken back again, then her account disabled.
    const mariaRow = () => page.locator('tr', { hasText: 'maria@dinkes.example' });
    await page.click('summary:has-text("Tambah peran")');
    await page.selectOption('#role-officer', { label: 'Maria Simanjuntak (maria@dinkes.example)' });
    await page.selectOption('#role-role', 'teknis');
    await page.click('form[action="/admin/peran"] button[type=submit]');
    await page.waitForURL(/\/admin\?ok=role_added/);
    assert.match(await mariaRow().innerText(), /teknis/);
    await page.click('button[aria-label="Cabut Tim teknis Maria Simanjuntak"]');
    await page.waitForURL(/\/admin\?ok=role_revoked/);
    assert.doesNotMatch(await mariaRow().innerText(), /teknis/);
    await page.click('button[aria-label="Nonaktifkan Maria Simanjuntak"]');
    await page.waitForURL(/\/admin\?ok=officer_disabled/);
    assert.match(await mariaRow().innerText(), /nonaktif/);
    await assertNoAxeViolations(page, 'the admin page after officer changes');

    await page.click('summary:has-text("Terbitkan kunci API")');
    await page.fill('#key-name', 'SIMKES Provinsi');
    await page.check('input[name="scope_stats.read"]');
    await page.click('form[action="/admin/kunci-api"] button[type=submit]');
    const key = await page.locator('code.secret').innerText();
    assert.match(key, /^spbe_[0-9a-f]{8}_/);
    await assertNoAxeViolations(page, 'the admin page showing a new key');
    await page.goto('/admin');
    assert.ok(!(await page.content()).includes(key), 'the key is not shown again');
    await page.click('form[action^="/admin/kunci-api/"] button[type=submit]');
    await page.waitForURL(/\/admin\?ok=key_revoked/);
  } finally {
    await context.close();
  }
});

test('catalogue: search by words and life event, the standard in full, accessible', { timeout: 60000 }, async () => {
  const context = await newContext({ viewport: { width: 360, height: 740 }, bypassCSP: true });
  const page = await context.newPage();
  try {
    await page.goto('/');
    await viaMenu(page, '/layanan');
    await page.waitForURL(/\/layanan$/);
    await assertNoAxeViolations(page, 'the catalogue');
    await page.fill('#q', 'kelahiran');
    await page.click('form[role="search"] button[type=submit]');
    await page.waitForURL(/\/layanan\?q=kelahiran/);
    const names = await page.locator('.service-card h2').allInnerTexts();
    assert.deepEqual(names, ['Akta Kelahiran']);

    // Ranked by field: a word in the name before one in the summary or the body.
    await page.goto('/');
    await page.fill('#home-q', 'usaha');
    await Promise.all([page.waitForNavigation(), page.click('form.hero-search button[type=submit]')]);
    const ranked = await page.locator('.service-card h2').allInnerTexts();
    assert.equal(ranked[0], 'Surat Keterangan Usaha', `ranked: ${ranked.join(', ')}`);
    // The language toggle keeps the search.
    assert.match(await page.locator('a[hreflang="en"]').getAttribute('href'), /q=usaha.*lang=en/);

    // A life event replaces the words searched before (no "0 services found").
    await page.click('a.chip:has-text("Usaha")');
    await page.waitForURL(/peristiwa=usaha/);
    assert.ok(!page.url().includes('q=usaha'), 'the chip replaces the search words');
    assert.equal(await page.locator('a.chip[aria-current="true"]').innerText(), 'Usaha');
    assert.equal(await page.locator('.service-card').count(), 4);

    await page.click('.service-card a:has-text("Izin Praktik Bidan")');
    await page.waitForURL(/\/layanan\/izin-praktik-bidan$/);
    assert.equal(await page.locator('h1').innerText(), 'Izin Praktik Bidan');
    assert.equal(await page.locator('ol.standard > li').count(), 14, 'all 14 components of UU 25/2009 art. 21');
    assert.match(await page.locator('ol.standard').innerText(), /Dinas Kesehatan/);
    await assertNoAxeViolations(page, 'a service page');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the service page is ${overflow}px wider than a phone`);
    await page.screenshot({ path: path.join(artifactDir, 'service-phone.png'), fullPage: true });
  } finally {
    await context.close();
  }
});
