import type { Side } from '@qiao/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { directoryApi } from '../../../api/directory.ts';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { SideSelect } from '../../../components/SideSelect.tsx';

interface CorrectSideProps {
  kind: 'organization' | 'person';
  party: { id: string; side: string; version: number };
  sides: readonly Side[];
  onCorrected: () => void;
}

/**
 * An admin's correction of a side entered by mistake. A party's side is otherwise fixed: the
 * correction needs a reason (kept in the audit log) and the party is screened again for its new side.
 */
export function CorrectSide({ kind, party, sides, onCorrected }: CorrectSideProps) {
  const { t } = useTranslation();
  const others = sides.filter((s) => s.code !== party.side);
  const [side, setSide] = useState(others[0]?.code ?? '');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const reasonId = useId();
  if (others.length === 0) return null;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { side, reason, version: party.version };
      await (kind === 'organization' ? directoryApi.correctOrganizationSide(party.id, body) : directoryApi.correctPersonSide(party.id, body));
      setReason('');
      onCorrected();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="correct-side" data-testid="correct-side">
      <summary>{t('directory.correctSide.action')}</summary>
      <form className="form" onSubmit={(e) => void handleSubmit(e)} aria-label={t('directory.correctSide.action')}>
        <p className="hint">{t('directory.correctSide.hint', { side: party.side })}</p>
        {error !== null && <ErrorMessage error={error} />}
        <SideSelect label={t('directory.correctSide.newSide')} sides={others} value={side} onChange={setSide} name="side" />
        <div className="field">
          <label htmlFor={reasonId}>{t('directory.correctSide.reason')}</label>
          <textarea id={reasonId} name="reason" value={reason} onChange={(e) => setReason(e.target.value)} required rows={2} />
        </div>
        <button type="submit" className="button button-primary" disabled={busy || !reason.trim()}>
          {t('directory.correctSide.submit')}
        </button>
      </form>
    </details>
  );
}
