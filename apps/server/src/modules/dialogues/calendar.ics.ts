import ical, { ICalEventStatus } from 'ical-generator';

/** What a calendar event needs of a round; titles in both languages, the reader's is chosen. */
export interface CalendarRound {
  id: string;
  title: { en: string | null; zh: string | null };
  groupName: { en: string | null; zh: string | null };
  startsAt: Date;
  endsAt: Date | null;
  place: string | null;
  onlineLink: string | null;
  /** The round's edit version: calendar apps take a higher SEQUENCE as the newer event. */
  version: number;
}

export type CalendarLang = 'en' | 'zh';

/**
 * A URI property is not text and takes no backslash escapes (RFC 5545 3.3.13), but ical-generator
 * escapes it like text; percent-encoding the three characters it would escape keeps the link working.
 */
const uriValue = (url: string) => url.replace(/[,;\\]/g, (c) => encodeURIComponent(c));

const pick = (t: { en: string | null; zh: string | null }, lang: CalendarLang) => (lang === 'zh' ? (t.zh ?? t.en) : (t.en ?? t.zh)) ?? '';

// A round without an end still blocks time in a calendar; two hours is a typical session.
const DEFAULT_LENGTH_MS = 2 * 60 * 60 * 1000;

/**
 * An iCalendar (RFC 5545) document with one VEVENT per round. ical-generator does the escaping of
 * text values and the folding of lines at 75 octets; times are written in UTC. The UID is stable per
 * round, so a calendar app updates the event instead of adding a copy when the round moves.
 */
export function roundsCalendar(rounds: readonly CalendarRound[], opts: { lang: CalendarLang; origin: string; host: string; name: string; stamp: Date }): string {
  const cal = ical({ name: opts.name, prodId: { company: 'Qiao', product: 'dialogue-rounds', language: opts.lang === 'zh' ? 'ZH' : 'EN' } });
  for (const r of rounds) {
    const url = `${opts.origin}/dialogues/rounds/${r.id}`;
    const group = pick(r.groupName, opts.lang);
    cal.createEvent({
      id: `round-${r.id}@${opts.host}`,
      stamp: opts.stamp,
      sequence: r.version,
      start: r.startsAt,
      end: r.endsAt ?? new Date(r.startsAt.getTime() + DEFAULT_LENGTH_MS),
      summary: pick(r.title, opts.lang),
      description: [group, r.onlineLink, url].filter(Boolean).join('\n'),
      location: r.place ?? r.onlineLink,
      url: uriValue(r.onlineLink ?? url),
      status: ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}
