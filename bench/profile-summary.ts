// Summarises a V8 .cpuprofile (as bench/run.ts writes with BENCH_CPU_PROF=dir):
// sampled time by package, and the functions with the most self time.
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
  samples: number[];
  timeDeltas: number[];
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

/** Prints a summary as two tables. */
export function printSummary(summary: ProfileSummary): void {
  console.log(`${summary.file}: ${summary.busyMs} ms busy (shares in %)`);
  console.table(summary.byPackage.slice(0, 10));
  console.table(summary.top);
}

if (require.main === module) for (const file of process.argv.slice(2)) printSummary(summariseProfile(file));
