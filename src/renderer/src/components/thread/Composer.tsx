// Two unmistakable modes: Responder (to the customer) and Nota privada (team only, amber). The draft
// of each conversation is kept by the core. Ctrl/⌘+Enter sends. In a private note "@" suggests teammates;
// the guide's structured note and a contact outside the CRM are one click away.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { modKey } from '../../lib/keyboard';
import { useComposerStore } from '../../stores/composerStore';
import { useConversationStore } from '../../stores/conversationStore';
import { useGuideDialogStore } from '../../stores/guideDialogStore';
import { Icon } from '../common/Icon';
import { MentionTextarea } from '../guide/MentionTextarea';

export function Composer() {
  const { t } = useTranslation();
  const { mode, text, sending, focusTick, setText, setMode, send } = useComposerStore();
  const contactName = useConversationStore((s) => s.detail?.contactName ?? '');
  const conversationId = useConversationStore((s) => s.detail?.id ?? null);
  const openDialog = useGuideDialogStore((s) => s.open);
  const ref = useRef<HTMLTextAreaElement | null>(null);
  const isNote = mode === 'note';

  useEffect(() => {
    if (focusTick > 0) ref.current?.focus();
  }, [focusTick]);

  const submit = async () => {
    if (await send()) ref.current?.focus();
  };

  const structured = () => {
    if (!conversationId) return;
    // What was typed as a note becomes its Contexto.
    const draft = isNote ? text.trim() : '';
    openDialog({
      kind: 'note',
      conversationIds: [conversationId],
      requirement: null,
      pending: null,
      ...(draft ? { initial: { context: draft }, fromComposer: true } : {}),
    });
  };

  return (
    <form
      className={`composer ${isNote ? 'composer-note' : 'composer-reply'}`}
      aria-label={t('composer.label')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="composer-modes" role="group" aria-label={t('composer.modes')}>
        <button
          type="button"
          className={`mode-btn${!isNote ? ' on' : ''}`}
          aria-pressed={!isNote}
          onClick={() => setMode('reply')}
        >
          <Icon name="send" size={13} /> {t('composer.reply')}
        </button>
        <button
          type="button"
          className={`mode-btn mode-note${isNote ? ' on' : ''}`}
          aria-pressed={isNote}
          onClick={() => setMode('note')}
        >
          <Icon name="lock" size={13} /> {t('composer.note')}
        </button>
        {isNote ? <span className="composer-banner">{t('composer.noteBanner')}</span> : null}
      </div>
      <label className="visually-hidden" htmlFor="composer-text">
        {isNote ? t('composer.noteField') : t('composer.replyField')}
      </label>
      <MentionTextarea
        id="composer-text"
        textareaRef={(el) => {
          ref.current = el;
        }}
        mentions={isNote}
        className="composer-text"
        value={text}
        rows={3}
        placeholder={
          isNote ? t('guide.composer.notePlaceholder') : t('composer.replyPlaceholder', { name: contactName })
        }
        onValue={setText}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && modKey(e)) {
            e.preventDefault();
            void submit();
          } else if (e.key === 'Escape') {
            e.currentTarget.blur(); // back to list shortcuts without losing the draft
          }
        }}
      />
      <div className="composer-foot">
        <div className="composer-tools" role="group" aria-label={t('guide.composer.tools')}>
          <button type="button" className="tool-btn" title={t('guide.composer.structuredHint')} onClick={structured}>
            <Icon name="structured" size={13} /> {t('guide.composer.structured')}
          </button>
          <button
            type="button"
            className="tool-btn"
            title={t('guide.composer.externalHint')}
            onClick={() => conversationId && openDialog({ kind: 'external', conversationId })}
          >
            <Icon name="phone" size={13} /> {t('guide.composer.external')}
          </button>
        </div>
        <span className="composer-hint">{t('composer.sendHint')}</span>
        <button
          type="submit"
          className={`btn ${isNote ? 'btn-note' : 'btn-primary'}`}
          disabled={sending || text.trim() === ''}
        >
          {isNote ? t('composer.addNote') : t('composer.send')}
        </button>
      </div>
    </form>
  );
}
