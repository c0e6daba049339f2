/**
 * The mutation run's ignorers leave out exactly the code the conforming reference never runs
 * (fault and variant switches, and what they decide) and message texts, nothing else.
 */
import { describe, expect, it } from 'vitest';
import type { AstNode, Path } from '../../src/mutation/ast.ts';
import { MESSAGE_REASON, MessageIgnorer } from '../../src/mutation/message-ignorer.ts';
import { SWITCH_REASON, SwitchIgnorer, switchValue } from '../../src/mutation/switch-ignorer.ts';

const id = (name: string): AstNode => ({ type: 'Identifier', name });
const str = (value: string): AstNode => ({ type: 'StringLiteral', value });
const member = (object: AstNode, name: string): AstNode => ({ type: 'MemberExpression', object, property: id(name) });
/** `ctx.on.has('x')`, or `on.has('x')` */
const sw = (viaCtx = true): AstNode => ({
  type: 'CallExpression',
  callee: member(viaCtx ? member(id('ctx'), 'on') : id('on'), 'has'),
  arguments: [str('some-fault')],
});
const not = (argument: AstNode): AstNode => ({ type: 'UnaryExpression', operator: '!', argument });
const and = (left: AstNode, right: AstNode): AstNode => ({ type: 'LogicalExpression', operator: '&&', left, right });
const or = (left: AstNode, right: AstNode): AstNode => ({ type: 'LogicalExpression', operator: '||', left, right });
const other = id('somethingElse');

const path = (node: AstNode, parent?: Path, key: Path['key'] = null, extra: Partial<Path> = {}): Path => ({
  node,
  parentPath: parent ?? null,
  key,
  ...extra,
});

describe('switch values with every switch off', () => {
  it.each([
    ['a switch', sw(), false],
    ['a switch on a bare `on`', sw(false), false],
    ['a negated switch', not(sw()), true],
    ['anything and a switch', and(other, sw()), false],
    ['anything and a negated switch', and(other, not(sw())), undefined],
    ['anything or a negated switch', or(other, not(sw())), true],
    ['anything or a switch', or(other, sw()), undefined],
    ['no switch at all', and(other, other), undefined],
    ['a call of another `has`', { ...sw(), callee: member(id('names'), 'has') }, undefined],
  ] as const)('%s', (_, node, value) => {
    expect(switchValue(node as AstNode)).toBe(value);
  });
});

describe('the switch ignorer', () => {
  const ignorer = new SwitchIgnorer();
  it('ignores a switch and the branch it guards, never the branch that runs', () => {
    const conditional: AstNode = {
      type: 'ConditionalExpression',
      test: sw(),
      consequent: str('a'),
      alternate: str('b'),
    };
    const parent = path(conditional);
    expect(ignorer.shouldIgnore(path(sw(), parent, 'test'))).toBe(SWITCH_REASON);
    expect(ignorer.shouldIgnore(path(str('a'), parent, 'consequent'))).toBe(SWITCH_REASON);
    expect(ignorer.shouldIgnore(path(str('b'), parent, 'alternate'))).toBeUndefined();
    const negated: AstNode = { type: 'IfStatement', test: not(sw()), consequent: other, alternate: str('b') };
    expect(ignorer.shouldIgnore(path(other, path(negated), 'consequent'))).toBeUndefined();
    expect(ignorer.shouldIgnore(path(str('b'), path(negated), 'alternate'))).toBe(SWITCH_REASON);
  });

  it('ignores what follows `if (!switch) return` in the same block, and nothing else', () => {
    const exit: AstNode = { type: 'IfStatement', test: not(sw()), consequent: { type: 'ReturnStatement' } };
    const later = { type: 'ExpressionStatement', expression: other };
    const body = [exit, later];
    expect(ignorer.shouldIgnore(path(later, undefined, 1, { listKey: 'body', container: body }))).toBe(SWITCH_REASON);
    const guard: AstNode = { ...exit, test: not(other) };
    const plain = [guard, later];
    expect(ignorer.shouldIgnore(path(later, undefined, 1, { listKey: 'body', container: plain }))).toBeUndefined();
  });

  it('keeps code that no switch decides', () => {
    expect(ignorer.shouldIgnore(path(and(other, not(sw()))))).toBeUndefined();
    expect(ignorer.shouldIgnore(path(other))).toBeUndefined();
  });
});

describe('the message ignorer', () => {
  const ignorer = new MessageIgnorer();
  const args = (callee: string, type = 'NewExpression') => path({ type, callee: id(callee), arguments: [] });
  it('ignores the texts errors and error answers are made with', () => {
    const writers = [args('sendError', 'CallExpression'), args('writeError', 'CallExpression')];
    for (const parent of [args('HttpError'), args('Error'), args('BadRequest'), ...writers]) {
      expect(ignorer.shouldIgnore(path(str('x'), parent, 0, { listKey: 'arguments' }))).toBe(MESSAGE_REASON);
      const template = { type: 'TemplateLiteral' };
      expect(ignorer.shouldIgnore(path(template, parent, 1, { listKey: 'arguments' }))).toBe(MESSAGE_REASON);
    }
  });

  it('keeps every other text and every non-text argument', () => {
    expect(
      ignorer.shouldIgnore(path(str('x'), args('sendJson', 'CallExpression'), 0, { listKey: 'arguments' })),
    ).toBeUndefined();
    expect(ignorer.shouldIgnore(path(id('status'), args('HttpError'), 0, { listKey: 'arguments' }))).toBeUndefined();
    expect(ignorer.shouldIgnore(path(str('x')))).toBeUndefined();
  });
});
