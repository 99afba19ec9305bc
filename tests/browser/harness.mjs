// What every browser test file shares: a demo server (migrated, seeded) with the mail relay beside it, Debian's
// Chromium through playwright-core (no browser download), and axe-core for WCAG 2.1 A/AA. A file calls
// useServer() once at its top.
//
//   SPBE_BIN=build/spbe node --test tests/browser/*.test.mjs   (or: SPBE_BIN=build/spbe npm run test:browser)
//
// Environment:
//   SPBE_BIN      path to the spbe binary (required)
//   SPBE_MAIL_SINK path to spbe-mail-sink (default: beside SPBE_BIN); the server sends its mail there
//   ARTIFACT_DIR  where screenshots go (default build/artifacts in the repository)
//   CHROMIUM      browser executable (default /usr/bin/chromium)
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createServer } from 'node:net';
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
let bankSim;
let bankURL;
let agencySim;
let agencyURL;
let mailboxURL;

// The mail relay and SMS/WhatsApp gateway: a real SMTP server and HTTP gateway on loopback that show what they
// received as JSON.
const GATEWAY_TOKEN = 'browser-test-gateway-token';
function startMailSink(bin) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['--smtp-port', '0', '--http-port', '0', '--gateway-token', GATEWAY_TOKEN],
      { stdio: ['ignore', 'pipe', 'inherit'] });
    mailSink = child;
    const timer = setTimeout(() => reject(new Error('spbe-mail-sink did not start within 60 s')), PATIENCE_MS);
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = line.match(/(smtp:\/\/127\.0\.0\.1:\d+).*(http:\/\/127\.0\.0\.1:\d+)/);
      if (m) { clearTimeout(timer); resolve({ smtp: m[1], http: m[2] }); }
    });
  });
}

// The bank: spbe-bank-sim with the key seed-demo registered as the demo bank, talking to the server over HTTP.
function startBankSim(bin, platformUrl, keyFile) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['--port', '0', '--platform', platformUrl, '--key-file', keyFile],
      { stdio: ['ignore', 'pipe', 'inherit'] });
    bankSim = child;
    const timer = setTimeout(() => reject(new Error('spbe-bank-sim did not start within 60 s')), PATIENCE_MS);
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = line.match(/teller on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
  });
}

// The other agencies behind the bus: spbe-agency-sim, checking the server's signature on every request.
function startAgencySim(bin, busUrl) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['--port', '0', '--bus', busUrl], { stdio: ['ignore', 'pipe', 'inherit'] });
    agencySim = child;
    const timer = setTimeout(() => reject(new Error('spbe-agency-sim did not start within 60 s')), PATIENCE_MS);
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = line.match(/registers on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
  });
}

