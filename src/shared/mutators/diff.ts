// The before/after of an edit: only the fields that really change, so a save that changes nothing is a
// no-op (no write, no history) and the history shows exactly what an edit did.
export interface FieldChanges<T> {
  before: Partial<T>;
  /** null: nothing changes. */
  after: Partial<T> | null;
}

export function changedFields<T extends object>(current: T, wanted: Partial<T>): FieldChanges<T> {
  const before: Partial<T> = {};
  const after: Partial<T> = {};
  let any = false;
  for (const key of Object.keys(wanted) as (keyof T)[]) {
    if (wanted[key] === undefined || wanted[key] === current[key]) continue;
    before[key] = current[key];
    after[key] = wanted[key];
    any = true;
  }
  return { before, after: any ? after : null };
}
