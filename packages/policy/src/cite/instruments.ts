import { z } from 'zod';
import raw from '../data/instruments.json' with { type: 'json' };
import { InstrumentSchema, type Citation, type CitationRef, type Instrument } from './citation.ts';

const InstrumentFileSchema = z.object({ instruments: z.array(InstrumentSchema).min(1) });

/** Every instrument the rule data cites, validated once at load: a bad row fails the import, not a request. */
export const INSTRUMENTS: readonly Instrument[] = InstrumentFileSchema.parse(raw).instruments;

const byId = new Map<string, Instrument>(INSTRUMENTS.map((i) => [i.id, i]));
if (byId.size !== INSTRUMENTS.length) throw new Error('instruments.json: duplicate instrument id');

/** Resolves a rule row's citation; an unknown instrument id is a data error and throws at load. */
export function resolveCitation(ref: CitationRef, where: string): Citation {
  const instrument = byId.get(ref.instrument);
  if (!instrument) throw new Error(`${where}: unknown instrument "${ref.instrument}"`);
  return {
    instrumentId: instrument.id,
    instrument: instrument.title,
    provision: ref.provision,
    url: ref.url ?? instrument.url,
    ...(instrument.published ? { published: instrument.published } : {}),
    ...(instrument.effective ? { effective: instrument.effective } : {}),
    ...(instrument.edition ? { edition: instrument.edition } : {}),
    asOf: instrument.asOf,
    confidence: ref.confidence ?? instrument.confidence,
  };
}
