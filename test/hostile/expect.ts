import type { ErrorId } from '@qiao/contracts';
import { expect } from 'vitest';
import type { RawReply } from './client.ts';

/** The reply is this status with the error envelope, and its id is one of `ids` (any stable id when omitted). */
export function expectRefused(res: RawReply, status: number | number[], ids?: ErrorId[], what = ''): void {
  const statuses = [status].flat();
  expect(statuses, `${what} answered ${res.status} ${res.text.slice(0, 300)}`).toContain(res.status);
  const envelope = res.envelope();
  expect(envelope, `${what} body is not the error envelope: ${res.text.slice(0, 300)}`).not.toBeNull();
  if (ids) expect(ids, `${what} id ${envelope?.error.id ?? ''}: ${envelope?.error.message ?? ''}`).toContain(envelope?.error.id);
}
