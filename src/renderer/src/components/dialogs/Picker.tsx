// A searchable list of options in a dialog (assign / move / tag / status). Arrow keys move, Enter picks.
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../common/Icon';
import { Modal } from './Modal';

export interface PickerOption {
  id: string;
  label: string;
  hint?: string;
  icon?: ReactNode;
  checked?: boolean;
  depth?: 0 | 1;
  /** Said after the label to screen readers only (an agent's presence, which the icon shows as a dot). */
  status?: string | undefined;
}

interface Props {
  title: string;
  options: PickerOption[];
  onPick(option: PickerOption): void;
  onClose(): void;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

export function Picker({ title, options, onPick, onClose }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const shown = useMemo(() => {
    const q = fold(query.trim());
    return q ? options.filter((o) => fold(`${o.label} ${o.hint ?? ''}`).includes(q)) : options;
  }, [options, query]);
  const current = shown[Math.min(active, shown.length - 1)];

  return (
    <Modal label={title} onClose={onClose} className="picker">
      <div className="picker-head">
        <Icon name="search" size={15} />
        <input
          className="picker-input"
          role="combobox"
          aria-expanded="true"
          aria-controls="picker-list"
          aria-activedescendant={current ? `pick-${current.id}` : undefined}
          aria-label={title}
          placeholder={`${title} — ${t('picker.search')}`}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || (e.key === 'n' && e.ctrlKey)) {
              e.preventDefault();
              setActive((i) => Math.min(shown.length - 1, i + 1));
            } else if (e.key === 'ArrowUp' || (e.key === 'p' && e.ctrlKey)) {
              e.preventDefault();
              setActive((i) => Math.max(0, i - 1));
            } else if (e.key === 'Enter' && current) {
              e.preventDefault();
              onPick(current);
            }
          }}
        />
      </div>
      <ul id="picker-list" role="listbox" aria-label={title} className="picker-list">
        {shown.length === 0 ? <li className="picker-empty">{t('picker.noResults')}</li> : null}
        {shown.map((o, i) => (
          <li
            key={o.id}
            id={`pick-${o.id}`}
            role="option"
            aria-selected={o === current}
            aria-checked={o.checked}
            className={`picker-option depth-${o.depth ?? 0}${o === current ? ' active' : ''}`}
            onMouseEnter={() => setActive(i)}
            onClick={() => onPick(o)}
          >
            {o.icon ? <span className="picker-icon">{o.icon}</span> : null}
            <span className="picker-label">{o.label}</span>
            {o.status ? <span className="visually-hidden">· {o.status}</span> : null}
            {o.hint ? <span className="picker-hint">{o.hint}</span> : null}
            {o.checked ? <Icon name="check" size={14} className="picker-check" /> : null}
          </li>
        ))}
      </ul>
    </Modal>
  );
}
