/**
 * The reference's Users API over HTTP: a request's route from the spec's paths, its bearer
 * token's session, the handler of its operation, and the Error body of whatever went wrong.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ROUTES } from './contract.ts';
import { sendCode400Error, sendHtmlError } from './fault-behaviours.ts';
import { type ErrorWriter, HttpError, sendError } from './http-util.ts';
import type { Switches } from './switches.ts';
import { type HandlerContext, userHandlers } from './user-handlers.ts';
import type { UserStore } from './user-store.ts';

const FOREVER = { issuedAt: 0, expiresAt: Number.POSITIVE_INFINITY };

/** How Error bodies are written: as the seed's Error, unless a fault writes them otherwise. */
export function errorWriter(on: Switches): ErrorWriter {
  if (on.has('error-body-html')) return sendHtmlError;
  return on.has('error-code-mismatch') ? sendCode400Error : sendError;
}

/** The token of an `Authorization: Bearer <token>` header (the scheme in any case, as HTTP has it). */
const bearer = (header: string | undefined): string | undefined => /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];

export type UsersApi = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

export function usersApi(store: UserStore, on: Switches): UsersApi {
  const writeError = errorWriter(on);
  return async (req, res, url) => {
    try {
      const pathMatches = ROUTES.flatMap((r) => {
        const m = r.pattern.exec(url.pathname);
        return m ? [{ r, m }] : [];
      });
      if (pathMatches.length === 0) throw new HttpError(404, 'Not found.');
      const hit = pathMatches.find((x) => x.r.method === req.method);
      if (!hit) throw new HttpError(405, 'Method not allowed.');
      const token = bearer(req.headers.authorization);
      let session = token ? store.session(token) : undefined;
      // The refresh-token-as-bearer fault: a refresh token is taken for an access token.
      if (!session && token && on.has('refresh-token-as-bearer')) {
        const refresh = store.refreshTokens.get(token);
        if (refresh) session = { role: 'user', subject: 'refresh', userId: refresh.userId, ...FOREVER };
      }
      // The deleted-user-token-valid fault: a session outlives the user it belongs to.
      if (!session && token && on.has('deleted-user-token-valid')) {
        const orphan = store.sessions.get(token);
        if (orphan?.userId && !store.users.has(orphan.userId)) session = orphan;
      }
      // The faults that let a request in without a session.
      if (
        !session &&
        ((hit.r.operationId === 'get_users' && on.has('auth-not-enforced-on-list')) ||
          (hit.r.operationId === 'reset_user_password' && on.has('auth-not-enforced-on-reset')) ||
          (hit.r.operationId === 'count_users' && token && on.has('bad-token-accepted-on-count')) ||
          (token && /^ey[\w-]+\.ey[\w-]+\.[\w-]+$/.test(token) && on.has('expired-token-accepted')))
      )
        session = { role: 'admin', subject: 'anonymous', ...FOREVER };
      if (!session) throw new HttpError(401, 'Issuer is not familiar.');
      let userId: string | undefined;
      if (hit.m[1] !== undefined) {
        try {
          userId = decodeURIComponent(hit.m[1]);
        } catch {
          throw new HttpError(400, 'Malformed user id.');
        }
      }
      const ctx: HandlerContext = { req, res, url, session, store, on, userId };
      await (userHandlers[hit.r.operationId] as (ctx: HandlerContext) => Promise<void> | void)(ctx);
      // A handler that ends without answering is a server fault: answered so, never left hanging.
      if (!res.headersSent) throw new Error('no answer');
    } catch (error) {
      if (res.headersSent) return void res.end();
      if (error instanceof HttpError) writeError(res, error.status, error.message);
      else writeError(res, 500, 'unexpected error');
    }
  };
}
