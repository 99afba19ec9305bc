// A walk through every page people use, as each of them: anonymous, a citizen, each officer role, the complaint
// desk, finance, the auditor and the admins, on a phone (360 px) and a desktop (1280 px). On every page: nothing
// wider than the screen, no axe violation, no time in UTC or ISO form, no raw code (role, kind, status, region code,
// hex id). Pages behind a list (a file, a report, a service, a document) are found by following the first link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, newContext, assertNoAxeViolations, signIn } from './harness.mjs';

useServer();

const widths = [
  { name: 'phone', options: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, bypassCSP: true } },
  { name: 'desktop', options: { viewport: { width: 1280, height: 800 }, bypassCSP: true } },
];

// Who walks where. `follow`: a list page and the selector of the link to its first item.
const walkers = [
  { who: 'anonymous', pages: ['/', '/layanan', '/layanan?q=usaha', '/lapor', '/laporan', '/lacak', '/lapor/lacak', '/masuk',
    '/masuk?kembali=%2Flayanan%2Fizin-reklame%2Fajukan', '/daftar', '/verifikasi', '/lupa-sandi', '/verifikasi-dokumen', '/kinerja'],
    follow: [['/layanan', '.service-card h2 a'], ['/laporan', 'main article h2 a, main li h2 a, main h2 a[href^="/laporan/"]']] },
  { who: 'warga1@demo.id', pages: ['/permohonan', '/permohonan?tampil=selesai', '/profil', '/kotak-masuk', '/lapor',
    '/layanan/surat-keterangan-domisili/ajukan'],
    follow: [['/permohonan', 'main tbody a[href^="/permohonan/"]'],
      ['/permohonan?tampil=selesai', 'main tbody a[href^="/permohonan/"]', 'a[href^="/verifikasi/"]']] },
  { who: 'loket.padang-matinggi@demo.go.id', pages: ['/kerja'], follow: [['/kerja', 'main tbody a[href^="/kerja/"]']] },
  { who: 'verifikator.disdukcapil@demo.go.id', pages: ['/kerja', '/profil'], follow: [['/kerja', 'main tbody a[href^="/kerja/"]']] },
  { who: 'teknis.dpmptsp@demo.go.id', pages: ['/kerja'], follow: [['/kerja', 'main tbody a[href^="/kerja/"]']] },
  { who: 'kepala.dpmptsp@demo.go.id', pages: ['/kerja', '/kerja?status=completed'],
    follow: [['/kerja?status=completed', 'main tbody a[href^="/kerja/"]']] },
  { who: 'pengaduan@demo.go.id', pages: ['/pengaduan', '/pengaduan/rute'],
    follow: [['/pengaduan', 'main tbody a[href^="/pengaduan/"]']] },
  { who: 'bendahara@demo.go.id', pages: ['/keuangan'] },
  { who: 'auditor@demo.go.id', pages: ['/audit', '/audit?action=org.create_node'] },
  { who: 'admin_instansi.dpmptsp@demo.go.id', pages: ['/admin', '/admin/layanan'],
    follow: [['/admin/layanan', 'main tbody a[href^="/admin/layanan/"]']] },
  { who: 'admin@demo.go.id', pages: ['/admin', '/kinerja'] },
];

// What a person must never read: a time in UTC or ISO form, a code instead of a word, an id instead of a name.
const forbidden = [
  [/\bUTC\b/, 'a time in UTC'],
  [/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, 'an ISO time'],
  // (an e-mail address such as admin_instansi.dpmptsp@demo.go.id is a word people use)
  [/(?<![\w.@])(admin_platform|admin_instansi|perangkat_daerah|kelurahan_desa|unit_kerja|kabupaten_kota|kementerian_lembaga|in_progress|awaiting_payment)(?![\w.@])/, 'a code'],
  [/\b\d{2}\.\d{2}\.\d{2}(\.\d{4})?\b/, 'a region code'],
  [/\(-\d+ hari/, 'a negative count of days'],
];

async function inspect(page, label, problems) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) problems.push(`${label}: ${overflow}px wider than the screen`);
  // A file format's description (the bank statement's columns) may name UTC: it describes a file, not a time shown.
  const text = await page.evaluate(() => {
    const body = document.body.cloneNode(true);
    body.querySelectorAll('.format-note').forEach((n) => n.remove());
    document.documentElement.appendChild(body);  // innerText needs it rendered
    const t = body.innerText;
    body.remove();
    return t;
  });
  for (const [pattern, what] of forbidden) {
    const m = text.match(pattern);
    if (m) problems.push(`${label}: ${what}: "${m[0]}"`);
  }
  const timeline = (await page.locator('.timeline').allInnerTexts()).join('\n');
  const hex = timeline.match(/\b[0-9a-f]{16,}\b/);
  if (hex) problems.push(`${label}: a raw id in the timeline: ${hex[0]}`);
  try {
    await assertNoAxeViolations(page, label);
  } catch (e) {
    problems.push(e.message);
  }
}

for (const walker of walkers) {
  test(`walk as ${walker.who}: every page fits 360 and 1280 px, passes axe, speaks in words and local time`, { timeout: 240000 }, async () => {
    const problems = [];
    for (const { name, options } of widths) {
      const context = await newContext(options);
      const page = await context.newPage();
      try {
        if (walker.who !== 'anonymous') await signIn(page, walker.who);
        const targets = [...walker.pages];
        // Each `follow` is a start page and the links to follow from it, one page after another.
        for (const [start, ...selectors] of walker.follow || []) {
          let at = start;
          for (const selector of selectors) {
            await page.goto(at);
            const link = page.locator(selector).first();
            assert.ok(await link.count() > 0, `${walker.who}: ${at} has no link to follow (${selector})`);
            at = await link.getAttribute('href');
          }
          targets.push(at);
        }
        for (const target of targets) {
          const response = await page.goto(target);
          const label = `${target} as ${walker.who} on a ${name}`;
          if (response.status() >= 400) problems.push(`${label}: status ${response.status()}`);
          await inspect(page, label, problems);
        }
      } finally {
        await context.close();
      }
    }
    assert.equal(problems.length, 0, `${problems.length} problem(s):\n${problems.join('\n')}`);
  });
}
