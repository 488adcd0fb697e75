// User actions on conversations. Each one calls the core, then immediately re-reads what it touched
// (the core also emits data.changed; reading at once makes the UI answer without waiting for it).
// Hand-offs (a move to another team's tray, an escalation) ask `conversations.check` first: when the
// guide demands a descriptive note, the note dialog opens with the action waiting behind it.
import type { BulkItemResult, CheckedAction } from '../../../shared/contract';
import type { Priority } from '../../../shared/domain';
import type { Justification } from '../../../shared/rules/closing-policy';
import type { DescriptiveFields, ExternalChannel, SettableStatus, TicketStatus } from '../../../shared/mutations';
import type { BulkAction } from '../../../shared/mutations';
import { i18next } from '../i18n';
import { useConversationStore } from '../stores/conversationStore';
import { useCountsStore } from '../stores/countsStore';
import { mergeRequirements, type PendingAction, useGuideDialogStore } from '../stores/guideDialogStore';
import { useListStore } from '../stores/listStore';
import { useSessionStore } from '../stores/sessionStore';
import { useUiStore } from '../stores/uiStore';
import { call, run } from './api';

export function refreshAfterChange(conversationIds: string[]): void {
  void useCountsStore.getState().refresh();
  void useListStore.getState().patch(conversationIds);
  const openId = useConversationStore.getState().openId;
  if (openId && (conversationIds.length === 0 || conversationIds.includes(openId)))
    void useConversationStore.getState().refresh();
}

async function mutate(conversationId: string, fn: () => Promise<unknown>): Promise<boolean> {
  const ok = (await fn()) !== undefined;
  refreshAfterChange([conversationId]);
  return ok;
}

/** A change that is not a conversation row (tasks, tickets, contact): re-read the open one's cards. */
async function touchOpen<T>(fn: () => Promise<T | undefined>): Promise<T | undefined> {
  const out = await fn();
  const conv = useConversationStore.getState();
  void conv.refreshWork();
  if (conv.openId) refreshAfterChange([conv.openId]);
  return out;
}

/**
 * Does any of these conversations need the descriptive note before `action`? If so the note dialog opens
 * with `pending` waiting behind it and this answers true; the caller stops there. A check that cannot
 * be answered lets the action through: the mutator applies the same rule and explains its refusal.
 */
async function noteFirst(ids: string[], action: CheckedAction, pending: PendingAction, bulk: boolean) {
  const checks = await Promise.all(
    ids.map((conversationId) => call('conversations.check', { conversationId, action }).catch(() => null)),
  );
  const needs = ids.flatMap((id, i) => {
    const note = checks[i]?.note;
    return note && note.missingFields.length > 0 ? [{ id, note }] : [];
  });
  if (needs.length === 0) return false;
  useGuideDialogStore.getState().open({
    kind: 'note',
    conversationIds: needs.map((n) => n.id),
    requirement: mergeRequirements(needs.map((n) => n.note)),
    pending: { action: pending, actionIds: ids, bulk },
  });
  return true;
}

/** Assigning to a supervisor or admin may be an escalation (the core decides); anyone else never is. */
function mayEscalate(assigneeId: string | null): boolean {
  const { session, agentsById } = useSessionStore.getState();
  if (!assigneeId || !session || assigneeId === session.me.id || session.me.role !== 'agent') return false;
  const role = agentsById.get(assigneeId)?.role;
  return role === 'supervisor' || role === 'admin';
}

const t = (key: string, opts?: Record<string, unknown>) => i18next.t(key, opts ?? {});

const names = (conversationIds: string[]) => {
  const wanted = new Set(conversationIds);
  const rows = useListStore.getState().rows.filter((r) => wanted.has(r.id));
  const detail = useConversationStore.getState().detail;
  const out: Record<string, string> = Object.fromEntries(rows.map((r) => [r.id, r.contactName] as const));
  if (detail && wanted.has(detail.id)) out[detail.id] = detail.contactName;
  return out;
};

async function bulkDirect(conversationIds: string[], action: BulkAction): Promise<BulkItemResult[] | undefined> {
  // Names are captured before the action: changed rows may leave the list right after.
  const before = names(conversationIds);
  let out: BulkItemResult[] | undefined;
  try {
    const { results } = await call('conversations.bulk', { conversationIds, action });
    useUiStore.getState().pushBulk(results, before, action.type);
    // Keep only the failed ones selected, so the agent can look at them or retry.
    const failed = new Set(results.filter((r) => !r.ok).map((r) => r.conversationId));
    useListStore.setState({ selected: failed });
    out = results;
  } catch (err) {
    useUiStore.getState().pushError(err);
  }
  refreshAfterChange(conversationIds);
  return out;
}

