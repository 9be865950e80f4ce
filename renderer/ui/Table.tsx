// A list as a table: header row shaded, rows ruled, numbers right-aligned (class "num"); it
// scrolls sideways inside its own box rather than widening the page.
import type { ReactNode } from 'react';

export function Table({
  caption,
  head,
  children,
  testId,
}: {
  /** The table's accessible name; shown above it. */
  caption?: ReactNode;
  /** The header cells (<th>…</th>). */
  head: ReactNode;
  /** The rows (<tr>…</tr>). */
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div className="ui-table-wrap">
      <table className="ui-table" data-testid={testId}>
        {caption && <caption className="ui-table-caption">{caption}</caption>}
        <thead>
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
