// Renders the open picker (from uiStore) and applies the choice to one conversation or the selection.
// Moves and assignments go through lib/actions, which asks for the descriptive note first when the
// guide demands it; the status picker offers Abierta / Pendiente and "Resolver…" (the resolve dialog).
import { useTranslation } from 'react-i18next';
import type { BulkAction } from '../../../../shared/mutations';
import { actions } from '../../lib/actions';
import { byPresence, presenceLabel, presenceOf } from '../../lib/presence';
import { useConversationStore } from '../../stores/conversationStore';
import { useGuideDialogStore } from '../../stores/guideDialogStore';
import { usePresenceEnabled, usePresenceStore } from '../../stores/presenceStore';
import { useSessionStore } from '../../stores/sessionStore';
import { useUiStore } from '../../stores/uiStore';
import { Icon } from '../common/Icon';
import { AgentAvatar } from '../presence/AgentAvatar';
import { Picker, type PickerOption } from './Picker';

export function PickerHost() {
  const { t, i18n } = useTranslation();
  const picker = useUiStore((s) => s.picker);
  const close = useUiStore((s) => s.closePicker);
  const session = useSessionStore((s) => s.session);
  const detail = useConversationStore((s) => s.detail);
  const presence = usePresenceStore((s) => s.byAgent);
  const presenceShown = usePresenceEnabled();
  if (!picker || !session) return null;
  const { kind, target } = picker;
  const one = target.kind === 'one' && detail?.id === target.conversationId ? detail : null;

  const apply = (bulk: BulkAction, single: () => Promise<unknown>) => {
    close();
    if (target.kind === 'bulk') void actions.bulk(target.conversationIds, bulk);
    else void single();
  };
  const oneId = target.kind === 'one' ? target.conversationId : '';

  let title = '';
  let options: PickerOption[] = [];
  let onPick: (o: PickerOption) => void = () => undefined;

  if (kind === 'assign') {
    title =
      target.kind === 'bulk'
        ? t('picker.assignBulkTitle', { count: target.conversationIds.length })
        : t('picker.assignTitle');
    const me = session.me;
    // The option's dot is decorative (an option's children are not exposed): its word goes in the name.
    const status = (agentId: string) =>
      presenceShown ? presenceLabel(t, presenceOf(presence, agentId).status) : undefined;
    options = [
      {
        id: me.id,
        label: t('picker.me', { name: me.name }),
        icon: <AgentAvatar agentId={me.id} name={me.name} color={me.color} decorative />,
        status: status(me.id),
        checked: one?.assigneeId === me.id,
      },
      {
        id: 'none',
        label: t('details.unassigned'),
        icon: <Icon name="inbox" size={14} />,
        checked: one !== null && one.assigneeId === null,
      },
      // Whoever is at their desk first: handing a conversation to someone offline is rarely meant.
      ...byPresence(
        session.agents.filter((a) => a.active && a.id !== me.id),
        presence,
        i18n.language,
      ).map((a) => ({
        id: a.id,
        label: a.name,
        hint: a.email,
        icon: <AgentAvatar agentId={a.id} name={a.name} color={a.color} decorative />,
        status: status(a.id),
        checked: one?.assigneeId === a.id,
      })),
    ];
    onPick = (o) => {
      const assigneeId = o.id === 'none' ? null : o.id;
      apply({ type: 'assign', assigneeId }, () => actions.assign(oneId, assigneeId));
    };
  } else if (kind === 'move') {
    title = t('picker.moveTitle');
    options = session.trays
      .filter((tr) => tr.active)
      .flatMap((tr) => [
        { id: `${tr.id}|`, label: tr.name, checked: one?.trayId === tr.id && !one.categoryId },
        ...tr.categories
          .filter((c) => c.active)
          .map((c) => ({
            id: `${tr.id}|${c.id}`,
            label: c.name,
            hint: tr.name,
            depth: 1 as const,
            checked: one?.categoryId === c.id,
          })),
      ]);
    onPick = (o) => {
      const [trayId = '', cat = ''] = o.id.split('|');
      const categoryId = cat || null;
      apply({ type: 'move', trayId, categoryId }, () => actions.move(oneId, trayId, categoryId));
    };
  } else if (kind === 'tag') {
    title = target.kind === 'bulk' ? t('bulk.tagTitle') : t('picker.tagTitle');
    options = session.tags.map((tg) => ({
      id: tg.id,
      label: tg.name,
      icon: <span className="tag-swatch" style={{ background: tg.color }} />,
      checked: one?.tagIds.includes(tg.id) ?? false,
    }));
    onPick = (o) => {
      // On one conversation the picker toggles; in bulk it adds (removing in bulk is rarely meant).
      const has = one?.tagIds.includes(o.id) ?? false;
      apply({ type: 'addTag', tagId: o.id }, () =>
        has ? actions.removeTag(oneId, o.id) : actions.addTag(oneId, o.id),
      );
    };
  } else {
    title = t('picker.statusTitle');
    options = [
      ...(['open', 'pending'] as const).map((s) => ({
        id: s,
        label: t(`statusOne.${s}`),
        icon: <span className={`status-dot dot-${s}`} />,
        checked: one?.status === s,
      })),
      {
        id: 'resolve',
        label: t('guide.status.resolveEllipsis'),
        hint: t('guide.status.resolveHint'),
        icon: <span className="status-dot dot-resolved" />,
        checked: one?.status === 'resolved',
      },
    ];
    onPick = (o) => {
      if (o.id === 'resolve') {
        close();
        if (one?.status === 'resolved') return;
        useGuideDialogStore.getState().open({ kind: 'resolve', target });
        return;
      }
      const status = o.id as 'open' | 'pending';
      apply({ type: 'setStatus', status }, () => actions.setStatus(oneId, status));
    };
  }

  return <Picker key={kind} title={title} options={options} onPick={onPick} onClose={close} />;
}
