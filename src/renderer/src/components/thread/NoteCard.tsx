// Private notes must never be mistaken for customer messages: amber card, lock, explicit label. A
// descriptive note shows the guide's fields with their labels; a contact outside the CRM is its own card
// (channel, when it happened, who logged it); @mentions are highlighted.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoteItem } from '../../../../shared/entities';
import { DESCRIPTIVE_FIELDS } from '../../../../shared/rules/descriptive-note';
import { splitMentions } from '../../lib/mentions';
import { fullDate, stamp } from '../../lib/time';
import { useSessionStore } from '../../stores/sessionStore';
import { Icon } from '../common/Icon';

function Body({ text, names }: { text: string; names: string[] }) {
  return (
    <>
      {splitMentions(text, names).map((p, i) =>
        p.mention ? (
          <mark key={i} className="mention">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}

/** The card every kind of note shares: amber article, icon, explicit label and time in one head. */
function NoteShell(props: {
  kind?: string;
  icon: 'lock' | 'phone';
  label: string;
  time: ReactNode;
  children: ReactNode;
}) {
  return (
    <article className={props.kind ? `note ${props.kind}` : 'note'} aria-label={props.label}>
      <div className="note-head">
        <Icon name={props.icon} size={13} />
        <span className="note-label">{props.label}</span>
        {props.time}
      </div>
      {props.children}
    </article>
  );
}

export function NoteCard({ item, now }: { item: NoteItem; now: number }) {
  const { t, i18n } = useTranslation();
  const agentsById = useSessionStore((s) => s.agentsById);
  const names = item.mentions.map((id) => agentsById.get(id)?.name ?? '').filter(Boolean);
  const time = (
    <time dateTime={new Date(item.createdAt).toISOString()} title={fullDate(i18n.language, item.createdAt)}>
      {stamp(t, i18n.language, item.createdAt, now)}
    </time>
  );

  if (item.kind === 'external' && item.external) {
    const label = t('guide.thread.externalLabel', {
      channel: t(`guide.externalChannel.${item.external.channel}`),
      author: item.authorName,
    });
    return (
      <NoteShell kind="note-external" icon="phone" label={label} time={time}>
        <p className="note-when">
          {t('guide.thread.externalWhen', { time: fullDate(i18n.language, item.external.occurredAt) })}
        </p>
        <p className="note-body">{item.body}</p>
      </NoteShell>
    );
  }

  if (item.kind === 'descriptive' && item.fields) {
    const fields = item.fields;
    const label = t('guide.thread.descriptiveLabel', { author: item.authorName });
    return (
      <NoteShell kind="note-descriptive" icon="lock" label={label} time={time}>
        <dl className="note-fields">
          {DESCRIPTIVE_FIELDS.filter((f) => fields[f]?.trim()).map((f) => (
            <div key={f} className="note-field">
              <dt>{t(`guide.field.${f}`)}</dt>
              <dd className="note-body">
                <Body text={fields[f]!} names={names} />
              </dd>
            </div>
          ))}
        </dl>
      </NoteShell>
    );
  }

  const label = t('thread.noteLabel', { author: item.authorName });
  return (
    <NoteShell icon="lock" label={label} time={time}>
      <p className="note-body">
        <Body text={item.body} names={names} />
      </p>
    </NoteShell>
  );
}
