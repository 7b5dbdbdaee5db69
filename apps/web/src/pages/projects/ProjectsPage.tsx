import { ModulePlaceholder } from '../../components/ModulePlaceholder.tsx';

/** Joint project proposals and review; built in its own issue, see DESIGN.md module 5. */
export function ProjectsPage() {
  return <ModulePlaceholder module="projects" />;
}
