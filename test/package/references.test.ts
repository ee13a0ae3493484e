// Every fact a comment cites resolves in docs/providers.md (issue 12):
// - each `§A3`-style section marker and each `[K21]`-style source code in lib/
//   (comments, TSDoc and messages alike: all of it ships) is a heading there;
// - explicit `docs/providers.md §…` / `providers.md, "Title"` references elsewhere
//   (tests, demo, README, ARCHITECTURE.md, docs/) resolve too;
// - the document only cites its own headings, and has every section of the
//   fact sheet it was written from (Parts A–D).
// A failure lists each unresolved reference as file:line.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { assert, expect } from 'chai';

const ROOT = join(__dirname, '..', '..');
const DOC = 'docs/providers.md';
const SELF = relative(ROOT, __filename).split('\\').join('/');

/** `§A3`, `§C6.3` (a sentence's final dot is not part of the marker). */
const SECTION = /§([A-D][0-9]+(?:\.[0-9]+)?)/g;
/** `[K21]`, `[N1a §3.4.2]`, `[K21 #request-token]`: the source code opening a bracket. */
const SOURCE = /\[([KNPI][0-9]+[a-z]?)(?=[\]\s,;§])/g;
/** `docs/providers.md Part A`, `docs/providers.md Part B`. */
const PART = /(?:provider-apis|providers)\.md,? Part ([A-D])\b/g;
/** `docs/providers.md, "JWKS caching"`: a heading cited by its title. */
const TITLE = /providers\.md,? "([^"\n]+)"/g;
/** An explicit section reference outside lib/: `docs/providers.md §C8, §D11`. */
const DOC_SECTIONS = /providers\.md,?((?:[ (]*§[A-D][0-9]+(?:\.[0-9]+)?[),]?)+)/g;

/** Folders never scanned: dependencies, build output, generated files. */
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', 'test-results', '.readme-check']);

/** One citation found in a file. */
interface Citation {
  readonly where: string; // file:line
  readonly kind: 'section' | 'source' | 'part' | 'title';
  readonly ref: string;
}

/** What docs/providers.md defines through its headings. */
interface Defined {
  readonly sections: ReadonlySet<string>;
  readonly sources: ReadonlySet<string>;
  readonly parts: ReadonlySet<string>;
  readonly titles: readonly string[];
  /** Section markers defined by more than one heading. */
  readonly duplicates: readonly string[];
}

function filesUnder(dir: string, extensions: readonly string[]): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) out.push(...filesUnder(rel, extensions));
    } else if (extensions.some((ext) => entry.name.endsWith(ext)) && rel !== SELF) {
      out.push(rel);
    }
  }
  return out.sort();
}

function matches(line: string, pattern: RegExp): string[] {
  return [...line.matchAll(pattern)].map((m) => m[1] ?? '');
}

/** Lines of a Markdown text with fenced code blocks blanked (their `#` are not headings). */
function markdownLines(text: string): { line: string; heading: boolean }[] {
  let fenced = false;
  return text.split('\n').map((line) => {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      return { line: '', heading: false };
    }
    if (fenced) return { line: '', heading: false };
    return { line, heading: /^#{1,6}\s/.test(line) };
  });
}

