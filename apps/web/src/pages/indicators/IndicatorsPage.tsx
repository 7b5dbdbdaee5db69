import { ModulePlaceholder } from '../../components/ModulePlaceholder.tsx';

/** Bilateral indicators dashboard; built in its own issue, see DESIGN.md module 7. */
export function IndicatorsPage() {
  return <ModulePlaceholder module="indicators" />;
}
