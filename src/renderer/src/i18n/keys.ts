// Both dictionaries must expose the same keys; `compareKeys` lets a unit test (and a dev assertion)
// prove it without a DOM. The `Dictionary` type also makes the compiler check en.ts against es.ts.
import { es } from './es';

type DeepStrings<T> = { readonly [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
export type Dictionary = DeepStrings<typeof es>;

export function flattenKeys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? flattenKeys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

/** Keys present in one dictionary but not the other (both empty = identical key sets). */
export function compareKeys(a: object, b: object): { onlyInA: string[]; onlyInB: string[] } {
  const ka = new Set(flattenKeys(a));
  const kb = new Set(flattenKeys(b));
  return { onlyInA: [...ka].filter((k) => !kb.has(k)), onlyInB: [...kb].filter((k) => !ka.has(k)) };
}
