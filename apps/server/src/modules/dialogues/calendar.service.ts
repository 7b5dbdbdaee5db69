import { randomBytes } from 'node:crypto';
import { calendarFeedPath, CalendarFeedTokenParamSchema, type CalendarFeedState, type CalendarFeedToken, type User } from '@qiao/contracts';
import { notFound } from '../../errors.ts';
import { sha256, type ServiceDeps } from '../../services.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { requireReader } from '../groups/group-access.ts';
import { roundsCalendar, type CalendarLang } from './calendar.ics.ts';
import * as repo from './calendar.repository.ts';

/** Where the calendar is served: links in events point back to the round page on the same origin. */
export interface CalendarOrigin {
  origin: string;
  host: string;
}

const FEED_NAME = { en: 'Qiao dialogue rounds', zh: '桥 对话轮次' } as const;

/** Rounds as iCalendar: one round for whoever may see it, and a personal feed behind a secret token. */
export class CalendarService {
  constructor(private readonly deps: ServiceDeps) {}

  /** One round's event, in the reader's language; the same readers as the round page (members and admins). */
  async roundIcs(user: User, roundId: string, where: CalendarOrigin): Promise<string> {
    const round = await repo.calendarRound(this.deps.db, roundId);
    if (!round) throw notFound('dialogue round');
    await requireReader(this.deps.db, round.groupId, user);
    return roundsCalendar([round], { ...where, lang: user.locale, name: FEED_NAME[user.locale], stamp: this.deps.now() });
  }

  async feedState(user: User): Promise<CalendarFeedState> {
    const feed = await repo.findFeed(this.deps.db, user.id);
    return { active: !!feed, createdAt: feed?.createdAt.toISOString() ?? null };
  }

  /** Creates the user's feed token, or replaces it (the old URL stops working). Shown once; only its hash is kept. */
  rotateFeed(user: User): Promise<CalendarFeedToken> {
    const token = randomBytes(32).toString('base64url');
    const now = this.deps.now();
    return this.deps.db.transaction(async (tx) => {
      const before = await repo.findFeed(tx, user.id);
      await repo.putFeed(tx, user.id, sha256(token), now);
      await insertAudit(tx, user, { action: before ? 'calendar_feed.rotate' : 'calendar_feed.create', entity: 'calendar_feed', entityId: user.id, before: before ? { createdAt: before.createdAt } : null, after: { createdAt: now } });
      return { token, path: calendarFeedPath(token), createdAt: now.toISOString() };
    });
  }

  revokeFeed(user: User): Promise<void> {
    return this.deps.db.transaction(async (tx) => {
      if (!(await repo.deleteFeed(tx, user.id))) throw notFound('calendar feed');
      await insertAudit(tx, user, { action: 'calendar_feed.revoke', entity: 'calendar_feed', entityId: user.id });
    });
  }

  /** The rounds of the token owner's working groups; an unknown, rotated or revoked token is not found. */
  async feedIcs(token: string, where: CalendarOrigin): Promise<string> {
    const owner = CalendarFeedTokenParamSchema.safeParse(token).success ? await repo.feedOwner(this.deps.db, sha256(token)) : undefined;
    if (!owner) throw notFound('calendar feed');
    const lang: CalendarLang = owner.locale;
    return roundsCalendar(await repo.roundsOfMember(this.deps.db, owner.id), { ...where, lang, name: FEED_NAME[lang], stamp: this.deps.now() });
  }
}
