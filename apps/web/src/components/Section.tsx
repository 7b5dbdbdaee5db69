import type { ReactNode } from 'react';

interface SectionProps {
  /** The heading's id, which also names the section for screen readers. */
  id: string;
  title: ReactNode;
  testId?: string;
  children: ReactNode;
}

/** A page section named by its own heading. */
export function Section({ id, title, testId, children }: SectionProps) {
  return (
    <section className="section" aria-labelledby={id} data-testid={testId}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
