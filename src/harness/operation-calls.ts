/**
 * A minimal valid call of any operation, as a given identity: what the authentication and
 * authorization suites send to every door. Path ids are always ones the run owns.
 */

import type { CallOptions, Identity, UsersClient } from '../client/users-client.ts';
import { operation, userMutations } from '../spec/openapi.ts';
import type { RunContext } from './run-context.ts';
import { createRunUser } from './run-users.ts';
import { expectStatus, verify } from './verify.ts';

export interface CallPlan {
  userId?: string;
  identity: Identity;
  headers?: Record<string, string>;
  /** Anything else about how the request is sent (headers left out, content type, raw query). */
  options?: CallOptions;
}

export function minimalBody(run: RunContext, operationId: string): unknown {
  switch (operationId) {
    case 'create_user':
      return { email: run.email('auth') };
    case 'change_user_password':
      return { currentPassword: 'Current-pass-1', newPassword: 'Another-pass-2' };
    default:
      return undefined;
  }
}

export function callOperation(client: UsersClient, run: RunContext, operationId: string, plan: CallPlan) {
  const op = operation(operationId);
  const opts: CallOptions = { as: plan.identity, headers: plan.headers, ...plan.options };
  const pathParams = op.parameters.some((p) => p.in === 'path')
    ? { userId: plan.userId ?? client.ownership.unknownId() }
    : undefined;
  return client.call(operationId, { pathParams, body: minimalBody(run, operationId) }, opts);
}

/** Operations that take a user id in the path. */
export const takesUserId = (operationId: string) => operation(operationId).parameters.some((p) => p.in === 'path');

/**
 * A call the target must refuse: sent as `identity` (to a user of the run's own where the
 * operation names one and the profile writes; a read in a read-only profile names an unknown
 * id), answered one of `expected`, and, refused, it changed nothing: the user it named reads
 * back exactly as before.
 */
export async function refusedCall(
  client: UsersClient,
  run: RunContext,
  operationId: string,
  identity: Identity,
  expected: number | number[],
  requirement: string,
): Promise<void> {
  const mayCreate = userMutations.includes(operationId) || run.includes('standard');
  const target = takesUserId(operationId) && mayCreate ? await createRunUser(run, 'refused') : undefined;
  const before = target && userMutations.includes(operationId) ? await client.get_user_by_id(target.id) : undefined;
  const answer = await callOperation(client, run, operationId, { identity, userId: target?.id });
  expectStatus(answer, expected, requirement);
  if (!target || !before) return;
  const after = expectStatus(await client.get_user_by_id(target.id), 200, requirement);
  verify(
    JSON.stringify(after.body) === JSON.stringify(before.body),
    `${operationId} refused with ${answer.response.status} but the user changed`,
    { requirement, exchange: after },
  );
}