/** The open conversation's follow-up reminder, if it has one (list rows do not carry it). */
function followUpOf(conversationId: string): { name: string } | null {
  const detail = useConversationStore.getState().detail;
  return detail?.id === conversationId && detail.followUpAt !== null ? { name: detail.contactName } : null;
}

const followUpDropped = (name: string) => useUiStore.getState().pushInfo(t('reminders.followUp.dropped', { name }));

const assignDirect = (conversationId: string, assigneeId: string | null) =>
  mutate(conversationId, () => run('conversations.assign', { conversationId, assigneeId }));
const moveDirect = (conversationId: string, trayId: string, categoryId: string | null) =>
  mutate(conversationId, () => run('conversations.move', { conversationId, trayId, categoryId }));

export const actions = {
  async assign(conversationId: string, assigneeId: string | null): Promise<boolean> {
    if (mayEscalate(assigneeId)) {
      const pending: PendingAction = { type: 'assign', assigneeId };
      if (await noteFirst([conversationId], { type: 'assign', assigneeId }, pending, false)) return false;
    }
    return assignDirect(conversationId, assigneeId);
  },
  async move(conversationId: string, trayId: string, categoryId: string | null): Promise<boolean> {
    const pending: PendingAction = { type: 'move', trayId, categoryId };
    if (await noteFirst([conversationId], { type: 'move', trayId }, pending, false)) return false;
    return moveDirect(conversationId, trayId, categoryId);
  },
  async setStatus(conversationId: string, status: SettableStatus): Promise<boolean> {
    // The core cancels a follow-up reminder when the conversation leaves Pendientes: say so.
    const reminder = followUpOf(conversationId);
    const ok = await mutate(conversationId, () => run('conversations.setStatus', { conversationId, status }));
    if (ok && reminder && status !== 'pending') followUpDropped(reminder.name);
    return ok;
  },
  /** Reopening a resolved conversation starts a new cycle (the closure record of the last one stays). */
  reopen: (conversationId: string) => actions.setStatus(conversationId, 'open'),
  /** "Abrir ahora": a snoozed conversation back to Abiertas before its time. */
  wake: (conversationId: string) => actions.setStatus(conversationId, 'open'),

  /** Pospuestas until `until` (a snooze replaces a follow-up reminder, which the core drops). */
  async snooze(conversationId: string, until: number): Promise<boolean> {
    const reminder = followUpOf(conversationId);
    const ok = await mutate(conversationId, () => run('conversations.snooze', { conversationId, until }));
    if (ok && reminder) followUpDropped(reminder.name);
    return ok;
  },
  /** The follow-up reminder of a pending conversation (null clears it). */
  setFollowUp: (conversationId: string, at: number | null) =>
    mutate(conversationId, () => run('conversations.setFollowUp', { conversationId, at })),
  addTag: (conversationId: string, tagId: string) =>
    mutate(conversationId, () => run('conversations.addTag', { conversationId, tagId })),
  removeTag: (conversationId: string, tagId: string) =>
    mutate(conversationId, () => run('conversations.removeTag', { conversationId, tagId })),

  /** Applies one action to many conversations and reports per item what happened. */
  async bulk(conversationIds: string[], action: BulkAction): Promise<BulkItemResult[] | undefined> {
    if (action.type === 'move') {
      const pending: PendingAction = { type: 'move', trayId: action.trayId, categoryId: action.categoryId };
      if (await noteFirst(conversationIds, { type: 'move', trayId: action.trayId }, pending, true)) return undefined;
    } else if (action.type === 'assign' && mayEscalate(action.assigneeId)) {
      const pending: PendingAction = { type: 'assign', assigneeId: action.assigneeId };
      if (await noteFirst(conversationIds, { type: 'assign', assigneeId: action.assigneeId }, pending, true))
        return undefined;
    }
    return bulkDirect(conversationIds, action);
  },

  /** Runs the hand-off the note dialog was holding, now that the note is written. */
  async runPending(pending: { action: PendingAction; actionIds: string[]; bulk: boolean }): Promise<void> {
    const { action, actionIds, bulk } = pending;
    if (bulk) {
      await bulkDirect(
        actionIds,
        action.type === 'move'
          ? { type: 'move', trayId: action.trayId, categoryId: action.categoryId }
          : { type: 'assign', assigneeId: action.assigneeId },
      );
      return;
    }
    const id = actionIds[0];
    if (!id) return;
    if (action.type === 'move') await moveDirect(id, action.trayId, action.categoryId);
    else await assignDirect(id, action.assigneeId);
  },

  /** Resolves under the closing policy; the toast names the justification it used. */
  async resolve(conversationId: string, dispositionId: string): Promise<Justification | undefined> {
    const out = await run('conversations.resolve', { conversationId, dispositionId });
    refreshAfterChange([conversationId]);
    if (!out) return undefined;
    const disposition = useSessionStore.getState().session?.dispositions.find((d) => d.id === dispositionId);
    useUiStore.getState().pushInfo(
      t('guide.resolve.done', {
        disposition: disposition?.name ?? '',
        justification: t(`guide.justification.${out.justification}`),
      }),
    );
    return out.justification;
  },

  /** d) The customer said they need nothing else (null: take the mark back). */
  markConfirmed: (conversationId: string, messageId: string | null) =>
    mutate(conversationId, () => run('conversations.markConfirmed', { conversationId, messageId })),

  /** Keeps `keepId`, moves everything of `sourceId` into it. */
  async merge(keepId: string, sourceId: string): Promise<boolean> {
    const ok = await mutate(keepId, () => run('conversations.merge', { conversationId: keepId, sourceId }));
    refreshAfterChange([sourceId]);
    if (ok) useUiStore.getState().pushInfo(t('guide.merge.done'));
    return ok;
  },

  addNote: (conversationId: string, body: string, mentions: string[]) =>
    mutate(conversationId, () => run('notes.add', { conversationId, body, ...(mentions.length ? { mentions } : {}) })),
  addDescriptiveNote: (conversationId: string, fields: DescriptiveFields, mentions: string[]) =>
    mutate(conversationId, () =>
      run('notes.addDescriptive', { conversationId, fields, ...(mentions.length ? { mentions } : {}) }),
    ),
  logExternal: (conversationId: string, channel: ExternalChannel, occurredAt: number, summary: string) =>
    mutate(conversationId, () => run('notes.logExternal', { conversationId, channel, occurredAt, summary })),

  createTask: (input: {
    conversationId: string | null;
    title: string;
    dueAt: number | null;
    assigneeId: string | null;
  }) => touchOpen(() => run('tasks.create', input)),
  updateTask: (input: {
    taskId: string;
    title?: string;
    dueAt?: number | null;
    assigneeId?: string | null;
    done?: boolean;
  }) => touchOpen(() => run('tasks.update', input)),

  createTicket: (conversationId: string, subject: string, priority: Priority) =>
    touchOpen(() => run('tickets.create', { conversationId, subject, priority })),
  updateTicket: (input: { ticketId: string; subject?: string; status?: TicketStatus; priority?: Priority }) =>
    touchOpen(() => run('tickets.update', input)),
  linkTicket: (conversationId: string, ticketId: string) =>
    touchOpen(() => run('tickets.link', { conversationId, ticketId })),
  unlinkTicket: (conversationId: string, ticketId: string) =>
    touchOpen(() => run('tickets.unlink', { conversationId, ticketId })),

  async setCompany(contactId: string, companyId: string | null): Promise<boolean> {
    const ok = (await run('contacts.setCompany', { contactId, companyId })) !== undefined;
    await useConversationStore.getState().refreshContact();
    return ok;
  },
  /** Creates the company and associates it to the contact in one gesture ("Crear «Acme SpA»"). */
  async createCompanyFor(contactId: string, name: string): Promise<boolean> {
    const created = await run('companies.create', { name, domain: null });
    if (!created) return false;
    return actions.setCompany(contactId, created.company.id);
  },
  async renameContact(contactId: string, name: string): Promise<boolean> {
    const ok = (await run('contacts.update', { contactId, name })) !== undefined;
    await useConversationStore.getState().refreshContact();
    refreshAfterChange([]);
    return ok;
  },
  async addIdentity(contactId: string, kind: 'phone' | 'email', value: string): Promise<boolean> {
    const ok = (await run('contacts.addIdentity', { contactId, kind, value })) !== undefined;
    await useConversationStore.getState().refreshContact();
    return ok;
  },

  openAttachment: (url: string) => run('attachments.open', { url }),
};
