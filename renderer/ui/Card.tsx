// A white panel with an optional heading: a form, a list, a step of the setup.
import type { ReactNode } from 'react';

export function Card({
  title,
  label,
  className,
  children,
}: {
  title?: ReactNode;
  /** The region's accessible name when it has no title. */
  label?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section className={className ? `ui-card ${className}` : 'ui-card'} aria-label={label}>
      {title && <h2>{title}</h2>}
      {children}
    </section>
  );
}
