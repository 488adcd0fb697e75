// A row of pressed/unpressed buttons for one choice (theme, language, status): real buttons with
// aria-pressed inside a labelled group, so tests and screen readers find each option by name.
export interface SegmentOption<T extends string> {
  value: T;
  label: string;
  /** Extra class for this option (e.g. the status colour). */
  className?: string;
  /** Language of the label when it differs from the UI's (language names). */
  lang?: string;
}

interface Props<T extends string> {
  labelledBy: string;
  options: SegmentOption<T>[];
  /** The current choice; may be none of the options (e.g. status Pospuesta), then nothing is pressed. */
  value: string;
  onSelect(value: T): void;
}

export function Segmented<T extends string>({ labelledBy, options, value, onSelect }: Props<T>) {
  return (
    <div className="segmented" role="group" aria-labelledby={labelledBy}>
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          lang={o.lang}
          aria-pressed={value === o.value}
          className={`seg${o.className ? ` ${o.className}` : ''}${value === o.value ? ' on' : ''}`}
          onClick={() => onSelect(o.value)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
