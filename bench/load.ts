// `npm run load`: a steady rate of complete logins against the demo (with its
// emulator) for a fixed time. Reports logins/s, errors, p99 and the demo
// process's RSS before and after. Not part of `npm test`.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';

const RATE = Number(process.env['LOAD_RATE'] ?? 200); // logins per second
const SECONDS = Number(process.env['LOAD_SECONDS'] ?? 60);
const PORT = Number(process.env['LOAD_PORT'] ?? 3999);
const BASE = `http://localhost:${PORT}`;
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function get(url: string, cookie?: string, body?: string): Promise<{ status: number; location: string; cookie: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: body ? 'POST' : 'GET',
      agent,
      headers: { ...(cookie ? { cookie } : {}), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? '', cookie: res.headers['set-cookie']?.[0]?.split(';')[0] }));
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.end(body);
  });
}

/** One whole login on the demo: /login/kakao, Approve at the emulator, the callback. */
async function login(): Promise<void> {
  const start = await get(`${BASE}/login/kakao`);
  const authorize = new URL(start.location);
  const form = new URLSearchParams(authorize.searchParams);
  form.set('decision', 'approve');
  form.set('user', 'kim');
  // The demo's Kakao app requires the nickname item (its console settings): agree to it, as a person would.
  form.append('agree', 'profile_nickname');
  const decision = await get(`${authorize.origin}${authorize.pathname}/decision`, undefined, form.toString());
  const done = await get(decision.location, start.cookie);
  if (done.location !== '/profile') throw new Error(`callback answered ${done.status} ${done.location}`);
}

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Math.round(Number(line.replace(/\D+/g, '')) / 102.4) / 10;
}

async function main(): Promise<void> {
  const demo = spawn(process.execPath, ['--import', 'tsx', 'demo/server.ts'], { cwd: join(__dirname, '..'), env: { ...process.env, PORT: String(PORT), BASE_URL: BASE, EMULATOR_TOKEN_QUOTA: 'off' }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => demo.stdout!.on('data', (chunk: Buffer) => (chunk.toString().includes('demo on') ? resolve() : undefined)));
  for (let i = 0; i < 50; i++) await login(); // warm-up
  const rssBefore = rssMiB(demo.pid!);
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const pending: Array<Promise<void>> = [];
  // Open loop: a login starts every 1/RATE s whatever the earlier ones are doing.
  for (let i = 0; i < RATE * SECONDS; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const began = performance.now();
    pending.push(login().then(() => void latencies.push(performance.now() - began), () => void errors++));
  }
  await Promise.all(pending);
  const seconds = (performance.now() - started) / 1000;
  const rssAfter = rssMiB(demo.pid!);
  latencies.sort((a, b) => a - b);
  const result = {
    date: new Date().toISOString(),
    targetRate: RATE,
    seconds: Math.round(seconds * 10) / 10,
    logins: latencies.length,
    loginsPerSecond: Math.round(latencies.length / seconds),
    errors,
    p50ms: Math.round(latencies[Math.floor(latencies.length * 0.5)]! * 10) / 10,
    p99ms: Math.round(latencies[Math.floor(latencies.length * 0.99)]! * 10) / 10,
    rssBeforeMiB: rssBefore,
    rssAfterMiB: rssAfter,
  };
  console.table([result]);
  writeFileSync(join(__dirname, 'load-results.json'), `${JSON.stringify(result, null, 2)}\n`);
  demo.kill();
  agent.destroy();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
