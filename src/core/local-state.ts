// Device-local state that never syncs: composer drafts and UI preferences.
import { eq } from 'drizzle-orm';
import { DEFAULT_PREFS, Prefs, type MethodInput } from '../shared';
import type { CoreContext } from './context';
import { getMeta, setMeta } from './db/meta';
import { drafts } from './db/schema';
import { loadConversation } from './mutators/load';

export function getDraft(ctx: CoreContext, conversationId: string): { text: string; mode: 'reply' | 'note' } {
  const row = ctx.db.select().from(drafts).where(eq(drafts.conversationId, conversationId)).get();
  return row ? { text: row.text, mode: row.mode } : { text: '', mode: 'reply' };
}

export function setDraft(ctx: CoreContext, input: MethodInput<'drafts.set'>): { saved: boolean } {
  loadConversation(ctx, input.conversationId); // a draft always belongs to a conversation we have
  if (input.text.length === 0) {
    ctx.db.delete(drafts).where(eq(drafts.conversationId, input.conversationId)).run();
  } else {
    const values = {
      text: input.text,
      mode: input.mode,
      updatedAt: ctx.clock.now(),
    };
    ctx.db
      .insert(drafts)
      .values({ conversationId: input.conversationId, ...values })
      .onConflictDoUpdate({ target: drafts.conversationId, set: values })
      .run();
  }
  return { saved: true };
}

export function getPrefs(ctx: CoreContext): Prefs {
  const raw = getMeta(ctx.db, 'prefs');
  if (!raw) return DEFAULT_PREFS;
  // Stored prefs from an older build may miss fields or hold values no longer allowed: fall back per field.
  const merged = { ...DEFAULT_PREFS, ...(JSON.parse(raw) as Partial<Prefs>) };
  const parsed = Prefs.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_PREFS;
}

export function setPrefs(ctx: CoreContext, patch: MethodInput<'prefs.set'>): Prefs {
  const next = Prefs.parse({
    ...getPrefs(ctx),
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  });
  setMeta(ctx.db, 'prefs', JSON.stringify(next));
  ctx.emit('prefs.changed', next);
  return next;
}
