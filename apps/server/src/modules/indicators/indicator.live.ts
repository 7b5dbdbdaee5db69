import type { IndicatorSeries, IndicatorValue } from '@qiao/contracts';
import { and, count, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { actionItems } from '../actions/action.schema.ts';
import { datasets } from '../datasets/dataset.schema.ts';
import { dialogueRounds } from '../dialogues/dialogue.schema.ts';
import { workingGroups } from '../groups/group.schema.ts';
import { organizations, people } from '../parties/party.schema.ts';
import { projects } from '../projects/project.schema.ts';
import { screeningListRecords, screeningListVersions } from '../screening/list.schema.ts';
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

type Countable = typeof organizations | typeof people | typeof users | typeof datasets;

async function bySide(db: DbOrTx, table: Countable, period: string): Promise<IndicatorValue[]> {
  const rows = await db.select({ side: table.side, n: count() }).from(table).groupBy(table.side).orderBy(table.side);
  return rows.map((r) => ({ period, country: r.side, value: Number(r.n) }));
}

/** Rows of a status column counted for the whole platform, one category per status. */
async function byStatus(db: DbOrTx, table: typeof workingGroups | typeof projects, period: string): Promise<IndicatorValue[]> {
  const rows = await db.select({ status: table.status, n: count() }).from(table).groupBy(table.status).orderBy(table.status);
  return rows.map((r) => ({ period, country: 'WORLD', category: r.status, value: Number(r.n) }));
}

/**
 * Entries of the lists in force by the year they were listed and the side that issued the list. The
 * year comes from the record as published (CSL start_date, FollowTheMoney startDate/listingDate);
 * records that give none (e.g. OFAC's legacy files) are not counted, which the notes say.
 */
async function listEntriesByYear(db: DbOrTx): Promise<IndicatorValue[]> {
  const listed = sql<string>`substring(coalesce(${screeningListRecords.details}->>'start_date', ${screeningListRecords.details}->'properties'->'startDate'->>0, ${screeningListRecords.details}->'properties'->'listingDate'->>0, '') from 1 for 4)`;
  const rows = await db
    .select({ year: listed, side: screeningListVersions.side, listId: screeningListVersions.listId, n: count() })
    .from(screeningListRecords)
    .innerJoin(screeningListVersions, eq(screeningListRecords.versionId, screeningListVersions.id))
    .where(and(eq(screeningListVersions.isCurrent, true), sql`${listed} ~ '^[0-9]{4}$'`, sql`${screeningListVersions.side} in ('US', 'CN')`))
    .groupBy(listed, screeningListVersions.side, screeningListVersions.listId)
    .orderBy(listed, screeningListVersions.side, screeningListVersions.listId);
  return rows.map((r) => ({ period: r.year, country: r.side, category: r.listId, value: Number(r.n) }));
}

export const LIVE_INDICATORS: LiveIndicator[] = [
  {
    id: 'live-list-entries-by-year',
    nameEn: 'Restricted-list entries by year of listing and issuing side',
    nameZh: '限制名单条目（按列入年份和发布方）',
    unitEn: 'entries',
    unitZh: '条',
    chart: 'stacked-bar',
    notesEn: 'Counted from the list versions in force in this platform, by the listing date each record carries; records without a date (e.g. OFAC legacy files) are not counted.',
    notesZh: '按本平台现行名单版本中各记录所载的列入日期统计；没有日期的记录（如 OFAC 旧版文件）不计入。',
    compute: (db) => listEntriesByYear(db),
  },
  {
    id: 'live-groups-by-status',
    nameEn: 'Working groups by status',
    nameZh: '工作组（按状态）',
    unitEn: 'groups',
    unitZh: '个工作组',
    chart: 'stacked-bar',
    notesEn: 'Bilateral working groups in the platform: proposed, active, paused or closed.',
    notesZh: '平台中的双边工作组：拟设、运行、暂停或关闭。',
    compute: (db, today) => byStatus(db, workingGroups, today),
  },
  {
    id: 'live-dialogue-rounds-by-year',
    nameEn: 'Dialogue rounds by year',
    nameZh: '对话轮次（按年份）',
    unitEn: 'rounds',
    unitZh: '轮',
    chart: 'bar',
    notesEn: 'Rounds of dialogue held or planned, by the year they start.',
    notesZh: '已举行或计划中的对话轮次，按开始年份统计。',
    compute: async (db) => {
      const year = sql<string>`to_char(${dialogueRounds.startsAt} at time zone 'UTC', 'YYYY')`;
      const rows = await db.select({ year, n: count() }).from(dialogueRounds).groupBy(year).orderBy(year);
      return rows.map((r) => ({ period: r.year, country: 'WORLD', value: Number(r.n) }));
    },
  },
  {
    id: 'live-actions-done-vs-open',
    nameEn: 'Action items done and open',
    nameZh: '行动事项（已完成与未完成）',
    unitEn: 'action items',
    unitZh: '项',
    chart: 'stacked-bar',
    notesEn: 'Action items from decisions of the working groups; cancelled items are left out.',
    notesZh: '来自工作组决定的行动事项；已取消的事项不计入。',
    compute: async (db, today) => {
      const done = sql<string>`case when ${actionItems.status} = 'done' then 'done' else 'open' end`;
      const rows = await db.select({ state: done, n: count() }).from(actionItems).where(sql`${actionItems.status} <> 'cancelled'`).groupBy(done).orderBy(done);
      return rows.map((r) => ({ period: today, country: 'WORLD', category: r.state, value: Number(r.n) }));
    },
  },
  {
    id: 'live-projects-by-status',
    nameEn: 'Joint projects by status',
    nameZh: '联合项目（按状态）',
    unitEn: 'projects',
    unitZh: '个项目',
    chart: 'stacked-bar',
    notesEn: 'Joint projects from draft to approval, as the review workflow records them.',
    notesZh: '从草稿到批准的联合项目，依审查流程记录。',
    compute: (db, today) => byStatus(db, projects, today),
  },
  {
    id: 'live-datasets-by-side',
    nameEn: 'Datasets shared, by side',
    nameZh: '共享数据集（按方）',
    unitEn: 'datasets',
    unitZh: '个数据集',
    chart: 'bar',
    notesEn: 'Research datasets in the catalogue, by the side whose data they are.',
    notesZh: '目录中的科研数据集，按数据所属方统计。',
    compute: (db, today) => bySide(db, datasets, today),
  },
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
