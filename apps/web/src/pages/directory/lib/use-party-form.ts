import type { PartyName } from '@qiao/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { useUnsavedChanges } from '../../../hooks/use-unsaved-changes.ts';
import { EMPTY_NAMES, toPartyNames } from '../../../lib/names.ts';

/**
 * The names of a party being proposed or added, and a submit that refuses until one name is given.
 * `otherDirty` says whether the form's other fields hold anything worth asking about on leaving.
 */
export function usePartyForm(otherDirty: boolean) {
  const [names, setNames] = useState(EMPTY_NAMES);
  const [needName, setNeedName] = useState(false);
  const submit = useSubmit();
  useUnsavedChanges(toPartyNames(names).length > 0 || otherDirty);

  /** Runs `send` with the given names; when it succeeds the names are cleared. */
  async function submitNames(event: FormEvent<HTMLFormElement>, send: (partyNames: PartyName[]) => Promise<boolean>): Promise<void> {
    event.preventDefault();
    const partyNames = toPartyNames(names);
    setNeedName(partyNames.length === 0);
    if (partyNames.length === 0) return;
    if (await send(partyNames)) setNames(EMPTY_NAMES);
  }

  return { names, setNames, needName, submit, submitNames };
}

type CreatedKey = 'directory.createdOrganization' | 'directory.createdPerson';

/**
 * An admin's form adding a party to the directory: it writes, says which party was added (by
 * `createdKey`) until the next attempt, then `reset`s the other fields and calls `onCreated`.
 */
export function useCreatePartyForm(otherDirty: boolean, createdKey: CreatedKey, onCreated: () => void) {
  const { t } = useTranslation();
  const party = usePartyForm(otherDirty);
  const [created, setCreated] = useState<string | null>(null);

  function create(event: FormEvent<HTMLFormElement>, write: (partyNames: PartyName[]) => Promise<unknown>, reset: () => void) {
    return party.submitNames(event, async (partyNames) => {
      setCreated(null);
      const name = partyNames[0]?.value ?? '';
      const ok = await party.submit.run(() => write(partyNames), { success: t(createdKey, { name }) });
      if (!ok) return false;
      setCreated(name);
      reset();
      onCreated();
      return true;
    });
  }

  return { ...party, created: created === null ? null : t(createdKey, { name: created }), create };
}
