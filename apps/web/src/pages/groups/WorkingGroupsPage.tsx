import { ModulePlaceholder } from '../../components/ModulePlaceholder.tsx';

/** Bilateral working groups; built in its own issue, see DESIGN.md module 3. */
export function WorkingGroupsPage() {
  return <ModulePlaceholder module="groups" />;
}
