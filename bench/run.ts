// `npm run bench`: complete logins over loopback HTTP against every contender,
// interleaved, in one run. The emulator and the apps run in their own
// processes; this one is the client. Results: bench/results.json.
import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import type { EmulatedKakao, EmulatedNaver } from 'passport-naver-kakao/testing';
import { readConsentForm } from '../lib/testing/pages.js';
import { startupCost } from './startup.js';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const PER_ROUND = Number(process.env['BENCH_LOGINS'] ?? 400);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 8);
const LATENCY_LOGINS = Number(process.env['BENCH_LATENCY_LOGINS'] ?? 100);
const MEMORY_LOGINS = Number(process.env['BENCH_MEMORY_LOGINS'] ?? 20_000);
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function child(file: string, args: string[] = []): ChildProcess {
  return fork(join(__dirname, file), [], { execArgv: ['--import', 'tsx', ...args], stdio: 'inherit' });
}
function reply<T>(proc: ChildProcess, message?: object): Promise<T> {
  return new Promise((resolve) => {
    proc.once('message', (m) => resolve(m as T));
    if (message) proc.send(message);
  });
}

/** One HTTP exchange, no redirects followed. */
function request(url: string, options: { method?: string; cookie?: string; body?: string } = {}): Promise<{ status: number; location: string; setCookie: string[] }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: options.method ?? 'GET',
      agent,
      headers: { ...(options.cookie ? { cookie: options.cookie } : {}), ...(options.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? '', setCookie: res.headers['set-cookie'] ?? [] }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** One complete login: the app's redirect, Approve at the emulator, the callback. Returns the callback's latency in ms. */
async function login(app: string, jar: { cookie: string }): Promise<number> {
  const start = await request(`${app}/login`, { cookie: jar.cookie });
  if (start.setCookie[0]) jar.cookie = start.setCookie[0].split(';')[0]!;
  if (!start.location) throw new Error(`login did not start at ${app}: HTTP ${start.status}`);
  const authorize = new URL(start.location);
  // Approve as a browser would post the consent form (its hidden fields are the authorize parameters).
  const form = new URLSearchParams(authorize.searchParams);
  form.set('decision', 'approve');
  form.set('user', 'hong');
  for (const item of await consentItems(authorize)) form.append('agree', item);
  const decision = await request(`${authorize.origin}${authorize.pathname}/decision`, { method: 'POST', body: form.toString() });
  if (!decision.location) throw new Error(`the emulator did not approve the login of ${app}: HTTP ${decision.status}`);
  const began = performance.now();
  const done = await request(decision.location, { cookie: jar.cookie });
  const ms = performance.now() - began;
  if (done.location !== '/done') throw new Error(`login failed at ${app}: ${done.status} ${done.location}`);
  if (done.setCookie[0]) jar.cookie = done.setCookie[0].split(';')[0]!;
  return ms;
}

/** The consent items the emulator's page checks for an authorize path, read from the page once. */
const agreed = new Map<string, Promise<string[]>>();
function consentItems(authorize: URL): Promise<string[]> {
  let items = agreed.get(authorize.pathname);
  if (!items) {
    items = fetch(authorize).then(async (res) => readConsentForm(await res.text(), 'approve', 'hong')?.form.getAll('agree') ?? []);
    agreed.set(authorize.pathname, items);
  }
  return items;
}

/** `count` logins with `concurrency` clients, each with its own cookie. */
async function drive(app: string, count: number, concurrency: number): Promise<{ seconds: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const jar = { cookie: '' };
      while (next++ < count) latencies.push(await login(app, jar));
    }),
  );
  return { seconds: (performance.now() - began) / 1000, latencies };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const round2 = (n: number): number => Math.round(n * 100) / 100;

