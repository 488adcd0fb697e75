// Audit events as human sentences: "Ana movió a Ventas › Cotizaciones", "Ana se asignó", …
import type { TFunction } from 'i18next';
import type { Agent, AuditEvent, Category, Tag, Tray } from '../../../shared/entities';
import { placeName } from './labels';

interface Lookup {
  agentsById: Map<string, Agent>;
  traysById: Map<string, Tray>;
  categoriesById: Map<string, Category>;
  tagsById: Map<string, Tag>;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function auditSentence(t: TFunction, l: Lookup, e: AuditEvent): string {
  const actor = e.actorName || t('audit.someone');
  const after = e.after ?? {};
  switch (e.action) {
    case 'conversation.assigned': {
      const target = str(after.assigneeId);
      if (!target) return t('audit.unassigned', { actor });
      if (target === e.actorId) return t('audit.assignedSelf', { actor });
      return t('audit.assigned', { actor, target: l.agentsById.get(target)?.name ?? t('audit.unknown') });
    }
    case 'conversation.moved':
      return t('audit.moved', {
        actor,
        place: placeName(l, str(after.trayId), str(after.categoryId)) || t('audit.unknown'),
      });
    case 'conversation.statusChanged': {
      const status = str(after.status);
      return t('audit.statusChanged', { actor, status: status ? t(`statusOne.${status}`) : t('audit.unknown') });
    }
    case 'conversation.tagAdded':
    case 'conversation.tagRemoved': {
      const tagId = str(after.tagId) ?? str(e.before?.tagId);
      const tag = (tagId && l.tagsById.get(tagId)?.name) || t('audit.unknown');
      return t(e.action === 'conversation.tagAdded' ? 'audit.tagAdded' : 'audit.tagRemoved', { actor, tag });
    }
    case 'note.added':
      return t('audit.noteAdded', { actor });
    case 'message.sent':
      return t('audit.messageSent', { actor });
    case 'conversation.created':
      return t('audit.created', { actor });
    default:
      return t('audit.generic', { actor, action: e.action });
  }
}
