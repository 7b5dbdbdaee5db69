import type { TransferReview } from '@qiao/contracts';

/**
 * Reviews moving a dataset's declared data from one side to another. The server passes the policy
 * module's evaluator; the datasets module only enforces its verdict.
 */
export type TransferEvaluator = (declaration: Record<string, unknown>, fromSide: string, toSide: string) => TransferReview;
