/** The part of Babel's syntax tree that the mutation run's ignorers read. */

export interface Path {
  node: AstNode;
  parentPath: Path | null;
  key: string | number | null;
  listKey?: string;
  container?: unknown;
}

export interface AstNode {
  type: string;
  [key: string]: unknown;
}

export const isNode = (value: unknown): value is AstNode =>
  typeof value === 'object' && value !== null && typeof (value as AstNode).type === 'string';
