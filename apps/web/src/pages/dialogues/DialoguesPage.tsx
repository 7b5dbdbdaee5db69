import { ModulePlaceholder } from '../../components/ModulePlaceholder.tsx';

/** Dialogue tracks, rounds and minutes; built in its own issue, see DESIGN.md module 4. */
export function DialoguesPage() {
  return <ModulePlaceholder module="dialogues" />;
}
