// What the groups module offers the dialogues module: its API, who may do what in a group, the
// two-language inputs, the action table and the shared styles. Dialogues import only
// from here, never from the module's components or lib directly.
import './groups.css';

export { actionsApi, groupsApi } from './api.ts';
export { ActionTable } from './components/ActionTable.tsx';
export { BilingualFields, type TwoTexts } from './components/BilingualFields.tsx';
export { groupAccess, type GroupAccess } from './lib/access.ts';
