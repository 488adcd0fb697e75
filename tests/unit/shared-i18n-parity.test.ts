// i18n: the Spanish and English dictionaries expose exactly the same keys, every value a non-empty string.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

function leaves(obj: unknown, prefix = ''): [string, unknown][] {
  if (obj === null || typeof obj !== 'object') return [[prefix, obj]];
  return Object.entries(obj).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('i18n dictionaries', () => {
  it('es and en have identical key sets and only non-empty string values', async () => {
    const es = (await import('../../src/renderer/src/i18n/es')).es as object;
    const en = (await import('../../src/renderer/src/i18n/en')).en as object;
    const esLeaves = leaves(es);
    const enLeaves = leaves(en);
    expect(enLeaves.map(([k]) => k).sort()).toEqual(esLeaves.map(([k]) => k).sort());
    for (const [k, v] of [...esLeaves, ...enLeaves]) {
      expect(typeof v, k).toBe('string');
      expect((v as string).trim().length, k).toBeGreaterThan(0);
    }
    expect(esLeaves.length).toBeGreaterThan(20);
  });

  it('interpolation placeholders match between languages', async () => {
    const es = new Map(leaves((await import('../../src/renderer/src/i18n/es')).es));
    const en = new Map(leaves((await import('../../src/renderer/src/i18n/en')).en));
    const vars = (s: unknown) => [...String(s).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    for (const [k, v] of es) expect(vars(en.get(k)), k).toEqual(vars(v));
  });

  it('every error messageKey the core and the server send has a translation in both languages', async () => {
    const es = (await import('../../src/renderer/src/i18n/es')).es as object;
    const en = (await import('../../src/renderer/src/i18n/en')).en as object;
    const src = fileURLToPath(new URL('../../src/', import.meta.url));
    const files = (folder: string): string[] =>
      readdirSync(folder).flatMap((name) => {
        const path = join(folder, name);
        return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
      });
    const used = new Set<string>();
    for (const folder of ['core', 'server', 'shared']) {
      for (const file of files(join(src, folder))) {
        for (const m of readFileSync(file, 'utf8').matchAll(/'(errors\.[A-Za-z]+)'/g)) used.add(m[1]!);
      }
    }
    expect(used.size).toBeGreaterThan(10);
    const esKeys = new Set(leaves(es).map(([k]) => k));
    const enKeys = new Set(leaves(en).map(([k]) => k));
    expect([...used].filter((k) => !esKeys.has(k))).toEqual([]);
    expect([...used].filter((k) => !enKeys.has(k))).toEqual([]);
  });
});
