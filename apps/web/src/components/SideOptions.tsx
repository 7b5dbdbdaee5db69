import { ROW_SIDES } from '../lib/rows.ts';

/** The options of a row's side select: the side codes, untranslated. */
export function SideOptions() {
  return (
    <>
      {ROW_SIDES.map((s) => (
        <option key={s} value={s}>
          {s}
        </option>
      ))}
    </>
  );
}
