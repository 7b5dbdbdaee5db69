import type { ErrorBody, ErrorId, ShrinkNotice } from '@qiao/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, errorCode, insufficientStorage, ShrinkNotConfirmedError } from '../errors.ts';

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

/**
 * The last line: what the database or the disk refused although the schemas let it through. Bad bytes
 * and out-of-range numbers are the caller's input (400); a duplicate that won a race is 409 however
 * many routes can reach it; a full disk or database (507) is an operator's problem, logged.
 */
const LAST_LINE: Record<string, { status: number; id: ErrorId; message: string }> = {
  '22021': { status: 400, id: 'validation_failed', message: 'a text value contains bytes that are not text (NUL or invalid UTF-8)' },
  '22P05': { status: 400, id: 'validation_failed', message: 'a text value contains a character the database cannot store' },
  '54000': { status: 400, id: 'validation_failed', message: 'a value is too large to store or index' },
  '22003': { status: 400, id: 'validation_failed', message: 'a number is out of range' },
  '22P02': { status: 400, id: 'validation_failed', message: 'a value is not in the form its field needs' },
  '23505': { status: 409, id: 'conflict', message: 'this already exists; another request may have created it at the same time' },
};
const OUT_OF_SPACE = new Set(['ENOSPC', 'EDQUOT', '53100']);

/** Fastify's router refuses some addresses before any hook runs; they get the same envelope. */
export function frameworkError(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') void send(reply, 414, 'uri_too_long', 'a part of the address is too long');
  else if (err.statusCode === 400) void send(reply, 400, 'validation_failed', 'the address is not valid (bad percent-encoding)');
  else void send(reply, err.statusCode ?? 500, err.statusCode && err.statusCode < 500 ? 'validation_failed' : 'internal', err.message);
}

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
    if (errorCode(err, (c) => OUT_OF_SPACE.has(c))) {
      const full = insufficientStorage();
      request.log.error(err);
      return send(reply, full.status, full.id, full.message);
    }
    const lastLine = LAST_LINE[errorCode(err, (c) => c in LAST_LINE) ?? ''];
    if (lastLine) {
      request.log.warn({ err }, 'database refused a value the schemas accepted');
      return send(reply, lastLine.status, lastLine.id, lastLine.message);
    }
    if (err.statusCode === 429) return send(reply, 429, 'rate_limited', 'too many attempts; wait and try again');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return send(reply, err.statusCode, 'validation_failed', err.message);
    request.log.error(err);
    return send(reply, 500, 'internal', 'internal error; it has been logged');
  });
}
