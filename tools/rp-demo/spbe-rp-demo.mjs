#!/usr/bin/env node
// Aplikasi Perpustakaan Daerah: a small relying party that signs people in through SPBE Terpadu with the certified
// OpenID Connect library openid-client (code flow, PKCE S256, state and nonce, ID token checked against the JWKS),
// refreshes and revokes its tokens and signs out through RP-initiated logout. node:http only, no client-side script.
//
//   node tools/rp-demo/spbe-rp-demo.mjs [--port 8092] [--issuer http://localhost:8080] [--client-id ID]
//        [--client-secret SECRET] [--public-url http://localhost:8092]
//
// `make demo` starts it beside the portal; the demo seed registers its client (perpustakaan-labuhanbatu).
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import * as oidc from 'openid-client';

const { values: opt } = parseArgs({
  options: {
    port: { type: 'string', default: '8092' },
    issuer: { type: 'string', default: 'http://localhost:8080' },
    'client-id': { type: 'string', default: 'perpustakaan-labuhanbatu' },
    'client-secret': { type: 'string', default: 'demo-rahasia-perpustakaan-labuhanbatu-2026' },
    'public-url': { type: 'string' },
  },
});
const issuer = new URL(opt.issuer);
let publicUrl = '';  // known once listening (--port 0 picks a free port)
const COOKIE = 'perpus_sid';
const SCOPE = 'openid profile email';

// Discovery at first use, retried: the portal may start after this application. A failure is forgotten, so the
// next request tries again.
let discovered;
function config() {
  discovered ??= (async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await oidc.discovery(issuer, opt['client-id'], opt['client-secret'], oidc.ClientSecretBasic(),
          { execute: issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [], timeout: 10 });
      } catch (err) {
        if (attempt >= 5) throw err;
        await new Promise((r) => setTimeout(r, 500 * attempt));
      }
    }
  })().catch((err) => { discovered = undefined; throw err; });
  return discovered;
}

// Sessions in memory, keyed by an HttpOnly SameSite=Lax cookie (Lax also keeps other sites' forms from posting here
// with it). The oldest are dropped past a few thousand.
const sessions = new Map();
function setCookie(res, id) {
  const secure = publicUrl.startsWith('https:') ? '; Secure' : '';
  res.setHeader('Set-Cookie', `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax${secure}`);
}
// renew(): a new id once signed in, so an id planted before cannot follow the person in.
function renew(res, s) {
  sessions.delete(s.id);
  s.id = randomBytes(32).toString('base64url');
  sessions.set(s.id, s);
  if (sessions.size > 5000) sessions.delete(sessions.keys().next().value);
  setCookie(res, s.id);
  return s;
}
function session(req, res) {
  const sid = /(?:^|;\s*)perpus_sid=([A-Za-z0-9_-]{43})/.exec(req.headers.cookie || '')?.[1];
  return (sid && sessions.get(sid)) || renew(res, {});
}

const wib = new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Asia/Jakarta' });
const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res, status, title, body) {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    // The sign-out form is answered with a redirect to the portal: form-action must allow its origin.
    'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; ` +
      `form-action 'self' ${issuer.origin}; frame-ancestors 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(`<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} - Aplikasi Perpustakaan Daerah</title>
