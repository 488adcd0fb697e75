// "Resolver" (e): choose the calificación, see at once which justification of the closing policy will be
// used ("El cliente recibió respuesta"…) or, when it cannot close yet, what is missing in plain words with
// a direct way to fix each (reply, log the outside contact, a task or ticket, the customer's confirmation,
// the descriptive note, a dated task for a follow-up calificación). Enter resolves, Escape cancels. On a
// multi-selection the policy runs per conversation; the dialog previews what will be refused and why.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Disposition, MessageItem, RuleCheck } from '../../../../shared/entities';
import type { ClosingGap } from '../../../../shared/rules/closing-policy';
import { actions } from '../../lib/actions';
import { call } from '../../lib/api';
import { fieldList } from '../../lib/errorText';
import { useComposerStore } from '../../stores/composerStore';
import { useConversationStore } from '../../stores/conversationStore';
import type { GuideTarget } from '../../stores/guideDialogStore';
import { useListStore } from '../../stores/listStore';
import { useSessionStore } from '../../stores/sessionStore';
import { Icon } from '../common/Icon';
import { DescriptiveNoteForm } from './DescriptiveNoteForm';
import { DialogFoot, DialogHead, DigitKey, radioMove } from './dialogParts';
import { ExternalContactForm } from './ExternalContactForm';
import { GuideModal } from './GuideModal';
import { TaskForm, TicketForm } from './WorkForms';

type Fix = 'external' | 'task' | 'ticket' | 'confirm' | 'note' | 'followUp';
type Verdict = 'waiting' | 'allowed' | 'refused' | 'unknown';

