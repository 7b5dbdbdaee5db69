import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { roundsCalendar, type CalendarRound } from './calendar.ics.ts';

const round = (over: Partial<CalendarRound> = {}): CalendarRound => ({
  id: '2b3c4d5e-0000-4000-8000-000000000001',
  title: { en: 'Round 3', zh: null },
  groupName: { en: 'Air quality', zh: '空气质量' },
  startsAt: new Date('2026-09-10T06:30:00Z'),
  endsAt: null,
  place: null,
  onlineLink: 'https://meet.example.org/r3',
  version: 4,
  ...over,
});

function parse(ics: string): ICAL.Event[] {
  // ical.js types its parse result as any; one VCALENDAR gives one jCal array.
  const cal = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  return cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

const opts = { origin: 'https://qiao.example.org', host: 'qiao.example.org', name: 'Rounds', stamp: new Date('2026-09-01T00:00:00Z') };

describe('rounds as iCalendar', () => {
  it('gives a round without an end two hours, its version as SEQUENCE, and falls back to the other language', () => {
    const [event] = parse(roundsCalendar([round()], { ...opts, lang: 'zh' }));
    expect(event?.summary).toBe('Round 3');
    expect(event?.endDate.toJSDate().toISOString()).toBe('2026-09-10T08:30:00.000Z');
    expect(event?.sequence).toBe(4);
    expect(event?.description).toBe('空气质量\nhttps://meet.example.org/r3\nhttps://qiao.example.org/dialogues/rounds/2b3c4d5e-0000-4000-8000-000000000001');
    expect(event?.component.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-09-01T00:00:00Z');
  });

  it('writes an empty calendar, still valid, for a feed with no rounds', () => {
    const ics = roundsCalendar([], { ...opts, lang: 'en' });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(parse(ics)).toEqual([]);
  });
});