// A TCP port free on loopback right now (for a process that must know its address before it listens).
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// `port` 0 picks a free one (the public URL stays the default); another port is also the server's public URL, so
// what it publishes (an OpenID provider's issuer) is where the tests reach it.
function startServer(bin, dir, smtpUrl, mailboxUrl, port = 0) {
  return new Promise((resolve, reject) => {
    const own = port ? ['--public-url', `http://127.0.0.1:${port}`] : [];
    const child = spawn(bin, ['serve', '--data-dir', dir, '--port', String(port), '--bind', '127.0.0.1', '--demo',
      ...own, '--smtp-url', smtpUrl, '--sms-gateway-url', `${mailboxUrl}/gateway/messages`], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // The demo's providers (spbe-agency-sim) live on this host's loopback: allowed here, never by default.
      env: { ...process.env, SPBE_SMS_GATEWAY_TOKEN: GATEWAY_TOKEN, SPBE_INTEROP_ALLOWED_NETWORKS: '127.0.0.1/32' },
    });
    server = child;
    const remember = (line) => {
      serverLog.push(line);
      if (serverLog.length > 200) serverLog.shift();
    };
    const timer = setTimeout(() => reject(new Error(`spbe did not report "listening" within 60 s:\n${serverLog.join('\n')}`)), PATIENCE_MS);
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

// useServer({ browser: false }) starts the server, mail relay and bank without Chromium (the API tests).
// useServer({ ownPublicUrl: true }) makes base() the server's public URL too (the single sign-on tests: the issuer
// the provider publishes must be the address its clients discover it at).
function useServer({ browser: withBrowser = true, ownPublicUrl = false } = {}) {
before(async () => {
  const bin = process.env.SPBE_BIN;
  assert.ok(bin, 'set SPBE_BIN to the spbe binary, e.g. SPBE_BIN=build/spbe');
  assert.ok(existsSync(bin), `SPBE_BIN=${bin} does not exist`);
  if (withBrowser) assert.ok(existsSync(chromiumPath), `${chromiumPath} not found (apt-get install chromium)`);
  dataDir = mkdtempSync(path.join(tmpdir(), 'spbe-browser-'));
  execFileSync(bin, ['migrate', '--data-dir', path.join(dataDir, 'data')], { stdio: ['ignore', 'ignore', 'pipe'] });
  // The demo content, as `make demo` shows it (operator name and contact in header and footer).
  execFileSync(bin, ['seed-demo', '--data-dir', path.join(dataDir, 'data')], { stdio: ['ignore', 'ignore', 'pipe'] });
  const sink = await startMailSink(process.env.SPBE_MAIL_SINK || path.join(path.dirname(bin), 'spbe-mail-sink'));
  mailboxURL = sink.http;
  const port = await startServer(bin, path.join(dataDir, 'data'), sink.smtp, sink.http,
    ownPublicUrl ? await freePort() : 0);
  baseURL = `http://127.0.0.1:${port}`;
  bankURL = await startBankSim(process.env.SPBE_BANK_SIM || path.join(path.dirname(bin), 'spbe-bank-sim'), baseURL,
    path.join(dataDir, 'data', 'keys', 'bank-sim.key'));
  agencyURL = await startAgencySim(process.env.SPBE_AGENCY_SIM || path.join(path.dirname(bin), 'spbe-agency-sim'),
    baseURL);
  if (!withBrowser) return;
  // Chromium keeps the real clock when the suite runs under faketime (scripts/test fakes the wall clock): its own
  // processes stall under libfaketime, and what is tested is the server's clock, which a page only displays.
  const browserEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'LD_PRELOAD' && !k.startsWith('FAKETIME')));
  browser = await chromium.launch({
    headless: true,
    executablePath: chromiumPath,
    env: browserEnv,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(artifactDir, { recursive: true });
});

after(async () => {
  try { if (browser) await browser.close(); } catch { /* already gone */ }
  await stopServer(server);
  await stopServer(mailSink);
  await stopServer(bankSim);
  await stopServer(agencySim);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});
}

// How long a test waits for something that normally takes milliseconds (a message through the outbox, the
// dashboard's rollup) before calling it missing: generous, for a loaded 2-core machine.
const PATIENCE_MS = 60000;

// Calls `check` until it returns a truthy value (returned) or `withinMs` passes; then fails naming `what` and, when
// given, `describe()` of what was there.
async function waitFor(check, what, { withinMs = PATIENCE_MS, everyMs = 100, describe } = {}) {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() >= deadline) {
      const seen = describe ? `: ${await describe()}` : '';
      assert.fail(`${what} within ${withinMs / 1000} s${seen}\n-- server log --\n${serverLog.slice(-20).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

async function messagesTo(email) {
  const res = await fetch(`${mailboxURL}/messages.json?to=${encodeURIComponent(email)}`);
  return res.json();
}

// The code in the newest e-mail to `email`, as the mail relay received it from the server's outbox sender: waits for
// the message itself.
async function mailedCodeFor(email) {
  const messages = await waitFor(async () => {
    const m = await messagesTo(email);
    return m.length > 0 && m;
  }, `no e-mail to ${email} reached the mail relay`);
  const match = messages[0].body.match(/\b(\d{6})\b/);
  assert.ok(match, `no 6-digit code in the e-mail to ${email}:\n${messages[0].body}`);
  return match[1];
}

// Signs in through the page with a demo account.
async function signIn(page, username, password = 'demo-spbe-2026') {
  await page.goto('/masuk');
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/masuk"] button[type=submit]')]);
}

// An officer signs in, takes `action` on file `tn` from its page in the back office, and reads the file's status.
async function actOnFile(user, tn, action) {
  const context = await newContext();
  try {
    const page = await context.newPage();
    await signIn(page, user);
    await page.goto(`/kerja/${tn}`);
    await page.check(`input[name="tindakan"][value="${action}"]`);
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/tindakan"] button:has-text("Simpan")')]);
    return await page.locator('#status').innerText();
  } finally {
    await context.close();
  }
}

// Follows a link of the main menu as a person would: on a phone the menu is folded behind its "Menu" button first.
async function viaMenu(page, href) {
  const button = page.locator('label.menu-button');
  if (await button.isVisible()) await button.click();
  await Promise.all([page.waitForNavigation(), page.click(`nav a[href="${href}"]`)]);
}

const base = () => baseURL;
const bank = () => bankURL;
const agency = () => agencyURL;
// The provider goes down (the once-only fallback is tried against it).
const stopAgency = () => stopServer(agencySim);
// The short messages (SMS, WhatsApp) the gateway received for `phone` (E.164), newest first; waits for one whose
// text matches `pattern`.
async function textsTo(phone, pattern) {
  let texts = [];
  return waitFor(async () => {
    const res = await fetch(`${mailboxURL}/texts.json?to=${encodeURIComponent(phone)}`);
    texts = await res.json();
    return texts.some((t) => pattern.test(t.text)) && texts;
  }, `no message matching ${pattern} to ${phone}`, { describe: () => JSON.stringify(texts) });
}

export { useServer, freePort, viaMenu, actOnFile, textsTo, waitFor, bank, agency, stopAgency, newContext, switchToEnglish, assertNoAxeViolations, mailedCodeFor, signIn, artifactDir, base };