<style>
  body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1b1b1b; background: #f5f3ee; }
  header { background: #0b4f6c; color: #fff; padding: .75rem 1rem; }
  header p { margin: 0; font-weight: 600; }
  main { max-width: 40rem; margin: 0 auto; padding: 1rem; }
  h1 { font-size: 1.5rem; line-height: 1.25; margin: .5rem 0 1rem; }
  .card { background: #fff; border: 1px solid #d6d1c4; border-radius: 6px; padding: 1rem; margin: 1rem 0; }
  .card > :first-child { margin-top: 0; } .card > :last-child { margin-bottom: 0; }
  dl { margin: 0; } dt { font-weight: 600; } dd { margin: 0 0 .5rem; overflow-wrap: anywhere; }
  .en { color: #4a4a4a; font-size: .9rem; }
  .button { display: inline-block; padding: .6rem 1rem; border: 0; border-radius: 4px; background: #0b4f6c; color: #fff;
    font: inherit; text-decoration: none; cursor: pointer; margin: .25rem .25rem .25rem 0; }
  .button.secondary { background: #fff; color: #0b4f6c; border: 2px solid #0b4f6c; }
  .button:focus-visible { outline: 3px solid #e0a100; outline-offset: 2px; }
  .actions form { display: inline; }
  .notice { background: #e7f4ea; border-left: 4px solid #1e7b34; padding: .5rem .75rem; }
  .error { background: #fbeaea; border-left: 4px solid #a4262c; padding: .5rem .75rem; overflow-wrap: anywhere; }
  footer { max-width: 40rem; margin: 0 auto; padding: 1rem; font-size: .9rem; color: #4a4a4a; }
</style></head>
<body><header><p>Perpustakaan Daerah Kabupaten Labuhanbatu</p></header>
<main>
${body}
</main>
<footer>Aplikasi demo: masuk melalui SPBE Terpadu (OpenID Connect). <span lang="en">Demo relying party.</span></footer>
</body></html>
`);
}

function redirect(res, location, status = 303) {
  res.writeHead(status, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}

// What went wrong, in words: the OAuth error the portal answered, or the check the library refused.
function describe(err) {
  if (err instanceof oidc.AuthorizationResponseError && err.error === 'access_denied') {
    return 'Anda tidak mengizinkan aplikasi ini memakai akun SPBE Terpadu Anda.';
  }
  if (err instanceof oidc.AuthorizationResponseError || err instanceof oidc.ResponseBodyError) {
    return `${err.error}${err.error_description ? `: ${err.error_description}` : ''}`;
  }
  return err?.message || String(err);
}

function home(res, s, url) {
  const notice = s.notice || (s.logoutState && url.searchParams.get('state') === s.logoutState
    ? 'Anda sudah keluar dari aplikasi ini dan dari SPBE Terpadu.' : '');
  delete s.notice;
  delete s.logoutState;
  const note = notice ? `<p class="notice" role="status">${esc(notice)}</p>` : '';
  if (!s.user) {
    return page(res, 200, 'Beranda', `<h1>Aplikasi Perpustakaan Daerah</h1>
${note}
<div class="card">
<p>Pinjam buku, perpanjang pinjaman dan lihat riwayat baca Anda. Masuk dengan akun SPBE Terpadu Anda: tidak perlu
kata sandi baru.</p>
<p class="en" lang="en">Borrow and renew books. Sign in with your SPBE Terpadu account.</p>
<p><a class="button" href="/masuk">Masuk dengan SPBE Terpadu</a></p>
</div>`);
  }
  const u = s.user;
  const tokenActions = s.tokens?.refresh_token ? `
<form method="post" action="/perbarui"><button class="button secondary" type="submit">Perbarui token</button></form>
<form method="post" action="/cabut"><button class="button secondary" type="submit">Cabut token</button></form>` : '';
  return page(res, 200, 'Akun Anda', `<h1>Selamat datang, <span id="nama">${esc(u.name || u.sub)}</span></h1>
${note}
<div class="card">
<p class="en" lang="en">You are signed in with SPBE Terpadu.</p>
<dl>
<dt>Nama</dt><dd id="pengguna-nama">${esc(u.name)}</dd>
<dt>E-mail</dt><dd id="pengguna-email">${esc(u.email)}${u.email_verified ? ' (terverifikasi)' : ''}</dd>
<dt>Pengenal (sub)</dt><dd id="pengguna-sub"><code>${esc(u.sub)}</code></dd>
<dt>Token akses berlaku sampai</dt><dd>${s.tokens?.expires_at ? esc(`${wib.format(s.tokens.expires_at)} WIB`) : 'dicabut'}</dd>
</dl>
</div>
<div class="actions">${tokenActions}
<form method="post" action="/keluar"><button class="button" type="submit">Keluar</button></form>
</div>`);
}

function keep(s, tokens) {
  const old = s.tokens || {};
  const expiresIn = tokens.expiresIn?.();
  s.tokens = {
    access_token: tokens.access_token,
    refresh_token: tokens.refresh_token || old.refresh_token,  // rotated when the portal sends a new one
    id_token: tokens.id_token || old.id_token,
    expires_at: expiresIn ? new Date(Date.now() + expiresIn * 1000) : undefined,
  };
}

const routes = {
  'GET /': async (req, res, s, url) => home(res, s, url),
  'GET /masuk': async (req, res, s) => {
    const cfg = await config();
    const verifier = oidc.randomPKCECodeVerifier();
    s.pending = { verifier, state: oidc.randomState(), nonce: oidc.randomNonce() };
    redirect(res, oidc.buildAuthorizationUrl(cfg, {
      redirect_uri: `${publicUrl}/masuk/selesai`, scope: SCOPE, state: s.pending.state, nonce: s.pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    }).href, 302);
  },
  'GET /masuk/selesai': async (req, res, s, url) => {
    const pending = s.pending;
    delete s.pending;
    if (!pending) throw new Error('Tidak ada permintaan masuk yang menunggu; silakan mulai lagi dari halaman depan.');
    const cfg = await config();
    // The library checks iss, state, the code's PKCE, and the ID token: signature (JWKS), iss, aud, exp and nonce.
    const tokens = await oidc.authorizationCodeGrant(cfg, new URL(url.pathname + url.search, publicUrl), {
      pkceCodeVerifier: pending.verifier, expectedState: pending.state, expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const { sub } = tokens.claims();
    s.user = await oidc.fetchUserInfo(cfg, tokens.access_token, sub);
    keep(s, tokens);
    renew(res, s);
    s.notice = 'Anda berhasil masuk melalui SPBE Terpadu.';
    redirect(res, '/');
  },
  'POST /perbarui': async (req, res, s) => {
    if (!s.tokens?.refresh_token) return redirect(res, '/');
    try {
      keep(s, await oidc.refreshTokenGrant(await config(), s.tokens.refresh_token));
      s.notice = 'Token diperbarui: token akses dan token penyegar yang baru.';
    } catch (err) {
      if (!(err instanceof oidc.ResponseBodyError)) throw err;
      delete s.user;
      delete s.tokens;
      s.notice = `Token tidak dapat diperbarui (${describe(err)}); silakan masuk lagi.`;
    }
    redirect(res, '/');
  },
  'POST /cabut': async (req, res, s) => {
    if (s.tokens) {
      const cfg = await config();
      for (const t of [s.tokens.refresh_token, s.tokens.access_token]) if (t) await oidc.tokenRevocation(cfg, t);
      s.tokens = { id_token: s.tokens.id_token };  // kept as the hint for signing out
      s.notice = 'Token dicabut: aplikasi ini tidak lagi dapat membaca data Anda.';
    }
    redirect(res, '/');
  },
  'POST /keluar': async (req, res, s) => {
    const idToken = s.tokens?.id_token;
    delete s.user;
    delete s.tokens;
    if (!idToken) return redirect(res, '/');
    s.logoutState = oidc.randomState();
    redirect(res, oidc.buildEndSessionUrl(await config(), {
      id_token_hint: idToken, post_logout_redirect_uri: `${publicUrl}/`, state: s.logoutState,
    }).href);
  },
};

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://rp.invalid');
    const handler = routes[`${req.method} ${url.pathname}`];
    if (!handler) {
      return page(res, 404, 'Tidak ditemukan', `<h1>Halaman tidak ditemukan</h1>
<p class="en" lang="en">Page not found.</p><p><a href="/">Kembali ke beranda</a></p>`);
    }
    req.resume();  // no form here carries fields worth reading
    await handler(req, res, session(req, res), url);
  } catch (err) {
    console.error(`spbe-rp-demo: ${req.method} ${req.url}: ${err?.stack || err}`);
    if (res.headersSent) return res.end();
    const unreachable = /fetch failed|ECONNREFUSED|ENOTFOUND|timed? ?out/i.test(`${err?.message} ${err?.cause?.code}`);
    page(res, unreachable ? 503 : 400, 'Terjadi kesalahan', `<h1>Terjadi kesalahan</h1>
<p class="error" role="alert">${unreachable ? `SPBE Terpadu (${esc(issuer.origin)}) belum dapat dihubungi; coba lagi
sebentar lagi.` : esc(describe(err))}</p>
<p class="en" lang="en">Something went wrong signing in with SPBE Terpadu.</p>
<p><a class="button" href="/">Kembali ke beranda</a></p>`);
  }
});

server.on('error', (err) => {
  console.error(`spbe-rp-demo: cannot listen on port ${opt.port}: ${err.message}`);
  process.exit(1);
});
server.listen(Number(opt.port), '127.0.0.1', () => {
  const { port } = server.address();
  publicUrl = (opt['public-url'] || `http://localhost:${port}`).replace(/\/+$/, '');
  console.log(`spbe-rp-demo: listening on http://127.0.0.1:${port}`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(0));
