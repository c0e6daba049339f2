/** A user as the list and get operations describe it (component User2 of the spec). */
export interface User {
  id: string;
  username: string;
  createdBy: string;
  createdAt: string | null;
  updatedAt: string | null;
  lastLogin: string | null;
  isLocal: boolean | null;
  groups?: string[] | null;
}

/** What a token request gives a user: an access token, and a refresh token where the target issues one. */
export interface Tokens {
  access: string;
  refresh?: string;
}
