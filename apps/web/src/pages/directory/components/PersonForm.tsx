import { LIMITS, type Organization, type PersonInput, type Side } from '@qiao/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { directoryApi } from '../../../api/directory.ts';
import { Field } from '../../../components/Field.tsx';
import { SideSelect } from '../../../components/SideSelect.tsx';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { useUnsavedChanges } from '../../../hooks/use-unsaved-changes.ts';
import { EMPTY_NAMES, primaryName, toPartyNames } from '../../../lib/names.ts';
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
  const [names, setNames] = useState(EMPTY_NAMES);
  const [side, setSide] = useState(sides[0]?.code ?? '');
  const [affiliation, setAffiliation] = useState('');
  const [email, setEmail] = useState('');
  const submit = useSubmit();
  const { busy, error } = submit;
  const [needName, setNeedName] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  useUnsavedChanges(toPartyNames(names).length > 0 || email !== '');
  const locale = i18n.language === 'zh' ? 'zh' : 'en';

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const partyNames = toPartyNames(names);
    setNeedName(partyNames.length === 0);
    if (partyNames.length === 0) return;
    setCreated(null);
    const body: PersonInput = { names: partyNames, side, affiliationId: affiliation || null };
    if (email.trim()) body.email = email.trim();
    const ok = await submit.run(() => directoryApi.createPerson(body), { success: t('directory.createdPerson', { name: partyNames[0]?.value ?? '' }) });
    if (!ok) return;
    setCreated(partyNames[0]?.value ?? '');
    setNames(EMPTY_NAMES);
    setEmail('');
    onCreated();
  }

  return (
    <PartyFormPanel
      title={t('directory.addPerson')}
      created={created === null ? null : t('directory.createdPerson', { name: created })}
      error={error}
      busy={busy}
      onSubmit={handleSubmit}
    >
        <NameFieldsWithError names={names} setNames={setNames} needName={needName} />
        <div className="field-row">
          <SideSelect label={t('common.side')} name="side" sides={sides} value={side} onChange={setSide} />
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
