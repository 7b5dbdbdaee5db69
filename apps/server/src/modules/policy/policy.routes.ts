import { ClassifyResultSchema, TransferResultSchema } from '@qiao/contracts';
import { classify, DatasetSchema, DirectionSchema, evaluateTransfer } from '@qiao/policy';
import { z } from 'zod';
import type { App } from '../../http.ts';

/** The policy module's checks, for live feedback while a proposal or a dataset is written. */
export function policyRoutes(app: App): void {
  app.post('/api/policy/classify', {
    config: { access: { signedIn: true } },
    schema: {
      tags: ['policy'],
      summary: 'Technology yard: open / review / restricted for a text in English or Chinese, with the areas hit, the matched terms and their positions, and the S&T Agreement scope',
      body: z.object({ text: z.string().max(50_000) }),
      response: { 200: ClassifyResultSchema },
    },
    handler: (req) => classify(req.body.text),
  });

  app.post('/api/policy/transfer', {
    config: { access: { signedIn: true } },
    schema: {
      tags: ['policy'],
      summary: 'Data transfer: allowed / conditions / prohibited for a declared dataset and a direction, with conditions and citations',
      body: z.object({ dataset: DatasetSchema, direction: DirectionSchema }),
      response: { 200: TransferResultSchema },
    },
    handler: (req) => evaluateTransfer(req.body.dataset, req.body.direction),
  });
}
