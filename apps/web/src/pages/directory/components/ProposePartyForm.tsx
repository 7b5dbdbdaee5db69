import { ORGANIZATION_KINDS, type PartyProposalInput, type Side } from '@qiao/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Field } from '../../../components/Field.tsx';
import { SideSelect } from '../../../components/SideSelect.tsx';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { EMPTY_NAMES, toPartyNames } from '../../../lib/names.ts';
import { proposalKeys, proposalsApi } from '../proposals-api.ts';
import { NameFieldsWithError } from './NameFieldsWithError.tsx';

type OrgKind = (typeof ORGANIZATION_KINDS)[number];

/** Any member proposes an organisation or a person; an admin or that side's compliance officer decides. */
export function ProposePartyForm({ sides }: { sides: readonly Side[] }) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const reasonId = useId();
  const [kind, setKind] = useState<PartyProposalInput['kind']>('organization');
  const [names, setNames] = useState(EMPTY_NAMES);
  const [side, setSide] = useState(sides[0]?.code ?? '');
  const [country, setCountry] = useState('');
  const [orgKind, setOrgKind] = useState<OrgKind>('university');
  const [reason, setReason] = useState('');
  const [needName, setNeedName] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const partyNames = toPartyNames(names);
    setNeedName(partyNames.length === 0);
    if (partyNames.length === 0) return;
    const body: PartyProposalInput = { kind, names: partyNames, side, orgKind, reason, ...(country.trim() ? { country: country.trim().toUpperCase() } : {}) };
    const ok = await submit.run(() => proposalsApi.propose(body), { success: t('proposals.sent'), invalidate: [proposalKeys.all] });
    if (ok) {
      setNames(EMPTY_NAMES);
      setCountry('');
      setReason('');
    }
  }

  return (
    <details className="form-panel" data-testid="propose-party">
      <summary>{t('proposals.propose')}</summary>
      <form className="form" onSubmit={(e) => void handleSubmit(e)} aria-label={t('proposals.propose')}>
        <p className="hint">{t('proposals.proposeHint')}</p>
        {submit.error !== null && <ErrorMessage error={submit.error} />}
        <fieldset className="choice-group">
          <legend>{t('proposals.kind')}</legend>
          {(['organization', 'person'] as const).map((k) => (
            <label key={k} className="inline-choice">
              <input type="radio" name="proposal-kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> {t(`proposals.kinds.${k}`)}
            </label>
          ))}
        </fieldset>
        <NameFieldsWithError names={names} setNames={setNames} needName={needName} />
        <div className="field-row">
          <SideSelect label={t('common.side')} name="side" sides={sides} value={side} onChange={setSide} />
          <Field
            label={t('directory.country')}
            hint={t('directory.countryHint')}
            name="country"
            required={kind === 'organization'}
            pattern="[A-Za-z]{2}"
            maxLength={2}
            value={country}
            onChange={(e) => setCountry(e.target.value)}
          />
          {kind === 'organization' && (
            <div className="field">
              <label htmlFor={`${reasonId}-kind`}>{t('directory.kind')}</label>
              <select id={`${reasonId}-kind`} name="orgKind" value={orgKind} onChange={(e) => setOrgKind(ORGANIZATION_KINDS.find((k) => k === e.target.value) ?? 'other')}>
                {ORGANIZATION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`directory.kinds.${k}`)}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
        <div className="field">
          <label htmlFor={reasonId}>{t('proposals.reason')}</label>
          <textarea id={reasonId} name="reason" required maxLength={2000} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <button type="submit" className="button button-primary" disabled={submit.busy}>
          {submit.busy ? t('common.saving') : t('proposals.submit')}
        </button>
      </form>
    </details>
  );
}
