import type { Project } from '@qiao/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { projectsApi } from '../api.ts';

const MIN_REASON = 10;

interface ReviewFormProps {
  project: Project;
  side: string;
  /** A blocking flag cannot be cleared; only blocking is offered then. */
  canClear: boolean;
  onReviewed: (next: Project) => void;
}

/** A compliance officer's reasoned decision on their side's flags: cleared or blocked. */
export function ReviewForm({ project, side, canClear, onReviewed }: ReviewFormProps) {
  const { t } = useTranslation('projects');
  const id = useId();
  const submit = useSubmit();
  const { busy, error } = submit;
  const [decision, setDecision] = useState<'cleared' | 'blocked'>(canClear ? 'cleared' : 'blocked');
  const [reason, setReason] = useState('');

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const ok = await submit.run(async () => onReviewed(await projectsApi.review(project.id, side, decision, reason.trim())), { success: t('review.saved') });
    if (ok) setReason('');
  }

  return (
    <form className="form review-form" onSubmit={(e) => void handleSubmit(e)} aria-labelledby={`${id}-title`} data-testid={`review-form-${side}`}>
      <h4 id={`${id}-title`}>{t('review.title', { side })}</h4>
      <fieldset className="fieldset nested">
        <legend>{t('review.decision')}</legend>
        <div className="checkbox-row">
          <label className="checkbox">
            <input type="radio" name="decision" value="cleared" disabled={!canClear} checked={decision === 'cleared'} onChange={() => setDecision('cleared')} />
            {t('review.cleared')}
          </label>
          <label className="checkbox">
            <input type="radio" name="decision" value="blocked" checked={decision === 'blocked'} onChange={() => setDecision('blocked')} />
            {t('review.blocked')}
          </label>
        </div>
        {!canClear && <p className="hint">{t('review.cannotClear')}</p>}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('review.reason')}</label>
        <textarea
          id={`${id}-reason`}
          name="reason"
          rows={3}
          required
          minLength={MIN_REASON}
          maxLength={4000}
          aria-describedby={`${id}-hint`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <p className="hint" id={`${id}-hint`}>
          {t('review.reasonHint', { min: MIN_REASON })}
        </p>
      </div>
      {error !== null && <ErrorMessage error={error} />}
      <button type="submit" className="button button-primary" disabled={busy || reason.trim().length < MIN_REASON} data-testid="record-review">
        {t('review.record')}
      </button>
    </form>
  );
}
