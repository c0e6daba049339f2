/**
 * In-memory users and tokens of the reference implementation, with an audit log of every
 * mutation (the self-tests use it to prove the suite only touches users it created).
 */
import { randomBytes, randomUUID } from 'node:crypto';

export interface StoredUser {
  seq: number;
  id: string;
  username: string;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  lastLogin: number | null;
  isLocal: boolean | null;
  groups: string[] | null;
  password: string;
  /** Tokens issued before this instant are revoked (logout). */
  revokedBefore: number;
  /** Passwords that still log in besides the current one: only a fault gives a user any. */
  previousPasswords?: string[];
}

export type Role = 'admin' | 'viewer' | 'user';
export interface Session {
  role: Role;
  subject: string;
  userId?: string;
  issuedAt: number;
}

export interface AuditEntry {
  at: number;
  /** The operation that wrote to the user. */
  action: string;
  userId: string;
  username: string;
  by: string;
}

export const newPassword = () => randomBytes(12).toString('base64url');

export class UserStore {
  readonly users = new Map<string, StoredUser>();
  readonly sessions = new Map<string, Session>();
  // Stryker disable next-line ArrayDeclaration: the audit trail is the reference's own, the API never shows it
  readonly audit: AuditEntry[] = [];
  /** Only used by the stale-list-cache fault. */
  readonly cache = new Map<string, { value: unknown; until: number }>();
  /** Usernames of deleted users (only the deleted-email-blocked fault looks). */
  readonly deletedNames = new Set<string>();
  /** Only used by the delete-fails-first fault. */
  readonly deleteAttempts = new Set<string>();
  /** Deletes being answered now, and all ever started (the overlapping-deletes-lie fault). */
  /** When each user's password was last reset (for the overlapping-resets-both-work fault). */
  readonly lastReset = new Map<string, number>();
  deletesInFlight = 0;
  deletesStarted = 0;
  /** Every token and password handed out, so self-tests can prove none leaks into reports. */
  // Stryker disable next-line ArrayDeclaration: the self-tests' record of secrets, never shown by the API
  readonly issuedSecrets: string[] = [];
  private seq = 0;
  /** Makes ids; the opaque-ids variant swaps in ids that are not UUIDs. */
  newId: () => string = randomUUID;
  private lastStamp = 0;

  /** Strictly increasing milliseconds, so that timestamps of created users are distinct. */
  now(): number {
    // Stryker disable next-line ArithmeticOperator,MethodExpression: the reference's clock; the contract orders times
    this.lastStamp = Math.max(Date.now(), this.lastStamp + 1);
    return this.lastStamp;
  }

  add(
    fields: Omit<StoredUser, 'seq' | 'id' | 'revokedBefore' | 'password' | 'previousPasswords'> & {
      id?: string;
      password?: string;
    },
  ): StoredUser {
    // Every field written out in one order: users share one hidden class, so reading a field of
    // each of 20,000 users during a filter stays a fast, monomorphic access.
    const user: StoredUser = {
      // Stryker disable next-line UpdateOperator: insertion order is the reference's: the contract has no default order
      seq: this.seq++,
      id: fields.id ?? this.newId(),
      username: fields.username,
      createdBy: fields.createdBy,
      createdAt: fields.createdAt,
      updatedAt: fields.updatedAt,
      lastLogin: fields.lastLogin,
      isLocal: fields.isLocal,
      groups: fields.groups,
      password: fields.password ?? newPassword(),
      revokedBefore: 0,
    };
    this.issuedSecrets.push(user.password);
    this.users.set(user.id, user);
    // Under the duplicate faults several users may hold one name: the newest is found.
    this.byName.set(user.username.toLowerCase(), user);
    return user;
  }

  remove(user: StoredUser): void {
    this.users.delete(user.id);
    this.byName.delete(user.username.toLowerCase());
  }

  /** Users by lower-case username, so that the duplicate check of a create need not scan every user. */
  private readonly byName = new Map<string, StoredUser>();

  findByUsername(username: string): StoredUser | undefined {
    return this.byName.get(username.toLowerCase());
  }

  /** The local user these credentials are of (a password login), or undefined. */
  loginUser(username: string, password: string): StoredUser | undefined {
    const user = this.findByUsername(username);
    // Stryker disable next-line ConditionalExpression,OptionalChaining: no one knows an unknown or SSO user's password
    if (!user?.isLocal) return undefined;
    // Stryker disable next-line OptionalChaining: a wrong password fails either way (at the token endpoint)
    return user.password === password || user.previousPasswords?.includes(password) ? user : undefined;
  }

  setPassword(user: StoredUser, password: string): void {
    user.password = password;
    this.issuedSecrets.push(password);
  }

  // Stryker disable next-line BlockStatement: the audit trail is the reference's own, the API never shows it
  record(action: string, user: StoredUser, by: string): void {
    // Stryker disable next-line ObjectLiteral: the audit trail is the reference's own, the API never shows it
    this.audit.push({ at: Date.now(), action, userId: user.id, username: user.username, by });
  }

  /** How a token is spelled: opaque by default; the jwt-tokens variant signs JWTs (see fault-behaviours). */
  newToken: (session: Omit<Session, 'issuedAt'>) => string = () => `ref.${randomBytes(24).toString('base64url')}`;

  issueToken(session: Omit<Session, 'issuedAt'>): string {
    const token = this.newToken(session);
    this.issuedSecrets.push(token);
    const issuedAt = this.now();
    this.sessions.set(token, { ...session, issuedAt });
    return token;
  }

  /** Refresh tokens of created users (the token endpoint's): the user and when it was issued. */
  readonly refreshTokens = new Map<string, { userId: string; issuedAt: number }>();

  /** The live session behind a bearer token, or undefined when unknown (expired ones are gone) or revoked. */
  session(token: string): Session | undefined {
    const s = this.sessions.get(token);
    if (!s) return undefined;
    if (s.userId) {
      const user = this.users.get(s.userId);
      if (!user) return undefined;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: logout ending access tokens is a SHOULD
      if (s.issuedAt < user.revokedBefore) return undefined;
    }
    return s;
  }
}
