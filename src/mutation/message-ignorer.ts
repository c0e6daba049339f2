/**
 * A Stryker ignorer for message texts: the strings an error is made with, and the message of an
 * error answer. The contract fixes statuses and shapes, never the wording of a message.
 */
import { isNode, type Path } from './ast.ts';

export const MESSAGE_REASON = 'a message text: the contract leaves the wording of messages open';

const TEXTS = new Set(['StringLiteral', 'TemplateLiteral']);

/** `new SomeError(…)`, or `sendError` / `writeError(res, status, message)`, whose text arguments are messages. */
function takesMessages(call: Path['node']): boolean {
  const callee = call.callee;
  if (!isNode(callee) || callee.type !== 'Identifier') return false;
  const name = String(callee.name);
  return (call.type === 'NewExpression' && /(Error|BadRequest)$/.test(name)) || /^(send|write)Error$/.test(name);
}

export class MessageIgnorer {
  shouldIgnore(path: Path): string | undefined {
    const parent = path.parentPath?.node;
    const isMessage =
      TEXTS.has(path.node.type) && parent !== undefined && path.listKey === 'arguments' && takesMessages(parent);
    return isMessage ? MESSAGE_REASON : undefined;
  }
}
