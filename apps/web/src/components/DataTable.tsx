import type { ReactNode } from 'react';

interface DataTableProps {
  /** Classes added after `table`. */
  className?: string;
  testId?: string;
  /** Read by screen readers only. */
  caption?: string;
  /** One header a column; `false` leaves a column out (an optional lead column). */
  columns: readonly (ReactNode | false)[];
  /** The body rows. */
  children: ReactNode;
}

/** The scrolling wrapper, header row and body every data table in the app shares. */
export function DataTable({ className, testId, caption, columns, children }: DataTableProps) {
  return (
    <div className="table-wrap">
      <table className={className ? `table ${className}` : 'table'} data-testid={testId}>
        {caption !== undefined && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((header, i) =>
              header === false ? null : (
                <th key={i} scope="col">
                  {header}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A column header only screen readers announce (a column of buttons). */
export function HiddenHeader({ children }: { children: ReactNode }) {
  return <span className="visually-hidden">{children}</span>;
}
