import { LIMITS, type Organization, type PersonInput, type Side } from '@qiao/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { directoryApi } from '../../../api/directory.ts';
import { Field } from '../../../components/Field.tsx';
import { SideSelect } from '../../../components/SideSelect.tsx';
import { primaryName } from '../../../lib/names.ts';
import { useCreatePartyForm } from '../lib/use-party-form.ts';
import { NameFieldsWithError } from './NameFieldsWithError.tsx';
import { PartyFormPanel } from './PartyFormPanel.tsx';

interface PersonFormProps {
  sides: readonly Side[];
  organizations: readonly Organization[];
  onCreated: () => void;
}

export function PersonForm({ sides, organizations, onCreated }: PersonFormProps) {
  const { t, i18n } = useTranslation();
  const affiliationId = useId();
  const [affiliation, setAffiliation] = useState('');
  const [email, setEmail] = useState('');
  const party = useCreatePartyForm(sides, email !== '', 'directory.createdPerson', onCreated);
  const locale = i18n.language === 'zh' ? 'zh' : 'en';

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    return party.create(
      event,
      (partyNames) => {
        const body: PersonInput = { names: partyNames, side: party.side, affiliationId: affiliation || null };
        if (email.trim()) body.email = email.trim();
        return directoryApi.createPerson(body);
      },
      () => setEmail(''),
    );
  }

  return (
    <PartyFormPanel
      title={t('directory.addPerson')}
      created={party.created}
      error={party.submit.error}
      busy={party.submit.busy}
      onSubmit={handleSubmit}
    >
        <NameFieldsWithError {...party.nameFields} />
        <div className="field-row">
          <SideSelect label={t('common.side')} name="side" sides={sides} value={party.side} onChange={party.setSide} />
          <div className="field">
            <label htmlFor={affiliationId}>{t('directory.affiliation')}</label>
            <select id={affiliationId} name="affiliation" value={affiliation} onChange={(e) => setAffiliation(e.target.value)}>
              <option value="">{t('directory.noAffiliation')}</option>
              {organizations.map((org) => (
                <option key={org.id} value={org.id}>
                  {primaryName(org.names, locale)} ({org.side})
                </option>
              ))}
            </select>
          </div>
          <Field
            label={t('directory.email')}
            name="email"
            type="email"
            maxLength={LIMITS.emailMax}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
    </PartyFormPanel>
  );
}
