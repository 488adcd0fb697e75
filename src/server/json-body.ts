// The JSON body parser of every route (the inbound webhook routes replace it in their own scope, because
// they verify a signature over the raw bytes first). Fastify's default parser answers every failure with
// "Body is not valid JSON", even for valid JSON that names `__proto__` or `constructor.prototype`; a client
// would then be told its JSON is broken when it is not. This one keeps the same protection
// (secure-json-parse, the library Fastify itself uses) and says which of the two it was.
import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { AppError } from '../shared';

export const FORBIDDEN_KEY_MESSAGE =
  'The body names a forbidden property (__proto__, or constructor with prototype): nothing in it was applied';

export function installJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.length === 0) {
      done(new AppError('invalid_input', "The body is empty but content-type is 'application/json'"), undefined);
      return;
    }
    try {
      done(null, secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
    } catch (err) {
      const forbidden = err instanceof SyntaxError && /forbidden prototype property/.test(err.message);
      done(new AppError('invalid_input', forbidden ? FORBIDDEN_KEY_MESSAGE : 'The body is not valid JSON'), undefined);
    }
  });
}
