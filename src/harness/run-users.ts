/**
 * Users the run creates for its own use, and logging in as them where the target allows.
 * Failures to create are attributed to the create requirement, not to the test that needed one.
 */
import { AuthenticationFailed, requestToken } from '../client/auth.ts';
import { TransportFailure } from '../client/transport.ts';
import { InconclusiveError } from '../model/errors.ts';
import type { Tokens } from '../model/user.ts';
import type { RunContext } from './run-context.ts';
import { expectStatus, notApplicable, verify, violation } from './verify.ts';

export interface RunUser {
  id: string;
  email: string;
  username: string;
  password: string;
  /** The server's clock when it answered the create (its Date header), when it sent one. */
  createdAround?: string;
}

export async function createRunUser(run: RunContext, tag = 'u'): Promise<RunUser> {
  const email = run.email(tag);
  const ex = expectStatus(await run.client.create_user({ email }), 201, 'create_user/success/created-201');
  verify(
    typeof ex.body?.id === 'string' && typeof ex.body.tempPassword === 'string',
    'create answered without id or tempPassword',
    {
      requirement: 'create_user/success/created-201',
      exchange: ex,
    },
  );
  return {
    id: ex.body.id,
    email,
    username: ex.body.username,
    password: ex.body.tempPassword,
    createdAround: ex.response.headers.date,
  };
}

/**
 * Password grant for a created user. Undefined when the target refuses it (a temporary
 * password may not be accepted for login): checks that need it are then not applicable.
 */
export async function loginAs(run: RunContext, username: string, password: string): Promise<string | undefined> {
  return (await grant(run, { grantType: 'password', username, password }))?.access;
}

/** A token request; undefined when the target refuses it, inconclusive when it cannot be made. */
export async function grant(run: RunContext, body: Record<string, string>): Promise<Tokens | undefined> {
  try {
    const { accessToken, refreshToken } = await requestToken(run.client.options.transport, body);
    return { access: accessToken, refresh: refreshToken };
  } catch (error) {
    if (error instanceof AuthenticationFailed) return undefined;
    if (error instanceof TransportFailure) throw new InconclusiveError(error.message);
    throw error;
  }
}

/** The status a token request was refused with, or undefined when it got a token. */
export async function refusal(run: RunContext, body: Record<string, string>): Promise<number | undefined> {
  try {
    await requestToken(run.client.options.transport, body);
    return undefined;
  } catch (error) {
    if (error instanceof AuthenticationFailed) return error.status ?? 0;
    if (error instanceof TransportFailure) throw new InconclusiveError(error.message);
    throw error;
  }
}

/** A refusal is a 4xx: a 5xx for a wrong credential is a crash, not a refusal. */
export const refusedWith4xx = (status: number | undefined) => status !== undefined && status >= 400 && status < 500;

/**
 * A created user logged in with its temporary password; checks that need one are not
 * applicable where login is refused.
 */
export async function loggedInRunUser(run: RunContext, tag = 'login'): Promise<RunUser & { token: string }> {
  const user = await createRunUser(run, tag);
  const token = await loginAs(run, user.username, user.password);
  if (!token) capabilityMissing(run, 'password-login', 'a created user cannot log in with its temporary password');
  return { ...user, token };
}

/**
 * An optional capability does not work: not applicable, unless the target declared it
 * (RUNAI_CAPABILITIES), in which case that is a failure.
 */
export function capabilityMissing(run: RunContext, capability: string, what: string): never {
  if (!run.declares(capability)) notApplicable(`the target does not offer ${capability}: ${what}`);
  return violation(`the target declares ${capability}, but ${what}`, {
    requirement: 'common/capabilities/declared-honoured',
  });
}
