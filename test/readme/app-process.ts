// Runs a README's complete app as a user would: the block written to a file
// unchanged and started with `node --import tsx`, configured only through the
// environment variables the README documents.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { runApp, type RunningApp } from '../support/run-app.js';
import { ROOT } from './blocks';

export { freePort } from '../support/run-app.js';

/** A running README app. */
export type AppProcess = RunningApp;

/**
 * Writes `code` to `file` and starts it with `PORT` and `BASE_URL` (`http://localhost:<port>`)
 * added to `env`, resolving once it prints "Listening on <BASE_URL>".
 */
export async function startApp(file: string, code: string, port: number, env: Record<string, string>): Promise<AppProcess> {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, code);
  return runApp(file, ROOT, port, env);
}
