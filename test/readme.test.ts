// The README's TypeScript examples are real: each block is written out as a
// module and type-checked against the built package, in both languages.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, '.readme-check');

/** Names the examples use without defining them, as an app around them would have. */
const PREAMBLE = `import type { Express as ReadmeExpress } from 'express';
import type { KakaoProfile as ReadmeKakaoProfile, KakaoStrategy as ReadmeKakao, NaverStrategy as ReadmeNaver, VerifyCallback as ReadmeVerifyCallback } from 'passport-naver-kakao';
declare const app: ReadmeExpress;
declare const naver: ReadmeNaver;
declare const kakao: ReadmeKakao;
declare const strategy: ReadmeNaver | ReadmeKakao;
declare const user: { refreshToken: string };
declare const accessToken: string;
declare const refreshToken: string;
declare const verify: (accessToken: string, refreshToken: string | undefined, profile: ReadmeKakaoProfile, done: ReadmeVerifyCallback) => void;
export {};
`;

function blocks(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

describe('the README examples', function () {
  this.timeout(60_000);
  after(() => rmSync(OUT, { recursive: true, force: true }));

  for (const file of ['README.md', 'README.ko.md']) {
    it(`${file}: every TypeScript block type-checks against the package`, () => {
      const found = blocks(file);
      expect(found.length, `${file} has TypeScript examples`).to.be.above(5);
      const dir = join(OUT, file.replace(/\W/g, '-'));
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      found.forEach((code, i) => {
        // Examples with their own imports go first, the preamble's declarations after.
        const imports = code.split('\n').filter((line) => /^import /.test(line));
        const body = code.split('\n').filter((line) => !/^import /.test(line));
        writeFileSync(join(dir, `example-${i + 1}.mts`), `${imports.join('\n')}\n${PREAMBLE}\n${body.join('\n')}`);
      });
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: { target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, experimentalDecorators: true, skipLibCheck: true, esModuleInterop: true, types: ['node'] },
          include: ['*.mts'],
        }),
      );
      try {
        execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { encoding: 'utf8' });
      } catch (err) {
        throw new Error(`${file} examples do not type-check:\n${(err as { stdout?: string }).stdout ?? String(err)}`);
      }
    });

    it(`${file}: the node:test example runs and passes`, () => {
      const example = blocks(file).find((code) => code.includes("from 'node:test'"));
      expect(example, 'a node:test example').to.be.a('string');
      const path = join(OUT, `${file.replace(/\W/g, '-')}-example.test.mts`);
      mkdirSync(OUT, { recursive: true });
      writeFileSync(path, example!);
      const output = execFileSync(process.execPath, ['--import', 'tsx', '--test', path], { cwd: ROOT, encoding: 'utf8' });
      expect(output).to.match(/^# pass 1$/m).and.match(/^# fail 0$/m);
    });
  }
});
