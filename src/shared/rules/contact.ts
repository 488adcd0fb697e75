// Is a contact's data complete enough for a teammate to continue the case? The guide (§5) asks for a
// descriptive note with "Datos faltantes" when it is not, and (§7) wants every conversation associated with
// a contact and a company — one without a company is "huérfana".
export interface ContactFacts {
  name: string;
  identities: readonly { kind: 'phone' | 'email' | 'external'; value: string }[];
  companyId: string | null;
}

export type ContactGap =
  /** The name is empty or just an identifier (a phone number, an email, a handle). */
  | 'name'
  /** Neither a phone nor an email: nobody can reach the customer outside this channel. */
  | 'reachability'
  /** No company associated (an orphan conversation in the guide's words). */
  | 'company';

const LOOKS_LIKE_ID = /^[+\d\s().-]+$|@|^[\w.]+:[\w.-]+$/;

export function contactGaps(c: ContactFacts): ContactGap[] {
  const gaps: ContactGap[] = [];
  const name = c.name.trim();
  const letters = (name.match(/\p{L}/gu) ?? []).length;
  if (letters < 2 || LOOKS_LIKE_ID.test(name) || c.identities.some((i) => i.value.trim() === name)) gaps.push('name');
  if (!c.identities.some((i) => i.kind === 'phone' || i.kind === 'email')) gaps.push('reachability');
  if (!c.companyId) gaps.push('company');
  return gaps;
}

/** Incomplete for the note rule: the name or a way to reach the customer is missing (company is a warning). */
export const isContactIncomplete = (c: ContactFacts): boolean =>
  contactGaps(c).some((g) => g === 'name' || g === 'reachability');
