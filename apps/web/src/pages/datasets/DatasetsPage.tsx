import { ModulePlaceholder } from '../../components/ModulePlaceholder.tsx';

/** Shared research datasets; built in its own issue, see DESIGN.md module 6. */
export function DatasetsPage() {
  return <ModulePlaceholder module="datasets" />;
}
