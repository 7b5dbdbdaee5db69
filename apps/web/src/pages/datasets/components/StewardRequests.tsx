import type { AccessRequest, Dataset } from '@qiao/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { useResource } from '../../../hooks/use-resource.ts';
import { datasetsApi } from '../api.ts';
import { uiLang } from '../../../lib/bilingual.ts';
import { Citations, fromTransferCitation } from '../../../components/Citations.tsx';
import { DecisionForm } from './DecisionForm.tsx';
import { RequestSummary } from './RequestSummary.tsx';
import { RevokeGrant } from './RevokeGrant.tsx';

/** A steward's queue: each request with its transfer conditions to record as met, and the decision. */
export function StewardRequests({ dataset }: { dataset: Dataset }) {
  const { t } = useTranslation('datasets');
  const requests = useResource(() => datasetsApi.requestsFor(dataset.id), [dataset.id]);
  return (
    <section className="section" aria-labelledby="ds-requests" data-testid="steward-requests">
      <h2 id="ds-requests">{t('requests.stewardTitle')}</h2>
      {requests.status === 'loading' && <Loading />}
      {requests.status === 'error' && <ErrorMessage error={requests.error} onRetry={requests.reload} />}
      {requests.status === 'ready' && requests.data.length === 0 && (
        <p className="empty-inline">{dataset.accessLevel === 'open' ? t('requests.noneOpen') : t('requests.none')}</p>
      )}
      {requests.status === 'ready' &&
        requests.data.map((r) => (
          <RequestSummary key={r.id} request={r}>
            {r.status === 'pending' && <PendingTools request={r} onChange={requests.reload} />}
            {r.status === 'granted' && <RevokeGrant datasetId={dataset.id} grant={r} onRevoked={requests.reload} />}
          </RequestSummary>
        ))}
    </section>
  );
}

function PendingTools({ request, onChange }: { request: AccessRequest; onChange: () => void }) {
  const { t } = useTranslation('datasets');
  const unmet = request.conditions.filter((c) => !c.met).length;
  return (
    <div className="pending-tools">
      {request.conditions.length > 0 && (
        <fieldset className="fieldset">
          <legend>{t('requests.recordConditions')}</legend>
          {request.conditions.map((c) => (
            <ConditionCheckbox key={c.id} request={request} condition={c} onChange={onChange} />
          ))}
        </fieldset>
      )}
      <DecisionForm request={request} unmet={unmet} onDecided={onChange} />
    </div>
  );
}

function ConditionCheckbox({ request, condition, onChange }: { request: AccessRequest; condition: AccessRequest['conditions'][number]; onChange: () => void }) {
  const { t, i18n } = useTranslation('datasets');
  // The box shows the choice at once; the server's answer (and the reload) then confirms it.
  const [pending, setPending] = useState<boolean | null>(null);
  const [error, setError] = useState<unknown>(null);
  const zh = uiLang(i18n.language) === 'zh';

  async function handleToggle(met: boolean) {
    setPending(met);
    setError(null);
    try {
      await datasetsApi.setCondition(request.id, condition.id, met, '');
      onChange();
    } catch (caught) {
      setError(caught);
      setPending(null);
    }
  }

  return (
    <div className="condition-check" data-testid="condition-check" data-condition-id={condition.id}>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={pending ?? condition.met}
          disabled={pending !== null && pending !== condition.met}
          onChange={(e) => void handleToggle(e.target.checked)}
        />
        <span lang={zh ? 'zh-Hans' : 'en'}>{zh ? condition.textZh : condition.textEn}</span>
      </label>
      {condition.met && condition.metBy && <p className="hint">{t('requests.metBy', { who: condition.metBy })}</p>}
      <Citations citations={condition.citations.map(fromTransferCitation)} />
      {error !== null && <ErrorMessage error={error} />}
    </div>
  );
}
