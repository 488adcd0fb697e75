// The words of desktop notifications, which the core composes (it runs when no window is open): Spanish
// first, English second, the same keys in both (tests/unit/shared-notification-texts.test.ts). The renderer's
// in-app list uses its own i18n dictionaries.
import type { Locale } from './domain';
import type { NotificationKind } from './entities';

interface KindTexts {
  /** {contact}, {tray}, {actor}, {task}: filled by fill(). */
  title: string;
  /** "{n} …" for the summary shown at start for what fell due while the app was closed. */
  summary_one: string;
  summary_other: string;
}

export type NotificationTexts = Record<NotificationKind, KindTexts> & {
  /** Title of the start-up summary. */
  whileAway: string;
  /** Body when nothing better is known (no note, no snippet). */
  noDetail: string;
};

export const NOTIFICATION_TEXTS: Record<Locale, NotificationTexts> = {
  es: {
    snoozeDue: {
      title: 'Volvió a Abiertas: {contact} · {tray}',
      summary_one: '{n} conversación pospuesta venció',
      summary_other: '{n} conversaciones pospuestas vencieron',
    },
    followUpDue: {
      title: 'Sin respuesta del cliente: {contact} · {tray}',
      summary_one: '{n} seguimiento venció',
      summary_other: '{n} seguimientos vencieron',
    },
    taskDue: {
      title: 'Tarea vencida: {task}',
      summary_one: '{n} tarea venció',
      summary_other: '{n} tareas vencieron',
    },
    mention: {
      title: '{actor} te mencionó: {contact}',
      summary_one: '{n} mención nueva',
      summary_other: '{n} menciones nuevas',
    },
    assigned: {
      title: '{actor} te asignó: {contact}',
      summary_one: '{n} conversación asignada a ti',
      summary_other: '{n} conversaciones asignadas a ti',
    },
    whileAway: 'Mientras Bandeja estaba cerrada',
    noDetail: 'Abre la conversación para retomarla.',
  },
  en: {
    snoozeDue: {
      title: 'Back in Open: {contact} · {tray}',
      summary_one: '{n} snoozed conversation came due',
      summary_other: '{n} snoozed conversations came due',
    },
    followUpDue: {
      title: 'No answer from the customer: {contact} · {tray}',
      summary_one: '{n} follow-up came due',
      summary_other: '{n} follow-ups came due',
    },
    taskDue: {
      title: 'Task due: {task}',
      summary_one: '{n} task came due',
      summary_other: '{n} tasks came due',
    },
    mention: {
      title: '{actor} mentioned you: {contact}',
      summary_one: '{n} new mention',
      summary_other: '{n} new mentions',
    },
    assigned: {
      title: '{actor} assigned you: {contact}',
      summary_one: '{n} conversation assigned to you',
      summary_other: '{n} conversations assigned to you',
    },
    whileAway: 'While Bandeja was closed',
    noDetail: 'Open the conversation to pick it up.',
  },
};

export function fillText(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (values[k] !== undefined ? String(values[k]) : m));
}
