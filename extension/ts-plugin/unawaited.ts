/**
 * The commonest slip in an async MPI program: a call that returns a Promise — `comm.recv(0)`,
 * `q.get()`, `p.join()` — used without `await`. Dropped, the program runs on before the call
 * completes and its error is lost; used as a value, it prints `[object Promise]`. This finds such
 * calls to Rankscope's API with the type checker, in the places where a Promise is never what the
 * program meant: an expression statement, a template literal, an arithmetic or comparison
 * operand, and an argument whose parameter does not take a Promise (`console.log(comm.recv(0))`).
 * A Promise kept in a variable, returned, awaited, passed to `Promise.all`, chained with `.then`
 * or discarded with `void` is left alone, and so are calls that return a Request (`comm.irecv()`).
 */
import type * as ts from 'typescript';

/**
 * TypeScript's own code for "Did you forget to use 'await'?". VS Code asks a plugin for quick fixes
 * only for diagnostic codes TypeScript itself has fixes for, so the diagnostic borrows this one.
 */
export const FORGOT_AWAIT = 2773;

export interface UnawaitedCall {
  call: ts.CallExpression;
  /** How the Promise is misused, for the message. */
  use: 'dropped' | 'value';
}

export function findUnawaitedCalls(tsm: typeof ts, checker: ts.TypeChecker, file: ts.SourceFile, isApiFile: (fileName: string) => boolean): UnawaitedCall[] {
  const found: UnawaitedCall[] = [];
  const visit = (node: ts.Node): void => {
    if (tsm.isCallExpression(node)) {
      const use = misuse(tsm, checker, node);
      if (use && returnsApiPromise(checker, node, isApiFile)) found.push({ call: node, use });
    }
    tsm.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

export function unawaitedDiagnostic(tsm: typeof ts, file: ts.SourceFile, { call, use }: UnawaitedCall): ts.Diagnostic {
  const callee = call.expression.getText(file);
  const consequence = use === 'dropped'
    ? 'the program goes on before it completes, and an error it ends with is lost'
    : 'this uses the Promise itself (printed as [object Promise]), not the value it resolves to';
  const start = call.getStart(file);
  return {
    file, start, length: call.getEnd() - start, code: FORGOT_AWAIT, source: 'rankscope',
    category: tsm.DiagnosticCategory.Error,
    messageText: `Did you forget to use 'await'? ${callee}(…) returns a Promise: without 'await', ${consequence}.`,
  };
}

/** The call at exactly [start, end), if any: where the quick fix puts `await`. */
export function callAt(tsm: typeof ts, file: ts.SourceFile, start: number, end: number): ts.CallExpression | undefined {
  let match: ts.CallExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (node.getEnd() < end || node.getStart(file) > start) return;
    if (tsm.isCallExpression(node) && node.getStart(file) === start && node.getEnd() === end) match = node;
    tsm.forEachChild(node, visit);
  };
  visit(file);
  return match;
}

const VALUE_OPERATORS = new Set<ts.SyntaxKind>();

function valueOperators(tsm: typeof ts): Set<ts.SyntaxKind> {
  if (VALUE_OPERATORS.size === 0) {
    const k = tsm.SyntaxKind;
    for (const op of [k.PlusToken, k.MinusToken, k.AsteriskToken, k.SlashToken, k.PercentToken, k.AsteriskAsteriskToken,
      k.LessThanToken, k.LessThanEqualsToken, k.GreaterThanToken, k.GreaterThanEqualsToken,
      k.EqualsEqualsToken, k.EqualsEqualsEqualsToken, k.ExclamationEqualsToken, k.ExclamationEqualsEqualsToken]) VALUE_OPERATORS.add(op);
  }
  return VALUE_OPERATORS;
}

function misuse(tsm: typeof ts, checker: ts.TypeChecker, call: ts.CallExpression): UnawaitedCall['use'] | undefined {
  let node: ts.Node = call;
  while (tsm.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (tsm.isExpressionStatement(parent)) return 'dropped';
  if (tsm.isTemplateSpan(parent)) return 'value';
  if (tsm.isBinaryExpression(parent) && valueOperators(tsm).has(parent.operatorToken.kind)) return 'value';
  if ((tsm.isCallExpression(parent) || tsm.isNewExpression(parent)) && parent.arguments?.includes(node as ts.Expression)) {
    return acceptsPromise(tsm, checker.getContextualType(node as ts.Expression)) ? undefined : 'value';
  }
  return undefined;
}

/** Whether an argument's parameter type is meant to take a Promise (a generic or thenable one does). */
function acceptsPromise(tsm: typeof ts, type: ts.Type | undefined): boolean {
  if (!type || type.flags & (tsm.TypeFlags.Any | tsm.TypeFlags.Unknown)) return false;
  if (type.flags & tsm.TypeFlags.TypeParameter) return true;
  const members = type.isUnion() ? type.types : [type];
  return members.some((t) => t.flags & tsm.TypeFlags.TypeParameter || t.getProperty('then') !== undefined);
}

function returnsApiPromise(checker: ts.TypeChecker, call: ts.CallExpression, isApiFile: (fileName: string) => boolean): boolean {
  const declaration = checker.getResolvedSignature(call)?.getDeclaration();
  if (!declaration || !isApiFile(declaration.getSourceFile().fileName)) return false;
  return checker.getTypeAtLocation(call).getProperty('then') !== undefined;
}
