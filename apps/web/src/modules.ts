/**
 * The modules in navigation order. Each is a page under /<path>; later issues fill the pages in
 * without touching the layout.
 */
export const MODULES = [
  { id: 'screening', path: '/screening' },
  { id: 'groups', path: '/groups' },
  { id: 'dialogues', path: '/dialogues' },
  { id: 'projects', path: '/projects' },
  { id: 'datasets', path: '/datasets' },
  { id: 'indicators', path: '/indicators' },
] as const;

export type ModuleId = (typeof MODULES)[number]['id'];

export const ADMIN_PAGES = [
  { id: 'users', path: '/admin/users' },
  { id: 'audit', path: '/admin/audit' },
] as const;
