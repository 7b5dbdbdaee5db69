import type { AccessRequest, Dataset } from '@qiao/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { datasetKeys, datasetsApi } from '../api.ts';
import { uiLang } from '../../../lib/bilingual.ts';
import { Citations, fromTransferCitation } from '../../../components/Citations.tsx';
import { DecisionForm } from './DecisionForm.tsx';
import { RequestSummary } from './RequestSummary.tsx';
import { RevokeGrant } from './RevokeGrant.tsx';

/** A steward's queue: each request with its transfer conditions to record as met, and the decision. */
export function StewardRequests({ dataset }: { dataset: Dataset }) {
  const { t } = useTranslation('datasets');
  const queryClient = useQueryClient();
  const requests = useQuery({ queryKey: datasetKeys.requests(dataset.id), queryFn: () => datasetsApi.requestsFor(dataset.id) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: datasetKeys.requests(dataset.id) });
  return (
    <section className="section" aria-labelledby="ds-requests" data-testid="steward-requests">
      <h2 id="ds-requests">{t('requests.stewardTitle')}</h2>
      {requests.isPending && <Loading />}
      {requests.isError && <ErrorMessage error={requests.error} onRetry={() => void requests.refetch()} />}
      {requests.data?.length === 0 && (
        <p className="empty-inline">{dataset.accessLevel === 'open' ? t('requests.noneOpen') : t('requests.none')}</p>
      )}
      {requests.data?.map((r) => (
          <RequestSummary key={r.id} request={r}>
            {r.status === 'pending' && <PendingTools request={r} onChange={refresh} />}
            {r.status === 'granted' && <RevokeGrant datasetId={dataset.id} grant={r} onRevoked={() => void refresh()} />}
          </RequestSummary>
        ))}
    </section>
  );
}

function PendingTools({ request, onChange }: { request: AccessRequest; onChange: () => Promise<unknown> }) {
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
      <DecisionForm request={request} unmet={unmet} onDecided={() => void onChange()} />
    </div>
  );
}

function ConditionCheckbox({ request, condition, onChange }: { request: AccessRequest; condition: AccessRequest['conditions'][number]; onChange: () => Promise<unknown> }) {
  const { t, i18n } = useTranslation('datasets');
  const zh = uiLang(i18n.language) === 'zh';
  // The box shows the choice at once and keeps it until the refetched request confirms it (or the
  // change fails). The choice is component state set in the click itself: the mutation's own pending
  // state arrives a tick later, after React has already put a controlled box back to its old value.
  const [pending, setPending] = useState<boolean | null>(null);
  const toggle = useMutation({
    mutationFn: (met: boolean) => datasetsApi.setCondition(request.id, condition.id, met, ''),
    onSuccess: onChange,
    onSettled: () => setPending(null),
  });

  return (
    <div className="condition-check" data-testid="condition-check" data-condition-id={condition.id}>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={pending ?? condition.met}
          disabled={pending !== null && pending !== condition.met}
          onChange={(e) => {
            setPending(e.target.checked);
            toggle.mutate(e.target.checked);
          }}
        />
        <span lang={zh ? 'zh-Hans' : 'en'}>{zh ? condition.textZh : condition.textEn}</span>
      </label>
      {condition.met && condition.metBy && <p className="hint">{t('requests.metBy', { who: condition.metBy })}</p>}
      <Citations citations={condition.citations.map(fromTransferCitation)} />
      {toggle.isError && <ErrorMessage error={toggle.error} />}
    </div>
  );
}
