// What the guide wants fixed on this conversation, at the top of the details column: an orphan (contact
// without company), incomplete contact data, another open conversation of the same contact (merge it),
// and the link to the earlier conversation this one continues (or the later one that continues it).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationDetail } from '../../../../shared/entities';
import { call } from '../../lib/api';
import { placeName } from '../../lib/labels';
import { stamp } from '../../lib/time';
import { useNow } from '../../hooks/useNow';
import { useConversationStore } from '../../stores/conversationStore';
import { useGuideDialogStore } from '../../stores/guideDialogStore';
import { useListStore } from '../../stores/listStore';
import { useSessionStore } from '../../stores/sessionStore';
import { ChannelIcon } from '../common/ChannelIcon';
import { Icon } from '../common/Icon';

function openConversation(id: string) {
  useListStore.getState().setCursor(id);
  void useConversationStore.getState().open(id);
}

/** The other conversations (duplicates, linked ones), read from the core; re-read when this one changes. */
function useConversations(ids: string[], version: number): Map<string, ConversationDetail> {
  const [found, setFound] = useState<Map<string, ConversationDetail>>(new Map());
  const key = ids.join(',');
  useEffect(() => {
    if (!key) return;
    let live = true;
    void Promise.all(key.split(',').map((id) => call('conversations.get', { id }).catch(() => null))).then((all) => {
      if (live) setFound(new Map(all.flatMap((c) => (c ? [[c.id, c] as const] : []))));
    });
    return () => {
      live = false;
    };
  }, [key, version]);
  return found;
}

export function GuideWarnings({ detail }: { detail: ConversationDetail }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const lookup = useSessionStore();
  const openDialog = useGuideDialogStore((s) => s.open);
  const previousShown = useConversationStore((s) => s.previous !== null);
  const related = useConversations(
    [...detail.duplicateIds, ...(detail.linkedFromId ? [detail.linkedFromId] : []), ...detail.continuedByIds],
    detail.version,
  );
  const orphan = detail.contactGaps.includes('company');
  const incomplete = detail.contactGaps.filter((g) => g !== 'company');
  const nothing =
    !orphan &&
    incomplete.length === 0 &&
    detail.duplicateIds.length === 0 &&
    !detail.linkedFromId &&
    detail.continuedByIds.length === 0;
  if (nothing) return null;

  const describe = (id: string) => {
    const c = related.get(id);
    if (!c) return null;
    return (
      <>
        <ChannelIcon kind={c.channelKind} size={12} />
        <span className="dup-text">
          {t(`statusOne.${c.status}`)} · {placeName(lookup, c.trayId, c.categoryId)} ·{' '}
          {stamp(t, i18n.language, c.lastActivityAt, now)}
        </span>
      </>
    );
  };

  return (
    <section className="card guide-warnings" aria-label={t('guide.warnings.region')}>
      {orphan ? (
        <div className="warning" role="note">
          <Icon name="alert" size={14} className="warning-icon" />
          <div>
            <p className="warning-title">{t('guide.warnings.orphan')}</p>
            <p className="warning-text">{t('guide.warnings.orphanHint')}</p>
          </div>
        </div>
      ) : null}
      {incomplete.length ? (
        <div className="warning" role="note">
          <Icon name="alert" size={14} className="warning-icon" />
          <div>
            <p className="warning-title">{t('guide.warnings.incomplete')}</p>
            <p className="warning-text">{incomplete.map((g) => t(`guide.warnings.gap.${g}`)).join(' · ')}</p>
          </div>
        </div>
      ) : null}
      {detail.duplicateIds.length ? (
        <div className="warning warning-dup" role="note">
          <Icon name="merge" size={14} className="warning-icon" />
          <div className="warning-main">
            <p className="warning-title">{t('guide.warnings.duplicate', { count: detail.duplicateIds.length })}</p>
            <ul className="dup-list">
              {detail.duplicateIds.map((id) => (
                <li key={id} className="dup">
                  <span className="dup-info">{describe(id)}</span>
                  <span className="dup-actions">
                    <button type="button" className="link-btn" onClick={() => openConversation(id)}>
                      {t('guide.warnings.open')}
                    </button>
                    <button
                      type="button"
                      className="btn btn-sm"
                      onClick={() => openDialog({ kind: 'merge', keepId: detail.id, sourceId: id })}
                    >
                      {t('guide.merge.action')}
                    </button>
                  </span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      {detail.linkedFromId ? (
        <div className="warning warning-info" role="note">
          <Icon name="history" size={14} className="warning-icon" />
          <div className="warning-main">
            <p className="warning-title">{t('guide.linked.title')}</p>
            <p className="warning-text dup-info">{describe(detail.linkedFromId)}</p>
            <span className="dup-actions">
              <button
                type="button"
                className="link-btn"
                aria-expanded={previousShown}
                onClick={() => void useConversationStore.getState().togglePrevious()}
              >
                {previousShown ? t('guide.linked.hide') : t('guide.linked.show')}
              </button>
              <button type="button" className="link-btn" onClick={() => openConversation(detail.linkedFromId!)}>
                {t('guide.linked.open')}
              </button>
            </span>
          </div>
        </div>
      ) : null}
      {detail.continuedByIds.map((id) => (
        <div key={id} className="warning warning-info" role="note">
          <Icon name="history" size={14} className="warning-icon" />
          <div className="warning-main">
            <p className="warning-title">{t('guide.linked.continuedBy')}</p>
            <p className="warning-text dup-info">{describe(id)}</p>
            <button type="button" className="link-btn" onClick={() => openConversation(id)}>
              {t('guide.warnings.open')}
            </button>
          </div>
        </div>
      ))}
    </section>
  );
}
