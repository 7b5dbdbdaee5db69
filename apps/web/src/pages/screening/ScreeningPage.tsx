import { ModulePlaceholder } from '../../components/ModulePlaceholder.tsx';

/** Restricted-party screening; built in its own issue, see DESIGN.md module 1. */
export function ScreeningPage() {
  return <ModulePlaceholder module="screening" />;
}
