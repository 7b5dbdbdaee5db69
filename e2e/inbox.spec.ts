import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestSmtpServer } from '../apps/server/src/mail/test-smtp.ts';
import { openBrowser, type Browser } from './helpers/browser.ts';
import { DEMO_USERS } from './helpers/demo.ts';
import { openRound } from './helpers/groups.ts';
import { apiSignIn, bellCount, inboxItems, startServerWithMail, waitForBell, type ApiSession, type MailServer } from './helpers/inbox.ts';
import { signIn, visit } from './helpers/ui.ts';

const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

// Nothing that waits for a person goes unseen: two people in two browsers, a real SMTP server in
// process, and a server of this spec's own that mails through it. Each `it` continues the last.
describe('the inbox, mail and live updates', { timeout: 180_000 }, () => {
  const smtp = new TestSmtpServer();
  let server: MailServer;
  let chairBrowser: Browser;
  let memberBrowser: Browser;
  let admin: ApiSession;
  let usChair: ApiSession;
  let cnChair: ApiSession;
  let cnMember: ApiSession;
  let groupId = '';
  let roundId = '';
  let itemId = '';
  const pageErrors: string[] = [];
  const mailTo = (email: string) => smtp.messages.filter((m) => m.to.includes(email));
  const waitForMail = async (email: string, subject: RegExp) => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const found = mailTo(email).find((m) => subject.test(m.subject));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no mail to ${email} matching ${String(subject)}; got ${JSON.stringify(smtp.messages.map((m) => [m.to, m.subject]))}`);
      await smtp.waitFor(smtp.messages.length + 1, Math.max(1, deadline - Date.now())).catch(() => undefined);
    }
  };
  const open = async (email: string) => {
    const b = await openBrowser(server.baseUrl);
    b.page.setDefaultTimeout(30_000);
    b.page.on('pageerror', (error) => pageErrors.push(`${email}: ${error.message}`));
    await signIn(b.page, email);
    return b;
  };

  beforeAll(async () => {
    await smtp.start();
    server = await startServerWithMail(smtp.url);
    admin = await apiSignIn(server.baseUrl, DEMO_USERS.admin);
    usChair = await apiSignIn(server.baseUrl, DEMO_USERS.usCoChair);
    cnChair = await apiSignIn(server.baseUrl, DEMO_USERS.cnCoChair);
    cnMember = await apiSignIn(server.baseUrl, DEMO_USERS.cnMember);
    const group = await admin.call<{ id: string; version: number }>('POST', '/api/working-groups', {
      name: { en: `Ocean observing ${Date.now()}`, zh: '海洋观测' },
      charter: { en: 'Shared buoys and data.', zh: '共享浮标与数据。' },
      technologyArea: 'ocean',
    });
    groupId = group.id;
    for (const chair of [usChair, cnChair]) await admin.call('POST', `/api/working-groups/${groupId}/co-chairs`, { userId: chair.userId });
    await admin.call('POST', `/api/working-groups/${groupId}/status`, { status: 'active', version: group.version });
  });

  afterAll(async () => {
    await chairBrowser?.close();
    await memberBrowser?.close();
    await server?.stop();
    await smtp.stop();
    expect(pageErrors, 'script errors in the pages').toEqual([]);
  });

  it('the CN member asks to join; the CN co-chair’s bell shows it at once, without a reload', async () => {
    chairBrowser = await open(DEMO_USERS.cnCoChair);
    memberBrowser = await open(DEMO_USERS.cnMember);
    await visit(chairBrowser.page, '/');
    await chairBrowser.page.locator('[data-testid="my-tasks"]').waitFor();
    const before = await bellCount(chairBrowser.page);
    await visit(memberBrowser.page, `/groups/${groupId}`);
    await memberBrowser.page.locator('[data-testid="join-request"]').click();
    await memberBrowser.page.locator('[data-testid="join-request"]').waitFor({ state: 'detached' });
    await waitForBell(chairBrowser.page, before + 1);
    // The co-chair's "My tasks" lists the request too, and the inbox says who asks.
    await chairBrowser.page.locator('[data-testid="my-task"][data-kind="join_request"]').first().waitFor();
    await visit(chairBrowser.page, '/inbox');
    const items = await inboxItems(chairBrowser.page);
    expect(items[0]).toMatchObject({ kind: 'join_request', read: false });
    expect(items[0]?.title).toContain('Ocean observing');
    // The co-chair was mailed too.
    await waitForMail(DEMO_USERS.cnCoChair, /Ocean observing/);
  });

  it('the decision reaches the member’s inbox and mailbox', async () => {
    const requests = await cnChair.call<{ items: { id: string; status: string; userId: string }[] }>('GET', `/api/working-groups/${groupId}/join-requests`);
    const request = requests.items.find((r) => r.userId === cnMember.userId && r.status === 'pending');
    if (!request) throw new Error('no pending join request');
    const before = await bellCount(memberBrowser.page);
    await cnChair.call('POST', `/api/working-groups/${groupId}/join-requests/${request.id}/decision`, { decision: 'approve' });
    await waitForBell(memberBrowser.page, before + 1);
    await visit(memberBrowser.page, '/inbox');
    const items = await inboxItems(memberBrowser.page);
    expect(items.find((n) => n.kind === 'join_decided')?.title).toMatch(/^Your request to join Ocean observing \d+ was approved$/);
    const mail = await waitForMail(DEMO_USERS.cnMember, /Your request to join Ocean observing/);
    expect(mail.text).toContain(`${server.baseUrl}/groups/${groupId}`);
    // Mark all read: the bell goes quiet.
    await memberBrowser.page.locator('[data-testid="inbox-mark-all"]').click();
    await waitForBell(memberBrowser.page, 0);
  });

  it('an action due tomorrow produces a reminder when the scheduled job runs', async () => {
    const track = await usChair.call<{ id: string }>('POST', `/api/dialogues/groups/${groupId}/tracks`, { title: { en: 'Buoy data', zh: '浮标数据' } });
    const round = await usChair.call<{ id: string }>('POST', `/api/dialogues/tracks/${track.id}/rounds`, {
      title: { en: 'Round 1', zh: '第一轮' },
      startsAt: '2026-05-01T09:00:00+08:00',
      endsAt: '2026-05-01T17:00:00+08:00',
      place: 'Qingdao',
      participantIds: [usChair.userId, cnChair.userId, cnMember.userId],
    });
    roundId = round.id;
    itemId = (await cnChair.call<{ id: string }>('POST', `/api/dialogues/rounds/${roundId}/items`, { title: { en: 'Calibration', zh: '校准' } })).id;
    const minutes = await usChair.call<{ id: string }>('POST', `/api/dialogues/rounds/${roundId}/minutes`, { body: { en: 'Met.', zh: '已会谈。' }, decisions: [{ en: 'Calibrate the buoys', zh: '校准浮标' }] });
    await usChair.call('POST', `/api/dialogues/minutes/${minutes.id}/approvals`, { revision: 1 });
    const locked = await cnChair.call<{ decisionIds: string[] }>('POST', `/api/dialogues/minutes/${minutes.id}/approvals`, { revision: 1 });
    await usChair.call('POST', '/api/actions', {
      decisionId: locked.decisionIds[0],
      title: { en: 'Send the calibration sheet', zh: '发送校准表' },
      dueDate: tomorrow,
      owners: [
        { side: 'US', userId: usChair.userId },
        { side: 'CN', userId: cnMember.userId },
      ],
    });
    await visit(memberBrowser.page, '/inbox?module=actions');
    expect((await inboxItems(memberBrowser.page)).filter((n) => n.kind === 'action_due_soon')).toEqual([]);
    await admin.call('POST', '/api/inbox/scheduled/reminders');
    await memberBrowser.page.locator('[data-testid="inbox-item"][data-kind="action_due_soon"]').waitFor();
    const reminder = (await inboxItems(memberBrowser.page)).find((n) => n.kind === 'action_due_soon');
    expect(reminder?.title).toBe(`Action due ${tomorrow}: Send the calibration sheet`);
  });

  it('the US steward is mailed an access request, and the requester the decision', async () => {
    const steward = await apiSignIn(server.baseUrl, DEMO_USERS.usSteward);
    const requester = await apiSignIn(server.baseUrl, DEMO_USERS.usMember);
    const dataset = await steward.call<{ id: string }>('POST', '/api/datasets', {
      title: { en: 'Buoy temperatures, Gulf of Maine', zh: '缅因湾浮标温度' },
      description: { en: 'Hourly sea surface temperatures.', zh: '每小时海表温度。' },
      creators: [{ name: 'Dana Reyes', affiliation: 'Ocean Lab', side: 'US' }],
      subjects: ['oceanography'],
      temporalStart: '2020-01-01',
      temporalEnd: '2024-12-31',
      spatial: ['Gulf of Maine'],
      licence: 'CC-BY-4.0',
      accessLevel: 'on_request',
      side: 'US',
      dataDeclaration: { kinds: ['meteorological'] },
    });
    const request = await requester.call<{ id: string }>('POST', `/api/datasets/${dataset.id}/access-requests`, { purpose: 'Compare with our buoy network' });
    const asked = await waitForMail(DEMO_USERS.usSteward, /requests access to Buoy temperatures/);
    expect(asked.text).toContain('Compare with our buoy network');
    expect(asked.text).toContain(`${server.baseUrl}/datasets/${dataset.id}`);
    await steward.call('POST', `/api/access-requests/${request.id}/decision`, { decision: 'grant', note: 'Welcome', expiresAt: null });
    const decided = await waitForMail(DEMO_USERS.usMember, /Your access request for Buoy temperatures/);
    expect(decided.subject).toBe('Qiao: Your access request for Buoy temperatures, Gulf of Maine was granted');
  });

  it('the round page updates in the other browser within 2 s of a position being saved', async () => {
    await openRound(chairBrowser.page, roundId);
    const text = `Shared calibration protocol ${Date.now()}`;
    await usChair.call('PUT', `/api/dialogues/items/${itemId}/positions/US`, { position: { en: text } });
    const saved = Date.now();
    await chairBrowser.page.locator('[data-testid="agenda-item"] [data-testid="position-US"] [data-testid="position-text"]', { hasText: text }).waitFor({ timeout: 2000 });
    expect(Date.now() - saved).toBeLessThan(2000);
  });
});
