// A screen's action that, while it cannot be used yet, says what is missing in its own place. A greyed-out
// button alone tells a crew member in gloves and sunlight nothing: they tap it, nothing happens, they are stuck.
interface ActionButtonProps {
  /** What the button does: "Check in and film". */
  label: string;
  /** What must happen first, in the operator's words ("Type a name first."); null when ready. */
  missing: string | null;
  busy?: boolean;
  /** Shown while busy: "Saving…". */
  busyLabel?: string;
  /** The button's classes; a primary action by default. */
  className?: string;
  onClick(): void;
}

export function ActionButton({
  label,
  missing,
  busy = false,
  busyLabel,
  className = 'button button-primary',
  onClick,
}: ActionButtonProps) {
  return (
    <button
      type="button"
      className={missing === null ? className : `${className} button-says-why`}
      disabled={missing !== null || busy}
      onClick={onClick}
    >
      {missing ?? (busy ? (busyLabel ?? label) : label)}
    </button>
  );
}
