import { useTranslation } from 'react-i18next';
import { calendarApi } from '../calendar-api.ts';

/** Downloads the round as an .ics event in the reader's language; calendar apps open it directly. */
export function AddToCalendar({ roundId }: { roundId: string }) {
  const { t } = useTranslation();
  return (
    <a className="button button-secondary" href={calendarApi.roundIcsUrl(roundId)} download={`round-${roundId}.ics`} data-testid="add-to-calendar">
      {t('calendar.addRound')}
    </a>
  );
}
