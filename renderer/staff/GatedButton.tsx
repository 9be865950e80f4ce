// An action button the signed-in role may not use stays visible but disabled, with the reason as
// its tooltip, so staff learn who can do it instead of wondering where it went.
import type { ButtonHTMLAttributes } from 'react';
import { refusal, type Action } from '../../shared/staff/permissions';
import { useOfficial } from '../state/official';

export function GatedButton({
  action,
  disabled,
  title,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { action: Action }) {
  const reason = refusal(useOfficial().role, action);
  return (
    <button
      type="button"
      {...props}
      disabled={disabled || reason !== null}
      title={reason ?? title}
      data-refused={reason ? 'true' : undefined}
    />
  );
}
