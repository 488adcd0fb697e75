// A textarea for private notes where typing "@" suggests teammates: ↑/↓ choose, Enter or Tab insert
// "@Nombre Apellido", Escape closes the list (and only the list). Who is mentioned is read back from the
// text when the note is saved (lib/mentions.ts), so deleting the name un-mentions them.
import { useId, useRef, useState, type KeyboardEvent, type TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agent } from '../../../../shared/entities';
import { insertMention, mentionableAgents, mentionAt, mentionCandidates } from '../../lib/mentions';
import { useConversationStore } from '../../stores/conversationStore';
import { useSessionStore } from '../../stores/sessionStore';
import { AgentAvatar } from '../presence/AgentAvatar';

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange'> & {
  value: string;
  onValue(value: string): void;
  /** Gets the textarea element (focus it, read the caret). */
  textareaRef?: (el: HTMLTextAreaElement | null) => void;
  /** Off in the reply to the customer: the same field, no suggestions. */
  mentions?: boolean;
  /** Trays of the conversations the note goes to (default: the open conversation's). */
  trayIds?: readonly string[];
};

/**
 * Who can be mentioned: active teammates other than me who see the tray(s) of the conversation(s) the note
 * goes to — the open conversation's when none are given (supervisors and admins see every tray).
 */
export function useMentionableAgents(trayIds?: readonly string[]): Agent[] {
  const session = useSessionStore((s) => s.session);
  const traysById = useSessionStore((s) => s.traysById);
  const openTrayId = useConversationStore((s) => s.detail?.trayId);
  return mentionableAgents(session, traysById, trayIds ?? (openTrayId ? [openTrayId] : []));
}

export function MentionTextarea({
  value,
  onValue,
  textareaRef,
  onKeyDown,
  className,
  mentions = true,
  trayIds,
  ...rest
}: Props) {
  const { t } = useTranslation();
  const agents = useMentionableAgents(trayIds);
  const listId = useId();
  const own = useRef<HTMLTextAreaElement | null>(null);
  const [at, setAt] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const options = at && mentions ? mentionCandidates(agents, at.query) : [];
  const open = at !== null && options.length > 0;
  const current = open ? options[Math.min(active, options.length - 1)] : undefined;

  const track = (el: HTMLTextAreaElement) => {
    const next = el.selectionStart === el.selectionEnd ? mentionAt(el.value, el.selectionStart) : null;
    setAt((prev) => (prev?.start === next?.start && prev?.query === next?.query ? prev : next));
    if (!next || next.start !== at?.start) setActive(0);
  };

  const choose = (agent: Agent) => {
    const el = own.current;
    if (!el || !at) return;
    const next = insertMention(value, at.start, el.selectionStart, agent);
    onValue(next.text);
    setAt(null);
    // The caret goes after the inserted name once React has written the new value.
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(next.caret, next.caret);
    });
  };

  const keyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open && current) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActive((i) => (Math.min(i, options.length - 1) + step + options.length) % options.length);
        return;
      }
      if ((e.key === 'Enter' && !e.ctrlKey && !e.metaKey) || e.key === 'Tab') {
        e.preventDefault();
        choose(current);
        return;
      }
      if (e.key === 'Escape') {
        // Only the suggestions close: the composer keeps focus, a dialog stays open.
        e.preventDefault();
        e.stopPropagation();
        setAt(null);
        return;
      }
    }
    onKeyDown?.(e);
  };

  return (
    <div className="mention-field">
      <textarea
        {...rest}
        ref={(el) => {
          own.current = el;
          textareaRef?.(el);
        }}
        className={className}
        value={value}
        aria-autocomplete={mentions ? 'list' : undefined}
        aria-controls={open ? listId : undefined}
        aria-activedescendant={current ? `${listId}-${current.id}` : undefined}
        onChange={(e) => {
          onValue(e.target.value);
          track(e.target);
        }}
        onKeyDown={keyDown}
        onKeyUp={(e) => {
          if (e.key.startsWith('Arrow') && !open) track(e.currentTarget);
        }}
        onClick={(e) => track(e.currentTarget)}
        onBlur={(e) => {
          rest.onBlur?.(e);
          // A click on a suggestion lands before blur hides the list (mousedown is prevented there).
          setAt(null);
        }}
      />
      {open ? (
        <ul id={listId} role="listbox" aria-label={t('guide.mention.list')} className="mention-list">
          {options.map((a) => (
            <li
              key={a.id}
              id={`${listId}-${a.id}`}
              role="option"
              aria-selected={a === current}
              className={`mention-option${a === current ? ' active' : ''}`}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(a);
              }}
            >
              <AgentAvatar agentId={a.id} name={a.name} color={a.color} decorative />
              <span className="mention-name">{a.name}</span>
              <span className="mention-hint">
                {a.role === 'agent'
                  ? t('guide.mention.agentHint')
                  : t('guide.mention.leadHint', { role: t(`guide.role.${a.role}`) })}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
