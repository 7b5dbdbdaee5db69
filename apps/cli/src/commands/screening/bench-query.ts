/** One line of the benchmark's query set (queries.jsonl): a name, its category and the expected answer. */
export interface BenchQuery {
  readonly id: string;
  readonly name: string;
  readonly type?: 'organization' | 'person';
  readonly category: string;
  readonly gold: unknown;
}
