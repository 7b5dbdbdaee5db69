/** A side's code as a small tag; US and CN get their own tint, other sides a neutral one. */
export function SideBadge({ side, title }: { side: string; title?: string }) {
  const tint = side === 'US' || side === 'CN' ? `side-${side.toLowerCase()}` : 'side-other';
  return (
    <span className={`badge ${tint}`} title={title}>
      {side}
    </span>
  );
}
