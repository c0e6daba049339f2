/**
 * The shared-environment guard: reset, logout and delete may only target users this run
 * created (or ids it invented to be unknown). Enforced in the client, before anything is sent.
 */

import { randomUUID } from 'node:crypto';
import { UnsafeMutationError } from '../model/errors.ts';

export class Ownership {
  private readonly owned = new Set<string>();

  /**
   * @param adoptable which usernames may be adopted by name: by default only this run's;
   *   the cleanup command widens it to the naming scheme of every run.
   */
  constructor(
    readonly runPrefix: string,
    private readonly adoptable = (username: string) => username.toLowerCase().startsWith(runPrefix),
  ) {}

  /** An id the run created (create_user answered 201 with it). */
  claim(id: string): void {
    this.owned.add(id);
  }

  /** Adopts a user found by name, only when its username says a conformance run made it. */
  adopt(id: string, username: string): void {
    if (!this.adoptable(username)) {
      throw new UnsafeMutationError(`refusing to adopt ${username}: not created by a conformance run`);
    }
    this.owned.add(id);
  }

  /** An id no server has issued: ours to send anywhere. */
  unknownId(): string {
    const id = randomUUID();
    this.owned.add(id);
    return id;
  }

  /** Marks an arbitrary invented id (e.g. a long or odd one) as the run's own. */
  invent(id: string): string {
    this.owned.add(id);
    return id;
  }

  owns(id: string): boolean {
    return this.owned.has(id);
  }

  assertOwned(operationId: string, id: string): void {
    if (!this.owned.has(id)) {
      throw new UnsafeMutationError(`${operationId} refused: user ${id} was not created by this run`);
    }
  }
}