/** Reads the headings of the fact document. */
function definedBy(doc: string): Defined {
  const sections = new Set<string>();
  const sources = new Set<string>();
  const parts = new Set<string>();
  const titles: string[] = [];
  const duplicates: string[] = [];
  for (const { line, heading } of markdownLines(doc)) {
    if (!heading) continue;
    titles.push(line.replace(/^#+\s*/, ''));
    // A heading defines the first marker it holds (`## §C6.3 Kakao KOE codes`).
    const first = matches(line, SECTION)[0];
    if (first !== undefined) {
      if (sections.has(first)) duplicates.push(first);
      sections.add(first);
    }
    for (const code of matches(line, /^#+\s*\[([KNPI][0-9]+[a-z]?)\]/g)) sources.add(code);
    for (const part of matches(line, /^#\s+Part ([A-D])\b/g)) parts.add(part);
  }
  return { sections, sources, parts, titles, duplicates };
}

/**
 * The citations in one file. With `explicitOnly`, only references that name
 * providers.md count (outside lib/, `§` and brackets may mean other things).
 */
function citationsIn(file: string, text: string, explicitOnly: boolean): Citation[] {
  const found: Citation[] = [];
  text.split('\n').forEach((line, index) => {
    const where = `${file}:${index + 1}`;
    const add = (kind: Citation['kind'], refs: string[]): void => {
      for (const ref of refs) found.push({ where, kind, ref });
    };
    if (explicitOnly) {
      for (const group of matches(line, DOC_SECTIONS)) add('section', matches(group, SECTION));
    } else {
      add('section', matches(line, SECTION));
      add('source', matches(line, SOURCE));
    }
    add('part', matches(line, PART));
    add('title', matches(line, TITLE));
  });
  return found;
}

/** The citations that the document's headings do not resolve, as `file:line: ref` lines. */
function unresolved(citations: readonly Citation[], defined: Defined): string[] {
  return citations
    .filter(({ kind, ref }) => {
      switch (kind) {
        case 'section': return !defined.sections.has(ref);
        case 'source': return !defined.sources.has(ref);
        case 'part': return !defined.parts.has(ref);
        case 'title': return !defined.titles.some((title) => title.toLowerCase().includes(ref.toLowerCase()));
      }
    })
    .map(({ where, kind, ref }) => {
      const shown = kind === 'section' ? `§${ref}` : kind === 'source' ? `[${ref}]` : kind === 'part' ? `Part ${ref}` : `"${ref}"`;
      return `${where}: ${shown}`;
    });
}

function read(rel: string): string {
  return readFileSync(join(ROOT, rel), 'utf8');
}

function report(list: readonly string[], what: string): string {
  return `${list.length} ${what} not found among the headings of ${DOC}:\n  ${list.join('\n  ')}\n`;
}

describe('references to docs/providers.md', () => {
  const docText = read(DOC);
  const defined = definedBy(docText);

  it('resolves every section marker and source code cited in lib/', () => {
    const citations = filesUnder('lib', ['.ts']).flatMap((file) => citationsIn(file, read(file), false));
    // The scan must see the citations that are known to be there, or it proves nothing.
    expect(citations.filter((c) => c.kind === 'section').length, 'section markers found in lib/').to.be.greaterThan(50);
    expect(citations.some((c) => c.kind === 'source'), 'source codes found in lib/').to.equal(true);
    const missing = unresolved(citations, defined);
    if (missing.length > 0) assert.fail(report(missing, 'references in lib/'));
  });

  it('resolves explicit providers.md references in tests, demo and documentation', () => {
    const files = [
      ...filesUnder('test', ['.ts']),
      ...filesUnder('demo', ['.ts']),
      ...filesUnder('docs', ['.md']).filter((file) => file !== DOC),
      ...readdirSync(ROOT).filter((name) => name.endsWith('.md')),
    ];
    const missing = unresolved(files.flatMap((file) => citationsIn(file, read(file), true)), defined);
    if (missing.length > 0) assert.fail(report(missing, 'references outside lib/'));
  });

  it('cites only its own headings', () => {
    const body = markdownLines(docText)
      .map(({ line, heading }) => (heading ? line.replace(/^(#+\s*)(\[[^\]]+\]|§[A-D][0-9.]*)/, '$1') : line))
      .join('\n');
    const missing = unresolved(citationsIn(DOC, body, false), defined);
    if (missing.length > 0) assert.fail(report(missing, `references inside ${DOC}`));
  });

  it('has one heading per section of Parts A to D, each defined once', () => {
    const expected = [
      ...range('A', 7), ...range('B', 7), ...range('C', 12),
      'C6.1', 'C6.2', 'C6.3', 'C6.4', ...range('D', 11),
    ];
    const absent = expected.filter((marker) => !defined.sections.has(marker));
    expect(absent, `sections without a heading in ${DOC}`).to.deep.equal([]);
    expect(defined.duplicates, `sections with two headings in ${DOC}`).to.deep.equal([]);
    expect([...defined.parts].sort()).to.deep.equal(['A', 'B', 'C', 'D']);
  });

  it('gives every source heading a URL', () => {
    const lines = markdownLines(docText).map(({ line }) => line);
    const withoutUrl = lines.flatMap((line, index) => {
      const code = /^#+\s*\[([KNPI][0-9]+[a-z]?)\]/.exec(line)?.[1];
      if (code === undefined) return [];
      const next = lines.slice(index + 1).findIndex((l) => /^#/.test(l));
      const block = lines.slice(index + 1, next === -1 ? undefined : index + 1 + next).join('\n');
      return /https:\/\/\S+/.test(block) ? [] : [`${DOC}:${index + 1}: [${code}]`];
    });
    expect(withoutUrl, 'source headings without a URL').to.deep.equal([]);
  });

  it('reports an unresolved reference with its file and line', () => {
    // The check itself can fail: made-up citations are listed where they stand.
    const text = 'ok §A3 [K21]\n// bad §C99 and [K999 #x]\n// docs/providers.md, "No such heading"\n';
    const missing = unresolved(citationsIn('lib/fake.ts', text, false), defined);
    expect(missing).to.deep.equal([
      'lib/fake.ts:2: §C99',
      'lib/fake.ts:2: [K999]',
      'lib/fake.ts:3: "No such heading"',
    ]);
    // Outside lib/, only references that name the document count.
    const elsewhere = 'see §C99 and [K999]\nsee docs/providers.md §C8, §D12\n';
    expect(unresolved(citationsIn('test/fake.ts', elsewhere, true), defined)).to.deep.equal(['test/fake.ts:2: §D12']);
  });
});

function range(part: string, last: number): string[] {
  return Array.from({ length: last }, (_, i) => `${part}${i + 1}`);
}
