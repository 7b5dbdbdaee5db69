import type { InboxKind, InboxLang } from '@qiao/contracts';
import { renderNotice } from '../modules/notifications/notification.templates.ts';

export interface NoticeForMail {
  kind: InboxKind;
  params: Record<string, unknown>;
  link: string;
}

const WORDS = {
  en: { open: 'Open', digest: (n: number) => `Qiao: ${n} notice${n === 1 ? '' : 's'} today`, footer: 'You receive this because of your notification settings in Qiao (Inbox → Mail).', prefix: 'Qiao' },
  zh: { open: '打开', digest: (n: number) => `桥 Qiao：今日 ${n} 条通知`, footer: '您收到此邮件是因为您在 Qiao 中的通知设置（收件箱 → 邮件）。', prefix: '桥 Qiao' },
} as const;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** One notice, or one day's digest, as a bilingual-capable message in the recipient's language. */
export function composeMail(notices: readonly NoticeForMail[], lang: InboxLang, publicUrl: string, digest: boolean): { subject: string; text: string; html: string } {
  const w = WORDS[lang];
  const items = notices.map((n) => ({ ...renderNotice(n.kind, n.params, lang), url: `${publicUrl}${n.link}` }));
  const first = items[0];
  const subject = digest || !first ? w.digest(items.length) : `${w.prefix}: ${first.title}`;
  const text = [...items.map((i) => `${i.title}\n${i.body}\n${w.open}: ${i.url}\n`), `--\n${w.footer}`].join('\n');
  const html = [
    `<!doctype html><html lang="${lang === 'zh' ? 'zh-Hans' : 'en'}"><body>`,
    ...items.map((i) => `<h3>${escapeHtml(i.title)}</h3><p>${escapeHtml(i.body)}</p><p><a href="${escapeHtml(i.url)}">${w.open}</a></p>`),
    `<hr><p><small>${escapeHtml(w.footer)}</small></p></body></html>`,
  ].join('\n');
  return { subject, text, html };
}
