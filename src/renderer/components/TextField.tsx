// A text field with an on-screen keyboard: kiosks have no keyboard, and a crew member may wear gloves.
// A real keyboard, where one is plugged in, still works. The keyboard docks along the bottom of the window, full
// width, whichever field opened it: its keys stay big in a narrow column, it is never below the fold, and the
// page makes room above it (--keyboard-space) so the field and the screen's main action stay in view.
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import Keyboard from 'react-simple-keyboard';
import 'react-simple-keyboard/build/css/index.css';

type KeyboardInstance = { setInput(value: string): void };

/** The one field whose keyboard is open: tapping another field moves the keyboard there instead of adding one. */
let closeOpenKeyboard: (() => void) | null = null;

/** Closes the on-screen keyboard, if one is open: for a button that acts on what was just typed. */
export function closeKeyboard(): void {
  closeOpenKeyboard?.();
}

interface TextFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  maxLength?: number;
  placeholder?: string;
  /**
   * Which keys the on-screen keyboard offers: names and notes, an e-mail address, a phone number, an amount, a
   * folder path (slashes, a drive letter's colon, dots and dashes), or a server address (postgres://user@host/db).
   */
  keys?: 'text' | 'email' | 'phone' | 'amount' | 'path' | 'url';
  /** A refusal to show under the field (from main's validation). */
  problem?: string | null;
  /** More than 1: a box of that many lines that wraps what is typed (a problem report, a note). */
  lines?: number;
  /** Shown as dots (a password). */
  secret?: boolean;
}

const LAYOUT = {
  default: [
    '1 2 3 4 5 6 7 8 9 0 {bksp}',
    'q w e r t y u i o p',
    'a s d f g h j k l',
    '{shift} z x c v b n m - {shift}',
    '{space} {done}',
  ],
  shift: [
    '1 2 3 4 5 6 7 8 9 0 {bksp}',
    'Q W E R T Y U I O P',
    'A S D F G H J K L',
    '{shift} Z X C V B N M & {shift}',
    '{space} {done}',
  ],
};
const EMAIL_LAYOUT = {
  default: [
    '1 2 3 4 5 6 7 8 9 0 {bksp}',
    'q w e r t y u i o p',
    'a s d f g h j k l',
    'z x c v b n m',
    '@ . - _ + .com {done}',
  ],
};
const PATH_LAYOUT = {
  default: [
    '1 2 3 4 5 6 7 8 9 0 {bksp}',
    'q w e r t y u i o p',
    'a s d f g h j k l :',
    '{shift} z x c v b n m {shift}',
    '/ \\ . - _ {space} {done}',
  ],
  shift: [
    '1 2 3 4 5 6 7 8 9 0 {bksp}',
    'Q W E R T Y U I O P',
    'A S D F G H J K L :',
    '{shift} Z X C V B N M {shift}',
    '/ \\ . - _ {space} {done}',
  ],
};
const URL_LAYOUT = {
  default: [
    '1 2 3 4 5 6 7 8 9 0 {bksp}',
    'q w e r t y u i o p',
    'a s d f g h j k l :',
    'z x c v b n m @ /',
    'postgres:// . - _ ? = {done}',
  ],
};
const PHONE_LAYOUT = { default: ['1 2 3', '4 5 6', '7 8 9', '+ 0 {bksp}', '( ) - {space} {done}'] };
const AMOUNT_LAYOUT = { default: ['1 2 3', '4 5 6', '7 8 9', '. 0 {bksp}', '{done}'] };
const DISPLAY = { '{bksp}': '⌫ Delete', '{shift}': '⇧ Shift', '{space}': 'Space', '{done}': 'Done' };

export function TextField({
  label,
  value,
  onChange,
  maxLength = 80,
  placeholder,
  keys = 'text',
  problem,
  lines = 1,
  secret = false,
}: TextFieldProps) {
  const id = useId();
  const [keyboardOpen, setKeyboardOpen] = useState(false);
  const [shifted, setShifted] = useState(keys !== 'path');
  const keyboard = useRef<KeyboardInstance | null>(null);
  const dock = useRef<HTMLDivElement | null>(null);
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);

  useEffect(() => {
    keyboard.current?.setInput(value);
  }, [value, keyboardOpen]);

  // While open, the page knows how tall the keyboard is (styles.css leaves that much room), and the field
  // scrolls up above it. The keys are laid out after the first render, so this follows the keyboard's size.
  useLayoutEffect(() => {
    const element = dock.current;
    if (!keyboardOpen || !element) return;
    const root = document.documentElement;
    const fit = () => {
      root.style.setProperty('--keyboard-space', `${element.offsetHeight}px`);
      field.current?.scrollIntoView({ block: 'nearest' });
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--keyboard-space');
    };
  }, [keyboardOpen]);

  const problemId = useId();
  const close = useCallback(() => setKeyboardOpen(false), []);
  useEffect(
    () => () => {
      if (closeOpenKeyboard === close) closeOpenKeyboard = null;
    },
    [close],
  );
  const layout =
    keys === 'email'
      ? EMAIL_LAYOUT
      : keys === 'phone'
        ? PHONE_LAYOUT
        : keys === 'amount'
          ? AMOUNT_LAYOUT
          : keys === 'path'
            ? PATH_LAYOUT
            : keys === 'url'
              ? URL_LAYOUT
              : LAYOUT;
  // Paths keep Shift until it is tapped again: folder names are often in capitals (a drive called BACKUP).
  const layoutName = (keys === 'text' || keys === 'path') && shifted ? 'shift' : 'default';

  const onKeyPress = (button: string) => {
    if (keys === 'path') {
      if (button === '{shift}') setShifted((on) => !on);
      else if (button === '{done}') setKeyboardOpen(false);
      return;
    }
    if (keys !== 'text') {
      if (button === '{done}') setKeyboardOpen(false);
      return;
    }
    if (button === '{shift}') setShifted((on) => !on);
    else if (button === '{done}') setKeyboardOpen(false);
    else if (shifted && button.length === 1) setShifted(false);
  };

  const fieldProps = {
    id,
    value,
    maxLength,
    placeholder,
    autoComplete: 'off',
    inputMode:
      keys === 'email'
        ? 'email'
        : keys === 'phone'
          ? 'tel'
          : keys === 'amount'
            ? 'decimal'
            : keys === 'url'
              ? 'url'
              : 'text',
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': problem ? problemId : undefined,
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
    onFocus: () => {
      if (closeOpenKeyboard !== close) closeOpenKeyboard?.();
      closeOpenKeyboard = close;
      setKeyboardOpen(true);
    },
  } as const;

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {lines > 1 ? (
        <textarea ref={field} rows={lines} {...fieldProps} />
      ) : (
        <input ref={field} type={secret ? 'password' : 'text'} {...fieldProps} />
      )}
      {problem && (
        <p id={problemId} className="field-problem">
          {problem}
        </p>
      )}
      {keyboardOpen && (
        <div ref={dock} className={`touch-keyboard touch-keyboard-${keys}`}>
          <Keyboard
            keyboardRef={(instance: KeyboardInstance) => (keyboard.current = instance)}
            layout={layout}
            layoutName={layoutName}
            display={DISPLAY}
            maxLength={maxLength}
            onChange={(next: string) => onChange(next)}
            onKeyPress={onKeyPress}
          />
        </div>
      )}
    </div>
  );
}
