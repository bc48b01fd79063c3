// The dashboard in a real browser: Talkwatch's all-in-one process (embedded database and log, as
// `npm start` runs it) serves it at /, and Debian's chromium, driven by playwright-core, reads it.
// Checks the overview, a track's merged round with its sources and evidence, a live update after a
// POST, as-of hiding a later fact, the operator pages asking for a key, and axe's verdict; saves
// the screenshots the README shows (docs/screenshots).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { adminKey, apiKeysEnv, ingestKey, jsonWith } from './harness/api-keys.js';
import { startApp, type AppProcess } from './harness/app-process.js';
import { freePort, waitFor } from './harness/ports.js';
import { repoRoot } from './harness/repo.js';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const screenshots = path.join(repoRoot, 'docs', 'screenshots');
const desktop = { width: 1280, height: 900 };
const phone = { width: 390, height: 844 };

// Articles in our own words: two outlets report one meeting (announced, then held), a third a
// later, separate negotiation; the fourth is posted while the page is open.
const announced = {
  title: 'Serbia and Kosovo to meet in Brussels next week',
  url: 'https://news.example.org/2026/03/06/serbia-kosovo-brussels',
  publishedAt: '2026-03-06',
  body: [
    'Serbia and Kosovo will hold a new round of talks in Brussels on 14 March, European Union officials said on Friday.',
    "The meeting is meant to settle how the two sides carry out last year's agreement.",
  ].join('\n\n'),
};
const held = {
  title: 'Brussels round between Serbia and Kosovo ends without a deal',
  url: 'https://wire.example.com/serbia-kosovo-round-ends',
  publishedAt: '2026-03-15',
  body: ["Negotiators from Serbia and Kosovo held talks in Brussels on 14 March, the EU's envoy said.", 'Kosovo demanded that Serbia recognise its vehicle licence plates.'].join('\n\n'),
};
const later = {
  title: 'Ethiopia and Egypt agree to restart dam negotiations',
  url: 'https://daily.example.net/ethiopia-egypt-dam-talks',
  publishedAt: '2026-04-20',
  body: 'Ethiopia and Egypt will resume negotiations over the Nile dam in Cairo on 2 May, the two foreign ministries announced.',
};
// Published today for a meeting ten days ahead: the countdown and the "next 14 days" filter.
const dayMs = 86_400_000;
const today = new Date(Math.floor(Date.now() / dayMs) * dayMs);
const inTenDays = new Date(today.getTime() + 10 * dayMs);
const spelled = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(inTenDays);
const liveArticle = {
  title: 'Armenia and Azerbaijan set a date for talks in Washington',
  url: 'https://gazette.example.org/armenia-azerbaijan-washington',
  publishedAt: today.toISOString().slice(0, 10),
  body: `Armenia and Azerbaijan will hold peace talks in Washington on ${spelled}, the State Department said.`,
};

interface TrackSummary {
  id: string;
  name: string;
  roundCount: number;
}

