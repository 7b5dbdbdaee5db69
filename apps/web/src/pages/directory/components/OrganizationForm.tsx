import { LIMITS, type OrganizationInput, type Side } from '@qiao/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { directoryApi } from '../../../api/directory.ts';
import { Field } from '../../../components/Field.tsx';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { useUnsavedChanges } from '../../../hooks/use-unsaved-changes.ts';
import { EMPTY_NAMES, toPartyNames } from '../../../lib/names.ts';
import { NameFieldsWithError } from './NameFieldsWithError.tsx';
import { PartyFormPanel } from './PartyFormPanel.tsx';
import { PartyFields } from './PartyFields.tsx';

export function OrganizationForm({ sides, onCreated }: { sides: readonly Side[]; onCreated: () => void }) {
  const { t } = useTranslation();
  const [names, setNames] = useState(EMPTY_NAMES);
  const [side, setSide] = useState(sides[0]?.code ?? '');
  const [country, setCountry] = useState('');
  const [kind, setKind] = useState<OrganizationInput['kind']>('university');
  const [website, setWebsite] = useState('');
  const submit = useSubmit();
  const { busy, error } = submit;
  const [needName, setNeedName] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  useUnsavedChanges(toPartyNames(names).length > 0 || country !== '' || website !== '');

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const partyNames = toPartyNames(names);
    setNeedName(partyNames.length === 0);
    if (partyNames.length === 0) return;
    setCreated(null);
    const body: OrganizationInput = { names: partyNames, side, country: country.toUpperCase(), kind };
    if (website.trim()) body.website = website.trim();
    const ok = await submit.run(() => directoryApi.createOrganization(body), { success: t('directory.createdOrganization', { name: partyNames[0]?.value ?? '' }) });
    if (!ok) return;
    setCreated(partyNames[0]?.value ?? '');
    setNames(EMPTY_NAMES);
    setCountry('');
    setWebsite('');
    onCreated();
  }

  return (
    <PartyFormPanel
      title={t('directory.addOrganization')}
      created={created === null ? null : t('directory.createdOrganization', { name: created })}
      error={error}
      busy={busy}
      onSubmit={handleSubmit}
    >
        <NameFieldsWithError names={names} setNames={setNames} needName={needName} />
        <PartyFields
          sides={sides}
          side={side}
          onSide={setSide}
          country={country}
          onCountry={setCountry}
          countryRequired
          kind={{ value: kind, onChange: setKind, name: 'kind' }}
        />
        <div className="field-row">
          <Field
            label={t('directory.website')}
            name="website"
            type="url"
            maxLength={LIMITS.nameMax}
            value={website}
            onChange={(e) => setWebsite(e.target.value)}
          />
        </div>
    </PartyFormPanel>
  );
}
