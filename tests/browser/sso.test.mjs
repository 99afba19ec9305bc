// Single sign-on from the relying party's side, with the certified OpenID Connect library openid-client: discovery,
// the code flow with PKCE, state and nonce in Chromium (sign-in on the portal, the consent page, the redirect back),
// the ID token checked by the library (JWKS signature, iss, aud, nonce, exp), userinfo, refresh-token rotation and
// reuse detection, revocation and RP-initiated logout. Then the demo application (tools/rp-demo) end to end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as client from 'openid-client';
import { useServer, freePort, newContext, assertNoAxeViolations, artifactDir, base } from './harness.mjs';

// The provider's issuer is its public URL: here, the address the tests reach it at.
useServer({ ownPublicUrl: true });

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CITIZEN = 'warga1@demo.id';
const PASSWORD = 'demo-spbe-2026';
const SCOPE = 'openid profile email';

async function apiToken(username) {
  const r = await fetch(`${base()}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
  });
  assert.equal(r.status, 200, await r.clone().text());
  return (await r.json()).token;
}

async function me(token) {
  const r = await fetch(`${base()}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(r.status, 200);
  return r.json();
}

// The platform admin registers an application answering on `origin` (nothing need listen there).
async function registerClient(origin, name = 'Aplikasi Perpustakaan Daerah (uji)') {
  const token = await apiToken('admin@demo.go.id');
  const nodeId = (await me(token)).grants[0].node_id;
  const r = await fetch(`${base()}/api/v1/oauth2/clients`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      name, node_id: nodeId, redirect_uris: [`${origin}/masuk/selesai`], post_logout_redirect_uris: [`${origin}/`],
      scopes: ['openid', 'profile', 'email'], is_public: false,
    }),
  });
  const body = await r.json();
  assert.equal(r.status, 201, JSON.stringify(body));
  assert.ok(body.client_id && body.client_secret, JSON.stringify(body));
  return body;
}