async function main(): Promise<void> {
  const emulatorProc = child('emulator.ts');
  const { ready: emulator } = await reply<{ ready: { naver: EmulatedNaver; kakao: EmulatedKakao } }>(emulatorProc);
  // BENCH_CPU_PROF=dir: profile the apps process (node --cpu-prof) to see where a login's time goes.
  const profile = process.env['BENCH_CPU_PROF'];
  const appsProc = child('apps.ts', ['--expose-gc', ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])]);
  const { ready: ports } = await reply<{ ready: Record<string, number> }>(appsProc, { start: emulator });
  const url = (name: string): string => `http://127.0.0.1:${ports[name]}`;
  // BENCH_ONLY=a,b keeps the contenders whose names contain one of those words (the floor always runs).
  const only = (process.env['BENCH_ONLY'] ?? '').split(',').filter(Boolean);
  const names = Object.keys(ports).filter((n, i) => !n.includes('id_token') && (i === 0 || only.length === 0 || only.some((w) => n.includes(w))));
  const setFault = (provider: string, endpoint: string, latencyMs?: number) =>
    reply(emulatorProc, { setFault: { provider, endpoint, fault: latencyMs ? { latencyMs } : undefined } });

  // 1. Throughput, interleaved: every round runs each contender once, in a new order.
  console.log(`throughput: ${ROUNDS} rounds x ${PER_ROUND} logins x ${names.length} contenders, concurrency ${CONCURRENCY}`);
  for (const name of names) await drive(url(name), 100, CONCURRENCY); // warm-up
  const totals = Object.fromEntries(names.map((n) => [n, { seconds: 0, logins: 0, cpuMicros: 0, latencies: [] as number[] }]));
  const appsCpu = async (): Promise<number> => (await reply<{ cpu: number }>(appsProc, { cpu: true })).cpu;
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const cpuBefore = await appsCpu();
      const { seconds, latencies } = await drive(url(name), PER_ROUND, CONCURRENCY);
      totals[name]!.cpuMicros += (await appsCpu()) - cpuBefore;
      totals[name]!.seconds += seconds;
      totals[name]!.logins += latencies.length;
      totals[name]!.latencies.push(...latencies);
    }
  }
  const floor = totals[names[0]!]!;
  const floorRate = floor.logins / floor.seconds;
  const floorCpu = floor.cpuMicros / floor.logins;
  const throughput = names.map((name) => {
    const t = totals[name]!;
    const rate = t.logins / t.seconds;
    const cpu = t.cpuMicros / t.logins;
    return {
      contender: name,
      loginsPerSecond: Math.round(rate),
      ratioToFloor: round2(rate / floorRate),
      // CPU of the apps process (the strategy, passport, express, the session) per login.
      appCpuMsPerLogin: round2(cpu / 1000),
      cpuRatioToFloor: round2(cpu / floorCpu),
      p50ms: round2(percentile(t.latencies, 50)),
      p99ms: round2(percentile(t.latencies, 99)),
    };
  });
  console.table(throughput);

  // 2. Callback latency with 25 ms per provider request (token, profile, JWKS), one login at a time.
  console.log(`latency: ${LATENCY_LOGINS} logins each, 25 ms added to every Kakao token, profile and JWKS answer`);
  for (const endpoint of ['token', 'profile', 'jwks']) await setFault('kakao', endpoint, 25);
  const latencyNames = ['passport-naver-kakao KakaoStrategy (profileFrom id_token)', 'passport-naver-kakao KakaoStrategy', 'passport-kakao@1.0.1', names[0]!].slice(0, process.env['BENCH_ONLY'] ? 2 : 4);
  const lat = Object.fromEntries(latencyNames.map((n) => [n, [] as number[]]));
  for (let round = 0; round < 4; round++) {
    for (const name of latencyNames) lat[name]!.push(...(await drive(url(name), LATENCY_LOGINS / 4, 1)).latencies);
  }
  await reply(emulatorProc, { clear: true });
  const latency = latencyNames.map((name) => ({
    contender: name,
    p50ms: round2(percentile(lat[name]!, 50)),
    p99ms: round2(percentile(lat[name]!, 99)),
    p50InRoundTrips: round2(percentile(lat[name]!, 50) / 25),
  }));
  console.table(latency);

  // 3. Memory: heap of the apps process after 1,000 logins and after MEMORY_LOGINS, on our Kakao app.
  const ours = url('passport-naver-kakao KakaoStrategy');
  await drive(ours, 1000, CONCURRENCY);
  const heapAt1000 = (await reply<{ heap: number }>(appsProc, { heap: true })).heap;
  await drive(ours, MEMORY_LOGINS - 1000, CONCURRENCY);
  const heapAtEnd = (await reply<{ heap: number }>(appsProc, { heap: true })).heap;
  const memory = { logins: MEMORY_LOGINS, heapAt1000MiB: round2(heapAt1000 / 2 ** 20), heapAtEndMiB: round2(heapAtEnd / 2 ** 20), growthMiB: round2((heapAtEnd - heapAt1000) / 2 ** 20) };
  console.table([memory]);

  // 4. Start-up: CPU to load each package and construct a Naver and a Kakao strategy, in a fresh node each time.
  const startup = startupCost();
  console.table(startup);

  const results = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
    settings: { rounds: ROUNDS, loginsPerRound: PER_ROUND, concurrency: CONCURRENCY, latencyLogins: LATENCY_LOGINS, memoryLogins: MEMORY_LOGINS },
    throughput,
    latency,
    memory,
    startup,
  };
  writeFileSync(join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('written: bench/results.json');
  emulatorProc.kill();
  appsProc.disconnect(); // lets the apps process exit by itself, so a CPU profile is written
  setTimeout(() => appsProc.kill(), 5000).unref();
  agent.destroy();
}


main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
