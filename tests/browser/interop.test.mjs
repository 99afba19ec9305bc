// The service connection bus in the browser: anyone searches the directory and reads a service's page; Dinas
// Kesehatan's admin registers a system, takes its key (shown once) and asks for the population service; the call is
// refused until Disdukcapil's admin approves the request in the console; then it is answered by the simulator, and
// both consoles show the exchange with its evidence. Each page passes axe and is read at 360 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useServer, newContext, assertNoAxeViolations, signIn, artifactDir, base, agency, stopAgency } from './harness.mjs';

useServer();

// seed-demo points the demo's services at the simulator's usual port; here it runs on a free one.
async function pointServicesAtSimulator() {
  const login = await fetch(`${base()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin@demo.go.id', password: 'demo-spbe-2026' }),
  });
  const { token } = await login.json();
  const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const services = await (await fetch(`${base()}/api/v1/interop/services`, { headers: auth })).json();
  for (const s of services) {
    const tail = s.provider_url.slice(s.provider_url.lastIndexOf('/'));
    const r = await fetch(`${base()}/api/v1/interop/services/${s.id}/provider-url`, {
      method: 'PUT', headers: auth, body: JSON.stringify({ provider_url: `${agency()}${tail}` }),
    });
    assert.equal(r.status, 200, await r.text());
  }
}

async function callPopulation(key, nik) {
  const r = await fetch(`${base()}/interop/v1/call/disdukcapil-labuhanbatu/siak/penduduk/penduduk/${nik}`, {
    headers: { Authorization: `Bearer ${key}` },
  });
  return { status: r.status, body: await r.text() };
}

test('directory, a system and its key, access asked and approved, the exchange in both logs', { timeout: 180000 }, async () => {
  await pointServicesAtSimulator();
  const sample = await (await fetch(`${agency()}/contoh`)).json();
  const nik = sample.penduduk[0].nik;

  const context = await newContext({ bypassCSP: true, viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  let key;
  try {
    // The public directory and a service's page, without signing in.
    await page.goto('/interop');
    await page.fill('#q', 'penduduk');
    await page.click('form[role="search"] button');
    await page.waitForURL(/q=penduduk/);
    const card = page.locator('.service-card').first();
    assert.match(await card.innerText(), /Data penduduk menurut NIK/);
    assert.match(await card.innerText(), /Data pribadi/);
    await assertNoAxeViolations(page, 'the bus directory');
    await card.locator('a').first().click();
    await page.waitForURL(/\/interop\/layanan\/disdukcapil-labuhanbatu\/siak\/penduduk/);
    assert.match(await page.locator('main').innerText(), /\/penduduk\/\{nik\}/);
    assert.match(await page.locator('main').innerText(), /UU 27\/2022/);
    await assertNoAxeViolations(page, 'a service on the bus');
    await page.screenshot({ path: path.join(artifactDir, 'interop-service-360.png'), fullPage: true });

    // Dinas Kesehatan's admin registers SIMPUS and takes its key.
    await signIn(page, 'admin_instansi.dinkes@demo.go.id');
    await page.goto('/interop/kelola');
    await page.click('summary:has-text("Daftarkan sistem")');
    await page.fill('#sys-member', 'dinkes-labuhanbatu');
    await page.fill('#sys-code', 'SIMPUS');  // wrong: capitals
    await page.fill('#sys-name', 'SIMPUS Puskesmas');
    await page.click('form[action="/interop/kelola/sistem"] button[type="submit"]');
    assert.match(await page.locator('form[action="/interop/kelola/sistem"] .error').first().innerText(), /huruf kecil/);
    assert.equal(await page.inputValue('#sys-name'), 'SIMPUS Puskesmas', 'what was typed stays');
    await page.fill('#sys-code', 'simpus');
    await page.click('form[action="/interop/kelola/sistem"] button[type="submit"]');
    await page.waitForURL(/terdaftar=dinkes-labuhanbatu%2Fsimpus/);
    const row = page.locator('.table-wrap[aria-labelledby="sistem"] tr', { hasText: 'dinkes-labuhanbatu/simpus' });
    await row.locator('button').click();
    key = (await page.locator('#kunci-baru code').innerText()).trim();
    assert.match(key, /^spbe_[0-9a-f]{8}_/);
    await assertNoAxeViolations(page, 'the console with a new key');

    // Without a grant the bus refuses, and says why.
    const refused = await callPopulation(key, nik);
    assert.equal(refused.status, 403, refused.body);
    assert.match(refused.body, /akses|access/i);

    // The request: personal data needs a legal basis.
    await page.click('summary:has-text("Minta akses")');
    await page.selectOption('#acc-service', { label: 'Data penduduk menurut NIK (disdukcapil-labuhanbatu/siak/penduduk)' });
    await page.selectOption('#acc-client', { label: 'dinkes-labuhanbatu/simpus' });
    await page.fill('#acc-purpose', 'Mengisi identitas pasien baru dari NIK');
    await page.click('form[action="/interop/kelola/akses"] button[type="submit"]');
    assert.match(await page.locator('form[action="/interop/kelola/akses"] .error').first().innerText(), /dasar hukum/i);
    await page.fill('#acc-basis', 'Permendagri 102/2019');
    await page.click('form[action="/interop/kelola/akses"] button[type="submit"]');
    await page.waitForURL(/diminta=1/);
    assert.match(await page.locator('.table-wrap[aria-labelledby="akses"]').innerText(), /Menunggu keputusan penyedia/);
  } finally {
    await context.close();
  }

  // Disdukcapil's admin approves it.
  const provider = await newContext({ bypassCSP: true, viewport: { width: 360, height: 780 } });
  const p2 = await provider.newPage();
  try {
    await signIn(p2, 'admin_instansi.disdukcapil@demo.go.id');
    await p2.goto('/interop/kelola');
    const request = p2.locator('#masuk ~ ul li', { hasText: 'dinkes-labuhanbatu/simpus' });
    assert.match(await request.innerText(), /Permendagri 102\/2019/);
    await request.locator('input[value="approve"]').check();
    await request.locator('button[type="submit"]').click();
    await p2.waitForURL(/diputuskan=1/);
    assert.match(await p2.locator('.table-wrap[aria-labelledby="akses"]').innerText(), /Berlaku/);

    const answered = await callPopulation(key, nik);
    assert.equal(answered.status, 200, answered.body);
    assert.equal(JSON.parse(answered.body).nama, sample.penduduk[0].nama);

    await p2.goto('/interop/kelola');
    const log = await p2.locator('.table-wrap[aria-labelledby="log"]').innerText();
    assert.match(log, /dinkes-labuhanbatu\/simpus/);
    assert.match(log, /dijawab penyedia/);
    assert.match(log, /ditolak bus/);
    assert.ok(await p2.locator('.table-wrap[aria-labelledby="log"] a[download]').count() >= 2);
    await assertNoAxeViolations(p2, "the provider's console");
    await p2.screenshot({ path: path.join(artifactDir, 'interop-console-360.png'), fullPage: true });
  } finally {
    await provider.close();
  }
});

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

test('Akta Kelahiran: the parents\' names fetched through the bus, then typed when Disdukcapil is down', { timeout: 180000 }, async () => {
  const child = (await (await fetch(`${agency()}/contoh`)).json()).penduduk[0];
  const context = await newContext({ bypassCSP: true, viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  try {
    await signIn(page, 'warga1@demo.id');
    await page.goto('/layanan/akta-kelahiran/ajukan');
    await page.fill('#f-nama_anak', 'Bayi Uji');
    await page.fill('#f-nik_ayah', child.nik_ayah);
    await page.click('button[value="isi:nik_ayah"]');
    await page.waitForSelector('#f-nama_ayah-note');
    assert.equal(await page.inputValue('#f-nama_ayah'), child.nama_ayah, "the father's name, from Disdukcapil");
    assert.match(await page.locator('#f-nama_ayah-note').innerText(), /Diisi dari data Dinas Kependudukan/);
    assert.equal(await page.inputValue('#f-nama_anak'), 'Bayi Uji', 'what was typed stays');
    await assertNoAxeViolations(page, 'the form with a field filled through the bus');
    await page.screenshot({ path: path.join(artifactDir, 'akta-prefill-360.png'), fullPage: true });

    // Disdukcapil is down: the form says so, the name is typed, and the filing goes through.
    await stopAgency();
    await page.fill('#f-nik_ibu', child.nik_ibu);
    await page.click('button[value="isi:nik_ibu"]');
    await page.waitForSelector('#f-nik_ibu-note');
    assert.match(await page.locator('#f-nik_ibu-note').innerText(), /tidak dapat diambil/);
    await page.fill('#f-nama_ibu', 'Ibu Diketik Sendiri');
    await page.fill('#f-tanggal_lahir', '2026-11-20');
    await page.fill('#f-tempat_lahir', 'Rantauprapat');
    await page.selectOption('#f-jenis_kelamin', 'P');
    await page.setInputFiles('#f-surat_lahir', { name: 'surat.png', mimeType: 'image/png', buffer: PNG });
    await page.setInputFiles('#f-kartu_keluarga', { name: 'kk.png', mimeType: 'image/png', buffer: PNG });
    await page.click('button[value="ajukan"]');
    await page.waitForSelector('#tracking-number');
    assert.match(await page.locator('#tracking-number').innerText(), /\S/);
  } finally {
    await context.close();
  }
});
