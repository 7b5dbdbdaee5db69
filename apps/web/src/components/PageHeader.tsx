import type { ReactNode } from 'react';
import { usePageTitle } from '../hooks/use-page-title.ts';

export function PageHeader({ title, intro, children }: { title: string; intro?: ReactNode; children?: ReactNode }) {
  usePageTitle(title);
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {intro && <p className="lead">{intro}</p>}
      </div>
      {children}
    </header>
  );
}
