// Test factories for the working-groups modules: a cast of signed-in users and a group with both
// co-chairs and a member on each side. Used by the *.test.ts files of groups, dialogues, actions, record.
import type { Minutes, User } from '@qiao/contracts';
import type { TestApp } from '../../testing/app.ts';

export interface Signed {
  id: string;
  user: User;
  headers: Record<string, string>;
}

export interface Cast {
  admin: Signed;
  usChair: Signed;
  cnChair: Signed;
  usMember: Signed;
  cnMember: Signed;
  /** Signed in, on the US side, never a member of any group. */
  outsider: Signed;
}

async function sign(t: TestApp, roles: Parameters<TestApp['signInAs']>[0], side: string): Promise<Signed> {
  const { session, headers } = await t.signInAs(roles, side);
  return { id: session.user.id, user: session.user, headers };
}

/** Six sign-ins; reuse the cast across a file (each sign-in costs an scrypt hash). */
export async function signInCast(t: TestApp): Promise<Cast> {
  return {
    admin: await sign(t, ['admin'], 'US'),
    usChair: await sign(t, ['co_chair'], 'US'),
    cnChair: await sign(t, ['co_chair'], 'CN'),
    usMember: await sign(t, ['member'], 'US'),
    cnMember: await sign(t, ['member'], 'CN'),
    outsider: await sign(t, ['member'], 'US'),
  };
}

export async function call<T = unknown>(t: TestApp, who: Signed | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object): Promise<{ status: number; body: T }> {
  const res = await t.app.inject({ method, url, ...(who ? { headers: who.headers } : {}), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: (res.body ? res.json() : null) as T };
}

async function ok<T>(p: Promise<{ status: number; body: T }>, expected = [200, 201]): Promise<T> {
  const res = await p;
  if (!expected.includes(res.status)) throw new Error(`fixture call failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export const groupInput = { name: { en: 'AI for Science', zh: '科学智能' }, charter: { en: 'Joint work on AI methods for basic research.', zh: '面向基础研究的人工智能方法合作。' }, technologyArea: 'ai_for_science' };

/** A group with both co-chairs appointed and one member per side admitted through join requests. */
export async function buildGroup(t: TestApp, c: Cast, options: { activate?: boolean } = {}): Promise<string> {
  const group = await ok(call<{ id: string }>(t, c.admin, 'POST', '/api/working-groups', groupInput));
  for (const chair of [c.usChair, c.cnChair]) await ok(call(t, c.admin, 'POST', `/api/working-groups/${group.id}/co-chairs`, { userId: chair.id }));
  for (const [member, chair] of [
    [c.usMember, c.usChair],
    [c.cnMember, c.cnChair],
  ] as const) {
    const req = await ok(call<{ id: string }>(t, member, 'POST', `/api/working-groups/${group.id}/join-requests`, {}));
    await ok(call(t, chair, 'POST', `/api/working-groups/${group.id}/join-requests/${req.id}/decision`, { decision: 'approve' }));
  }
  if (options.activate) await ok(call(t, c.admin, 'POST', `/api/working-groups/${group.id}/status`, { status: 'active', version: 1 }));
  return group.id;
}

/** A track, a round with every cast member of the group as participant, and one agenda item. */
export async function buildRound(t: TestApp, c: Cast, groupId: string): Promise<{ trackId: string; roundId: string; itemId: string }> {
  const track = await ok(call<{ id: string }>(t, c.usChair, 'POST', `/api/dialogues/groups/${groupId}/tracks`, { title: { en: 'Data sharing', zh: '数据共享' } }));
  const round = await ok(
    call<{ id: string }>(t, c.usChair, 'POST', `/api/dialogues/tracks/${track.id}/rounds`, {
      title: { en: 'Round 1', zh: '第一轮' },
      startsAt: '2026-05-01T09:00:00+08:00',
      endsAt: '2026-05-02T17:00:00+08:00',
      place: 'Beijing',
      participantIds: [c.usChair.id, c.cnChair.id, c.usMember.id, c.cnMember.id],
    }),
  );
  const item = await ok(call<{ id: string }>(t, c.cnChair, 'POST', `/api/dialogues/rounds/${round.id}/items`, { title: { en: 'Climate data exchange', zh: '气候数据交换' } }));
  return { trackId: track.id, roundId: round.id, itemId: item.id };
}

/** Drafts minutes with these decisions and has both co-chairs approve revision 1. */
export async function lockMinutes(t: TestApp, c: Cast, roundId: string, decisions: { en: string; zh: string }[]): Promise<Minutes> {
  const m = await ok(call<Minutes>(t, c.usMember, 'POST', `/api/dialogues/rounds/${roundId}/minutes`, { body: { en: 'Both sides met.', zh: '双方举行了会谈。' }, decisions }));
  await ok(call(t, c.usChair, 'POST', `/api/dialogues/minutes/${m.id}/approvals`, { revision: 1 }));
  return ok(call<Minutes>(t, c.cnChair, 'POST', `/api/dialogues/minutes/${m.id}/approvals`, { revision: 1 }));
}
