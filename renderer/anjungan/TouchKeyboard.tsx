// The anjungan's on-screen keyboard (simple-keyboard, decision 0026): the screen has no physical
// keyboard, only touch, and the e-KTP reader's keystrokes are the card's (CardReader.ts). The
// keyboard types into the field the form says is active; its keys are large touch targets.
import { useEffect, useRef } from 'react';
// The named export: the package's main file is UMD, whose default does not survive bundling.
import { SimpleKeyboard as Keyboard } from 'simple-keyboard';
import 'simple-keyboard/build/css/index.css';

const LAYOUTS = {
  numeric: { default: ['1 2 3', '4 5 6', '7 8 9', '{bksp} 0 {enter}'] },
  text: {
    default: [
      '1 2 3 4 5 6 7 8 9 0 {bksp}',
      'q w e r t y u i o p',
      'a s d f g h j k l',
      'z x c v b n m , .',
      '{space} {enter}',
    ],
  },
} as const;

const DISPLAY = { '{bksp}': '⌫ Hapus', '{enter}': 'OK ✓', '{space}': 'Spasi' };

export function TouchKeyboard({
  layout,
  value,
  onChange,
  onEnter,
  maxLength,
}: {
  layout: keyof typeof LAYOUTS;
  value: string;
  onChange(value: string): void;
  onEnter?(): void;
  maxLength?: number;
}) {
  const host = useRef<HTMLDivElement>(null);
  const keyboard = useRef<Keyboard | null>(null);
  // The latest callbacks, for the keyboard made once per layout.
  const handlers = useRef({ onChange, onEnter });
  useEffect(() => {
    handlers.current = { onChange, onEnter };
  });

  useEffect(() => {
    if (!host.current) return;
    const k = new Keyboard(host.current, {
      layout: { default: [...LAYOUTS[layout].default] },
      display: DISPLAY,
      theme: `hg-theme-default anjungan-keyboard anjungan-keyboard--${layout}`,
      maxLength,
      disableButtonHold: true,
      onChange: (input) => handlers.current.onChange(input),
      onKeyPress: (button) => {
        if (button === '{enter}') handlers.current.onEnter?.();
      },
    });
    keyboard.current = k;
    return () => {
      k.destroy();
      keyboard.current = null;
    };
  }, [layout, maxLength]);

  // The field's value is the form's: the keyboard follows it (a cleared or switched field).
  useEffect(() => {
    keyboard.current?.setInput(value);
  }, [value]);

  // simple-keyboard names its instance after the element's first class.
  return <div ref={host} className="simple-keyboard" data-testid="touch-keyboard" />;
}
