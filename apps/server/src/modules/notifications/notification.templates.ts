import type { InboxKind, InboxLang } from '@qiao/contracts';

/** Reads a parameter as text in `lang`: a plain string, or a language map with the other as fallback. */
export function textIn(value: unknown, lang: InboxLang): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object') {
    const map = value as Record<string, unknown>;
    const other = lang === 'en' ? 'zh' : 'en';
    const pick = map[lang] ?? map[other];
    if (typeof pick === 'string') return pick;
  }
  return '';
}

type Words = { title: string; body: string };
type Template = (p: (key: string) => string, word: (key: string) => string) => Words;

/** Words for statuses, decisions and list ids that a notice names, per language. */
const VOCABULARY: Record<InboxLang, Record<string, string>> = {
  en: {
    approve: 'approved',
    decline: 'declined',
    grant: 'granted',
    deny: 'refused',
    clear: 'clear',
    potential_match: 'a potential match',
    confirmed_match: 'a confirmed match',
    false_positive: 'cleared as a false positive',
    unscreened: 'not screened',
    posted: 'posted',
    updated: 'updated',
  },
  zh: {
    approve: '已批准',
    decline: '已拒绝',
    grant: '已授权',
    deny: '已拒绝',
    clear: '无匹配',
    potential_match: '疑似匹配',
    confirmed_match: '确认匹配',
    false_positive: '已排除（误报）',
    unscreened: '未筛查',
    posted: '提交了',
    updated: '更新了',
  },
};

const EN: Record<InboxKind, Template> = {
  join_request: (p) => ({ title: `${p('requester')} asks to join ${p('groupName')}`, body: `A ${p('side')} member asks to join the working group as ${p('role')}. As the ${p('side')} co-chair you decide.` }),
  join_decided: (p, w) => ({ title: `Your request to join ${p('groupName')} was ${w('decision')}`, body: `The co-chair ${w('decision')} your request to join the working group.` }),
  minutes_approval_needed: (p) => ({ title: `Minutes of ${p('groupName')} wait for your approval`, body: `Revision ${p('revision')} of the minutes is ready; each side's co-chair approves it before it is locked.` }),
  minutes_locked: (p) => ({ title: `Minutes of ${p('groupName')} are locked`, body: `Both co-chairs approved revision ${p('revision')}; the minutes and their decisions are now on the record.` }),
  action_assigned: (p) => ({ title: `Action assigned to you: ${p('title')}`, body: `Due ${p('dueDate')}.` }),
  action_due_soon: (p) => ({ title: `Action due ${p('dueDate')}: ${p('title')}`, body: `The action assigned to you is due in ${p('days')} day(s).` }),
  action_overdue: (p) => ({ title: `Action overdue: ${p('title')}`, body: `It was due ${p('dueDate')}.` }),
  flag_review: (p) => ({ title: `Project to review: ${p('projectTitle')}`, body: `The project's checks raised ${p('flags')} flag(s) for side ${p('side')}; a ${p('side')} compliance officer reviews them.` }),
  project_sign_off: (p) => ({ title: `Project to sign off: ${p('projectTitle')}`, body: `The project was submitted; each side's co-chair signs it off once the reviews are done.` }),
  project_approved: (p) => ({ title: `Project approved: ${p('projectTitle')}`, body: `Both co-chairs signed the project off.` }),
  project_rejected: (p) => ({ title: `Project rejected: ${p('projectTitle')}`, body: `Reason: ${p('reason')}` }),
  project_reopened: (p, w) => ({
    title: `Approved project reopened: ${p('projectTitle')}`,
    body: `A re-check put it back under review: ${p('partyName')} (side ${p('partySide')}) is now ${w('status')}${p('listId') ? ` on the list ${p('listId')}` : ''}.`,
  }),
  access_requested: (p) => ({ title: `${p('requester')} requests access to ${p('datasetTitle')}`, body: `A ${p('requesterSide')} user asks for access. Purpose: ${p('purpose')}` }),
  access_decided: (p, w) => ({ title: `Your access request for ${p('datasetTitle')} was ${w('decision')}`, body: p('note') ? `Note from the steward: ${p('note')}` : `The steward ${w('decision')} your request.` }),
  access_revoked: (p) => ({ title: `Your access to ${p('datasetTitle')} was revoked`, body: `Reason: ${p('note')}` }),
  access_expired: (p) => ({ title: `Your access to ${p('datasetTitle')} has expired`, body: `The grant ended on ${p('expiresAt')}; request access again if you still need it.` }),
  screening_alert: (p, w) => ({ title: `Screening alert: ${p('partyName')}`, body: `A re-screening found ${p('partyName')} as ${w('status')} on the list ${p('listId')}.` }),
  party_proposed: (p) => ({ title: `Proposed for the directory: ${p('partyName')}`, body: `${p('proposer')} proposes adding ${p('partyName')} on side ${p('side')}. Reason: ${p('reason')} An admin or a ${p('side')} compliance officer accepts (it is then screened) or rejects it.` }),
  peer_position: (p, w) => ({ title: `The ${p('side')} side ${w('change')} its position on ${p('itemTitle')}`, body: `In ${p('roundTitle')} of ${p('groupName')}, written on the ${p('side')} node.` }),
  peer_minutes_revised: (p) => ({ title: `The ${p('side')} side wrote revision ${p('revision')} of the minutes of ${p('roundTitle')}`, body: `${p('groupName')}: each side's co-chair approves the current revision before it is locked.` }),
  peer_minutes_approved: (p) => ({ title: `The ${p('side')} co-chair approved revision ${p('revision')} of the minutes of ${p('roundTitle')}`, body: `${p('groupName')}: the minutes are locked once your side's co-chair approves the same revision.` }),
  peer_cochair: (p) => ({ title: `${p('name')} is now the ${p('side')} co-chair of ${p('groupName')}`, body: `Appointed on the ${p('side')} node.` }),
  peer_cochair_stepped_down: (p) => ({
    title: `${p('name')} is no longer the ${p('side')} co-chair of ${p('groupName')}`,
    body: `Changed on the ${p('side')} node. ${p('successor') ? `${p('successor')} is now the ${p('side')} co-chair.` : `Until the ${p('side')} node names a new co-chair, the group has no ${p('side')} co-chair.`}`,
  }),
  peer_event_refused: (p) => ({ title: `This node refused ${p('seq') ? `event ${p('seq')}` : 'an event'} from the ${p('side')} node`, body: `Reason: ${p('reason')}. The event is kept, never applied, and listed on the federation page.` }),
  minutes_revision_conflict: (p) => ({ title: `Your revision ${p('revision')} of the minutes of ${p('groupName')} was not kept`, body: `The ${p('side')} node amended the same revision earlier, and its text stands on both nodes. Yours is kept as a conflicting revision: open the minutes to read it and re-apply it on top.` }),
};

