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
  const [kind, setKind] = useState<OrganizationInput['kind']>('university');
  const [website, setWebsite] = useState('');
  const party = useCreatePartyForm(sides, website !== '', 'directory.createdOrganization', onCreated);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    return party.create(
      event,
      (partyNames) => {
        const body: OrganizationInput = { names: partyNames, side: party.side, country: party.country.toUpperCase(), kind };
        if (website.trim()) body.website = website.trim();
        return directoryApi.createOrganization(body);
      },
      () => setWebsite(''),
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
        <NameFieldsWithError {...party.nameFields} />
        <PartyFields
          {...party.place}
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
