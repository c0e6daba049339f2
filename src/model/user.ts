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
