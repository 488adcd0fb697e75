// Audit events as human sentences: "Ana movió a Ventas › Cotizaciones", "Ana resolvió · Consulta resuelta
// (El cliente recibió respuesta)", … and, where it helps, what it was before ("antes: Global").
import type { TFunction } from 'i18next';
import type { Agent, AuditEvent, Category, Session, Tag, Tray } from '../../../shared/entities';
import { placeName } from './labels';

interface Lookup {
  agentsById: Map<string, Agent>;
  traysById: Map<string, Tray>;
  categoriesById: Map<string, Category>;
  tagsById: Map<string, Tag>;
  /** For dispositions (calificaciones); optional so older callers keep working. */
  session?: Session | null;
  /** Task titles by id (a task's update records only what changed, not its title). */
  taskTitles?: Map<string, string>;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

function agentName(t: TFunction, l: Lookup, id: string | null): string {
  return (id && l.agentsById.get(id)?.name) || t('audit.unknown');
}

export function dispositionName(t: TFunction, l: Pick<Lookup, 'session'>, id: string | null): string {
  return (id && l.session?.dispositions.find((d) => d.id === id)?.name) || t('audit.unknown');
}

function when(lng: string, ts: number | null): string {
  if (ts === null) return '';
  return new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeStyle: 'short' }).format(ts);
}

export function auditSentence(t: TFunction, l: Lookup, e: AuditEvent, lng = 'es'): string {
  const actor = e.actorName || t('audit.someone');
  const after = e.after ?? {};
  const before = e.before ?? {};
  switch (e.action) {
    case 'conversation.assigned': {
      const target = str(after.assigneeId);
      if (!target) return t('audit.unassigned', { actor });
      if (target === e.actorId) return t('audit.assignedSelf', { actor });
      return t('audit.assigned', { actor, target: agentName(t, l, target) });
    }
    case 'conversation.moved':
      return t('audit.moved', {
        actor,
        place: placeName(l, str(after.trayId), str(after.categoryId)) || t('audit.unknown'),
      });
    case 'conversation.statusChanged': {
      const status = str(after.status);
      const cycle = num(after.cycle);
      if (str(before.status) === 'resolved' && status === 'open')
        return cycle ? t('guide.audit.reopenedCycle', { actor, cycle }) : t('guide.audit.reopened', { actor });
      return t('audit.statusChanged', { actor, status: status ? t(`statusOne.${status}`) : t('audit.unknown') });
    }
    case 'conversation.resolved': {
      const justification = str(after.justification);
      return t('guide.audit.resolved', {
        actor,
        disposition: dispositionName(t, l, str(after.dispositionId)),
        justification: justification ? t(`guide.justification.${justification}`) : t('audit.unknown'),
      });
    }
    case 'conversation.reopened':
    case 'conversation.newCycle': {
      const cycle = num(after.cycle);
      if (e.actorKind === 'contact')
        return cycle ? t('guide.audit.customerReopenedCycle', { cycle }) : t('guide.audit.customerReopened');
      return cycle ? t('guide.audit.reopenedCycle', { actor, cycle }) : t('guide.audit.reopened', { actor });
    }
    case 'conversation.snoozed': {
      const until = num(after.until) ?? num(after.snoozedUntil);
      return until
        ? t('guide.audit.snoozedUntil', { actor, time: when(lng, until) })
        : t('guide.audit.snoozed', { actor });
    }
    case 'conversation.woke':
    case 'conversation.unsnoozed':
      return t('guide.audit.woke');
    // The wake-up job (server) or the demo replica's own timer: nobody did it, the clock did.
    case 'conversation.snoozeWoke':
      return t('reminders.audit.snoozeWoke');
    case 'conversation.followUpDue':
      return t('reminders.audit.followUpDue');
    case 'conversation.followUpSet': {
      const at = num(after.at) ?? num(after.followUpAt);
      return at
        ? t('guide.audit.followUpSet', { actor, time: when(lng, at) })
        : t('guide.audit.followUpCleared', { actor });
    }
    case 'conversation.customerConfirmed':
      return str(after.messageId) ? t('guide.audit.confirmed', { actor }) : t('guide.audit.unconfirmed', { actor });
    case 'conversation.merged': {
      const messages = num(after.messages);
      return messages !== null
        ? t('guide.audit.mergedCounts', { actor, messages, notes: num(after.notes) ?? 0 })
        : t('guide.audit.merged', { actor });
    }
    case 'conversation.linked':
    case 'conversation.continued':
      return t('guide.audit.continued');
    case 'conversation.tagAdded':
    case 'conversation.tagRemoved': {
      const tagId = str(after.tagId) ?? str(before.tagId);
      const tag = (tagId && l.tagsById.get(tagId)?.name) || t('audit.unknown');
      return t(e.action === 'conversation.tagAdded' ? 'audit.tagAdded' : 'audit.tagRemoved', { actor, tag });
    }
    case 'note.added': {
      const mentions = Array.isArray(after.mentions) ? after.mentions.length : 0;
      if (str(after.kind) === 'descriptive')
        return mentions
          ? t('guide.audit.descriptiveNoteMentions', { actor, count: mentions })
          : t('guide.audit.descriptiveNote', { actor });
      return mentions ? t('guide.audit.noteMentions', { actor, count: mentions }) : t('audit.noteAdded', { actor });
    }
    case 'note.externalLogged': {
      const channel = str(after.channel);
      return t('guide.audit.externalLogged', {
        actor,
        channel: channel ? t(`guide.externalChannel.${channel}`, { defaultValue: channel }) : t('audit.unknown'),
      });
    }
    case 'task.created':
      return t('guide.audit.taskCreated', { actor, title: str(after.title) ?? '' });
    case 'task.updated': {
      const title = str(after.title) ?? l.taskTitles?.get(e.entityId) ?? str(before.title);
      const key = after.done === true ? 'taskDone' : after.done === false ? 'taskReopened' : 'taskUpdated';
      return title ? t(`guide.audit.${key}`, { actor, title }) : t(`guide.audit.${key}Untitled`, { actor });
    }
    case 'ticket.created':
      return t('guide.audit.ticketCreated', { actor, subject: str(after.subject) ?? '' });
    case 'ticket.updated': {
      const status = str(after.status);
      if (status) return t('guide.audit.ticketStatus', { actor, status: t(`guide.ticketStatus.${status}`) });
      const priority = str(after.priority);
      if (priority) return t('guide.audit.ticketPriority', { actor, priority: t(`guide.priority.${priority}`) });
      return t('guide.audit.ticketUpdated', { actor });
    }
    case 'ticket.linked':
      return t('guide.audit.ticketLinked', { actor });
    case 'ticket.unlinked':
      return t('guide.audit.ticketUnlinked', { actor });
    case 'contact.companySet':
      return t('guide.audit.contactCompanySet', { actor });
    case 'contact.updated':
      return t('guide.audit.contactUpdated', { actor });
    case 'contact.identityAdded':
      return t('guide.audit.contactIdentityAdded', { actor });
    case 'message.sent':
      return t('audit.messageSent', { actor });
    case 'message.received':
      return t('guide.audit.messageReceived', { actor });
    case 'conversation.created':
      return str(after.linkedFromId) ? t('guide.audit.createdContinues', { actor }) : t('audit.created', { actor });
    default:
      return t('audit.generic', { actor, action: e.action });
  }
}

