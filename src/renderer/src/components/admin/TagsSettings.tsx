// Ajustes › Etiquetas (admins): create, rename and recolor tags. The guide demands that only admins create
// them; agents apply them. Colors come from a small palette (named, so they can be picked by keyboard and
// told apart by screen readers); a tag's current color outside the palette stays selectable.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tag } from '../../../../shared/entities';
import { useSessionStore } from '../../stores/sessionStore';
import { useSettingsAdminStore } from '../../stores/settingsAdminStore';
import { NameForm, NewButton, SectionHead, closeWhenSaved } from './parts';

export const TAG_COLORS = [
  ['red', '#dc2626'],
  ['crimson', '#e11d48'],
  ['darkRed', '#b91c1c'],
  ['orange', '#ea580c'],
  ['amber', '#d97706'],
  ['green', '#059669'],
  ['teal', '#0d9488'],
  ['sky', '#0ea5e9'],
  ['blue', '#2563eb'],
  ['indigo', '#4f46e5'],
  ['violet', '#7c3aed'],
  ['pink', '#db2777'],
  ['slate', '#64748b'],
] as const;

type Editing = { kind: 'new' } | { kind: 'tag'; id: string } | null;

export function TagsSettings() {
  const { t } = useTranslation();
  const session = useSessionStore((s) => s.session);
  const saveTag = useSettingsAdminStore((s) => s.saveTag);
  const [editing, setEditing] = useState<Editing>(null);
  if (!session) return null;
  const done = closeWhenSaved(() => setEditing(null));
  const tags = [...session.tags].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div className="adm-section">
      <SectionHead
        title={t('admin.tags.title')}
        body={t('admin.tags.help')}
        action={<NewButton label={t('admin.tags.new')} onClick={() => setEditing({ kind: 'new' })} />}
      />
      {editing?.kind === 'new' ? (
        <TagForm
          title={t('admin.tags.new')}
          onCancel={() => setEditing(null)}
          onSubmit={async (name, color) => done(await saveTag({ name, color }))}
        />
      ) : null}
      <ul className="adm-list" aria-label={t('admin.tags.list')}>
        {tags.map((tag) => (
          <li key={tag.id} className="adm-item">
            {editing?.kind === 'tag' && editing.id === tag.id ? (
              <TagForm
                title={t('admin.tags.editTitle', { name: tag.name })}
                tag={tag}
                onCancel={() => setEditing(null)}
                onSubmit={async (name, color) => done(await saveTag({ tagId: tag.id, name, color }))}
              />
            ) : (
              <div className="adm-row">
                <span className="adm-swatch" style={{ background: tag.color }} aria-hidden="true" />
                <span className="adm-name">{tag.name}</span>
                <span className="adm-actions">
                  <button
                    type="button"
                    className="btn btn-sm"
                    aria-label={t('admin.tags.editLabel', { name: tag.name })}
                    onClick={() => setEditing({ kind: 'tag', id: tag.id })}
                  >
                    {t('admin.settings.edit')}
                  </button>
                </span>
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function TagForm({
  title,
  tag,
  onSubmit,
  onCancel,
}: {
  title: string;
  tag?: Tag;
  onSubmit(name: string, color: string): Promise<boolean>;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const labelId = useId();
  const initial = tag?.color.toLowerCase() ?? TAG_COLORS[8][1];
  const [color, setColor] = useState(initial);
  const known = TAG_COLORS.some(([, hex]) => hex === initial);
  const options: [string, string][] = [
    ...(known ? [] : [[t('admin.tags.currentColor'), initial] as [string, string]]),
    ...TAG_COLORS.map(([key, hex]) => [t(`admin.colors.${key}`), hex] as [string, string]),
  ];
  const pick = (i: number) => {
    const next = options[(i + options.length) % options.length];
    if (next) setColor(next[1]);
  };
  const at = options.findIndex(([, hex]) => hex === color);
  return (
    <NameForm
      title={title}
      label={t('admin.tags.name')}
      initial={tag?.name ?? ''}
      submitLabel={tag ? t('admin.settings.save') : t('admin.tags.create')}
      onCancel={onCancel}
      onSubmit={(name) => onSubmit(name, color)}
    >
      <div className="adm-field">
        <span className="adm-label" id={labelId}>
          {t('admin.tags.color')}
        </span>
        {/* A radio group: one tab stop, arrows move the choice. */}
        <div
          className="adm-colors"
          role="radiogroup"
          aria-labelledby={labelId}
          onKeyDown={(e) => {
            if (['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp'].includes(e.key)) {
              e.preventDefault();
              const group = e.currentTarget;
              pick(at + (e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : -1));
              requestAnimationFrame(() => group.querySelector<HTMLElement>('[aria-checked="true"]')?.focus());
            }
          }}
        >
          {options.map(([name, hex]) => (
            <button
              key={hex}
              type="button"
              role="radio"
              aria-checked={hex === color}
              aria-label={name}
              title={name}
              tabIndex={hex === color ? 0 : -1}
              className={`adm-color${hex === color ? ' on' : ''}`}
              style={{ background: hex }}
              onClick={() => setColor(hex)}
            />
          ))}
        </div>
      </div>
    </NameForm>
  );
}