async function assertFitsPhone(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what}: the page is ${overflow}px wider than the 360px viewport`);
}

// On the portal's sign-in page (where the authorization endpoint sent the browser): signs in as the citizen.
async function signInHere(page) {
  await page.waitForURL((u) => u.pathname === '/masuk' && u.searchParams.get('kembali')?.startsWith('/oauth2/authorize'));
  await page.fill('#username', CITIZEN);
  await page.fill('#password', PASSWORD);
  await page.click('form[action="/masuk"] button[type=submit]');
}

// Runs `action` and returns the request the browser then made under `prefix`: an application that is not running
// (a free loopback port), so the request is refused there. (Playwright's route() sees only the first address of a
// redirect chain, so it cannot abort these; nothing leaves loopback either way.)
async function redirectTo(page, prefix, action) {
  const request = page.waitForRequest((r) => r.url().startsWith(prefix));
  // Chromium's error page for the refused request: waited for, so that it does not cut the next navigation short.
  const errorPage = page.waitForEvent('framenavigated',
    { predicate: (f) => f === page.mainFrame() && f.url().startsWith('chrome-error:') });
  await action().catch((err) => { if (!/ERR_CONNECTION_REFUSED/.test(err.message)) throw err; });
  const r = await request;
  await errorPage;
  return { url: new URL(r.url()), request: r };
}

async function rejection(promise) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  assert.fail('expected a refusal');
}

function discover(registered) {
  return client.discovery(new URL(base()), registered.client_id, registered.client_secret, client.ClientSecretPost(),
    { execute: [client.allowInsecureRequests] });
}

async function authorizationRequest(config, redirectUri) {
  const checks = { pkceCodeVerifier: client.randomPKCECodeVerifier(), expectedState: client.randomState(),
    expectedNonce: client.randomNonce(), idTokenExpected: true };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri, scope: SCOPE, state: checks.expectedState, nonce: checks.expectedNonce,
    code_challenge: await client.calculatePKCECodeChallenge(checks.pkceCodeVerifier), code_challenge_method: 'S256',
  });
  return { url, checks };
}

test('openid-client against the provider: code flow with PKCE in Chromium, ID token, userinfo, rotation, revocation, logout', { timeout: 180000 }, async () => {
  const rpOrigin = `http://127.0.0.1:${await freePort()}`;  // nothing listens: the browser's requests are refused
  const redirectUri = `${rpOrigin}/masuk/selesai`;
  const registered = await registerClient(rpOrigin);
  const citizen = await me(await apiToken(CITIZEN));

  const config = await discover(registered);
  assert.equal(config.serverMetadata().issuer, base());
  assert.ok(config.serverMetadata().supportsPKCE('S256'));

  // The consent page, read on a phone (CSP bypassed for axe); this time the person says no.
  const phone = await newContext({ bypassCSP: true, viewport: { width: 360, height: 780 } });
  try {
    const page = await phone.newPage();
    const { url, checks } = await authorizationRequest(config, redirectUri);
    await page.goto(url.href);
    await signInHere(page);
    await page.waitForSelector('#consent-allow');
    const consent = await page.locator('main').innerText();
    assert.match(consent, /Aplikasi Perpustakaan Daerah \(uji\)/, 'the consent page names the application');
    assert.ok(consent.includes(registered.client.agency), `the consent page names the agency, ${registered.client.agency}`);
    const data = await page.locator('.consent-list li').allInnerTexts();
    assert.equal(data.length, 3, `openid, profile and email: ${JSON.stringify(data)}`);
    assert.ok(data.some((d) => /Nama Anda/.test(d)) && data.some((d) => /e-mail/.test(d)), JSON.stringify(data));
    await assertNoAxeViolations(page, 'the consent page');
    await assertFitsPhone(page, 'the consent page');
    await page.screenshot({ path: path.join(artifactDir, 'sso-consent-360.png'), fullPage: true });
    const { url: denied } = await redirectTo(page, redirectUri, () => page.click('#consent-deny'));
    assert.equal(denied.searchParams.get('error'), 'access_denied');
    const err = await rejection(client.authorizationCodeGrant(config, denied, checks));
    assert.ok(err instanceof client.AuthorizationResponseError, String(err));
    assert.equal(err.error, 'access_denied');
  } finally {
    await phone.close();
  }

  // RP-initiated logout without an ID token (the application's page posts or links it): the person is asked, on a
  // phone, and their confirmation goes back to the application under the page's own security policy.
  const asked = await newContext({ viewport: { width: 360, height: 780 } });
  try {
    const page = await asked.newPage();
    await page.goto('/masuk');
    await page.fill('#username', CITIZEN);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname !== '/masuk'),
      page.click('form[action="/masuk"] button[type=submit]')]);
    const endSession = client.buildEndSessionUrl(config, { post_logout_redirect_uri: `${rpOrigin}/`, state: 'tanya' });
    await page.goto(endSession.href);
    await page.waitForSelector('#logout-confirm');
    assert.match(await page.locator('main').innerText(), /Aplikasi Perpustakaan Daerah \(uji\)/);
    await assertFitsPhone(page, 'the sign-out confirmation');
    const { url: back } = await redirectTo(page, `${rpOrigin}/`, () => page.click('#logout-confirm'));
    assert.equal(back.searchParams.get('state'), 'tanya');
    await page.goto('/profil');
    assert.equal(new URL(page.url()).pathname, '/masuk', 'confirmed: the portal session is gone');
  } finally {
    await asked.close();
  }

  // A new browser with the portal's Content-Security-Policy in force (the consent form's answer goes to the
  // application, which form-action must allow): signs in again and this time allows.
  const context = await newContext();
  try {
    const page = await context.newPage();
    const first = await authorizationRequest(config, redirectUri);
    await page.goto(first.url.href);
    await signInHere(page);
    await page.waitForSelector('#consent-allow');
    const { url: back } = await redirectTo(page, redirectUri, () => page.click('#consent-allow'));
    assert.equal(back.searchParams.get('state'), first.checks.expectedState);
    assert.equal(back.searchParams.get('iss'), base());
    assert.ok(back.searchParams.get('code'));

    // The library checks iss, state, PKCE at the token endpoint, and the ID token: signature against the JWKS, iss,
    // aud, exp, iat and the nonce.
    const tokens = await client.authorizationCodeGrant(config, back, first.checks);
    const claims = tokens.claims();
    assert.ok(claims.sub, 'a subject');
    assert.equal(claims.iss, base());
    assert.equal(claims.aud, registered.client_id);
    assert.equal(claims.nonce, first.checks.expectedNonce);
    assert.equal(tokens.token_type.toLowerCase(), 'bearer');
    assert.ok(tokens.access_token && tokens.refresh_token && tokens.id_token);
    assert.ok(tokens.expiresIn() > 0);
    assert.equal(JSON.parse(Buffer.from(tokens.id_token.split('.')[0], 'base64url')).alg, 'RS256');

    const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    assert.equal(info.sub, claims.sub);
    assert.equal(info.name, citizen.name);
    assert.equal(info.email, CITIZEN);
    assert.equal(info.email_verified, true);

    // Refresh tokens rotate; the old one, presented again, is refused and takes its family down with it.
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
    assert.ok(refreshed.access_token && refreshed.refresh_token);
    assert.notEqual(refreshed.access_token, tokens.access_token);
    assert.notEqual(refreshed.refresh_token, tokens.refresh_token);
    if (refreshed.id_token) assert.equal(refreshed.claims().sub, claims.sub);
    assert.equal((await client.fetchUserInfo(config, refreshed.access_token, claims.sub)).email, CITIZEN);
    const reused = await rejection(client.refreshTokenGrant(config, tokens.refresh_token));
    assert.ok(reused instanceof client.ResponseBodyError, String(reused));
    assert.equal(reused.error, 'invalid_grant');
    const family = await rejection(client.refreshTokenGrant(config, refreshed.refresh_token));
    assert.ok(family instanceof client.ResponseBodyError, String(family));
    assert.equal(family.error, 'invalid_grant', 'the rotated token went down with its family');

    // A fresh flow: still signed in, consent remembered, so the portal answers at once (no consent page).
    const again = await authorizationRequest(config, redirectUri);
    const answered = await redirectTo(page, redirectUri, () => page.goto(again.url.href));
    assert.ok(answered.request.redirectedFrom()?.url().startsWith(`${base()}/oauth2/authorize?`),
      `straight from the authorization endpoint, not a page: ${answered.request.redirectedFrom()?.url()}`);
    const second = await client.authorizationCodeGrant(config, answered.url, again.checks);
    assert.equal(second.claims().sub, claims.sub, 'the same person, the same subject');

    // Revocation (RFC 7009) of the access token: userinfo refuses it with a Bearer challenge.
    await client.tokenRevocation(config, second.access_token);
    const revoked = await rejection(client.fetchUserInfo(config, second.access_token, claims.sub));
    assert.ok(revoked instanceof client.WWWAuthenticateChallengeError, String(revoked));
    assert.equal(revoked.status, 401);
    assert.equal(revoked.cause[0].scheme, 'bearer');
    assert.equal(revoked.cause[0].parameters.error, 'invalid_token');

    // RP-initiated logout with the ID token as hint: signed out at once, back at the application with the state.
    const logoutState = client.randomState();
    const endSession = client.buildEndSessionUrl(config, {
      id_token_hint: second.id_token, post_logout_redirect_uri: `${rpOrigin}/`, state: logoutState,
    });
    const { url: afterLogout, request: logoutRedirect } =
      await redirectTo(page, `${rpOrigin}/`, () => page.goto(endSession.href));
    assert.ok(logoutRedirect.redirectedFrom()?.url().startsWith(`${base()}/oauth2/logout?`),
      `straight from the logout endpoint, no confirmation asked: ${logoutRedirect.redirectedFrom()?.url()}`);
    assert.equal(afterLogout.origin + afterLogout.pathname, `${rpOrigin}/`);
    assert.equal(afterLogout.searchParams.get('state'), logoutState);
    await page.goto('/profil');
    assert.equal(new URL(page.url()).pathname, '/masuk', 'the portal session is gone');

    // An authorization request with a redirect address the application did not register: an error page on the
    // portal, and the browser goes nowhere else.
    const wrongUri = `${rpOrigin}/elsewhere`;
    const wrong = client.buildAuthorizationUrl(config, {
      redirect_uri: wrongUri, scope: SCOPE, state: client.randomState(), nonce: client.randomNonce(),
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const strays = [];
    page.on('request', (r) => { if (r.url().startsWith(rpOrigin)) strays.push(r.url()); });
    const response = await page.goto(wrong.href);
    assert.equal(response.status(), 400);
    assert.equal(new URL(page.url()).pathname, '/oauth2/authorize');
    assert.match(await page.locator('main').innerText(), /tidak sama persis dengan yang terdaftar/);
    assert.deepEqual(strays, [], 'no request to the application');
  } finally {
    await context.close();
  }
});