/**
 * What it was before, when that helps to read the change ("antes: Global", "antes: Diego Fernández"),
 * or null. Shown under the sentence in the timeline.
 */
export function auditBefore(t: TFunction, l: Lookup, e: AuditEvent): string | null {
  const before = e.before;
  if (!before) return null;
  switch (e.action) {
    case 'conversation.moved': {
      const place = placeName(l, str(before.trayId), str(before.categoryId));
      return place ? t('guide.audit.before', { value: place }) : null;
    }
    case 'conversation.assigned': {
      const prev = str(before.assigneeId);
      return t('guide.audit.before', { value: prev ? agentName(t, l, prev) : t('details.unassigned') });
    }
    case 'conversation.statusChanged':
    case 'conversation.resolved': {
      const status = str(before.status);
      return status ? t('guide.audit.before', { value: t(`statusOne.${status}`, { defaultValue: status }) }) : null;
    }
    case 'ticket.updated': {
      const status = str(before.status);
      if (status && str(e.after?.status))
        return t('guide.audit.before', { value: t(`guide.ticketStatus.${status}`, { defaultValue: status }) });
      const priority = str(before.priority);
      if (priority && str(e.after?.priority))
        return t('guide.audit.before', { value: t(`guide.priority.${priority}`, { defaultValue: priority }) });
      return null;
    }
    default:
      return null;
  }
}
