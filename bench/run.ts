// `npm run bench`: complete logins over loopback HTTP against every contender,
// interleaved, in one run. The emulator and the apps run in their own
// processes; this one is the client. Results: bench/results.json.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import type { EmulatedKakao, EmulatedNaver } from 'passport-naver-kakao/testing';
import { readConsentForm } from '../lib/testing/pages.js';
import { printSummary, splitByContender, summariseProfile } from './profile-summary.js';
import { IN_AN_APP, startupCost } from './startup.js';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 120);
const PER_ROUND = Number(process.env['BENCH_LOGINS'] ?? 60);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 8);
const LATENCY_LOGINS = Number(process.env['BENCH_LATENCY_LOGINS'] ?? 100);
const MEMORY_LOGINS = Number(process.env['BENCH_MEMORY_LOGINS'] ?? 10_000);
const ALLOC_LOGINS = Number(process.env['BENCH_ALLOC_LOGINS'] ?? 500);
const ALLOC_REPEATS = Number(process.env['BENCH_ALLOC_REPEATS'] ?? 5);
const SEMI_SPACE_MB = Number(process.env['BENCH_SEMI_SPACE_MB'] ?? 256);
const PROFILE_LOGINS = Number(process.env['BENCH_PROFILE_LOGINS'] ?? 2000);
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
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
/**
 * The median of some per-round ratios, rounded to two places, with how far it
 * can be trusted: `ci95`, a 95% confidence interval of the median (a bootstrap
 * over the rounds: 2,000 resamples, drawn with a fixed seed so that the same
 * rounds give the same interval), and how the rounds themselves spread: their
 * middle half (25th-75th percentile) and range.
 */
