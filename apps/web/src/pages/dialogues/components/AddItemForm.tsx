import { useTranslation } from 'react-i18next';
import { dialogueKeys, dialoguesApi } from '../api.ts';
import { TitledTextForm } from './TitledTextForm.tsx';

/** Co-chairs and admins set the agenda, one bilingual item at a time. */
export function AddItemForm({ roundId }: { roundId: string }) {
  const { t } = useTranslation('groups');
  return (
    <TitledTextForm
      testId="new-item"
      name="item"
      labels={{ open: t('agenda.add'), title: t('agenda.itemTitle'), description: t('agenda.description'), submit: t('agenda.create'), done: t('agenda.added') }}
      save={(body) => dialoguesApi.addItem(roundId, body)}
      invalidate={[dialogueKeys.round(roundId)]}
    />
  );
}
