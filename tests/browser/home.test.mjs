// Browser test of the portal home page: landmarks, language toggle, WCAG 2.1 A/AA (axe-core)
// and screenshots, in Debian's Chromium driven by playwright-core (no browser download).
//
//   SPBE_BIN=build/spbe node --test tests/browser/*.test.mjs   (or: SPBE_BIN=build/spbe npm run test:browser)
//
// Environment:
//   SPBE_BIN      path to the spbe binary (required)
//   SPBE_MAIL_SINK path to spbe-mail-sink (default: beside SPBE_BIN); the server sends its mail there
//   ARTIFACT_DIR  where screenshots go (default build/artifacts in the repository)
//   CHROMIUM      browser executable (default /usr/bin/chromium)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifactDir = process.env.ARTIFACT_DIR
  ? path.resolve(process.env.ARTIFACT_DIR)
  : path.join(repoRoot, 'build', 'artifacts');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// An Indonesian browser: the server picks the language from Accept-Language when no choice is
// stored, so the default locale (en-US) would get the English page.
const LOCALE = 'id-ID';

let dataDir;
let server;
let serverLog = [];
let baseURL;
let browser;
let mailSink;
let mailboxURL;

// The mail relay: a real SMTP server on loopback that shows what it received as JSON.
function startMailSink(bin) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['--smtp-port', '0', '--http-port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    mailSink = child;
    const timer = setTimeout(() => reject(new Error('spbe-mail-sink did not start within 10 s')), 10000);
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = line.match(/(smtp:\/\/127\.0\.0\.1:\d+).*(http:\/\/127\.0\.0\.1:\d+)/);
      if (m) { clearTimeout(timer); resolve({ smtp: m[1], http: m[2] }); }
    });
  });
}

function startServer(bin, dir, smtpUrl) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['serve', '--data-dir', dir, '--port', '0', '--bind', '127.0.0.1', '--demo',
      '--smtp-url', smtpUrl], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server = child;
    const remember = (line) => {
      serverLog.push(line);
      if (serverLog.length > 200) serverLog.shift();
    };
    const timer = setTimeout(() => reject(new Error(`spbe did not report "listening" within 15 s:\n${serverLog.join('\n')}`)), 15000);
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`spbe serve exited (code ${code}, signal ${signal}) before listening:\n${serverLog.join('\n')}`));
    });
    createInterface({ input: child.stderr }).on('line', (line) => remember(`[stderr] ${line}`));
    // Keep reading stdout for the whole run (one JSON line per request) so the pipe never fills.
    createInterface({ input: child.stdout }).on('line', (line) => {
      remember(line);
      let entry;
      try { entry = JSON.parse(line); } catch { return; }
      if (entry && entry.msg === 'listening' && Number.isInteger(entry.port)) {
        clearTimeout(timer);
        resolve(entry.port);
      }
    });
  });
}

function stopServer(child, timeoutMs = 10000) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => { child.kill('SIGKILL'); }, timeoutMs);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.kill('SIGTERM');
  });
}

async function newContext(options = {}) {
  return browser.newContext({ baseURL, locale: LOCALE, ...options });
}

// Follows the English toggle (a[hreflang="en"]) and waits for the new page to load.
async function switchToEnglish(page) {
  const toggle = page.locator('a[hreflang="en"]').first();
  await Promise.all([
    page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() }),
    toggle.click(),
  ]);
  await page.waitForLoadState('load');
}

const axeSource = readFileSync(path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js'), 'utf8');

async function assertNoAxeViolations(page, label) {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async (tags) => {
    const results = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
    }));
  }, WCAG_TAGS);
  const report = violations.map((v) =>
    `- ${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}\n` +
    v.nodes.map((n) => `    at ${JSON.stringify(n.target)}\n      ${(n.summary || '').replace(/\n/g, '\n      ')}`).join('\n'),
  ).join('\n');
  assert.equal(violations.length, 0, `axe found ${violations.length} WCAG 2.1 A/AA violation(s) on ${label}:\n${report}`);
}

before(async () => {
  const bin = process.env.SPBE_BIN;
  assert.ok(bin, 'set SPBE_BIN to the spbe binary, e.g. SPBE_BIN=build/spbe');
  assert.ok(existsSync(bin), `SPBE_BIN=${bin} does not exist`);
  assert.ok(existsSync(chromiumPath), `${chromiumPath} not found (apt-get install chromium)`);
  dataDir = mkdtempSync(path.join(tmpdir(), 'spbe-browser-'));
  execFileSync(bin, ['migrate', '--data-dir', path.join(dataDir, 'data')], { stdio: ['ignore', 'ignore', 'pipe'] });
  // The demo content, as `make demo` shows it (operator name and contact in header and footer).
  execFileSync(bin, ['seed-demo', '--data-dir', path.join(dataDir, 'data')], { stdio: ['ignore', 'ignore', 'pipe'] });
  const sink = await startMailSink(process.env.SPBE_MAIL_SINK || path.join(path.dirname(bin), 'spbe-mail-sink'));
  mailboxURL = sink.http;
  const port = await startServer(bin, path.join(dataDir, 'data'), sink.smtp);
  baseURL = `http://127.0.0.1:${port}`;
  browser = await chromium.launch({
    headless: true,
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(artifactDir, { recursive: true });
});

after(async () => {
  try { if (browser) await browser.close(); } catch { /* already gone */ }
  await stopServer(server);
  await stopServer(mailSink);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

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

// The code in the newest e-mail to `email`, as the mail relay received it from the server's outbox sender.
async function mailedCodeFor(email) {
  const deadline = Date.now() + 15000;
  for (;;) {
    const res = await fetch(`${mailboxURL}/messages.json?to=${encodeURIComponent(email)}`);
    const messages = await res.json();
    if (messages.length > 0) {
      const match = messages[0].body.match(/\b(\d{6})\b/);
      assert.ok(match, `no 6-digit code in the e-mail to ${email}:\n${messages[0].body}`);
      return match[1];
    }
    assert.ok(Date.now() < deadline, `no e-mail to ${email} reached the mail relay within 15 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

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
    await page.waitForURL(/\/profil$/);
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
    await page.waitForURL(/\/profil$/);
    await page.goto('/audit');
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
    await page.waitForURL(/\/profil$/);
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
    await page.waitForURL(/\/profil$/);
    await page.click('nav a[href="/admin"]');
    await page.waitForURL(/\/admin$/);
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
    await page.click('button[aria-label="Cabut teknis Maria Simanjuntak"]');
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
    await page.click('nav a[href="/layanan"]');
    await page.waitForURL(/\/layanan$/);
    await assertNoAxeViolations(page, 'the catalogue');
    await page.fill('#q', 'kelahiran');
    await page.click('form[role="search"] button[type=submit]');
    await page.waitForURL(/\/layanan\?q=kelahiran/);
    const names = await page.locator('.service-card h2').allInnerTexts();
    assert.deepEqual(names, ['Akta Kelahiran']);

    await page.goto('/layanan');
    await page.click('a.chip:has-text("Usaha")');
    await page.waitForURL(/peristiwa=usaha/);
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
