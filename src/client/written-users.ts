/**
 * What the run's own writes did to the target, as their answers said: the users its creates
 * made (ids and emails) and the ones its deletes removed. A request the target refused is held
 * to it: a user the run made and never deleted still stands; an email no create of the run was
 * granted names no user.
 */
export class WrittenUsers {
  private readonly made = new Set<string>();
  private readonly emails = new Set<string>();
  private readonly removed = new Set<string>();
  private readonly unsure = new Set<string>();

  /** A create answered 2xx (with this id, when its body gave one), asking for these emails. */
  created(id: string | undefined, emails: string[]): void {
    if (id !== undefined) this.made.add(id);
    for (const email of emails) this.emails.add(email.toLowerCase());
  }

  /** A delete of this id answered 2xx. */
  deleted(id: string): void {
    this.removed.add(id);
  }

  /**
   * A write whose outcome no answer told (a 5xx, a transport failure): what it names may have
   * changed without a refusal's doing.
   */
  unsettled(id: string | undefined, emails: string[]): void {
    if (id !== undefined) this.unsure.add(id);
    for (const email of emails) this.unsure.add(email.toLowerCase());
  }

  /** A user a create of the run made and no write of the run may have removed. */
  standing(id: string): boolean {
    return this.made.has(id) && !this.removed.has(id) && !this.unsure.has(id);
  }

  /** Whether a create of the run was granted this email, or may have been, in any letter case (servers fold it). */
  granted(email: string): boolean {
    return this.emails.has(email.toLowerCase()) || this.unsure.has(email.toLowerCase());
  }
}
