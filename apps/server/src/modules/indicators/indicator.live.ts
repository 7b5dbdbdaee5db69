import type { IndicatorSeries, IndicatorValue } from '@qiao/contracts';
import { count } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { organizations, people } from '../parties/party.schema.ts';
import { users } from '../users/user.schema.ts';

/** A figure computed from the platform's own tables on every read, so it always matches the database. */
export interface LiveIndicator {
  id: string;
  nameEn: string;
  nameZh: string;
  unitEn: string;
  unitZh: string;
  chart: IndicatorSeries['chart'];
  notesEn: string;
  notesZh: string;
  compute(db: DbOrTx, today: string): Promise<IndicatorValue[]>;
}

type Countable = typeof organizations | typeof people | typeof users;

async function bySide(db: DbOrTx, table: Countable, period: string): Promise<IndicatorValue[]> {
  const rows = await db.select({ side: table.side, n: count() }).from(table).groupBy(table.side).orderBy(table.side);
  return rows.map((r) => ({ period, country: r.side, value: Number(r.n) }));
}

export const LIVE_INDICATORS: LiveIndicator[] = [
  {
    id: 'live-organizations-by-side',
    nameEn: 'Organisations in the platform, by side',
    nameZh: '平台中的机构（按方）',
    unitEn: 'organisations',
    unitZh: '家机构',
    chart: 'bar',
    notesEn: 'Universities, institutes, companies and agencies registered as parties.',
    notesZh: '登记为参与方的大学、研究机构、企业和政府部门。',
    compute: (db, today) => bySide(db, organizations, today),
  },
  {
    id: 'live-people-by-side',
    nameEn: 'Researchers and staff in the platform, by side',
    nameZh: '平台中的研究人员和工作人员（按方）',
    unitEn: 'people',
    unitZh: '人',
    chart: 'bar',
    notesEn: 'People registered as parties, with their affiliation.',
    notesZh: '登记为参与方的人员及其所属机构。',
    compute: (db, today) => bySide(db, people, today),
  },
  {
    id: 'live-users-by-side',
    nameEn: 'Platform accounts, by side',
    nameZh: '平台账户（按方）',
    unitEn: 'accounts',
    unitZh: '个账户',
    chart: 'bar',
    notesEn: 'Signed-up users of each side.',
    notesZh: '各方已注册用户。',
    compute: (db, today) => bySide(db, users, today),
  },
];
