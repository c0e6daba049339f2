/**
 * A Stryker ignorer for the reference's fault and variant switches (`on.has('…')`), which the
 * mutation run leaves out: every switch is off in the conforming reference, so a mutant of a
 * switch, of an expression the switch decides, or of the branch it guards is the conforming
 * reference itself. Values are judged as in that run: `on.has(x)` false, through `!`, `&&`, `||`.
 */
import { type AstNode, isNode, type Path } from './ast.ts';

export const SWITCH_REASON = 'a fault or variant switch: off in every conforming run, so its mutants are the reference';

function isSwitch(node: AstNode): boolean {
  if (node.type !== 'CallExpression' || !isNode(node.callee) || node.callee.type !== 'MemberExpression') return false;
  const { object, property } = node.callee as unknown as { object: AstNode; property: AstNode };
  const named = (n: AstNode, name: string): boolean =>
    (n.type === 'Identifier' && n.name === name) ||
    (n.type === 'MemberExpression' && named(n.property as AstNode, name));
  const [arg] = node.arguments as AstNode[];
  return (
    named(object, 'on') && property.type === 'Identifier' && property.name === 'has' && arg?.type === 'StringLiteral'
  );
}

/** The value of an expression with every switch off, when the switches alone decide it. */
export function switchValue(node: AstNode): boolean | undefined {
  if (isSwitch(node)) return false;
  if (node.type === 'UnaryExpression' && node.operator === '!' && isNode(node.argument)) {
    const inner = switchValue(node.argument);
    return inner === undefined ? undefined : !inner;
  }
  if (node.type === 'LogicalExpression' && isNode(node.left) && isNode(node.right)) {
    const [left, right] = [switchValue(node.left), switchValue(node.right)];
    if (node.operator === '&&') return left === false || right === false ? false : left && right ? true : undefined;
    if (node.operator === '||')
      return left === true || right === true ? true : left === false && right === false ? false : undefined;
  }
  if (node.type === 'ParenthesizedExpression' && isNode(node.expression)) return switchValue(node.expression);
  return undefined;
}

const exits = (node: unknown): boolean =>
  isNode(node) &&
  (node.type === 'ReturnStatement' ||
    node.type === 'ThrowStatement' ||
    (node.type === 'BlockStatement' && exits((node.body as unknown[]).at(-1))));

/** A statement after `if (<always true>) return …` in the same block never runs. */
function afterAnExit(path: Path): boolean {
  if (path.listKey !== 'body' || typeof path.key !== 'number' || !Array.isArray(path.container)) return false;
  return (path.container as unknown[]).slice(0, path.key).some((sibling) => {
    if (!isNode(sibling) || sibling.type !== 'IfStatement' || !isNode(sibling.test)) return false;
    return switchValue(sibling.test) === true && exits(sibling.consequent);
  });
}

/** The branch of an if or a conditional that never runs with every switch off. */
function deadBranch(path: Path): boolean {
  const parent = path.parentPath?.node;
  if (!parent || (parent.type !== 'IfStatement' && parent.type !== 'ConditionalExpression') || !isNode(parent.test))
    return false;
  const value = switchValue(parent.test);
  return (value === false && path.key === 'consequent') || (value === true && path.key === 'alternate');
}

export class SwitchIgnorer {
  shouldIgnore(path: Path): string | undefined {
    const decided = isNode(path.node) && path.node.type !== 'Identifier' && switchValue(path.node) !== undefined;
    return decided || deadBranch(path) || afterAnExit(path) ? SWITCH_REASON : undefined;
  }
}
