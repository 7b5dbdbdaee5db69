import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldValues, Resolver } from 'react-hook-form';

/** A zod schema from @qiao/contracts, seen only through what it parses to. */
interface ContractSchema<Output> {
  _zod: { output: Output; input: unknown };
}

/**
 * react-hook-form's resolver for a form whose values are not yet the wire body (two-language inputs
 * hold empty strings, dates are local times): `toWire` shapes the values, the contract's schema checks
 * them exactly as the server will, and the submit handler receives the parsed body. Errors keep the
 * schema's paths, which match the form's field names.
 */
export function wireResolver<TForm extends FieldValues, TWire>(schema: ContractSchema<TWire>, toWire: (values: TForm) => unknown): Resolver<TForm, unknown, TWire> {
  const check = zodResolver(schema as never) as unknown as Resolver<FieldValues, unknown, TWire>;
  return (values, context, options) => check(toWire(values) as FieldValues, context, options as never) as ReturnType<Resolver<TForm, unknown, TWire>>;
}