const noChromium = !existsSync(executablePath);
if (noChromium) {
  const message = `dashboard e2e: no chromium at ${executablePath} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
  // In CI a missing browser is a failure, never a skip: .ci/run installs it.
  if (process.env.CI === 'true') throw new Error(`${message}; CI must run the browser test`);
  process.stderr.write(`\n${'!'.repeat(100)}\n!! SKIPPING ${message}\n${'!'.repeat(100)}\n\n`);
}

describe('dashboard in chromium', { skip: noChromium ? `no chromium at ${executablePath}` : false }, () => {
  let app: AppProcess;
  let dataDir: string;
  let userDataDir: string;
  let browser: BrowserContext;
  let page: Page;
  /** Uncaught errors in the page and refusals by its Content-Security-Policy: there must be none. */
  const pageProblems: string[] = [];

  async function post(article: object): Promise<void> {
    const res = await fetch(`${app.baseUrl}/articles`, { method: 'POST', headers: jsonWith(ingestKey), body: JSON.stringify(article) });
    assert.equal(res.status < 300, true, `POST /articles answered ${res.status}: ${await res.text()}`);
  }

  async function tracks(query = ''): Promise<TrackSummary[]> {
    return (await (await fetch(`${app.baseUrl}/talks${query}`)).json()) as TrackSummary[];
  }

  async function trackNamed(party: string): Promise<TrackSummary> {
    return waitFor(`a track with ${party}`, async () => (await tracks()).find((t) => t.name.includes(party)), 20_000, 200);
  }

  async function noSeriousViolations(what: string): Promise<void> {
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(
      serious.map((v) => `${v.id} (${String(v.impact)}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      [],
      `axe on ${what}`,
    );
  }

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'talkwatch-dashboard-'));
    userDataDir = await mkdtemp(path.join(tmpdir(), 'talkwatch-chromium-'));
    app = await startApp(
      'talkwatch',
      await freePort(),
      { DATA_DIR: dataDir, API_KEYS: apiKeysEnv, LOAD_EXAMPLES: 'false', DELIVERY_POLL_MS: '200' },
      ['DATABASE_URL', 'KAFKA_BROKERS', 'SMTP_URL', 'PUBLIC_READ', 'DASHBOARD_DIR'],
    );
    for (const article of [announced, held, later]) await post(article);
    await waitFor('the merged round and the later track', async () => {
      const known = await tracks();
      return known.length === 2 && known.every((t) => t.roundCount === 1) ? true : undefined;
    }, 30_000, 200);
    browser = await chromium.launchPersistentContext(userDataDir, { executablePath, args: chromiumArgs, headless: true, viewport: desktop });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (error) => pageProblems.push(`uncaught: ${error.message}`));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) pageProblems.push(`csp: ${message.text()}`);
    });
    await mkdir(screenshots, { recursive: true });
  });

  after(async () => {
    await browser.close().catch(() => undefined);
    const code = await app.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(userDataDir, { recursive: true, force: true });
    assert.equal(code, 0, app.output());
  });

  it('serves the page with its assets and keeps unknown paths a problem+json 404', async () => {
    const res = await fetch(`${app.baseUrl}/`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(await res.text())?.[1];
    assert.ok(asset, 'index.html names its script');
    assert.equal((await fetch(`${app.baseUrl}${asset}`)).status, 200);
    const missing = await fetch(`${app.baseUrl}/assets/nothing-here.js`);
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { code: string }).code, 'not-found');
    const unknown = await fetch(`${app.baseUrl}/no-such-page`);
    assert.equal(unknown.status, 404);
    assert.match(unknown.headers.get('content-type') ?? '', /problem\+json/);
  });

  it('lists every track on the overview, with status in words and the freshness of its reports', async () => {
    const serbia = await trackNamed('Serbia');
    const egypt = await trackNamed('Egypt');
    await page.goto(`${app.baseUrl}/`);
    await page.getByRole('heading', { name: 'Negotiations', level: 1 }).waitFor();
    const rows = page.locator('table.tracks tbody tr');
    await page.getByRole('link', { name: serbia.name }).waitFor();
    assert.equal(await rows.count(), 2);
    const serbiaRow = page.locator(`tr[data-track-id="${serbia.id}"]`);
    const text = await serbiaRow.innerText();
    assert.match(text, /Active/, 'the status as a word');
    assert.match(text, /14 Mar 2026/, 'the last round');
    assert.match(text, /Brussels/);
    assert.match(text, /2 sources/);
    assert.match(await page.locator(`tr[data-track-id="${egypt.id}"]`).innerText(), /2 May 2026/, 'the next round');
    // Filters: by status (the Egypt track is proposed) and by search.
    await page.getByLabel('Status', { exact: true }).selectOption('proposed');
    await page.getByText('Showing 1 of 2 negotiations').waitFor();
    assert.equal(await rows.count(), 1);
    await page.getByLabel('Status', { exact: true }).selectOption('');
    await page.getByLabel('Search', { exact: true }).fill('kosovo');
    await page.getByText('Showing 1 of 2 negotiations').waitFor();
    assert.match(await rows.first().innerText(), /Serbia/);
    await page.getByLabel('Search', { exact: true }).fill('');
    await noSeriousViolations('the overview');
  });

  it('shows the merged round on the track page with both sources and the evidence sentence', async () => {
    const serbia = await trackNamed('Serbia');
    await page.getByRole('link', { name: serbia.name }).click();
    await page.getByRole('heading', { name: serbia.name, level: 1 }).waitFor();
    assert.equal(await page.locator('figure.timeline svg').count(), 1, 'the timeline picture');
    const rounds = page.locator('li.round');
    assert.equal(await rounds.count(), 1, 'two reports of one meeting are one round');
    const round = rounds.first();
    assert.match(await round.innerText(), /Held/);
    await round.getByText('2 sources').click();
    const sources = round.locator('li.source');
    assert.equal(await sources.count(), 2);
    const first = await sources.nth(0).innerText();
    assert.match(first, /news\.example\.org/, 'the outlet');
    assert.match(first, /6 Mar 2026/, 'the publication day');
    assert.match(first, /will hold a new round of talks in Brussels on 14 March/, 'the evidence sentence');
    assert.equal(await round.getByRole('link', { name: announced.title }).getAttribute('href'), announced.url);
    const marked = await sources.nth(0).locator('mark').allInnerTexts();
    assert.ok(marked.some((m) => /14 March|Brussels/.test(m)), `the evidence is highlighted (marked: ${marked.join(' | ')})`);
    // The demand, grouped under the party that made it.
    const kosovo = page.getByRole('region', { name: 'Demands by Kosovo' });
    assert.match(await kosovo.innerText(), /licence plates/);
    assert.match(await kosovo.innerText(), /Open/);
    await noSeriousViolations('the track page');
    await page.screenshot({ path: path.join(screenshots, 'track-desktop.png'), fullPage: true });
    await page.setViewportSize(phone);
    await page.screenshot({ path: path.join(screenshots, 'track-phone.png'), fullPage: true });
    await page.setViewportSize(desktop);
  });

  it('shows a change from the event stream without reloading, marked as new', async () => {
    await page.goto(`${app.baseUrl}/`);
    await page.locator('[data-testid=live-status].live-open').waitFor();
    // Anything set on the window would be lost on a reload.
    await page.evaluate(() => {
      (globalThis as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    await post(liveArticle);
    const armenia = await trackNamed('Armenia');
    const row = page.locator(`tr[data-track-id="${armenia.id}"]`);
    await row.waitFor({ timeout: 20_000 });
    assert.equal(await row.locator(".new-badge").innerText(), "NEW", "the New badge");
    assert.equal(await row.getAttribute('class'), 'is-new');
    assert.equal(await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded), true, 'the page was not reloaded');
    assert.match(await row.innerText(), /in 10 days/, 'the countdown to the next round');
    // The filter lives in the URL (the router updates it in a transition), so the box shows its new
    // state a render later: click it, then wait for what the filter does, not for the box at once.
    const soon = page.getByLabel('Round in the next 14 days');
    await soon.click();
    await page.getByText('Showing 1 of 3 negotiations').waitFor();
    assert.equal(await soon.isChecked(), true, 'the filter box shows the filter on');
    assert.equal(await page.locator('table.tracks tbody tr').first().getAttribute('data-track-id'), armenia.id);
    await soon.click();
    await page.getByText('Showing 3 of 3 negotiations').waitFor();
    assert.equal(await soon.isChecked(), false, 'the filter box shows the filter off');
    await page.screenshot({ path: path.join(screenshots, 'overview-desktop.png'), fullPage: true });
    await page.setViewportSize(phone);
    await page.screenshot({ path: path.join(screenshots, 'overview-phone.png'), fullPage: true });
    await noSeriousViolations('the overview at phone width');
    await page.setViewportSize(desktop);
  });

  it('as of a day, hides what was reported later', async () => {
    const serbia = await trackNamed('Serbia');
    await page.goto(`${app.baseUrl}/?asOf=2026-03-10`);
    await page.getByText('Showing what was known on 2026-03-10').waitFor();
    await page.getByRole('link', { name: serbia.name }).waitFor();
    assert.equal(await page.locator('table.tracks tbody tr').count(), 1, 'the tracks first reported after that day are hidden');
    await page.getByRole('link', { name: serbia.name }).click();
    await page.getByRole('heading', { name: serbia.name, level: 1 }).waitFor();
    const round = page.locator('li.round').first();
    assert.match(await round.innerText(), /Scheduled/, 'not yet held on that day');
    assert.match(await round.innerText(), /1 source\b/);
    assert.match(await page.getByRole('region', { name: 'Demands' }).innerText(), /No demand reported/, 'the demand came later');
    // The date control drives the same parameter.
    await page.getByLabel('As of').fill('2026-03-20');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('Showing what was known on 2026-03-20').waitFor();
    await page.locator('li.round .status', { hasText: 'Held' }).waitFor();
  });

  it('lists what changed between two days', async () => {
    const serbia = await trackNamed('Serbia');
    await page.goto(`${app.baseUrl}/changes`);
    await page.getByRole('heading', { name: 'What changed', level: 1 }).waitFor();
    await page.getByLabel('Since (after the end of)').fill('2026-03-10');
    await page.getByLabel('Up to').fill('2026-03-20');
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByText('1 negotiation reported on after 2026-03-10 up to 2026-03-20.').waitFor();
    const delta = page.locator('ul.deltas > li');
    assert.equal(await delta.count(), 1, 'only the track reported on in between');
    const text = await delta.first().innerText();
    assert.match(text, new RegExp(serbia.name));
    assert.match(text, /open demands 0 → 1/, 'the demand reported on the 15th');
    assert.ok((await delta.first().locator('ul.changes li').count()) >= 1, 'its changes in that window');
    await noSeriousViolations('what changed');
  });

  it('asks for an API key on the operator pages, refuses a wrong one, and lists subscriptions with the right one', async () => {
    await page.goto(`${app.baseUrl}/operator`);
    await page.getByRole('heading', { name: 'API key needed' }).waitFor();
    await noSeriousViolations('the operator key form');
    await page.getByLabel('API key', { exact: true }).fill('x'.repeat(40));
    await page.getByRole('button', { name: 'Use this key' }).click();
    await page.getByText('The API key is not valid').waitFor();
    await page.getByLabel('API key', { exact: true }).fill(ingestKey);
    await page.getByRole('button', { name: 'Use this key' }).click();
    await page.getByText('The API key may not do this').waitFor();
    await page.getByLabel('API key', { exact: true }).fill(adminKey);
    await page.getByRole('button', { name: 'Use this key' }).click();
    await page.getByText('No subscription yet').waitFor();
    await page.getByLabel('Email').check();
    await page.getByLabel('Email address').fill('analyst@example.org');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.getByRole('rowheader', { name: 'email: analyst@example.org' }).waitFor();
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByText(/Paused/).waitFor();
    const listed = (await (await fetch(`${app.baseUrl}/subscriptions`, { headers: jsonWith(adminKey) })).json()) as { email?: string; enabled: boolean }[];
    assert.deepEqual(listed.map((s) => [s.email, s.enabled]), [['analyst@example.org', false]]);
    await noSeriousViolations('the subscriptions page');
  });

  it('ran without an uncaught error or a Content-Security-Policy refusal in the page', () => {
    assert.deepEqual(pageProblems, []);
  });
});
