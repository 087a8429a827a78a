// Starts the real server on a fresh SQLite database with the demo data, and Debian's chromium.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '../..');
export const BIN = process.env.BSS_BIN || join(ROOT, 'target/debug/partner-bss');
export const SHOTS = join(ROOT, 'target/console-screenshots');
export const PASSWORD = 'Demo-Passw0rd';
const OP_AK = 'CONSOLEOPERATOR00001';
const OP_SK = 'console-operator-secret-key-1';
export const OPERATOR = { ak: OP_AK, sk: OP_SK };

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.unref();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
  });
}

export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'bss-console-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(BIN, ['serve', '--demo', '--listen', `127.0.0.1:${port}`,
    '--database-url', `sqlite://${join(dir, 'console.db')}`, '--operator-ak', OP_AK, '--operator-sk', OP_SK],
  { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const t0 = Date.now();
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
    try {
      const r = await fetch(`${base}/readyz`);
      if (r.ok) break;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, child, dir, ready_ms: Date.now() - t0, log: () => log };
}

// One operator request through the CLI (signed with AK/SK like the SDK): the answer's JSON.
export function operator(base, method, path, data, query) {
  const args = ['api', method, path];
  if (data !== undefined) args.push('--data', JSON.stringify(data));
  for (const [k, v] of Object.entries(query || {})) args.push('--query', `${k}=${v}`);
  const out = execFileSync(BIN, args, {
    env: { ...process.env, BSS_AK: OP_AK, BSS_SK: OP_SK, BSS_ENDPOINT: base }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const s = out.toString().trim();
  return s ? JSON.parse(s) : null;
}

export async function launch() {
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

export const axeSource = readFileSync(join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');

// Serious or critical axe violations of the page as it is now.
export async function axe(page) {
  await page.evaluate(axeSource);
  const r = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

export async function shot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}
