// Reads the fenced code blocks of a README, and finds the ones the README test
// treats specially: the complete app of "Use" and the node:test example.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root, where the READMEs are. */
export const ROOT = join(__dirname, '..', '..');

/** Every ```ts block of a README, in order, without its fences. */
export function tsBlocks(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/** Every ```sh block of a README, in order. */
export function shBlocks(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/** The README's complete Express app: the one block that calls `app.listen`. */
export function appBlock(file: string): string {
  const found = tsBlocks(file).filter((code) => /\bapp\.listen\(/.test(code) && !code.includes("from 'node:test'"));
  if (found.length !== 1) throw new Error(`${file}: expected one complete app (a block calling app.listen), found ${found.length}`);
  return found[0]!;
}

/** The README's node:test example. */
export function nodeTestBlock(file: string): string {
  const found = tsBlocks(file).filter((code) => code.includes("from 'node:test'"));
  if (found.length !== 1) throw new Error(`${file}: expected one node:test example, found ${found.length}`);
  return found[0]!;
}

/**
 * The code of a block with comments and string contents blanked, so that two
 * blocks that differ only in the language of their comments and UI texts compare equal.
 */
export function codeShape(code: string): string {
  return code
    .replace(/`(?:[^`\\]|\\.)*`|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, (literal) => (literal.startsWith('`') ? literal.replace(/[^`${}]/g, '') : "''"))
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}
