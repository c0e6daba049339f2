/**
 * An accepted value reads back as sent, through every answer that shows it: the email a create
 * of the run asked for is the username its 201, GET by id and every list entry show for that id
 * (no operation changes a username). Judged on answers the suite gets anyway, so it costs no
 * request. Up to what the contract leaves open: letter case, which identity servers fold, and
 * Unicode normalization.
 */
import type { Finding } from '../model/finding.ts';

const REQUIREMENT = 'create_user/state/email-read-back';
const folded = (s: string) => s.normalize('NFC').toLowerCase();

/** The emails this worker's creates asked for, by the id each 201 answered. */
export class SentEmails {
  private readonly byId = new Map<string, string>();

  remember(id: string, email: string | undefined): void {
    if (email !== undefined) this.byId.set(id, email);
  }

  /** Users an answer shows, each with the username it shows: a 201 or GET's user, a list's entries. */
  private static shown(operationId: string, status: number, body: unknown): unknown[] {
    if (operationId === 'get_users' && status === 200 && Array.isArray(body)) return body;
    if ((operationId === 'get_user_by_id' && status === 200) || (operationId === 'create_user' && status === 201))
      return [body];
    return [];
  }

  findings(operationId: string, status: number, body: unknown, sentEmail?: string): Omit<Finding, 'exchangeId'>[] {
    const out: Omit<Finding, 'exchangeId'>[] = [];
    for (const user of SentEmails.shown(operationId, status, body)) {
      const { id, username } = (user ?? {}) as { id?: unknown; username?: unknown };
      if (typeof id !== 'string' || typeof username !== 'string') continue;
      const sent = operationId === 'create_user' ? sentEmail : this.byId.get(id);
      if (sent === undefined || folded(sent) === folded(username)) continue;
      out.push({
        code: 'value-not-read-back',
        requirement: REQUIREMENT,
        message:
          `user ${id} was created with email ${JSON.stringify(sent)}; ` +
          `this answer shows username ${JSON.stringify(username)}`,
      });
    }
    return out;
  }
}
