// The API reference (/api/docs): reached from the footer, rendered by Redoc from the live OpenAPI document with the
// page's own Content-Security-Policy (no CSP bypass: the renderer must work under it), readable at 360 px, and without
// JavaScript it still says where the document is.
//
//   SPBE_BIN=build/spbe node --test tests/browser/api_docs.test.mjs   (ctest runs it as part of browser.*)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useServer, newContext, artifactDir, waitFor } from './harness.mjs';

useServer();

test('api docs: from the footer, rendered under the page CSP, at 360 and 1280 px', { timeout: 120000 }, async () => {
  const context = await newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.goto('/');
    await Promise.all([page.waitForNavigation(), page.click('footer a[href="/api/docs"]')]);
    assert.equal(await page.locator('h1').first().innerText(), 'Referensi API');
    assert.equal(await page.locator('a[href="/api/v1/openapi.json"]').count(), 1);
    // Redoc renders the operations' summaries from the document.
    await waitFor(async () => (await page.getByText('File an application under a service', { exact: false }).count()) > 0,
      'Redoc did not render the operations', { describe: async () => errors.join('\n') });
    const csp = (await page.request.get('/api/docs')).headers()['content-security-policy'];
    assert.match(csp, /script-src 'self';/, 'scripts only from this server');
    // Redoc's "powered by" badge always asks its CDN for a logo; the page's CSP refuses it, so nothing leaves this
    // server. Anything else refused would be a part of the page that does not work.
    const refused = errors.filter((e) => /Content Security Policy|Refused/.test(e) && !e.includes('cdn.redoc.ly/redoc/logo-mini.svg'));
    assert.deepEqual(refused, [], 'nothing else refused by the CSP');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the page is ${overflow} px wider than a 360 px phone`);
    await page.screenshot({ path: path.join(artifactDir, 'api-docs-360.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: path.join(artifactDir, 'api-docs-1280.png') });
  } finally {
    await context.close();
  }
  const noJs = await newContext({ javaScriptEnabled: false });
  try {
    const page = await noJs.newPage();
    await page.goto('/api/docs?lang=en');
    assert.match(await page.locator('main').innerText(), /Without it, download the OpenAPI document above/);
  } finally {
    await noJs.close();
  }
});