interface Spread {
  median: number;
  ci95: string;
  middle: string;
  min: number;
  max: number;
}
function spread(values: number[]): Spread {
  const middle = `${round2(percentile(values, 25))}-${round2(percentile(values, 75))}`;
  return { median: round2(median(values)), ci95: bootstrapMedian(values), middle, min: round2(Math.min(...values)), max: round2(Math.max(...values)) };
}
/** The 2.5th and 97.5th percentiles of the medians of 2,000 resamples (with replacement) of `values`. */
function bootstrapMedian(values: number[]): string {
  let seed = 0x2545f491;
  const random = (): number => {
    // xorshift32: a small seeded generator, so the interval is reproducible.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  const medians = Array.from({ length: 2000 }, () => median(values.map(() => values[Math.floor(random() * values.length)]!)));
  return `${round2(percentile(medians, 2.5))}-${round2(percentile(medians, 97.5))}`;
}

async function main(): Promise<void> {
  const emulatorProc = child('emulator.ts');
  const { ready: emulator } = await reply<{ ready: { naver: EmulatedNaver; kakao: EmulatedKakao } }>(emulatorProc);
  const appsProc = child('apps.ts', ['--expose-gc']);
  const { ready: ports } = await reply<{ ready: Record<string, number> }>(appsProc, { start: emulator });
  const url = (name: string): string => `http://127.0.0.1:${ports[name]}`;
  // BENCH_ONLY=a,b keeps the contenders whose names contain one of those words (the floor always runs).
  const only = (process.env['BENCH_ONLY'] ?? '').split(',').filter(Boolean);
  const names = Object.keys(ports).filter((n, i) => !n.includes('id_token') && (i === 0 || only.length === 0 || only.some((w) => n.includes(w))));
  const setFault = (provider: string, endpoint: string, latencyMs?: number) =>
    reply(emulatorProc, { setFault: { provider, endpoint, fault: latencyMs ? { latencyMs } : undefined } });

  // 1. Throughput, interleaved in many short rounds: every round runs each
  // contender once, in an order that rotates and reverses, and each
  // contender's CPU and rate are divided by the floor's in the same round. The
  // median of those per-round ratios is the result, with a 95% confidence
  // interval; their middle half (25th-75th percentile) and range show the
  // noise of a shared machine.
  console.log(`throughput: ${ROUNDS} rounds x ${PER_ROUND} logins x ${names.length} contenders, concurrency ${CONCURRENCY}`);
  for (const name of names) await drive(url(name), 100, CONCURRENCY); // warm-up
  // BENCH_ROUNDS_PROF=file: a CPU profile of the apps process over all the rounds, with marks that say
  // whose logins each stretch of it was, split by contender at the end (the profiler slows every login alike).
  const roundsProfile = process.env['BENCH_ROUNDS_PROF'];
  const appsCpu = async (mark?: string): Promise<number> => (await reply<{ cpu: number }>(appsProc, { cpu: true, ...(roundsProfile ? { mark } : {}) })).cpu;
  if (roundsProfile) await reply(appsProc, { profileStart: true });
  // The emulator's CPU too: logins/s depends on all three processes sharing two cores.
  const emulatorCpu = async (): Promise<number> => (await reply<{ cpu: number }>(emulatorProc, { cpu: true })).cpu;
  const rounds: Array<Record<string, { cpuPerLogin: number; rate: number; emulatorCpuPerLogin: number }>> = [];
  const latencies = Object.fromEntries(names.map((n) => [n, [] as number[]]));
  for (let round = 0; round < ROUNDS; round++) {
    const shift = round % names.length;
    const rotated = [...names.slice(shift), ...names.slice(0, shift)];
    const order = round % 2 === 0 ? rotated : rotated.reverse();
    const measured: Record<string, { cpuPerLogin: number; rate: number; emulatorCpuPerLogin: number }> = {};
    for (const name of order) {
      const emulatorBefore = await emulatorCpu();
      const cpuBefore = await appsCpu(name);
      const run = await drive(url(name), PER_ROUND, CONCURRENCY);
      const cpuAfter = await appsCpu('');
      const emulatorAfter = await emulatorCpu();
      measured[name] = {
        cpuPerLogin: (cpuAfter - cpuBefore) / run.latencies.length,
        rate: run.latencies.length / run.seconds,
        emulatorCpuPerLogin: (emulatorAfter - emulatorBefore) / run.latencies.length,
      };
      latencies[name]!.push(...run.latencies);
    }
    rounds.push(measured);
  }
  if (roundsProfile) {
    await reply(appsProc, { profileStop: roundsProfile });
    console.table(splitByContender(roundsProfile, PER_ROUND).slice(0, 16));
  }
  /** Per-round ratios of one contender's measure to another's: median, min, max. */
  const ratios = (name: string, to: string, measure: 'cpuPerLogin' | 'rate'): Spread => spread(rounds.map((r) => r[name]![measure] / r[to]![measure]));
  const floorName = names[0]!;
  const throughput = names.map((name) => {
    const cpu = ratios(name, floorName, 'cpuPerLogin');
    const rate = ratios(name, floorName, 'rate');
    return {
      contender: name,
      loginsPerSecond: Math.round(median(rounds.map((r) => r[name]!.rate))),
      // CPU of the apps process (the strategy, passport, express, the session) per login.
      appCpuMsPerLogin: round2(median(rounds.map((r) => r[name]!.cpuPerLogin)) / 1000),
      // CPU of the emulator per login: the provider's side, which the real providers pay.
      emulatorCpuMsPerLogin: round2(median(rounds.map((r) => r[name]!.emulatorCpuPerLogin)) / 1000),
      cpuRatioToFloor: cpu.median,
      cpuRatioCI95: cpu.ci95,
      cpuRatioMiddleHalf: cpu.middle,
      cpuRatioRange: `${cpu.min}-${cpu.max}`,
      rateRatioToFloor: rate.median,
      rateRatioCI95: rate.ci95,
      rateRatioMiddleHalf: rate.middle,
      rateRatioRange: `${rate.min}-${rate.max}`,
      p50ms: round2(percentile(latencies[name]!, 50)),
      p99ms: round2(percentile(latencies[name]!, 99)),
    };
  });
  console.table(throughput);
  // Ours against each peer, in the same rounds: logins/s and CPU per login.
  const PAIRS: Array<[string, string]> = [
    ['passport-naver-kakao KakaoStrategy', 'floor with PKCE: passport-oauth2 (Kakao flow, pkce: true)'],
    ['passport-naver-kakao KakaoStrategy', 'passport-kakao@1.0.1 with state: true'],
    ['passport-naver-kakao KakaoStrategy', 'passport-kakao@1.0.1'],
    ['passport-naver-kakao KakaoStrategy (pkce: false)', 'passport-kakao@1.0.1 with state: true'],
    ['passport-naver-kakao KakaoStrategy (pkce: false)', 'passport-kakao@1.0.1'],
    ['passport-naver-kakao NaverStrategy', 'passport-naver-v2'],
  ];
  const versusPeers = PAIRS.filter(([ours, peer]) => names.includes(ours) && names.includes(peer)).map(([ours, peer]) => {
    const rate = ratios(ours, peer, 'rate');
    const cpu = ratios(ours, peer, 'cpuPerLogin');
    return { ours, peer, rateRatio: rate.median, rateCI95: rate.ci95, rateMiddleHalf: rate.middle, rateRange: `${rate.min}-${rate.max}`, cpuRatio: cpu.median, cpuCI95: cpu.ci95, cpuMiddleHalf: cpu.middle, cpuRange: `${cpu.min}-${cpu.max}` };
  });
  console.table(versusPeers);

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

  // 4. Allocation per login, in a second apps process whose young generation
  // (BENCH_SEMI_SPACE_MB per semi-space) holds a whole batch: after a full GC,
  // the V8 heap's growth over ALLOC_LOGINS logins, kept only when no GC ran in
  // between (else the batch is halved and repeated); the median of ALLOC_REPEATS batches.
  const allocProc = child('apps.ts', ['--expose-gc', `--min-semi-space-size=${SEMI_SPACE_MB}`, `--max-semi-space-size=${SEMI_SPACE_MB}`]);
  const { ready: allocPorts } = await reply<{ ready: Record<string, number> }>(allocProc, { start: emulator });
  const allocation = [];
  for (const name of names) {
    const app = `http://127.0.0.1:${allocPorts[name]}`;
    await drive(app, 200, CONCURRENCY); // warm-up: compiled code, the consent page read
    const perLogin: number[] = [];
    let logins = ALLOC_LOGINS;
    while (perLogin.length < ALLOC_REPEATS && logins >= 10) {
      await reply(allocProc, { allocStart: true });
      await drive(app, logins, CONCURRENCY);
      const { bytes, collected } = await reply<{ bytes: number; collected: boolean }>(allocProc, { allocEnd: true });
      if (collected) logins = Math.floor(logins / 2);
      else perLogin.push(bytes / logins);
    }
    if (perLogin.length === 0) throw new Error(`allocation of ${name}: a garbage collection ran during every batch, down to ${logins} logins; give the apps process a larger --max-semi-space-size`);
    allocation.push({ contender: name, heapBytesPerLogin: Math.round(median(perLogin)), range: `${Math.round(Math.min(...perLogin))}-${Math.round(Math.max(...perLogin))}`, logins });
  }
  const floorBytes = allocation[0]!.heapBytesPerLogin;
  for (const row of allocation) Object.assign(row, { ratioToFloor: round2(row.heapBytesPerLogin / floorBytes) });
  console.table(allocation);
  allocProc.kill();

  // 5. BENCH_CPU_PROF=dir: a CPU profile of the apps process over PROFILE_LOGINS
  // logins of the floor, ours and the peers, one file each, summarised; then a
  // sampling heap profile (.heapprofile, for Chrome DevTools) over as many.
  const profileDir = process.env['BENCH_CPU_PROF'];
  const profiles = [];
  if (profileDir) {
    mkdirSync(profileDir, { recursive: true });
    for (const name of names.filter((n) => !n.includes('pkce') && !n.includes('Connect'))) {
      const file = join(profileDir, `${name.replace(/[^A-Za-z0-9]+/g, '-')}.cpuprofile`);
      await reply(appsProc, { profileStart: true });
      await drive(url(name), PROFILE_LOGINS, CONCURRENCY);
      await reply(appsProc, { profileStop: file });
      const summary = summariseProfile(file);
      printSummary(summary);
      await reply(appsProc, { heapProfileStart: true });
      await drive(url(name), PROFILE_LOGINS, CONCURRENCY);
      await reply(appsProc, { heapProfileStop: file.replace(/cpuprofile$/, 'heapprofile') });
      profiles.push({ contender: name, busyMsPerLogin: round2(summary.busyMs / PROFILE_LOGINS), byPackage: summary.byPackage.slice(0, 8), top: summary.top.slice(0, 8) });
    }
  }

  // 6. Start-up: CPU to load each package and construct a Naver and a Kakao
  // strategy, in a fresh node each time; then the same inside an app that has
  // loaded express, express-session and passport (bench/startup.ts says why).
  const startup = startupCost();
  console.table(startup);
  const startupInAnApp = startupCost(IN_AN_APP);
  console.table(startupInAnApp);

  const results = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
    settings: { rounds: ROUNDS, loginsPerRound: PER_ROUND, concurrency: CONCURRENCY, latencyLogins: LATENCY_LOGINS, memoryLogins: MEMORY_LOGINS, allocLogins: ALLOC_LOGINS },
    throughput,
    latency,
    memory,
    versusPeers,
    allocation,
    ...(profiles.length > 0 ? { profiles } : {}),
    startup,
    startupInAnApp,
  };
  // BENCH_RESULTS=file: write the results there instead (a trial run that must not replace the committed ones).
  const out = process.env['BENCH_RESULTS'] ?? join(__dirname, 'results.json');
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`written: ${out}`);
  emulatorProc.kill();
  appsProc.disconnect();
  setTimeout(() => appsProc.kill(), 5000).unref();
  agent.destroy();
}


main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
