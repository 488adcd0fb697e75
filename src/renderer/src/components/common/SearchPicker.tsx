// An inline search-and-pick combobox (the details column's "asociar empresa", "vincular ticket"): type to
// search (debounced), ↑/↓ move through the results, Enter or a click picks, Escape closes without closing
// what it sits in. The input owns the keyboard; the options are announced through aria-activedescendant.
import { useEffect, useEffectEvent, useId, useState, type ReactNode } from 'react';

export interface SearchOption {
  id: string;
  /** What the option shows (an icon and its text). */
  content: ReactNode;
  /** Extra class of the option ("create" for the one that creates what was typed). */
  className?: string;
  /** Runs the pick; a truthy answer means it worked (the picker then closes). */
  pick(): Promise<unknown>;
}

const SEARCH_DELAY_MS = 120;

interface Props<R> {
  /** The field's (hidden) label and placeholder. */
  label: string;
  /** Accessible name of the results list. */
  resultsLabel: string;
  /** Shown when there is nothing to pick. */
  emptyText: string;
  cancelLabel: string;
  /** Reads the results for what was typed (as typed: the caller trims or strips). */
  search(query: string): Promise<R[]>;
  /** The options for those results and the current query. */
  options(results: R[], query: string): SearchOption[];
  onDone(): void;
}

export function SearchPicker<R>({ label, resultsLabel, emptyText, cancelLabel, search, options, onDone }: Props<R>) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<R[]>([]);
  const [active, setActive] = useState(0);
  const listId = useId();
  const inputId = useId();
  // The search runs when the query changes (not when the caller hands a new function), with its latest one.
  const runSearch = useEffectEvent((q: string) => search(q));

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      runSearch(query)
        .then((items) => live && setResults(items))
        .catch(() => live && setResults([]));
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);

  const shown = options(results, query);
  const current = shown[Math.min(active, shown.length - 1)];
  const choose = async (o: SearchOption) => {
    if (await o.pick()) onDone();
  };

  return (
    <div className="company-picker">
      <label htmlFor={inputId} className="visually-hidden">
        {label}
      </label>
      <input
        id={inputId}
        className="text-input text-input-sm"
        role="combobox"
        aria-expanded={shown.length > 0}
        aria-controls={listId}
        aria-activedescendant={current ? `${listId}-${current.id}` : undefined}
        placeholder={label}
        value={query}
        autoFocus
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((i) => Math.min(shown.length - 1, i + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((i) => Math.max(0, i - 1));
          } else if (e.key === 'Enter' && current) {
            e.preventDefault();
            void choose(current);
          } else if (e.key === 'Escape') {
            e.stopPropagation();
            onDone();
          }
        }}
      />
      <ul id={listId} role="listbox" aria-label={resultsLabel} className="inline-list">
        {shown.map((o) => (
          <li
            key={o.id}
            id={`${listId}-${o.id}`}
            role="option"
            aria-selected={o === current}
            className={`inline-option${o === current ? ' active' : ''}${o.className ? ` ${o.className}` : ''}`}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => void choose(o)}
          >
            {o.content}
          </li>
        ))}
        {shown.length === 0 ? <li className="inline-empty">{emptyText}</li> : null}
      </ul>
      <button type="button" className="link-btn" onClick={onDone}>
        {cancelLabel}
      </button>
    </div>
  );
}