const ZH: Record<InboxKind, Template> = {
  join_request: (p) => ({ title: `${p('requester')} 申请加入 ${p('groupName')}`, body: `一名${p('side')}方成员申请以 ${p('role')} 身份加入工作组，由${p('side')}方联合主席决定。` }),
  join_decided: (p, w) => ({ title: `您加入 ${p('groupName')} 的申请${w('decision')}`, body: `联合主席${w('decision')}您加入工作组的申请。` }),
  minutes_approval_needed: (p) => ({ title: `${p('groupName')} 的会议纪要待您批准`, body: `会议纪要第 ${p('revision')} 版已就绪；双方联合主席批准后锁定。` }),
  minutes_locked: (p) => ({ title: `${p('groupName')} 的会议纪要已锁定`, body: `双方联合主席已批准第 ${p('revision')} 版；纪要及其决定已记入记录。` }),
  action_assigned: (p) => ({ title: `分配给您的行动项：${p('title')}`, body: `截止日期 ${p('dueDate')}。` }),
  action_due_soon: (p) => ({ title: `行动项将于 ${p('dueDate')} 到期：${p('title')}`, body: `分配给您的行动项还有 ${p('days')} 天到期。` }),
  action_overdue: (p) => ({ title: `行动项已逾期：${p('title')}`, body: `截止日期为 ${p('dueDate')}。` }),
  flag_review: (p) => ({ title: `待审查项目：${p('projectTitle')}`, body: `项目检查为${p('side')}方提出了 ${p('flags')} 个标记，由${p('side')}方合规官审查。` }),
  project_sign_off: (p) => ({ title: `待签署项目：${p('projectTitle')}`, body: `项目已提交；审查完成后由双方联合主席签署。` }),
  project_approved: (p) => ({ title: `项目已批准：${p('projectTitle')}`, body: `双方联合主席均已签署该项目。` }),
  project_rejected: (p) => ({ title: `项目被驳回：${p('projectTitle')}`, body: `理由：${p('reason')}` }),
  project_reopened: (p, w) => ({
    title: `已批准的项目被重新打开：${p('projectTitle')}`,
    body: `重新检查使其回到审查中：${p('partyName')}（${p('partySide')}方）现为${w('status')}${p('listId') ? `（名单 ${p('listId')}）` : ''}。`,
  }),
  access_requested: (p) => ({ title: `${p('requester')} 申请访问 ${p('datasetTitle')}`, body: `一名${p('requesterSide')}方用户申请访问。用途：${p('purpose')}` }),
  access_decided: (p, w) => ({ title: `您对 ${p('datasetTitle')} 的访问申请${w('decision')}`, body: p('note') ? `数据管理员备注：${p('note')}` : `数据管理员${w('decision')}您的申请。` }),
  access_revoked: (p) => ({ title: `您对 ${p('datasetTitle')} 的访问权限已被撤销`, body: `理由：${p('note')}` }),
  access_expired: (p) => ({ title: `您对 ${p('datasetTitle')} 的访问权限已到期`, body: `授权已于 ${p('expiresAt')} 结束；如仍需要，请重新申请。` }),
  screening_alert: (p, w) => ({ title: `筛查警报：${p('partyName')}`, body: `重新筛查发现 ${p('partyName')} 在名单 ${p('listId')} 上为${w('status')}。` }),
  party_proposed: (p) => ({ title: `名录提议：${p('partyName')}`, body: `${p('proposer')} 提议将 ${p('partyName')} 添加到${p('side')}方。理由：${p('reason')} 由管理员或${p('side')}方合规官接受（随后筛查）或拒绝。` }),
  peer_position: (p, w) => ({ title: `${p('side')}方${w('change')}对“${p('itemTitle')}”的立场`, body: `${p('groupName')} 的 ${p('roundTitle')}，在${p('side')}方节点上撰写。` }),
  peer_minutes_revised: (p) => ({ title: `${p('side')}方撰写了 ${p('roundTitle')} 会议纪要第 ${p('revision')} 版`, body: `${p('groupName')}：双方联合主席批准当前版本后锁定。` }),
  peer_minutes_approved: (p) => ({ title: `${p('side')}方联合主席批准了 ${p('roundTitle')} 会议纪要第 ${p('revision')} 版`, body: `${p('groupName')}：您方联合主席批准同一版本后，纪要即锁定。` }),
  peer_cochair: (p) => ({ title: `${p('name')} 现为 ${p('groupName')} 的${p('side')}方联合主席`, body: `在${p('side')}方节点上任命。` }),
  peer_cochair_stepped_down: (p) => ({
    title: `${p('name')} 不再担任 ${p('groupName')} 的${p('side')}方联合主席`,
    body: `在${p('side')}方节点上变更。${p('successor') ? `${p('successor')} 现为${p('side')}方联合主席。` : `在${p('side')}方节点任命新的联合主席之前，该工作组没有${p('side')}方联合主席。`}`,
  }),
  peer_event_refused: (p) => ({ title: `本节点拒绝了来自${p('side')}方节点的${p('seq') ? `事件 ${p('seq')}` : '一个事件'}`, body: `原因：${p('reason')}。该事件已保留、从未应用，并列在联邦节点页面上。` }),
  minutes_revision_conflict: (p) => ({ title: `您撰写的 ${p('groupName')} 会议纪要第 ${p('revision')} 版未被采用`, body: `${p('side')}方节点更早修改了同一版本，其文本在两个节点上保留。您的文本作为冲突版本保存：打开会议纪要查看，并可在当前版本之上重新应用。` }),
};

const TEMPLATES: Record<InboxLang, Record<InboxKind, Template>> = { en: EN, zh: ZH };

/** The words of one notice in one language, from its kind and stored parameters. */
export function renderNotice(kind: InboxKind, params: Record<string, unknown>, lang: InboxLang): Words {
  const p = (key: string) => textIn(params[key], lang);
  const word = (key: string) => {
    const raw = p(key);
    return VOCABULARY[lang][raw] ?? raw;
  };
  return TEMPLATES[lang][kind](p, word);
}
