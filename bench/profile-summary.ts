// Summarises a V8 .cpuprofile (as bench/run.ts writes with BENCH_CPU_PROF=dir):
// sampled time by package, and the functions with the most self time; or
// splits a profile of the interleaved rounds (BENCH_ROUNDS_PROF=file) by contender.
// Alone: `node --import tsx bench/profile-summary.ts file.cpuprofile [more...]`.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
  /** Written by bench/apps.ts with BENCH_ROUNDS_PROF: [microseconds on the profiler's clock, contender ('' = between contenders)]. */
  marks?: Array<[number, string]>;
}

/** What one profile shows. */
export interface ProfileSummary {
  file: string;
  /** Sampled milliseconds, idle excluded. */
  busyMs: number;
  /** Share of the busy time by where the code lives, largest first. */
  byPackage: Array<{ where: string; ms: number; share: number }>;
  /** The functions with the most self time. */
  top: Array<{ fn: string; where: string; ms: number; share: number }>;
}

/** Where a function lives: a package under node_modules, this package, node's own code, or V8 (GC, program). */
export function whereOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (/\/(dist|lib)\//.test(url)) return 'passport-naver-kakao';
  return url.includes('/bench/') ? 'bench' : basename(url);
}

/** Reads and summarises one profile. */
export function summariseProfile(file: string, topCount = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  // timeDeltas[i] is the time before sample i; it is charged to the sample's node.
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byWhere = new Map<string, number>();
  const byFn = new Map<string, { where: string; micros: number }>();
  let busy = 0;
  for (const [id, micros] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    busy += micros;
    const where = whereOf(url, functionName);
    byWhere.set(where, (byWhere.get(where) ?? 0) + micros);
    const key = `${functionName || '(anonymous)'} ${url ? `${basename(url)}:${lineNumber + 1}` : ''}`.trim();
    const entry = byFn.get(key) ?? { where, micros: 0 };
    entry.micros += micros;
    byFn.set(key, entry);
  }
  const ms = (micros: number): number => Math.round(micros / 100) / 10;
  const share = (micros: number): number => Math.round((1000 * micros) / busy) / 10;
  return {
    file: basename(file),
    busyMs: ms(busy),
    byPackage: [...byWhere].sort((a, b) => b[1] - a[1]).map(([where, micros]) => ({ where, ms: ms(micros), share: share(micros) })),
    top: [...byFn]
      .sort((a, b) => b[1].micros - a[1].micros)
      .slice(0, topCount)
      .map(([fn, { where, micros }]) => ({ fn, where, ms: ms(micros), share: share(micros) })),
  };
}

/**
 * Splits a profile of the interleaved rounds (BENCH_ROUNDS_PROF) by contender:
 * the sampled microseconds per login in each place the code lives. Samples are
 * charged to the contender whose logins were running at their timestamp, so
 * every contender is profiled over the same stretch of time, and a machine
 * that slows down midway slows all of them alike.
 *
 * @param file - the .cpuprofile with marks
 * @param loginsPerRound - logins each contender ran per round
 * @returns rows by place, one column per contender, largest first
 */
export function splitByContender(file: string, loginsPerRound: number): Array<Record<string, string | number>> {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const marks = profile.marks ?? [];
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const rounds = new Map<string, number>();
  for (const [, name] of marks) if (name !== '') rounds.set(name, (rounds.get(name) ?? 0) + 1);
  const micros = new Map<string, Map<string, number>>();
  let time = profile.startTime;
  let next = 0;
  let current = '';
  profile.samples.forEach((id, i) => {
    time += profile.timeDeltas[i] ?? 0;
    while (next < marks.length && marks[next]![0] <= time) current = marks[next++]![1];
    const { functionName, url } = byId.get(id)!.callFrame;
    if (current === '' || functionName === '(idle)') return;
    const where = whereOf(url, functionName);
    const row = micros.get(where) ?? new Map<string, number>();
    row.set(current, (row.get(current) ?? 0) + (profile.timeDeltas[i] ?? 0));
    micros.set(where, row);
  });
  const perLogin = (row: Map<string, number>, name: string): number => Math.round((10 * (row.get(name) ?? 0)) / (rounds.get(name)! * loginsPerRound)) / 10;
  const total = new Map([...rounds.keys()].map((name) => [name, [...micros.values()].reduce((sum, row) => sum + (row.get(name) ?? 0), 0)]));
  return [['(all)', total] as const, ...[...micros].sort((a, b) => Math.max(...b[1].values()) - Math.max(...a[1].values()))].map(([where, row]) => ({
    where,
    ...Object.fromEntries([...rounds.keys()].map((name) => [name, perLogin(row, name)])),
  }));
}

/** Prints a summary as two tables. */
export function printSummary(summary: ProfileSummary): void {
  console.log(`${summary.file}: ${summary.busyMs} ms busy (shares in %)`);
  console.table(summary.byPackage.slice(0, 10));
  console.table(summary.top);
}

// Alone: a profile with marks is split by contender (BENCH_LOGINS must match the run's), any other is summarised.
if (require.main === module) {
  for (const file of process.argv.slice(2)) {
    if ((JSON.parse(readFileSync(file, 'utf8')) as CpuProfile).marks) console.table(splitByContender(file, Number(process.env['BENCH_LOGINS'] ?? 60)).slice(0, 16));
    else printSummary(summariseProfile(file));
  }
}
