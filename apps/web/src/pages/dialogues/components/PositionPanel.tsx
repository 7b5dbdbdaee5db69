import type { SidePosition } from '@qiao/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { FormActions } from '../../../components/FormActions.tsx';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { Bilingual } from '../../../components/Bilingual.tsx';
import { fromText, isFilled, toInput, uiLang } from '../../../lib/bilingual.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { useUnsavedChanges } from '../../../hooks/use-unsaved-changes.ts';
import { BilingualFields } from '../../../components/BilingualFields.tsx';
import { isFieldError, serverFieldError } from '../../../lib/field-errors.ts';
import { dialogueKeys, dialoguesApi } from '../api.ts';

interface PositionPanelProps {
  itemId: string;
  roundId: string;
  side: string;
  position: SidePosition | undefined;
  /** Only members of this side get an editor; everyone else reads it (the server refuses them anyway). */
  canEdit: boolean;
  authorName: (userId: string) => string;
}

export function PositionPanel({ itemId, roundId, side, position, canEdit, authorName }: PositionPanelProps) {
  const { t, i18n } = useTranslation('groups');
  const [editing, setEditing] = useState(false);
  const lang = uiLang(i18n.language);
  const showForm = canEdit && (editing || !position);
  return (
    <div className="side-panel position" data-side={side} data-testid={`position-${side}`}>
      <h4>
        <SideBadge side={side} /> {t('positions.title', { side })}
      </h4>
      {showForm ? (
        <PositionForm
          itemId={itemId}
          roundId={roundId}
          side={side}
          position={position}
          onDone={() => setEditing(false)}
        />
      ) : position ? (
        <>
          <Bilingual text={position.position}>
            {(text, l) => (
              <p className="prose pre-wrap" lang={l} data-testid="position-text">
                {text}
              </p>
            )}
          </Bilingual>
          {position.concerns && (
            <>
              <h5>{t('positions.concerns')}</h5>
              <Bilingual text={position.concerns}>
                {(text, l) => (
                  <p className="prose pre-wrap" lang={l} data-testid="concerns-text">
                    {text}
                  </p>
                )}
              </Bilingual>
            </>
          )}
          <p className="muted small">{t('positions.updated', { name: authorName(position.updatedBy), at: formatDateTime(position.updatedAt, lang) })}</p>
          {canEdit ? (
            <button type="button" className="button button-secondary" data-testid={`edit-position-${side}`} onClick={() => setEditing(true)}>
              {t('positions.edit')}
            </button>
          ) : (
            <p className="muted small">{t('positions.readOnly', { side })}</p>
          )}
        </>
      ) : (
        <p className="muted">{t('positions.none', { side })}</p>
      )}
    </div>
  );
}

interface PositionFormProps {
  itemId: string;
  roundId: string;
  side: string;
  position: SidePosition | undefined;
  onDone: () => void;
}

function PositionForm({ itemId, roundId, side, position, onDone }: PositionFormProps) {
  const { t } = useTranslation('groups');
  const [initial] = useState(() => ({ text: fromText(position?.position), concerns: fromText(position?.concerns) }));
  const [text, setText] = useState(initial.text);
  const [concerns, setConcerns] = useState(initial.concerns);
  const submit = useSubmit();
  useUnsavedChanges(JSON.stringify({ text, concerns }) !== JSON.stringify(initial));

  async function handleSubmit(e: FormEvent) {
    e.preventDefault();
    const ok = await submit.run(
      () =>
        dialoguesApi.writePosition(itemId, side, { position: toInput(text), ...(isFilled(concerns) ? { concerns: toInput(concerns) } : {}), ...(position ? { version: position.version } : {}) }),
      { success: t('positions.saved', { side }), invalidate: [dialogueKeys.round(roundId)] },
    );
    if (ok) onDone();
  }

  const conflict = submit.error instanceof ApiError && submit.error.id === 'conflict';
  return (
    <form className="form" onSubmit={(e) => void handleSubmit(e)} data-testid={`position-editor-${side}`}>
      <BilingualFields
        label={t('positions.position')}
        name={`position-${side}`}
        value={text}
        onChange={setText}
        maxLength={20_000}
        multiline
        required
        error={serverFieldError(submit.error, 'position')}
      />
      <BilingualFields
        label={t('positions.concerns')}
        name={`concerns-${side}`}
        value={concerns}
        onChange={setConcerns}
        maxLength={20_000}
        multiline
        error={serverFieldError(submit.error, 'concerns')}
      />
      {conflict ? (
        <p className="alert alert-error" role="alert">
          {t('positions.conflict')}
        </p>
      ) : (
        submit.error !== null && !isFieldError(submit.error, ['position', 'concerns']) && <ErrorMessage error={submit.error} />
      )}
      <FormActions busy={submit.busy} disabled={!isFilled(text)} submitLabel={t('positions.save')} onCancel={position ? onDone : undefined} />
    </form>
  );
}
