// The agency admin edits services in the browser, without writing JSON: a new service is created, refused at
// publishing with the problems named beside their parts, completed (standard, a form field, a workflow step at the
// agency), published, and then found in the public catalogue with its form. Pages checked with axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, newContext, assertNoAxeViolations, signIn } from './harness.mjs';

useServer();

test('an agency admin creates, completes and publishes a service through the editor', { timeout: 120000 }, async () => {
  const context = await newContext({ bypassCSP: true });
  const page = await context.newPage();
  try {
    await signIn(page, 'admin_instansi.dpmptsp@demo.go.id');
    await page.goto('/admin');
    await Promise.all([page.waitForNavigation(), page.click('a[href="/admin/layanan"]')]);
    const listed = await page.locator('tbody td:first-child').allInnerTexts();
    assert.ok(listed.some((t) => t.startsWith('Izin Praktik Bidan')), `DPMPTSP's services are listed: ${listed}`);
    assert.ok(!listed.some((t) => t.startsWith('Akta Kelahiran')), 'not another agency\'s');
    await assertNoAxeViolations(page, 'the services admin list');

    await page.click('summary:has-text("Buat layanan baru")');
    const home = await page.locator('#new-node option', { hasText: 'Penanaman Modal' }).first().getAttribute('value');
    await page.selectOption('#new-node', home);
    await page.fill('#new-name', 'Izin Usaha Kuliner');
    await page.fill('#new-slug', 'izin-usaha-kuliner');
    await Promise.all([page.waitForNavigation(), page.click('form[action="/admin/layanan"] button[type=submit]')]);
    assert.match(page.url(), /\/admin\/layanan\/\d+\?baru=1$/);
    assert.match(await page.locator('.alert-ok').innerText(), /draf/);
    await assertNoAxeViolations(page, 'the service editor');

    // Published as it is: refused, every problem named and placed beside its part.
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/terbitkan"] button')]);
    const problems = await page.locator('#error-summary li').allInnerTexts();
    assert.ok(problems.some((p) => /dasar hukum/.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => /langkah/.test(p)), problems.join('\n'));
    assert.match(await page.locator('#standard .error').first().innerText(), /dasar hukum|produk|pengaduan/);
    await assertNoAxeViolations(page, 'the editor with problems');

    // Completed in the form: the standard, one field, one step at DPMPTSP.
    await page.fill('#name_en', 'Culinary Business Permit');
    await page.fill('#legal_basis', 'Peraturan Bupati Labuhanbatu Nomor 12 Tahun 2025');
    await page.fill('#output_id', 'Surat izin usaha kuliner');
    await page.fill('#complaints_id', 'SP4N-LAPOR! dan loket pengaduan DPMPTSP');
    await page.fill('#field-0-name', 'nama_usaha');
    await page.selectOption('#field-0-type', 'text');
    await page.fill('#field-0-label_id', 'Nama usaha');
    await page.check('#field-0-required');
    await page.fill('#step-0-key', 'verifikasi');
    await page.fill('#step-0-name_id', 'Verifikasi dan keputusan');
    const dpmptsp = await page.locator('#step-0-node option', { hasText: 'Penanaman Modal' }).first().getAttribute('value');
    await page.selectOption('#step-0-node', dpmptsp);
    await page.selectOption('#step-0-role', 'verifikator');
    await page.check('#step-0-a-verify');
    await page.check('#step-0-a-return');
    await page.fill('#step-0-days', '3');
    await Promise.all([page.waitForNavigation(), page.click('form.editor button[type=submit]')]);
    assert.match(page.url(), /\?ok=saved$/, await page.locator('#error-summary').allInnerTexts().then((t) => t.join('\n')));
    assert.equal(await page.inputValue('#field-0-name'), 'nama_usaha');
    assert.equal(await page.inputValue('#step-0-key'), 'verifikasi');

    // A last step that cannot approve never finishes a file: refused, at that step.
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/terbitkan"] button')]);
    assert.ok((await page.locator('#step-0 .error').count()) > 0, 'the problem is shown at the step');

    await page.check('#step-0-a-approve');
    await Promise.all([page.waitForNavigation(), page.click('form.editor button[type=submit]')]);
    assert.match(page.url(), /\?ok=saved$/);
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/terbitkan"] button')]);
    assert.match(page.url(), /\?ok=published$/, await page.locator('#error-summary').allInnerTexts().then((t) => t.join('\n')));
    assert.match(await page.locator('.alert-ok').innerText(), /diterbitkan/);

    // In the public catalogue, with its standard and its form.
    await page.goto('/layanan/izin-usaha-kuliner');
    assert.match(await page.locator('h1').innerText(), /Izin Usaha Kuliner/);
    assert.match(await page.locator('main').innerText(), /Peraturan Bupati Labuhanbatu Nomor 12 Tahun 2025/);
    assert.match(await page.locator('main').innerText(), /Verifikasi dan keputusan/);
    const api = await (await page.request.get('/api/v1/services/izin-usaha-kuliner')).json();
    assert.deepEqual(api.form.fields.map((f) => [f.name, f.type, f.required]), [['nama_usaha', 'text', true]]);
  } finally {
    await context.close();
  }

  // Another agency's admin cannot open the editor of a DPMPTSP service, whatever id is typed.
  const other = await newContext();
  try {
    const p = await other.newPage();
    await signIn(p, 'admin_instansi.dinkes@demo.go.id');
    await p.goto('/admin/layanan');
    const ids = await p.locator('tbody a[href^="/admin/layanan/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (let id = 1; id <= 8; id++) {
      const res = await p.goto(`/admin/layanan/${id}`);
      if (ids.includes(`/admin/layanan/${id}`)) continue;
      assert.equal(res.status(), 404, `service ${id} is not Dinkes's`);
    }
  } finally {
    await other.close();
  }
});
