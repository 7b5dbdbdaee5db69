import type { PartyName, Side } from '@qiao/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { useUnsavedChanges } from '../../../hooks/use-unsaved-changes.ts';
import { EMPTY_NAMES, toPartyNames } from '../../../lib/names.ts';

/**
 * The names, side and country of a party being proposed or added, and a submit that refuses until
 * one name is given. `otherDirty` says whether the form's other fields hold anything worth asking
 * about on leaving.
 */
export function usePartyForm(sides: readonly Side[], otherDirty: boolean) {
  const [names, setNames] = useState(EMPTY_NAMES);
  const [needName, setNeedName] = useState(false);
  const [side, setSide] = useState(sides[0]?.code ?? '');
  const [country, setCountry] = useState('');
  const submit = useSubmit();
  useUnsavedChanges(toPartyNames(names).length > 0 || country !== '' || otherDirty);

  /** Runs `send` with the given names; when it succeeds the names and the country are cleared. */
  async function submitNames(event: FormEvent<HTMLFormElement>, send: (partyNames: PartyName[]) => Promise<boolean>): Promise<void> {
    event.preventDefault();
    const partyNames = toPartyNames(names);
    setNeedName(partyNames.length === 0);
    if (partyNames.length === 0) return;
    if (!(await send(partyNames))) return;
    setNames(EMPTY_NAMES);
    setCountry('');
  }

  return {
    side,
    setSide,
    country,
    submit,
    submitNames,
    /** Props for `<NameFieldsWithError>`. */
    nameFields: { names, setNames, needName },
    /** Props for `<PartyFields>`. */
    place: { sides, side, onSide: setSide, country, onCountry: setCountry },
  };
}

type CreatedKey = 'directory.createdOrganization' | 'directory.createdPerson';

/**
 * An admin's form adding a party to the directory: it writes, says which party was added (by
 * `createdKey`) until the next attempt, then `reset`s the form's own fields and calls `onCreated`.
 */
export function useCreatePartyForm(sides: readonly Side[], otherDirty: boolean, createdKey: CreatedKey, onCreated: () => void) {
  const { t } = useTranslation();
  const party = usePartyForm(sides, otherDirty);
  const [created, setCreated] = useState<string | null>(null);

  function create(event: FormEvent<HTMLFormElement>, write: (partyNames: PartyName[]) => Promise<unknown>, reset?: () => void) {
    return party.submitNames(event, async (partyNames) => {
      setCreated(null);
      const name = partyNames[0]?.value ?? '';
      const ok = await party.submit.run(() => write(partyNames), { success: t(createdKey, { name }) });
      if (!ok) return false;
      setCreated(name);
      reset?.();
      onCreated();
      return true;
    });
  }

  return { ...party, created: created === null ? null : t(createdKey, { name: created }), create };
}