// Starts the demo relying party; resolves with the process and its address once it says it is listening.
function startDemo(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'tools', 'rp-demo', 'spbe-rp-demo.mjs'), ...args],
      { stdio: ['ignore', 'pipe', 'inherit'] });
    const timer = setTimeout(() => { child.kill(); reject(new Error('spbe-rp-demo did not start within 30 s')); }, 30000);
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`spbe-rp-demo exited (${code}) before listening`)); });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = line.match(/^spbe-rp-demo: listening on (http:\/\/127\.0\.0\.1:\d+)$/);
      if (m) { clearTimeout(timer); resolve({ child, url: m[1] }); }
    });
  });
}

function stopDemo(child) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

test('the demo application (tools/rp-demo): sign in with SPBE Terpadu, refresh, sign out', { timeout: 180000 }, async () => {
  // Its redirect address names its port: the client is registered for a port chosen first.
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const registered = await registerClient(origin, 'Aplikasi Perpustakaan Daerah');
  const citizen = await me(await apiToken(CITIZEN));
  let demo;
  const context = await newContext({ viewport: { width: 360, height: 780 } });
  try {
    demo = await startDemo(['--port', String(port), '--issuer', base(), '--client-id', registered.client_id,
      '--client-secret', registered.client_secret, '--public-url', origin]);
    assert.equal(demo.url, origin);
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    assert.match(await page.locator('h1').innerText(), /Aplikasi Perpustakaan Daerah/);
    await assertFitsPhone(page, "the application's front page");

    await page.click('a:has-text("Masuk dengan SPBE Terpadu")');
    await signInHere(page);
    await page.waitForSelector('#consent-allow');
    await page.click('#consent-allow');
    await page.waitForURL(`${origin}/`);
    assert.equal(await page.locator('#pengguna-nama').innerText(), citizen.name);
    assert.equal(await page.locator('#pengguna-email').innerText(), `${CITIZEN} (terverifikasi)`);
    assert.match(await page.locator('#pengguna-sub').innerText(), /\S/);
    assert.match(await page.locator('[role=status]').innerText(), /berhasil masuk/);
    await assertFitsPhone(page, "the application's page, signed in");
    await page.screenshot({ path: path.join(artifactDir, 'sso-rp-demo-360.png'), fullPage: true });
    // axe on the same markup: the application's own policy (no script at all) keeps axe out of the live page.
    const copy = await context.newPage();
    await copy.setContent(await page.content());
    await assertNoAxeViolations(copy, 'the demo application, signed in');
    await copy.close();

    await page.click('button:has-text("Perbarui token")');
    await page.waitForURL(`${origin}/`);
    assert.match(await page.locator('[role=status]').innerText(), /Token diperbarui/);
    assert.equal(await page.locator('#pengguna-nama').innerText(), citizen.name);

    // Keluar: through the portal's logout endpoint and back, signed out of both.
    const signOut = async () => {
      await page.click('button:has-text("Keluar")');
      await page.waitForURL((u) => u.origin === origin && u.pathname === '/' && u.searchParams.has('state'));
      assert.match(await page.locator('[role=status]').innerText(), /sudah keluar/);
      assert.equal(await page.locator('a:has-text("Masuk dengan SPBE Terpadu")').count(), 1);
      await page.goto(`${base()}/profil`);
      assert.equal(new URL(page.url()).pathname, '/masuk', 'signed out of the portal too');
    };
    await signOut();

    // Again: the consent is remembered, so after signing in the portal's short page moves on to the application by
    // itself (its sign-in form's policy would not let a redirect leave the portal).
    await page.goto(`${origin}/`);
    await page.click('a:has-text("Masuk dengan SPBE Terpadu")');
    await signInHere(page);
    await page.waitForURL(`${origin}/`);
    assert.equal(await page.locator('#pengguna-nama').innerText(), citizen.name);

    // Cabut token: the application revokes what it holds and keeps only the ID token, as the hint for signing out.
    await page.click('button:has-text("Cabut token")');
    await page.waitForURL(`${origin}/`);
    assert.match(await page.locator('[role=status]').innerText(), /Token dicabut/);
    assert.equal(await page.locator('button:has-text("Perbarui token")').count(), 0);
    await signOut();
  } finally {
    await context.close();
    await stopDemo(demo?.child);
  }
});
