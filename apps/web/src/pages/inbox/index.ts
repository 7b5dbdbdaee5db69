// What other parts of the app use from the inbox: the header's bell, the overview's tasks, the page,
// and the hook that refreshes a page when its object changes elsewhere.
export { InboxBell } from './components/InboxBell.tsx';
export { MyTasksPanel } from './components/MyTasksPanel.tsx';
export { InboxPage } from './InboxPage.tsx';
export { useLiveObject } from './live.ts';
