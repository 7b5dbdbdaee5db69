import fastifyHelmet from '@fastify/helmet';
import { LIMITS } from '@qiao/contracts';
import type { FastifyInstance } from 'fastify';
import { AppError, uriTooLong } from '../errors.ts';

/**
 * The web app loads only its own bundle: no inline scripts or <style> tags (React's style props go
 * through the CSSOM, which CSP allows), images from itself or data:/blob: URLs (chart downloads),
 * and talks only to its own API. No page may frame it.
 */
const APP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Plain-HTTP installs on a LAN exist; TLS is the proxy's decision, not the page's.
  upgradeInsecureRequests: null,
};

/** Swagger UI styles its own markup inline; scripts stay restricted to its bundled files. */
const DOCS_DIRECTIVES = { ...APP_DIRECTIVES, styleSrc: ["'self'", "'unsafe-inline'"] };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Security headers on every response, JSON bodies that must be UTF-8, and a bound on URL length. */
export async function registerSecurity(app: FastifyInstance, options: { hsts: boolean }): Promise<void> {
  // Before any route is added, so the API docs routes get their own policy.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.helmet = { contentSecurityPolicy: { directives: DOCS_DIRECTIVES } };
  });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: APP_DIRECTIVES },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: options.hsts,
    crossOriginEmbedderPolicy: false,
  });

  // Checked after helmet's hook, so the refusal carries the same headers as any other answer.
  app.addHook('onRequest', (request, _reply, done) => {
    done(request.url.length > LIMITS.urlMax ? uriTooLong(`the address is longer than ${LIMITS.urlMax} characters`) : undefined);
  });

  // Fastify's JSON parser decodes bytes leniently, so 0xFF arrives as U+FFFD and is stored as if
  // typed. Decode strictly first; the default parser (with its prototype-poisoning guard) does the rest.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new AppError(400, 'invalid_json', 'the body is not valid UTF-8'), undefined);
      return;
    }
    void parseJson(request, text, done);
  });
}
