// A message to the clerk: an error is announced at once (role=alert), anything else politely
// (role=status). The tone is a word in the text and a colour, never colour alone.
import type { ReactNode } from 'react';

export type MessageTone = 'info' | 'success' | 'warning' | 'error';

export function Message({
  tone = 'info',
  children,
  testId,
}: {
  tone?: MessageTone;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <p
      className={`ui-message ui-message--${tone}`}
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid={testId}
    >
      {children}
    </p>
  );
}
