// The vocabulary of the shared mutators' table-driven tests: a case is "as <who>, run <mutation> with
// <args> on a fresh seed (after <setup>), expect <outcome>". Outcomes: applied (with its history action),
// a no-op (nothing written), or a refusal (its messageKey and params, nothing written).
import type { MutationName } from '../../src/shared';
import { envFor, MIN, type Seed, type Who } from './memory-seed';
import { get, type MutationInput, rows, run } from './memory-store';

export type Call = { [N in MutationName]: { name: N; args: MutationInput<N> } }[MutationName];
export const call = <N extends MutationName>(name: N, args: MutationInput<N>): Call => ({ name, args }) as Call;

export type Outcome = { audit: string } | 'noop' | { refused: string; params?: Record<string, string | number> };

/** Ids a setup created, for the call and the checks. */
export type Ctx = Record<string, string>;

export interface Case {
  name: string;
  as: Who;
  /** Only for decisions that differ by design between the replica and the server (excluded from parity). */
  side?: 'client' | 'server';
  setup?: (s: Seed, ctx: Ctx) => void;
  call: (s: Seed, ctx: Ctx) => Call;
  expect: Outcome;
  check?: (s: Seed, value: unknown, ctx: Ctx) => void;
}

/** Runs a setup step as `who`, ten minutes ago unless told; a refusal there is a broken test. */
export function must(s: Seed, who: Who, c: Call, at = s.now - 10 * MIN): unknown {
  const r = run(s.store, c.name, c.args as never, envFor(s, who, 'client', at));
  if (!r.ok) throw new Error(`setup ${c.name} refused: ${r.error.messageKey} ${r.error.message}`);
  return r.value;
}

/** A descriptive note that says everything the guide asks for. */
export const FULL_NOTE = {
  context: 'El cliente reporta que su equipo no enciende desde ayer',
  actions: 'Revisamos la garantía y pedimos fotos del equipo',
  nextSteps: 'Soporte técnico debe agendar una visita esta semana',
  missingData: 'Falta el correo y el nombre completo del cliente',
  externalChannel: 'Llamada telefónica al celular del cliente',
};
type Field = keyof typeof FULL_NOTE;

export const noteWith = (s: Seed, conversationId: string, ...fields: Field[]): Call =>
  call('addDescriptiveNote', {
    conversationId,
    noteId: s.newId(),
    fields: Object.fromEntries(fields.map((f) => [f, FULL_NOTE[f]])),
  });

export const externalLog = (
  s: Seed,
  conversationId: string,
  over: Partial<MutationInput<'logExternalContact'>> = {},
): Call =>
  call('logExternalContact', {
    conversationId,
    noteId: s.newId(),
    channel: 'phone',
    occurredAt: s.now - 30 * MIN,
    summary: 'Llamé al cliente y acordamos una visita técnica',
    ...over,
  });

export const settingsOff = (...keys: string[]): Call =>
  call('saveSettings', { patch: { noteRules: Object.fromEntries(keys.map((k) => [k, false])) } });

export const conv = (s: Seed, id: string) => get(s.store, 'conversations', { id })!;
export const cycles = (s: Seed, conversationId: string) =>
  rows(s.store, 'conversation_cycles')
    .filter((c) => c.conversationId === conversationId)
    .sort((a, b) => a.number - b.number);
export const lastAudit = (s: Seed) => s.store.audits.at(-1)!;
