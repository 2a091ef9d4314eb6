// Drives the web editor (/admin/) in real headless Chromium with Playwright,
// for tests/editor_browser.rs and scripts/bench-editor.sh. The CMS scripts the
// page loads from the CDN are answered from this folder's node_modules (the
// same npm files, so their Subresource Integrity hashes must match).
//
//   node editor.mjs <task> <admin URL> [JSON arguments]
//
// Tasks: `create` (a new activity through the form), `edit-venue`, `add-region`,
// `screenshots`, `picker` (time until the organiser picker shows matches).
// Prints one JSON line with the outcome.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const [task, adminUrl, argsJson] = process.argv.slice(2);
const args = argsJson ? JSON.parse(argsJson) : {};
const CDN = 'https://cdn.jsdelivr.net/npm/';

function log(...m) {
  if (process.env.EDITOR_DEBUG) console.error(...m);
}

/** Answers CDN requests from node_modules, refusing versions not installed. */
async function serveCdn(context) {
  await context.route(`${CDN}**`, async (route) => {
    const rest = route.request().url().slice(CDN.length);
    const m = rest.match(/^((?:@[^/]+\/)?[^@/]+)@([^/]+)\/(.+)$/);
    if (!m) return route.fulfill({ status: 404, body: 'not a package path' });
    const [, pkg, version, file] = m;
    const dir = join(here, 'node_modules', pkg);
    const installed = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
    if (installed !== version) {
      return route.fulfill({ status: 404, body: `${pkg}@${version} is not installed (have ${installed})` });
    }
    let body;
    try {
      body = readFileSync(join(dir, file.split('?')[0]));
    } catch {
      return route.fulfill({ status: 404, body: 'no such file' });
    }
    const type = file.endsWith('.css') ? 'text/css' : file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
    return route.fulfill({ status: 200, body, headers: { 'content-type': type, 'access-control-allow-origin': '*' } });
  });
  // Nothing else leaves the machine (fonts, analytics): fail fast.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) =>
    route.request().url().startsWith(CDN) ? route.fallback() : route.abort(),
  );
}

async function open(width = 1280, height = 900) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({ viewport: { width, height }, locale: 'id-ID' });
  await serveCdn(context);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => log('console', m.type(), m.text()));
  return { browser, page, errors };
}

/** Signs in to the local repository (the proxy backend's one button). */
async function login(page, url) {
  await page.goto(url);
  await page.getByRole('button', { name: /^Masuk$/ }).click({ timeout: 60_000 });
  await page.waitForSelector('text=Koleksi', { timeout: 60_000 });
}

/** The input a field's label points at. */
function field(scope, label) {
  return scope.getByLabel(label, { exact: false }).first();
}

/** Opens a react-select (select or picker) by its label and picks `option`
 *  after typing `typed`; returns ms from the last key to the option showing. */
async function pick(page, label, typed, option) {
  const input = page.locator(`label:text-matches("^${label}", "i")`).first();
  const id = await input.getAttribute('for');
  const box = page.locator(`[id="${id}"]`);
  await box.click();
  const started = Date.now();
  if (typed) await box.pressSequentially(typed, { delay: 20 });
  const typedAt = Date.now();
  const opt = page.getByRole('option', { name: option, exact: false }).first();
  await opt.waitFor({ timeout: 60_000 });
  const shown = Date.now() - typedAt;
  await opt.click();
  log('picked', label, option, 'in', shown, 'ms', 'total', Date.now() - started);
  return shown;
}

/** Types into the input a label points at (the Markdown editor is an
 *  editable block, not a textarea). */
async function typeInto(page, label, text) {
  const id = await page.locator(`label:text-matches("^${label}", "i")`).first().getAttribute('for');
  const target = page.locator(`[id="${id}"]`);
  const editable = (await target.count()) ? target : page.locator('[contenteditable="true"]').last();
  await editable.click();
  await page.keyboard.type(text, { delay: 5 });
}

async function publish(page) {
  await page.getByRole('button', { name: /^Terbitkan/ }).first().click();
  const now = page.getByText(/^Terbitkan sekarang$/);
  await now.waitFor({ timeout: 10_000 });
  await now.click();
  await page.getByText(/^Perubahan tersimpan$/).first().waitFor({ timeout: 60_000 });
}

