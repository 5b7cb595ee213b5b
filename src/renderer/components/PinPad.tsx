// A PIN pad for gloved fingers: big keys, dots instead of digits, nothing that needs a keyboard.
import { useState } from 'react';
import { plural } from '../format';

interface PinPadProps {
  label: string;
  submitLabel?: string;
  busy?: boolean;
  onSubmit(pin: string): void;
}

const MIN_DIGITS = 4;
const MAX_DIGITS = 8;
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const;

export function PinPad({ label, submitLabel = 'OK', busy = false, onSubmit }: PinPadProps) {
  const [pin, setPin] = useState('');
  const press = (key: (typeof KEYS)[number]) => {
    if (key === 'clear') setPin('');
    else if (key === 'back') setPin((value) => value.slice(0, -1));
    else setPin((value) => (value.length < MAX_DIGITS ? value + key : value));
  };
  const submit = () => {
    if (pin.length < MIN_DIGITS || busy) return;
    onSubmit(pin);
    setPin('');
  };
  return (
    <div className="pin-pad" role="group" aria-label={label}>
      <p className="pin-label">{label}</p>
      <div className="pin-dots" aria-label={`${plural(pin.length, 'digit')} entered`}>
        {Array.from({ length: Math.max(MIN_DIGITS, pin.length) }, (_, index) => (
          <span key={index} className={index < pin.length ? 'pin-dot filled' : 'pin-dot'} />
        ))}
      </div>
      <div className="pin-keys">
        {KEYS.map((key) => (
          <button
            key={key}
            type="button"
            className={key === 'clear' ? 'pin-key pin-key-word' : 'pin-key'}
            onClick={() => press(key)}
            aria-label={key === 'clear' ? 'Clear' : key === 'back' ? 'Delete last digit' : key}
          >
            {key === 'clear' ? 'Clear' : key === 'back' ? '⌫' : key}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="button button-primary pin-submit"
        disabled={pin.length < MIN_DIGITS || busy}
        onClick={submit}
      >
        {busy ? 'Checking…' : submitLabel}
      </button>
    </div>
  );
}
