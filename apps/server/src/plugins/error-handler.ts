import type { ErrorBody, ErrorId, ShrinkNotice } from '@qiao/contracts';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ShrinkNotConfirmedError } from '../errors.ts';

function send(reply: FastifyReply, status: number, id: ErrorId, message: string, lines?: { line: number; message: string }[], shrink?: ShrinkNotice[]): FastifyReply {
  const body: ErrorBody = { error: { id, message, ...(lines ? { lines } : {}), ...(shrink ? { shrink } : {}) } };
  return reply.code(status).type('application/json').send(body);
}

// Fastify's own error codes for bodies it could not take, mapped to our stable ids.
const FASTIFY_CODES: Record<string, { status: number; id: ErrorId }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, id: 'invalid_json' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, id: 'invalid_json' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, id: 'payload_too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, id: 'unsupported_media_type' },
};

/** The one place errors become responses: `{ error: { id, message } }`, unknown ones logged as 500. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      if (err.report) request.log.error(err);
      return send(reply, err.status, err.id, err.message, err.lines, err instanceof ShrinkNotConfirmedError ? err.shrink : undefined);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const field = first?.instancePath.replace(/^\//, '').replace(/\//g, '.') || err.validationContext || 'request';
      return send(reply, 400, 'validation_failed', `${field}: ${first?.message ?? 'invalid'}`);
    }
    const known = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (known) return send(reply, known.status, known.id, err.message);
    if (err.statusCode === 429) return send(reply, 429, 'rate_limited', 'too many attempts; wait and try again');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return send(reply, err.statusCode, 'validation_failed', err.message);
    request.log.error(err);
    return send(reply, 500, 'internal', 'internal error; it has been logged');
  });
}
