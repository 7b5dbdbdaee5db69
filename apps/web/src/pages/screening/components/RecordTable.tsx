import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';

interface RecordTableProps<T> {
  query: UseQueryResult<T[]>;
  /** Column headings, the last column (actions) excepted. */
  columns: string[];
  /** The actions column's heading, read out but not shown. */
  actionsLabel: string;
  /** Shown instead of the table when the list is empty. */
  empty: ReactNode;
  /** The last write's failure from a row's action, shown above the table. */
  actionError: unknown;
  rowKey: (item: T) => string;
  /** A row's cells; the last one holds its actions. */
  row: (item: T) => ReactNode;
  rowProps?: (item: T) => Record<string, string | undefined>;
}

/** A list read from the server as a table whose last column holds each row's actions. */
export function RecordTable<T>({ query, columns, actionsLabel, empty, actionError, rowKey, row, rowProps }: RecordTableProps<T>) {
  return (
    <>
      {query.isPending && <Loading />}
      {query.isError && <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />}
      {actionError !== null && <ErrorMessage error={actionError} />}
      {query.data?.length === 0 && empty}
      {query.data && query.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
                <th scope="col">
                  <span className="visually-hidden">{actionsLabel}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {query.data.map((item) => (
                <tr key={rowKey(item)} {...rowProps?.(item)}>
                  {row(item)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
