// Reads the fenced code blocks of a README, and finds the ones the README test
// treats specially: the complete app of "Use" and the node:test example.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

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
 * The tokens of a block, without comments and with the text of every string
 * and template part left out: two blocks that differ only in the language of
 * their comments and texts give the same list.
 */
export function codeShape(code: string): string[] {
  const file = ts.createSourceFile('block.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const texts = new Set([ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral, ts.SyntaxKind.TemplateHead, ts.SyntaxKind.TemplateMiddle, ts.SyntaxKind.TemplateTail]);
  const tokens: string[] = [];
  const walk = (node: ts.Node): void => {
    if (ts.isJSDoc(node)) return; // a doc comment is a comment
    const children = node.getChildren(file);
    if (children.length === 0) {
      tokens.push(texts.has(node.kind) ? `<${ts.SyntaxKind[node.kind]}>` : node.getText(file));
      return;
    }
    children.forEach(walk);
  };
  walk(file);
  return tokens;
}

/** The anchors GitHub gives a README's headings (lower case, punctuation dropped, spaces as `-`). */
export function headingAnchors(file: string): Set<string> {
  const text = readFileSync(join(ROOT, file), 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set(
    [...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
      m[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'),
    ),
  );
}

/** The targets of a README's in-page links, `[text](#target)`. */
export function inPageLinks(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/\]\(#([^)]+)\)/g)].map((m) => decodeURIComponent(m[1]!));
}

/** The targets of a README's links to files of the repository (not URLs, not in-page anchors), without a `#fragment`. */
export function relativeLinks(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8').replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((target) => !/^[a-z]+:/i.test(target));
}

/**
 * The body rows of the first table whose header row has exactly these cells,
 * each row as its cells (trimmed; `\|` inside a cell kept as `|`).
 */
export function tableAfterHeader(file: string, header: readonly string[]): string[][] {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const cells = (line: string): string[] =>
    line.trim().replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'));
  const start = lines.findIndex((line) => line.startsWith('|') && JSON.stringify(cells(line)) === JSON.stringify(header));
  if (start === -1) throw new Error(`${file}: no table with the header ${header.join(' | ')}`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(cells(line));
  }
  return rows;
}
