/**
 * The "GUI" section of `npm run bench` (issue #16): Chromium (Debian's, via playwright-core) driving
 * the real build against a real `serve`, timing what the admin sees:
 *   1. Sync review first content after a first sync of --gui-users users (Entra-style lookup + POST
 *      over HTTP, so the review is read from the log as a real sync builds it): from navigation to
 *      the summary and the first member-change row on screen; median of 3 loads.
 *   2. Acknowledge of that review: from the click to "Member changes (0)".
 *   3. The live log open during SCIM lookups at >= 500 requests/s for --gui-burst-seconds: the
 *      longest main-thread task (PerformanceObserver `longtask`) and how long Pause takes to show.
 * Targets: < 2 s, < 2 s, < 100 ms. Timings are measured here, never asserted in tests.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

async function startServe(root, dataDir, connectorKey, adminToken) {
  const args = ['dist/main/node/serve.js', '--data-dir', dataDir, '--scim-port', '0', '--admin-port', '0', '--connector-key', connectorKey, '--admin-token', adminToken, '--log-level', 'warn'];
  const proc = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const urls = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 60_000);
    const onData = (c) => {
      out += c;
      const scim = /SCIM base URL:\s*(\S+)/.exec(out)?.[1];
      const admin = /Admin UI:\s*(\S+)/.exec(out)?.[1];
      if (scim && admin) {
        clearTimeout(timer);
        resolve({ scimUrl: scim.replace(/\/$/, ''), adminLoginUrl: admin });
      }
    };
    proc.stdout.setEncoding('utf8').on('data', onData);
    proc.stderr.setEncoding('utf8').on('data', (c) => (out = (out + c).slice(-8000)));
    proc.once('exit', (code) => reject(new Error(`serve exited (${code}):\n${out}`)));
  });
  return { proc, ...urls, adminOrigin: new URL(urls.adminLoginUrl).origin, stop: () => new Promise((r) => (proc.once('exit', r), proc.kill('SIGTERM'))) };
}

function requester(concurrency) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const send = (method, url, headers, body) =>
    new Promise((resolve) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const req = http.request(url, { method, agent, headers: { ...headers, ...(payload ? { 'Content-Type': 'application/scim+json', 'Content-Length': payload.length } : {}) } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      });
      req.on('error', () => resolve({ status: 0, text: '' }));
      req.end(payload);
    });
  return { send, close: () => agent.destroy() };
}

async function pool(n, concurrency, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) await fn(next++);
  }));
}

const userBody = (i) => ({
  schemas: [CORE, ENTERPRISE],
  externalId: `gui-${i}`,
  userName: `gui.user${i}@contoso.example`,
  active: true,
  displayName: `Given${i} Family${i % 997}`,
  emails: [{ primary: true, type: 'work', value: `gui.user${i}@contoso.example` }],
  name: { givenName: `Given${i}`, familyName: `Family${i % 997}` },
  title: 'Engineer',
  [ENTERPRISE]: { department: `Department ${i % 40}` },
});

/** Entra's first cycle: per user a filter miss, then the POST. */
async function firstSync(server, connectorKey, users, log) {
  const r = requester(32);
  const auth = { Authorization: `Bearer ${connectorKey}`, 'User-Agent': 'Microsoft Azure AD SCIM Provisioning', Accept: 'application/scim+json' };
  const t0 = performance.now();
  let errors = 0;
  let done = 0;
  const tick = setInterval(() => log(`    first sync: ${done.toLocaleString('en-US')} / ${users.toLocaleString('en-US')} users`), 15_000);
  await pool(users, 32, async (i) => {
    const u = userBody(i);
    await r.send('GET', `${server.scimUrl}/Users?filter=${encodeURIComponent(`userName eq "${u.userName}"`)}`, auth);
    const created = await r.send('POST', `${server.scimUrl}/Users`, auth, u);
    if (created.status !== 201) errors++;
    done++;
  });
  clearInterval(tick);
  r.close();
  return { users, errors, seconds: (performance.now() - t0) / 1000 };
}

