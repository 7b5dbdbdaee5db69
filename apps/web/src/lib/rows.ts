/** The two sides a row of a proposal or a dataset belongs to, in the order the forms offer them. */
export const ROW_SIDES = ['US', 'CN'] as const;

/** Props of a fieldset that edits a list of rows in place (budget lines, dataset creators). */
export interface RowsFieldProps<Row> {
  value: Row[];
  onChange: (next: Row[]) => void;
  /** What is wrong with one row's field, if anything. */
  errorOf?: (index: number, field: keyof Row) => string | undefined;
}

/** Changes to a list of rows, each handing the whole new list to `onChange`. */
export function editRows<Row>(value: Row[], onChange: (next: Row[]) => void) {
  return {
    update: (i: number, patch: Partial<Row>) => onChange(value.map((row, j) => (j === i ? { ...row, ...patch } : row))),
    remove: (i: number) => onChange(value.filter((_row, j) => j !== i)),
    add: (row: Row) => onChange([...value, row]),
  };
}
