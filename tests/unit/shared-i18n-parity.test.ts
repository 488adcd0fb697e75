// i18n: the Spanish and English dictionaries expose exactly the same keys, every value a non-empty string.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../../src/renderer/src/i18n/', import.meta.url));
const present = existsSync(`${dir}es.ts`) && existsSync(`${dir}en.ts`);

function leaves(obj: unknown, prefix = ''): [string, unknown][] {
  if (obj === null || typeof obj !== 'object') return [[prefix, obj]];
  return Object.entries(obj).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe.skipIf(!present)('i18n dictionaries', () => {
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
});
