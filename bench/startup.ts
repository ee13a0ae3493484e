// Start-up cost: CPU to load each package and construct a Naver and a Kakao
// strategy, each sample in a fresh `node`, the programs interleaved. Run by
// bench/run.ts (section 4), or alone: `node --import tsx bench/startup.ts`.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** The programs: each loads and constructs; the timer starts after `before`. */
const STARTUP: Record<string, string> = {
  'bare node': '',
  'passport-naver-kakao (main entry)': `const m = require('passport-naver-kakao'); new m.NaverStrategy({ clientID: 'n', clientSecret: 's', callbackURL: '/cb' }, v); new m.KakaoStrategy({ clientID: 'k', callbackURL: '/cb' }, v);`,
  'passport-naver-kakao (subpaths)': `const N = require('passport-naver-kakao/naver').Strategy; const K = require('passport-naver-kakao/kakao').Strategy; new N({ clientID: 'n', clientSecret: 's', callbackURL: '/cb' }, v); new K({ clientID: 'k', callbackURL: '/cb' }, v);`,
  'passport-kakao@1.0.1 + passport-naver-v2': `const K = require('passport-kakao').Strategy; const N = require('passport-naver-v2').Strategy; new K({ clientID: 'k', callbackURL: '/cb' }, v); new N({ clientID: 'n', clientSecret: 's', callbackURL: '/cb' }, v);`,
};
const PEERS = 'passport-kakao@1.0.1 + passport-naver-v2';
const RUNS = Number(process.env['BENCH_STARTUP_RUNS'] ?? 21);

/** One start-up row. */
export interface StartupRow {
  program: string;
  medianCpuMs: number;
  aboveBareNodeMs: number;
  ratioToPeers: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * Medians of RUNS samples of every program.
 *
 * @param before - code that runs before the timer starts in every program (the same for all)
 */
export function startupCost(before = ''): StartupRow[] {
  const samples: Record<string, number[]> = {};
  for (let run = 0; run < RUNS; run++) {
    for (const [name, code] of Object.entries(STARTUP)) {
      const program = `const v = (a, r, p, d) => d(null, p); ${before} const t = process.cpuUsage(); ${code} const u = process.cpuUsage(t); console.log(u.user + u.system);`;
      const out = execFileSync(process.execPath, ['-e', program], { cwd: join(__dirname, '..'), encoding: 'utf8' });
      (samples[name] ??= []).push(Number(out.trim()));
    }
  }
  const ms = Object.fromEntries(Object.keys(STARTUP).map((name) => [name, median(samples[name]!) / 1000]));
  const bare = ms['bare node']!;
  const peers = ms[PEERS]! - bare;
  return Object.keys(STARTUP).map((name) => ({
    program: name,
    medianCpuMs: round2(ms[name]!),
    aboveBareNodeMs: round2(ms[name]! - bare),
    ratioToPeers: round2((ms[name]! - bare) / peers),
  }));
}

/**
 * What an app has loaded before it loads a strategy package: its web framework,
 * sessions and passport. The first package with an "exports" map makes Node
 * set up its exports resolver (about 1 ms); in a bare `node` that is charged
 * to this package, in an app it has happened already.
 */
export const IN_AN_APP = "require('express'); require('express-session'); require('passport');";

if (require.main === module) {
  console.log('in a bare node');
  console.table(startupCost());
  console.log('in an app that has loaded express, express-session and passport');
  console.table(startupCost(IN_AN_APP));
}
