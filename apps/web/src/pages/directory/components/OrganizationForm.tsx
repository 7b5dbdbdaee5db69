import { LIMITS, type OrganizationInput, type Side } from '@qiao/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { directoryApi } from '../../../api/directory.ts';
import { Field } from '../../../components/Field.tsx';
import { useCreatePartyForm } from '../lib/use-party-form.ts';
import { NameFieldsWithError } from './NameFieldsWithError.tsx';
import { PartyFormPanel } from './PartyFormPanel.tsx';
import { PartyFields } from './PartyFields.tsx';

export function OrganizationForm({ sides, onCreated }: { sides: readonly Side[]; onCreated: () => void }) {
  const { t } = useTranslation();
  const [side, setSide] = useState(sides[0]?.code ?? '');
  const [country, setCountry] = useState('');
  const [kind, setKind] = useState<OrganizationInput['kind']>('university');
  const [website, setWebsite] = useState('');
  const party = useCreatePartyForm(country !== '' || website !== '', 'directory.createdOrganization', onCreated);
  const { names, setNames, needName } = party;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    return party.create(
      event,
      (partyNames) => {
        const body: OrganizationInput = { names: partyNames, side, country: country.toUpperCase(), kind };
        if (website.trim()) body.website = website.trim();
        return directoryApi.createOrganization(body);
      },
      () => {
        setCountry('');
        setWebsite('');
      },
    );
  }

  return (
    <PartyFormPanel
      title={t('directory.addOrganization')}
      created={party.created}
      error={party.submit.error}
      busy={party.submit.busy}
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