async function create(url) {
  const { browser, page, errors } = await open();
  await login(page, url);
  await page.goto(`${url}#/collections/activities/new`);
  await field(page, 'Judul').waitFor({ timeout: 60_000 });
  await field(page, 'Judul').fill(args.title);
  await field(page, 'Tanggal').fill(args.date);
  await pick(page, 'Jenis kegiatan', '', args.kindLabel);
  await pick(page, 'Wilayah', args.regionTyped, args.regionName);
  await pick(page, 'Penyelenggara', args.organizerTyped, args.organizerName);
  await pick(page, 'Ormas yang disebut', args.ormasTyped, args.ormasName);
  if (process.env.EDITOR_DEBUG) await page.screenshot({ path: '/tmp/before-sources.png', fullPage: true });
  await page.getByRole('button', { name: /Tambah Sumber/i }).click();
  await field(page, 'Alamat (URL)').fill(args.sourceUrl);
  await field(page, 'Penerbit').fill(args.publisher);
  if (args.screenshot) await page.screenshot({ path: args.screenshot, fullPage: false });
  await typeInto(page, 'Isi siaran pers', args.body);
  await publish(page);
  await browser.close();
  return { errors };
}

async function editVenue(url) {
  const { browser, page, errors } = await open();
  await login(page, url);
  await page.goto(`${url}#/collections/activities/entries/${args.entry}`);
  await field(page, 'Tempat').waitFor({ timeout: 60_000 });
  await field(page, 'Tempat').fill(args.venue);
  await publish(page);
  await browser.close();
  return { errors };
}

async function addRegion(url) {
  const { browser, page, errors } = await open();
  await login(page, url);
  await page.goto(`${url}#/collections/lists/entries/regions`);
  await page.getByText(/Tambah wilayah/i).first().waitFor({ timeout: 60_000 });
  await page.getByText(/Tambah wilayah/i).first().click();
  await page.getByLabel('Kode Kemendagri').last().fill(args.code);
  await page.getByLabel('Nama').last().fill(args.name);
  await publish(page);
  await browser.close();
  return { errors };
}

async function pickerTiming(url) {
  const { browser, page, errors } = await open();
  await login(page, url);
  const loadStart = Date.now();
  await page.goto(`${url}#/collections/activities/new`);
  await field(page, 'Judul').waitFor({ timeout: 120_000 });
  const formMs = Date.now() - loadStart;
  const times = [];
  for (const typed of args.queries) {
    const label = 'Ormas yang disebut';
    const id = await page.locator(`label:text-matches("^${label}", "i")`).first().getAttribute('for');
    const box = page.locator(`[id="${id}"]`);
    await box.click();
    await box.fill('');
    const t0 = Date.now();
    await box.pressSequentially(typed.text, { delay: 30 });
    const typedAt = Date.now();
    await page.getByRole('option', { name: typed.expect, exact: false }).first().waitFor({ timeout: 300_000 });
    times.push({ query: typed.text, after_last_key_ms: Date.now() - typedAt, from_first_key_ms: Date.now() - t0 });
    await page.keyboard.press('Escape');
  }
  await browser.close();
  return { formMs, times, errors };
}

async function screenshots(url) {
  const out = [];
  for (const [width, height] of [[1280, 900], [360, 780]]) {
    const { browser, page } = await open(width, height);
    if (args.login) {
      await page.goto(url);
      await page.getByRole('button', { name: /^Masuk/ }).first().waitFor({ timeout: 60_000 });
      await page.screenshot({ path: `${args.dir}/editor-login-${width}.png` });
      out.push(`editor-login-${width}.png`);
    }
    if (args.login) {
      await browser.close();
      continue;
    }
    await login(page, url);
    await page.screenshot({ path: `${args.dir}/editor-list-${width}.png` });
    await page.goto(`${url}#/collections/activities/new`);
    await field(page, 'Judul').waitFor({ timeout: 60_000 });
    await field(page, 'Judul').fill(args.title);
    await field(page, 'Tanggal').fill(args.date);
    await pick(page, 'Jenis kegiatan', '', args.kindLabel);
    await pick(page, 'Penyelenggara', args.organizerTyped, args.organizerName);
    await page.keyboard.press('Escape');
    await page.getByText('Judul', { exact: true }).first().scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${args.dir}/editor-form-${width}.png` });
    out.push(`editor-list-${width}.png`, `editor-form-${width}.png`);
    await browser.close();
  }
  return { files: out };
}

const tasks = { create, 'edit-venue': editVenue, 'add-region': addRegion, picker: pickerTiming, screenshots };
try {
  const result = await tasks[task](adminUrl);
  console.log(JSON.stringify({ ok: true, ...result }));
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: String(e && e.stack ? e.stack : e) }));
  process.exitCode = 1;
}
