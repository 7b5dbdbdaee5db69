import type { PartyProposalInput, Side } from '@qiao/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { usePartyForm } from '../lib/use-party-form.ts';
import { proposalKeys, proposalsApi } from '../proposals-api.ts';
import { NameFieldsWithError } from './NameFieldsWithError.tsx';
import { PartyFields, type OrgKind } from './PartyFields.tsx';

/** Any member proposes an organisation or a person; an admin or that side's compliance officer decides. */
export function ProposePartyForm({ sides }: { sides: readonly Side[] }) {
  const { t } = useTranslation();
  const reasonId = useId();
  const [kind, setKind] = useState<PartyProposalInput['kind']>('organization');
  const [orgKind, setOrgKind] = useState<OrgKind>('university');
  const [reason, setReason] = useState('');
  const party = usePartyForm(sides, reason !== '');
  const { side, country, submit } = party;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    return party.submitNames(event, async (partyNames) => {
      const body: PartyProposalInput = { kind, names: partyNames, side, orgKind, reason, ...(country.trim() ? { country: country.trim().toUpperCase() } : {}) };
      const ok = await submit.run(() => proposalsApi.propose(body), { success: t('proposals.sent'), invalidate: [proposalKeys.all] });
      if (ok) setReason('');
      return ok;
    });
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
        <NameFieldsWithError {...party.nameFields} />
        <PartyFields
          {...party.place}
          countryRequired={kind === 'organization'}
          kind={kind === 'organization' ? { value: orgKind, onChange: setOrgKind, name: 'orgKind' } : undefined}
        />
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