/** Lookups at full speed for `seconds`: returns the rate achieved. */
async function lookupLoad(server, connectorKey, seconds, concurrency) {
  const r = requester(concurrency);
  const auth = { Authorization: `Bearer ${connectorKey}`, 'User-Agent': 'Microsoft Azure AD SCIM Provisioning', Accept: 'application/scim+json' };
  const until = performance.now() + seconds * 1000;
  let n = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < until) {
      await r.send('GET', `${server.scimUrl}/Users?filter=${encodeURIComponent(`userName eq "gui.user${n % 1000}@contoso.example"`)}`, auth);
      n++;
    }
  }));
  r.close();
  return { requests: n, perSecond: n / ((performance.now() - t0) / 1000) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/**
 * Runs the GUI section; `log` prints progress. Returns { reviewFirstContentMs, acknowledgeMs,
 * liveLog: { maxLongTaskMs, longTasks, perSecond, pauseMs }, sync } or { error }.
 */
export async function runGuiBench({ root, users = 100_000, burstSeconds = 15, concurrency = 24, log = console.log }) {
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (err) {
    return { error: `playwright-core is not installed (${err.message})` };
  }
  const dataDir = mkdtempSync(join(os.tmpdir(), 'scimdesk-bench-gui-'));
  const connectorKey = randomBytes(24).toString('hex');
  const adminToken = randomBytes(24).toString('hex');
  const server = await startServe(root, dataDir, connectorKey, adminToken);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    await fetch(`${server.adminOrigin}/api/settings`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ scimRateLimitPerMinute: 0 }),
    });
    log(`  first sync of ${users.toLocaleString('en-US')} users over HTTP (lookup + POST, 32 at a time) ...`);
    const sync = await firstSync(server, connectorKey, users, log);
    log(`    done in ${sync.seconds.toFixed(1)} s, ${sync.errors} errors`);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) window.__longTasks.push({ at: e.startTime, ms: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(server.adminLoginUrl);
    await page.getByRole('heading', { level: 2 }).waitFor();
    const total = users.toLocaleString('en-US');
    /** Three loads of the review from another view, each timed until `shown` resolves. */
    const timeReviewLoads = async (shown) => {
      const runs = [];
      for (let k = 0; k < 3; k++) {
        await page.goto(`${server.adminOrigin}/#/setup`);
        await page.getByRole('heading', { level: 2, name: 'Setup' }).waitFor();
        const t0 = performance.now();
        await page.goto(`${server.adminOrigin}/#/review`);
        await shown();
        runs.push(performance.now() - t0);
      }
      return runs;
    };
    const firstContent = await timeReviewLoads(async () => {
      const changes = page.getByRole('region', { name: 'Member changes' });
      await changes.getByRole('heading', { name: `Member changes (${total})` }).waitFor({ timeout: 120_000 });
      await changes.getByRole('option').first().waitFor({ timeout: 60_000 });
    });
    const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    const t1 = performance.now();
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    // Emptied: "Nothing to review", or "Member changes (0)" under problems that stay open.
    const emptied = () => page.getByText('Nothing to review').or(page.getByRole('heading', { name: 'Member changes (0)' }));
    await emptied().waitFor({ timeout: 120_000 });
    const acknowledgeMs = performance.now() - t1;
    // The floor: the same page, the same requests, with nothing left to review.
    const emptyContent = await timeReviewLoads(() => emptied().waitFor({ timeout: 60_000 }));

    await page.goto(`${server.adminOrigin}/#/log`);
    await page.getByRole('listbox', { name: 'Provisioning log entries' }).waitFor();
    await page.evaluate(() => (window.__longTasks = []));
    log(`  live log open, SCIM lookups for ${burstSeconds} s at concurrency ${concurrency} ...`);
    const started = await page.evaluate(() => performance.now());
    const load = lookupLoad(server, connectorKey, burstSeconds, concurrency);
    await page.waitForTimeout((burstSeconds * 1000) / 2);
    const p0 = performance.now();
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('status').filter({ hasText: /^Paused/ }).waitFor();
    const pauseMs = performance.now() - p0;
    const rate = await load;
    const ended = await page.evaluate(() => performance.now());
    // Resume after the burst shows what was held back: timed apart (it is one render of the kept rows).
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.waitForTimeout(1000);
    const all = await page.evaluate(() => window.__longTasks);
    const tasks = all.filter((t) => t.at >= started && t.at <= ended).map((t) => t.ms);
    const resumeTasks = all.filter((t) => t.at > ended).map((t) => t.ms);
    return {
      sync,
      reviewFirstContentMs: median(firstContent),
      reviewFirstContentRunsMs: firstContent.map(Math.round),
      reviewEmptyFirstContentMs: median(emptyContent),
      reviewDomNodes: domNodes,
      acknowledgeMs,
      liveLog: {
        maxLongTaskMs: tasks.length ? Math.max(...tasks) : 0,
        longTasks: tasks.length,
        longTasksMs: tasks.map(Math.round),
        resumeLongestMs: resumeTasks.length ? Math.max(...resumeTasks) : 0,
        perSecond: rate.perSecond,
        requests: rate.requests,
        pauseMs,
      },
    };
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The section's lines and verdicts (`verdict(value, bound, 'max', unit)` from run.mjs). */
export function reportGui(g, verdict, users) {
  console.log('\n=== GUI (Chromium driving the real build) ===');
  if (g.error) {
    console.log(`  n/a: ${g.error}`);
    return {};
  }
  const k = users >= 1000 ? `${users / 1000}k` : String(users);
  console.log(`  first sync: ${g.sync.users.toLocaleString('en-US')} users over HTTP in ${g.sync.seconds.toFixed(1)} s (${g.sync.errors} errors)`);
  console.log(`  review first content: ${Math.round(g.reviewFirstContentMs)} ms (median of ${g.reviewFirstContentRunsMs.join(', ')} ms), ${g.reviewDomNodes} DOM nodes`);
  console.log(`  floor: the same page with nothing to review: ${Math.round(g.reviewEmptyFirstContentMs)} ms (median of 3); the review costs ${Math.round(g.reviewFirstContentMs - g.reviewEmptyFirstContentMs)} ms more at ${k}`);
  console.log(`  Acknowledge: ${Math.round(g.acknowledgeMs)} ms`);
  // The longtask API reports only tasks of 50 ms or more: "none" means none that long.
  const longest = (ms) => (ms > 0 ? `${Math.round(ms)} ms` : 'none of 50 ms or more');
  console.log(
    `  live log during ${Math.round(g.liveLog.perSecond)} SCIM requests/s (${g.liveLog.requests.toLocaleString('en-US')} requests): longest task ${longest(g.liveLog.maxLongTaskMs)} (long tasks: ${g.liveLog.longTasksMs.length ? `${g.liveLog.longTasksMs.join(', ')} ms` : 'none'}), Pause shown after ${Math.round(g.liveLog.pauseMs)} ms; Resume afterwards: longest task ${longest(g.liveLog.resumeLongestMs)}`,
  );
  if (g.liveLog.perSecond < 500) console.log(`  NOTE: the load reached ${Math.round(g.liveLog.perSecond)} requests/s, below the 500/s the target is about (busy machine?)`);
  return {
    [`GUI review first content < 2 s @${k}`]: verdict(g.reviewFirstContentMs, 2000, 'max', 'ms'),
    [`GUI Acknowledge < 2 s @${k}`]: verdict(g.acknowledgeMs, 2000, 'max', 'ms'),
    ['GUI live log longest task < 100 ms @>=500 req/s']: verdict(g.liveLog.maxLongTaskMs, 100, 'max', 'ms'),
  };
}
