// Times Sveltia CMS's relation picker on a repository copied into the
// browser's origin-private file system (its local-repository mode needs a
// folder picked by hand; here the picker is answered with that folder).
// Benchmark only; see scripts/bench-editor.sh.
import { chromium } from '../../tests/browser/node_modules/playwright-core/index.mjs';
const url = process.argv[2];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (r) => r.abort());
const page = await context.newPage();
page.on('pageerror', (e) => console.log('pageerror', String(e).slice(0, 300)));
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console', m.type(), m.text().slice(0, 200)); });
// Fill the origin-private file system with the repository, then let the
// "local repository" button pick it.
await page.goto(url + 'files.json');
const t0 = Date.now();
const n = await page.evaluate(async () => {
  const files = await (await fetch('files.json')).json();
  const root = await navigator.storage.getDirectory();
  await root.getDirectoryHandle('.git', { create: true });
  let n = 0;
  for (const [path, text] of Object.entries(files)) {
    const parts = path.split('/');
    let dir = root;
    for (const p of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(p, { create: true });
    const fh = await dir.getFileHandle(parts.at(-1), { create: true });
    const w = await fh.createWritable();
    await w.write(text);
    await w.close();
    n++;
  }
  return n;
});
console.log('wrote', n, 'files to OPFS in', Date.now() - t0, 'ms');
await page.addInitScript(() => { window.showDirectoryPicker = async () => navigator.storage.getDirectory(); });
await page.goto(url);
await page.waitForTimeout(4000);
await page.screenshot({ path: '/tmp/sv1.png' });
const buttons = await page.getByRole('button').allInnerTexts();
console.log('buttons', JSON.stringify(buttons));
const local = page.getByRole('button', { name: /Local/i }).first();
const t1 = Date.now();
await local.click();
await page.getByText('Kegiatan').first().waitFor({ timeout: 300000 });
console.log('site data loaded in', Date.now() - t1, 'ms');
await page.goto(url + '#/collections/activities/new');
await page.waitForTimeout(3000);
await page.screenshot({ path: '/tmp/sv3.png', fullPage: true });
const box = page.locator('[role="combobox"]').first();
const res = [];
for (const q of JSON.parse(process.argv[3])) {
  await box.click();
  await page.waitForTimeout(500);
  const input = page.locator('input[type="search"]:visible, [id^="popup-"] input:visible').first();
  if (!res.length) console.log('search inputs', await input.count(), await page.evaluate(() => document.activeElement.outerHTML.slice(0, 300)));
  const t0 = Date.now();
  if (await input.count()) { await input.fill(''); await input.pressSequentially(q.text, { delay: 30 }); }
  else await page.keyboard.type(q.text, { delay: 30 });
  const typedAt = Date.now();
  await page.getByRole('option', { name: q.expect }).first().waitFor({ timeout: 120000 });
  res.push({ query: q.text, after_last_key_ms: Date.now() - typedAt, from_first_key_ms: Date.now() - t0 });
  await page.screenshot({ path: '/tmp/sv4.png' });
  await page.keyboard.press('Escape');
}
console.log(JSON.stringify(res));
await browser.close();
