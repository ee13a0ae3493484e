// The code blocks of docs/readme/frameworks.md and its Korean twin, by section.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root. */
export const ROOT = join(__dirname, '..', '..');

/** The two documents, English first. */
export const DOCS = ['docs/readme/frameworks.md', 'docs/readme/frameworks.ko.md'] as const;

/**
 * The ```ts blocks under the `## ` heading that starts with `heading`, in
 * order. Throws when there is no such section.
 */
export function sectionBlocks(doc: string, heading: string): string[] {
  const text = readFileSync(join(ROOT, doc), 'utf8');
  const sections = text.split(/^(?=## )/m);
  const section = sections.find((s) => s.startsWith(`## ${heading}`));
  if (section === undefined) throw new Error(`${doc} has no "## ${heading}" section`);
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/** The one block of a section; throws unless there is exactly one. */
export function onlyBlock(doc: string, heading: string): string {
  const blocks = sectionBlocks(doc, heading);
  if (blocks.length !== 1) throw new Error(`${doc} "## ${heading}": expected one ts block, found ${blocks.length}`);
  return blocks[0]!;
}

/** The file a block belongs to, from its first line (`// main.ts: ...`). */
export function blockFile(code: string): string | undefined {
  return /^\/\/ ([\w.-]+\.ts)[:\s]/.exec(code)?.[1];
}

/**
 * A block's code with comments and the contents of strings blanked, so that
 * the English and Korean copies compare equal when only their words differ.
 */
export function codeShape(code: string): string {
  return code
    .replace(/`(?:[^`\\]|\\.)*`|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, (literal) => (literal.startsWith('`') ? literal.replace(/[^`${}]/g, '') : "''"))
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}