export function ResolveDialog({ target, onClose }: { target: GuideTarget; onClose(): void }) {
  const { t } = useTranslation();
  const session = useSessionStore((s) => s.session);
  const detail = useConversationStore((s) => s.detail);
  const dispositions = useMemo(
    () => (session?.dispositions ?? []).filter((d) => d.active).sort((a, b) => a.position - b.position),
    [session],
  );
  const [dispositionId, setDispositionId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const descId = useId();
  const bulk = target.kind === 'bulk';
  const ids = target.kind === 'bulk' ? target.conversationIds : [target.conversationId];
  const one = target.kind === 'one' && detail?.id === target.conversationId ? detail : null;
  const [verdict, setVerdict] = useState<Verdict>('waiting');
  const disposition = dispositions.find((d) => d.id === dispositionId) ?? null;
  // Resolving waits for a calificación and, on one conversation, for the policy to allow it (a check
  // that cannot be answered leaves the decision to the core, which explains a refusal).
  const canResolve = disposition !== null && !busy && (bulk || verdict === 'allowed' || verdict === 'unknown');

  const resolve = async () => {
    if (!canResolve || !disposition) return;
    setBusy(true);
    if (target.kind === 'bulk') {
      onClose();
      await actions.bulk(target.conversationIds, { type: 'resolve', dispositionId: disposition.id });
      return;
    }
    const done = await actions.resolve(target.conversationId, disposition.id);
    setBusy(false);
    if (done) onClose();
  };

  const title = bulk
    ? t('guide.resolve.bulkTitle', { count: ids.length })
    : t('guide.resolve.title', { name: one?.contactName ?? '' });

  return (
    <GuideModal
      label={title}
      describedBy={descId}
      onClose={onClose}
      className="resolve-dialog"
      initialFocus='[role="radio"][tabindex="0"]'
    >
      <DialogHead title={title} onClose={onClose} />
      <div className="guide-body">
        <p id={descId} className="guide-lead">
          {bulk ? t('guide.resolve.bulkLead') : t('guide.resolve.lead')}
        </p>
        <DispositionList
          dispositions={dispositions}
          value={dispositionId}
          onChange={(id) => {
            if (id !== dispositionId) setVerdict('waiting');
            setDispositionId(id);
          }}
          onConfirm={() => void resolve()}
        />
        {target.kind === 'one' ? (
          <OneCheck
            conversationId={target.conversationId}
            disposition={disposition}
            onVerdict={setVerdict}
            onClose={onClose}
          />
        ) : (
          <BulkPreview conversationIds={target.conversationIds} dispositionId={dispositionId} />
        )}
      </div>
      <DialogFoot
        hint={t('guide.resolve.keys')}
        onCancel={onClose}
        confirmDisabled={!canResolve}
        onConfirm={() => void resolve()}
      >
        <Icon name="check" size={14} />
        {bulk ? t('guide.resolve.bulkConfirm', { count: ids.length }) : t('guide.resolve.confirm')}
      </DialogFoot>
    </GuideModal>
  );
}

/** The calificaciones as a radio group: ↑/↓ (or 1–9) choose, Enter resolves. */
function DispositionList({
  dispositions,
  value,
  onChange,
  onConfirm,
}: {
  dispositions: Disposition[];
  value: string | null;
  onChange(id: string): void;
  onConfirm(): void;
}) {
  const { t } = useTranslation();
  const refs = useRef<(HTMLDivElement | null)[]>([]);
  const labelId = useId();
  if (dispositions.length === 0) return <p className="guide-warning">{t('guide.resolve.noDispositions')}</p>;
  const index = dispositions.findIndex((d) => d.id === value);
  const pick = (i: number) => {
    const d = dispositions[(i + dispositions.length) % dispositions.length];
    if (!d) return;
    onChange(d.id);
    refs.current[dispositions.indexOf(d)]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>, i: number) => {
    const digit = /^[1-9]$/.test(e.key) ? Number(e.key) - 1 : -1;
    const to = radioMove(e.key, i, dispositions.length);
    if (to !== null) pick(to);
    else if (digit >= 0 && digit < dispositions.length) pick(digit);
    else if (e.key === 'Enter') {
      if (value === null) pick(i);
      else onConfirm();
    } else return;
    e.preventDefault();
  };
  return (
    <div className="disposition-block">
      <div className="dnote-label" id={labelId}>
        {t('guide.resolve.disposition')} <span className="dnote-required">· {t('guide.note.required')}</span>
      </div>
      <div role="radiogroup" aria-labelledby={labelId} aria-required="true" className="disposition-list">
        {dispositions.map((d, i) => {
          const checked = d.id === value;
          return (
            <div
              key={d.id}
              ref={(el) => {
                refs.current[i] = el;
              }}
              role="radio"
              aria-checked={checked}
              tabIndex={checked || (index < 0 && i === 0) ? 0 : -1}
              className={`disposition${checked ? ' on' : ''}`}
              onClick={() => pick(i)}
              onKeyDown={(e) => onKeyDown(e, i)}
            >
              <span className="disposition-radio" aria-hidden="true" />
              <span className="disposition-name">{d.name}</span>
              {d.needsFollowUp ? (
                <span className="disposition-hint">
                  <Icon name="flag" size={11} /> {t('guide.resolve.needsFollowUp')}
                </span>
              ) : null}
              <DigitKey index={i} />
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** The live closing check of one conversation: the justification it will use, or what is missing. */
function OneCheck({
  conversationId,
  disposition,
  onVerdict,
  onClose,
}: {
  conversationId: string;
  disposition: Disposition | null;
  onVerdict(v: Verdict): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const detail = useConversationStore((s) => (s.detail?.id === conversationId ? s.detail : null));
  const items = useConversationStore((s) => s.items);
  // Tasks and tickets change without touching the conversation row: their shape re-runs the check too.
  const work = useConversationStore(
    (s) => `${s.tasks.map((x) => `${x.id}:${x.done}:${x.dueAt}`).join('|')}#${s.tickets.map((x) => x.id).join('|')}`,
  );
  const [check, setCheck] = useState<RuleCheck | null>(null);
  const [failed, setFailed] = useState(false);
  const [fix, setFix] = useState<Fix | null>(null);
  const [nonce, setNonce] = useState(0);
  const dispositionId = disposition?.id ?? null;
  const version = detail?.version ?? 0;

  useEffect(() => {
    let live = true;
    call('conversations.check', { conversationId, action: { type: 'resolve', dispositionId } })
      .then((c) => {
        if (!live) return;
        setCheck(c);
        setFailed(false);
        onVerdict(c.allowed ? 'allowed' : 'refused');
      })
      .catch(() => {
        if (!live) return;
        // Without an answer the button stays usable: the core applies the same policy and explains.
        setFailed(true);
        onVerdict('unknown');
      });
    return () => {
      live = false;
    };
  }, [conversationId, dispositionId, version, work, nonce, onVerdict]);

  // d) the customer's last message of this cycle, the one that can say "no necesito nada más".
  const lastCustomer = useMemo(() => {
    if (!detail) return null;
    for (let i = items.length - 1; i >= 0; i--) {
      const m = items[i]!;
      if (m.type === 'message' && m.authorKind === 'contact' && m.direction === 'inbound')
        return m.createdAt >= detail.cycleStartedAt ? m : null;
    }
    return null;
  }, [items, detail]);

  const fixed = () => {
    setFix(null);
    setNonce((n) => n + 1);
    // Back to the chosen calificación: Enter resolves once the check agrees.
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>('.resolve-dialog [role="radio"][tabindex="0"]')?.focus(),
    );
  };
  const reply = () => {
    onClose();
    useComposerStore.getState().focus('reply');
  };

  if (failed) return <p className="guide-muted">{t('guide.resolve.checkUnavailable')}</p>;
  if (!check) return <div className="resolve-status" aria-busy="true" />;
  const gaps = check.missing.filter((g) => g !== 'dispositionRequired' || disposition === null);

  return (
    <div className="resolve-check">
      <div className="resolve-status" role="status" aria-live="polite">
        {check.justification ? (
          <p className={`resolve-justification${check.allowed ? ' ok' : ''}`}>
            <Icon name="check" size={14} />
            <span>
              {t(check.allowed ? 'guide.resolve.willUse' : 'guide.resolve.justificationHolds', {
                justification: t(`guide.justification.${check.justification}`),
              })}
            </span>
          </p>
        ) : null}
        {gaps.length > 0 ? (
          <p className="resolve-refused">
            <Icon name="alert" size={14} />
            <span>{disposition ? t('guide.resolve.cannotYet') : t('guide.resolve.pickFirst')}</span>
          </p>
        ) : null}
      </div>
      {gaps.length > 0 ? (
        <ul className="gap-list" aria-label={t('guide.resolve.missingLabel')}>
          {gaps.map((gap) => (
            <GapItem
              key={gap}
              gap={gap}
              check={check}
              disposition={disposition}
              canConfirm={lastCustomer !== null}
              onFix={setFix}
              onReply={reply}
            />
          ))}
        </ul>
      ) : null}
      {fix ? (
        <div className="fix-panel">
          {fix === 'note' ? (
            <>
              <p className="fix-title">{t('guide.fix.noteTitle')}</p>
              <DescriptiveNoteForm
                idPrefix="resolve-note"
                required={check.note?.fields ?? []}
                initial={latestCycleNote(items, detail?.cycleStartedAt ?? 0)}
                submitLabel={t('guide.note.save')}
                onSubmit={async (fields, mentions) => {
                  const ok = await actions.addDescriptiveNote(conversationId, fields, mentions);
                  if (ok) fixed();
                  return ok;
                }}
                onCancel={() => setFix(null)}
              />
            </>
          ) : fix === 'external' ? (
            <>
              <p className="fix-title">{t('guide.fix.externalTitle')}</p>
              <ExternalContactForm
                idPrefix="resolve-ext"
                conversationId={conversationId}
                onDone={fixed}
                onCancel={() => setFix(null)}
              />
            </>
          ) : fix === 'task' || fix === 'followUp' ? (
            <>
              <p className="fix-title">{t(fix === 'followUp' ? 'guide.fix.followUpTitle' : 'guide.fix.taskTitle')}</p>
              <TaskForm
                idPrefix="resolve-task"
                conversationId={conversationId}
                dueRequired={fix === 'followUp'}
                initialTitle={
                  fix === 'followUp' ? t('guide.task.followUpTitle', { name: detail?.contactName ?? '' }) : ''
                }
                onDone={fixed}
                onCancel={() => setFix(null)}
              />
            </>
          ) : fix === 'ticket' ? (
            <>
              <p className="fix-title">{t('guide.fix.ticketTitle')}</p>
              <TicketForm
                idPrefix="resolve-ticket"
                conversationId={conversationId}
                initialSubject={detail?.subject ?? ''}
                initialPriority={detail?.priority ?? 'normal'}
                onDone={fixed}
                onCancel={() => setFix(null)}
              />
            </>
          ) : fix === 'confirm' && lastCustomer ? (
            <ConfirmFix
              message={lastCustomer}
              onConfirm={async () => {
                if (await actions.markConfirmed(conversationId, lastCustomer.id)) fixed();
              }}
              onCancel={() => setFix(null)}
            />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** The latest descriptive note of this cycle: the note form starts from it (one note must say it all). */
function latestCycleNote(items: ReturnType<typeof useConversationStore.getState>['items'], since: number) {
  for (let i = items.length - 1; i >= 0; i--) {
    const n = items[i]!;
    if (n.createdAt < since) break;
    if (n.type === 'note' && n.kind === 'descriptive' && n.fields) return n.fields;
  }
  return undefined;
}

function GapItem({
  gap,
  check,
  disposition,
  canConfirm,
  onFix,
  onReply,
}: {
  gap: ClosingGap;
  check: RuleCheck;
  disposition: Disposition | null;
  canConfirm: boolean;
  onFix(fix: Fix): void;
  onReply(): void;
}) {
  const { t } = useTranslation();
  switch (gap) {
    case 'noJustification':
      return (
        <li className="gap">
          <p className="gap-text">{t('guide.gap.noJustificationLong')}</p>
          <div className="gap-fixes" role="group" aria-label={t('guide.fix.group')}>
            <button type="button" className="btn btn-sm" onClick={onReply}>
              <Icon name="send" size={13} /> {t('guide.fix.reply')}
            </button>
            {canConfirm ? (
              <button type="button" className="btn btn-sm" onClick={() => onFix('confirm')}>
                <Icon name="check" size={13} /> {t('guide.fix.confirm')}
              </button>
            ) : null}
            <button type="button" className="btn btn-sm" onClick={() => onFix('task')}>
              <Icon name="task" size={13} /> {t('guide.fix.task')}
            </button>
            <button type="button" className="btn btn-sm" onClick={() => onFix('ticket')}>
              <Icon name="ticket" size={13} /> {t('guide.fix.ticket')}
            </button>
            <button type="button" className="btn btn-sm" onClick={() => onFix('external')}>
              <Icon name="phone" size={13} /> {t('guide.fix.external')}
            </button>
          </div>
        </li>
      );
    case 'dispositionRequired':
      return (
        <li className="gap">
          <p className="gap-text">{t('guide.gap.dispositionRequiredLong')}</p>
        </li>
      );
    case 'followUpTaskRequired':
      return (
        <li className="gap">
          <p className="gap-text">
            {t('guide.gap.followUpTaskRequiredLong', { disposition: disposition?.name ?? '' })}
          </p>
          <div className="gap-fixes">
            <button type="button" className="btn btn-sm" onClick={() => onFix('followUp')}>
              <Icon name="task" size={13} /> {t('guide.fix.followUp')}
            </button>
          </div>
        </li>
      );
    case 'descriptiveNoteRequired': {
      const note = check.note;
      return (
        <li className="gap">
          <p className="gap-text">
            {t('guide.gap.descriptiveNoteLong', {
              reasons: (note?.reasons ?? []).map((r) => t(`guide.reason.${r}`)).join('; '),
              fields: fieldList(t, note?.missingFields ?? []),
            })}
          </p>
          <div className="gap-fixes">
            <button type="button" className="btn btn-sm btn-note" onClick={() => onFix('note')}>
              <Icon name="structured" size={13} /> {t('guide.fix.note')}
            </button>
          </div>
        </li>
      );
    }
  }
}

/** d) "El cliente confirmó que no necesita nada más": the agent marks the message that says it. */
function ConfirmFix({
  message,
  onConfirm,
  onCancel,
}: {
  message: MessageItem;
  onConfirm(): Promise<void>;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <div className="confirm-fix">
      <p className="fix-title">{t('guide.fix.confirmTitle')}</p>
      <blockquote className="confirm-quote selectable">{message.text || t('guide.confirm.noText')}</blockquote>
      <div className="guide-actions">
        <button type="button" className="btn btn-sm" onClick={onCancel}>
          {t('guide.cancel')}
        </button>
        <button
          type="button"
          className="btn btn-sm btn-primary"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            await onConfirm();
            setBusy(false);
          }}
        >
          {t('guide.fix.confirmThis')}
        </button>
      </div>
    </div>
  );
}

/** On a selection: how many the policy lets through with this calificación, and why the rest stay. */
function BulkPreview({ conversationIds, dispositionId }: { conversationIds: string[]; dispositionId: string | null }) {
  const { t } = useTranslation();
  const rows = useListStore((s) => s.rows);
  const [checks, setChecks] = useState<{ key: string; items: { id: string; check: RuleCheck | null }[] } | null>(null);
  const key = `${dispositionId}|${conversationIds.join(',')}`;
  const tooMany = conversationIds.length > 200;

  useEffect(() => {
    if (tooMany || !dispositionId) return;
    let live = true;
    void Promise.all(
      conversationIds.map((conversationId) =>
        call('conversations.check', { conversationId, action: { type: 'resolve', dispositionId } })
          .then((check) => ({ id: conversationId, check }))
          .catch(() => ({ id: conversationId, check: null })),
      ),
    ).then((items) => {
      if (live) setChecks({ key: `${dispositionId}|${conversationIds.join(',')}`, items });
    });
    return () => {
      live = false;
    };
  }, [conversationIds, dispositionId, tooMany]);

  if (!dispositionId) return <p className="guide-muted">{t('guide.resolve.bulkPick')}</p>;
  if (tooMany) return <p className="guide-muted">{t('guide.resolve.bulkNoPreview')}</p>;
  if (!checks || checks.key !== key) return <div className="resolve-status" aria-busy="true" />;
  const known = checks.items.filter((i) => i.check !== null);
  const refused = known.filter((i) => !i.check!.allowed);
  const ok = known.length - refused.length;
  const nameOf = (id: string) => rows.find((r) => r.id === id)?.contactName ?? id.slice(0, 8);
  const why = (c: RuleCheck) =>
    c.missing
      .filter((g) => g !== 'dispositionRequired')
      .map((g) => t(`guide.gapShort.${g}`))
      .join(', ');
  return (
    <div className="resolve-check" role="status" aria-live="polite">
      <p className={`resolve-justification${refused.length === 0 ? ' ok' : ''}`}>
        <Icon name="check" size={14} /> <span>{t('guide.resolve.bulkOk', { count: ok })}</span>
      </p>
      {refused.length > 0 ? (
        <>
          <p className="resolve-refused">
            <Icon name="alert" size={14} /> <span>{t('guide.resolve.bulkRefused', { count: refused.length })}</span>
          </p>
          <ul className="gap-list compact" aria-label={t('guide.resolve.missingLabel')}>
            {refused.slice(0, 6).map((i) => (
              <li key={i.id} className="gap">
                <span className="gap-name">{nameOf(i.id)}</span> — {why(i.check!)}
              </li>
            ))}
            {refused.length > 6 ? (
              <li className="gap muted">{t('guide.resolve.andMore', { count: refused.length - 6 })}</li>
            ) : null}
          </ul>
        </>
      ) : null}
    </div>
  );
}
