/** Reads a fixture file (answers of Naver and Kakao, from docs/providers.md). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The fixture's text, without the final newline: exactly the body a provider would send. */
export function fixture(name: string): string {
  return readFileSync(join(__dirname, 'fixtures', name), 'utf8').trimEnd();
}
