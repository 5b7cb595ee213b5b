// A row of big radio buttons for one choice among a few (payment method, seller, role, for sale or not):
// every option is visible and a glove can hit it, unlike a drop-down.
interface SegmentedProps<T extends string> {
  label: string;
  options: ReadonlyArray<{ value: T; label: string }>;
  /** Null when nothing is picked yet (e.g. the payment method, which the crew must choose). */
  value: T | null;
  onChange(value: T): void;
  /** Shown but not choosable (e.g. a setting this kiosk host cannot apply); say why next to it. */
  disabled?: boolean;
}

export function Segmented<T extends string>({
  label,
  options,
  value,
  onChange,
  disabled = false,
}: SegmentedProps<T>) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label} aria-disabled={disabled || undefined}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          role="radio"
          aria-checked={value === option.value}
          disabled={disabled}
          className={value === option.value ? 'segment selected' : 'segment'}
          onClick={() => onChange(option.value)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
