// The guide's descriptive note ("comentario descriptivo"): Contexto, Acciones realizadas, Próximos pasos,
// Datos faltantes, Canal externo. A required field must say something — not "ok", not one word — so a
// teammate reading it later can continue the case (guide §5, "Regla adicional obligatoria").
export const DESCRIPTIVE_FIELDS = ['context', 'actions', 'nextSteps', 'missingData', 'externalChannel'] as const;
export type DescriptiveField = (typeof DESCRIPTIVE_FIELDS)[number];
export type DescriptiveNote = Partial<Record<DescriptiveField, string>>;

/** Words that fill a field without saying anything. */
const FILLERS = new Set([
  'ok',
  'okay',
  'listo',
  'na',
  'n/a',
  'nada',
  'ninguno',
  'ninguna',
  'si',
  'sí',
  'no',
  'x',
  '-',
  '.',
  '...',
  'pendiente',
  'hecho',
  'ya',
]);

/** At least two words with letters, at least 12 letters overall, and not a known filler. */
export function isMeaningful(text: string | undefined): boolean {
  if (!text) return false;
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (FILLERS.has(trimmed.toLowerCase())) return false;
  const words = trimmed.split(' ').filter((w) => /\p{L}/u.test(w));
  const letters = (trimmed.match(/\p{L}/gu) ?? []).length;
  return words.length >= 2 && letters >= 12;
}

/** Required fields that are missing or not meaningful, in the guide's order. */
export function missingFields(note: DescriptiveNote, required: readonly DescriptiveField[]): DescriptiveField[] {
  return DESCRIPTIVE_FIELDS.filter((f) => required.includes(f) && !isMeaningful(note[f]));
}
