import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli';

/** Lints a snippet as if it were the file at `path` (relative to the repo). */
async function rules(path: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: REPO });
  const [res] = await eslint.lintText(code, { filePath: `${REPO}/${path}` });
  return res.messages.map((m) => m.ruleId ?? m.message);
}

describe('layering lint', () => {
  it('shared/ may not import Node built-ins, electron, Vue or native modules', async () => {
    expect(await rules('shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toContain('no-restricted-imports');
    expect(await rules('shared/x.ts', "import { join } from 'path';\nexport const x = join;\n")).toContain('no-restricted-imports');
    expect(await rules('shared/x.ts', "import { ref } from 'vue';\nexport const x = ref;\n")).toContain('no-restricted-imports');
    expect(await rules('shared/x.ts', "import Database from 'better-sqlite3';\nexport const x = Database;\n")).toContain('no-restricted-imports');
    expect(await rules('shared/x.ts', "import { Store } from '../main/store';\nexport const x = Store;\n")).toContain('no-restricted-imports');
  });
  it('shared/ takes time and randomness as inputs', async () => {
    expect(await rules('shared/x.ts', 'export const t = Date.now();\n')).toContain('no-restricted-properties');
    expect(await rules('shared/x.ts', 'export const r = Math.random();\n')).toContain('no-restricted-properties');
    expect(await rules('shared/x.ts', 'export const p = performance.now();\n')).toContain('no-restricted-properties');
  });
  it('shared/ may import its own files, even ones named like built-ins', async () => {
    expect(await rules('shared/x.ts', "import type { LabEvent } from './events';\nexport type X = LabEvent;\n")).toEqual([]);
  });
  it('renderer/ may not import Node or main/', async () => {
    expect(await rules('renderer/src/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toContain('no-restricted-imports');
    expect(await rules('renderer/src/x.ts', "import { Store } from '../../main/store';\nexport const x = Store;\n")).toContain('no-restricted-imports');
    expect(await rules('renderer/src/x.ts', "import type { LabApi } from '../../shared/api';\nexport type X = LabApi;\n")).toEqual([]);
  });
  it('main/ may not import renderer/', async () => {
    expect(await rules('main/x.ts', "import { router } from '../renderer/src/router';\nexport const x = router;\n")).toContain('no-restricted-imports');
  });
});
