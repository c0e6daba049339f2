/**
 * A minimal valid call of any operation, as a given identity: what the authentication and
 * authorization suites send to every door. Path ids are always ones the run owns.
 */

import type { CallOptions, Identity, UsersClient } from '../client/users-client.ts';
import { operation } from '../spec/openapi.ts';
import type { RunContext } from './run-context.ts';

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
