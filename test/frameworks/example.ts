// Takes the complete app of one section of docs/readme/frameworks.md, writes it
// to test/frameworks/.check/<name>/app.mts unchanged, type-checks it under
// strict, and runs it against the emulator.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator } from '../../lib/testing/index.js';
import { onlyBlock, ROOT } from './blocks.js';
import { exampleEmulator, exampleEnv, freePort, runApp, type RunningApp } from '../support/run-app.js';

/** Where the examples are written; removed after each run. */
export const CHECK = join(ROOT, 'test', 'frameworks', '.check');

/** Strict, as a new project's `tsc --init` of TypeScript 7 would be, plus noUncheckedIndexedAccess. */
const STRICT = {
  target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true,
  noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, noEmit: true, skipLibCheck: true, types: ['node'],
};

/** Writes the section's app to `.check/<name>/app.mts`; returns its path. */
export function writeExample(doc: string, heading: string, name: string): string {
  const dir = join(CHECK, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'app.mts');
  writeFileSync(file, onlyBlock(doc, heading));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: STRICT, include: ['app.mts'] }));
  return file;
}

/** Type-checks a written example; the error carries the compiler's output. */
export function typeCheckExample(file: string): void {
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(file, '..', 'tsconfig.json')], { encoding: 'utf8' });
  } catch (err) {
    throw new Error(`${file} does not type-check:\n${(err as { stdout?: string }).stdout ?? String(err)}`);
  }
}

/** The example running against an emulator that knows only its callback URLs (Kakao with Client Secret ON). */
export async function runExample(file: string, env: Record<string, string>): Promise<{ app: RunningApp; emulator: Emulator }> {
  const port = await freePort();
  const emulator = await exampleEmulator(port, (provider) => `/oauth2/redirect/${provider}`);
  try {
    const app = await runApp(file, ROOT, port, { ...env, ...exampleEnv(emulator) });
    return { app, emulator };
  } catch (err) {
    await emulator.close();
    throw err;
  }
}
