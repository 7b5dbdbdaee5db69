import type { Citation, ClassifyResult, Condition, Finding, TransferResult } from '@qiao/policy';

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

const SOURCE_LABEL: Record<ClassifyResult['areas'][number]['source'], string> = {
  'us-cet-2024': 'US CET list (Feb 2024)',
  'us-ccl': 'US Commerce Control List',
  'cn-tech-catalogue': "China's export technology catalogue",
  'cn-export-control': "China's Export Control Law",
};

/** "Instrument, provision — URL (effective …; as of …)". */
export function citationLine(c: Citation): string {
  const dates = [c.effective ? `effective ${c.effective}` : c.published ? `published ${c.published}` : undefined, `as of ${c.asOf}`].filter(Boolean);
  return `${c.instrument.en}, ${c.provision} — ${c.url} (${dates.join('; ')})`;
}

function classifyText(r: ClassifyResult): string[] {
  const lines = [`verdict: ${r.verdict} — ${r.reason.text.en}`, `         ${r.reason.text.zh}`];
  lines.push(`scope: ${r.scope.scope} — ${r.scope.reason.en}`);
  for (const s of r.scope.signals) lines.push(`  signal (${s.kind}) "${s.text}" at ${s.start}–${s.end}`);
  for (const c of r.scope.citations) lines.push(`  cite: ${citationLine(c)}`);
  lines.push(`areas (${r.areas.length}):`);
  for (const a of r.areas) {
    const control = a.control === 'none' ? '' : ` [export ${a.control}]`;
    lines.push(`  ${a.id}: ${a.name.en} / ${a.name.zh} — ${SOURCE_LABEL[a.source]} ${a.number}${control}`);
    lines.push(`    matched: ${a.matched.join(', ')} (score ${a.score} of ${r.scoring.threshold})`);
    lines.push(`    cite: ${citationLine(a.citation)}`);
  }
  lines.push(`evidence (${r.evidence.length}):`);
  for (const e of r.evidence) {
    const eccn = e.eccn ? ` (ECCN, product group ${e.eccn.productGroup}: ${e.eccn.productGroupName.en})` : '';
    const negated = e.negated ? ` — negated by "${e.negation?.cue ?? ''}": evidence against` : '';
    lines.push(`  ${e.start}–${e.end} "${e.text}"${e.text === e.term ? '' : ` (term: ${e.term})`}${eccn} → ${e.areaIds.join(', ')} [${e.weight}]${negated}`);
  }
  const below = r.scoring.areas.filter((a) => !a.hit);
  if (below.length > 0) lines.push(`below the review threshold: ${below.map((a) => `${a.id} (score ${a.score}: ${a.terms.join(', ')})`).join('; ')}`);
  for (const c of r.scoring.context) lines.push(`  context (${c.kind}) "${c.text}" at ${c.start}–${c.end}`);
  if (r.scoring.socialScience) lines.push('  read as a study about a technology: terms count half');
  if (r.scoring.military) lines.push('  military use named: general words count in full');
  if (r.verdict === 'restricted') for (const c of r.reason.citations) lines.push(`  basis: ${citationLine(c)}`);
  return lines;
}

function itemLines(item: Condition | Finding, head: string): string[] {
  const lines = [head, `     ${item.text.zh}`];
  if ('detail' in item && item.detail) lines.push(`     detail: ${item.detail.en}`);
  for (const c of item.citations) lines.push(`     cite: ${citationLine(c)}`);
  return lines;
}

function transferText(r: TransferResult): string[] {
  const lines = [`verdict: ${r.verdict} — ${r.reason.en}`, `         ${r.reason.zh}`, `direction: ${r.direction} (${r.regime.name.en})`];
  lines.push(`conditions (${r.conditions.length}):`);
  r.conditions.forEach((c, i) => lines.push(...itemLines(c, `  ${i + 1}. ${c.id}: ${c.text.en}`)));
  lines.push(`findings (${r.findings.length}):`);
  for (const f of r.findings) lines.push(...itemLines(f, `  [${f.effect}] ${f.id}: ${f.text.en}`));
  return lines;
}

/** Prints a classification: the full result object with --json, readable text otherwise. */
export function printClassify(result: ClassifyResult, json: boolean): void {
  if (json) out(JSON.stringify(result, null, 2));
  else classifyText(result).forEach(out);
}

export function printTransfer(result: TransferResult, json: boolean): void {
  if (json) out(JSON.stringify(result, null, 2));
  else transferText(result).forEach(out);
}
