// Browser tests of the public performance dashboard (/kinerja) on the seeded demo (whose history the dashboard's
// rollup builds at start): no sign-in, the charts are images with a name and a description, the page fits a 360 px
// phone, the period form works without JavaScript, and axe-core finds no WCAG 2.1 A/AA violation.
//
//   SPBE_BIN=build/spbe node --test tests/browser/kinerja.test.mjs   (ctest runs it as part of browser.*)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useServer, waitFor, newContext, switchToEnglish, assertNoAxeViolations, artifactDir } from './harness.mjs';

useServer();

// The rollup builds the figures a moment after the server starts: wait until the demo's history shows.
async function openWithFigures(page, url) {
  await waitFor(async () => {
    const response = await page.goto(url);
    assert.equal(response.status(), 200);
    return (await page.locator('#table-services tbody tr').count()) > 0;
  }, 'the dashboard showed no services', { everyMs: 200 });
}

test('kinerja: public figures, charts as named images, no WCAG 2.1 A/AA violations', { timeout: 120000 }, async () => {
  // axe runs as an inline script, which the page's CSP would block.
  const context = await newContext({ bypassCSP: true });
  const page = await context.newPage();
  try {
    await openWithFigures(page, '/kinerja');
    assert.equal(await page.locator('html').getAttribute('lang'), 'id');
    const charts = page.locator('svg[role="img"]');
    assert.equal(await charts.count(), 4);
    for (let i = 0; i < 4; i++) {
      const name = await charts.nth(i).evaluate((svg) => svg.getAttribute('aria-labelledby').split(' ')
        .map((id) => document.getElementById(id)?.textContent || '').join(' '));
      assert.ok(name.length > 20, `chart ${i} has no accessible name and description`);
    }
    assert.ok(await page.locator('a[href^="/api/v1/stats/services.csv?from="]').count() === 1, 'no CSV link');
    assert.ok(await page.locator('a[rel="license"]').count() === 1, 'no licence link');
    await assertNoAxeViolations(page, 'the Indonesian dashboard');

    // The period form is a plain GET form.
    await page.fill('#from', '2026-01-01');
    await page.fill('#to', '2026-06-30');
    await Promise.all([page.waitForURL(/from=2026-01-01&to=2026-06-30/), page.click('form.filters button[type=submit]')]);
    assert.equal(await page.locator('#table-months tbody tr').count(), 6);

    // A bad period says what is wrong, next to the field.
    await page.goto('/kinerja?from=2026-06-30&to=2026-01-01');
    assert.equal(await page.locator('#error-summary').count(), 1);
    assert.equal(await page.locator('#to').getAttribute('aria-invalid'), 'true');
    await assertNoAxeViolations(page, 'the dashboard with a bad period');

    await page.goto('/kinerja');
    await switchToEnglish(page);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await assertNoAxeViolations(page, 'the English dashboard');
  } finally {
    await context.close();
  }
});

test('kinerja: fits a 360 px phone, the tables scroll in their own box', { timeout: 60000 }, async () => {
  const context = await newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  try {
    await openWithFigures(page, '/kinerja');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the 360px viewport`);
    const width = await page.locator('svg[role="img"]').first().evaluate((svg) => svg.getBoundingClientRect().width);
    assert.ok(width > 250 && width <= 360, `a chart is ${width}px wide on a 360px phone`);
    await page.screenshot({ path: path.join(artifactDir, 'kinerja-id-mobile.png'), fullPage: true });
  } finally {
    await context.close();
  }
});
