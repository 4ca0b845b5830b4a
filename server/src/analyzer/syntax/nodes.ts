import type { SyntaxNode, SyntaxTree } from './syntax-tree';
import type { TextEdit } from '../finding';
import type { SourceText } from '../source-text';
import { decodeStringNode } from './string-literal';
import { children, namedChildren } from './tree';

export { children, namedChildren };


function sameNode(a: SyntaxNode, b: SyntaxNode): boolean {
  return a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;
}

/** The value of a string literal without interpolations, else undefined. */
export function staticString(node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  const decoded = decodeStringNode(node);
  return decoded?.isComplete ? decoded.value : undefined;
}

/** Key of a JS/TS object `pair` (identifier, string or number key); undefined for computed keys. */
export function pairKey(pair: SyntaxNode): string | undefined {
  const key = pair.childForFieldName('key');
  if (!key) return undefined;
  if (key.type === 'property_identifier' || key.type === 'number') return key.text;
  return staticString(key);
}

/** `a.b.c` for member/attribute chains of plain names, with string subscripts as `a.b["c"]` → `a.b.c`. */
const PLAIN_DOTTED = /^[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*$/;

export function dottedName(node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  // Plain `a.b.c` chains are read from the text: each step through the tree crosses into wasm.
  const text = node.text;
  if (text.length < 200 && PLAIN_DOTTED.test(text)) return text.replace(/\s+/g, '');
  switch (node.type) {
    case 'identifier':
    case 'property_identifier':
    case 'this':
      return node.text;
    case 'member_expression':
    case 'attribute': {
      const object = dottedName(node.childForFieldName('object'));
      const property = node.childForFieldName(node.type === 'attribute' ? 'attribute' : 'property');
      return object && property ? `${object}.${property.text}` : undefined;
    }
    case 'subscript_expression':
    case 'subscript': {
      const object = dottedName(node.childForFieldName(node.type === 'subscript' ? 'value' : 'object'));
      const key = staticString(node.childForFieldName(node.type === 'subscript' ? 'subscript' : 'index'));
      return object && key !== undefined ? `${object}.${key}` : undefined;
    }
    case 'parenthesized_expression': {
      const inner = namedChildren(node);
      return inner.length === 1 ? dottedName(inner[0]) : undefined;
    }
    case 'await_expression':
      // tree-sitter reads `await f<T>(x)` as a call whose function is `await f`.
      return dottedName(namedChildren(node)[0]);
    default:
      return undefined;
  }
}

/** The function a call invokes, seeing through the `await f<T>(x)` parse (function = `await f`). */
export function calleeOf(call: SyntaxNode): SyntaxNode | null {
  const callee = call.childForFieldName(call.type === 'new_expression' ? 'constructor' : 'function');
  return callee?.type === 'await_expression' ? (namedChildren(callee)[0] ?? callee) : callee;
}

/** Characters before a call's arguments that can hold its callee's last name (with type arguments). */
const CALLEE_TAIL = 300;

/**
 * The last name of a call's callee, read backwards from the text before its arguments (`a.b?.c<T>(`
 * → `c`); undefined when it has none (`f()(x)`, `(await g)(x)`). The text is cheaper to read than
 * the callee's subtree, and it runs for every call in the file.
 */
export function calleeLastName(call: SyntaxNode): string | undefined {
  return calleeLastNameOf(call.tree, call.id);
}

/** `calleeLastName` of the call with this id, read from the columns: the engine's callee filter makes no node objects. */
export function calleeLastNameOf(tree: SyntaxTree, id: number): string | undefined {
  const argumentsId = tree.lastChildId(id);
  return argumentsId < 0 ? undefined : calleeLastNameBefore(tree.text, tree.starts[id]!, tree.starts[argumentsId]!);
}

/** `calleeLastName` of a call spanning from `callStart`, whose last child (its arguments) starts at `argumentsStart`. */
function calleeLastNameBefore(text: string, callStart: number, argumentsStart: number): string | undefined {
  if (argumentsStart <= callStart) return undefined;
  const limit = Math.max(callStart, argumentsStart - CALLEE_TAIL);
  let end = skipCalleeTrivia(text, argumentsStart, limit);
  // Type arguments: `f<T, Map<K, V>>(x)`; without parentheses inside, like the callee's own grammar allows here.
  if (end > limit && text.charCodeAt(end - 1) === 0x3e /* > */) {
    // Nested type arguments end in several `>`; the outermost `<` is before the name.
    let depth = 0;
    let index = end - 1;
    for (; index >= limit; index--) {
      const code = text.charCodeAt(index);
      if (code === 0x3e) depth++;
      else if (code === 0x3c && --depth === 0) break;
      else if (code === 0x28 || code === 0x29) return undefined;
    }
    if (index < limit) return undefined;
    end = skipCalleeTrivia(text, index, limit);
  }
  let start = end;
  while (start > limit && isIdentifierPart(text.charCodeAt(start - 1))) start--;
  if (start === end || !isIdentifierStart(text.charCodeAt(start))) return undefined;
  return text.slice(start, end);
}

/** Moves back over whitespace and a `?.` before a call's arguments or type arguments. */
function skipCalleeTrivia(text: string, end: number, limit: number): number {
  let index = end;
  while (index > limit && isSpace(text.charCodeAt(index - 1))) index--;
  if (index - 2 >= limit && text.charCodeAt(index - 1) === 0x2e && text.charCodeAt(index - 2) === 0x3f) {
    index -= 2;
    while (index > limit && isSpace(text.charCodeAt(index - 1))) index--;
  }
  return index;
}

function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0;
}

/** An ASCII identifier's first character (`[A-Za-z_$]`). */
export function isIdentifierStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f || code === 0x24;
}

/** An ASCII identifier's later character (`[A-Za-z0-9_$]`). */
export function isIdentifierPart(code: number): boolean {
  return isIdentifierStart(code) || (code >= 0x30 && code <= 0x39);
}

/** The last segment of a callee: `requests.get` → `get`, `Client` → `Client`. */
export function calleeName(call: SyntaxNode): string | undefined {
  const callee = calleeOf(call);
  if (callee?.type === 'member_expression') return callee.childForFieldName('property')?.text;
  if (callee?.type === 'attribute') return callee.childForFieldName('attribute')?.text;
  if (callee?.type === 'subscript_expression') return staticString(callee.childForFieldName('index'));
  if (callee?.type === 'subscript') return staticString(callee.childForFieldName('subscript'));
  return dottedName(callee);
}

/** Python keyword arguments of a `call`, by name. */
export function keywordArguments(call: SyntaxNode): Map<string, { argument: SyntaxNode; value: SyntaxNode }> {
  const result = new Map<string, { argument: SyntaxNode; value: SyntaxNode }>();
  const list = call.childForFieldName('arguments');
  if (!list) return result;
  for (const argument of namedChildren(list)) {
    if (argument.type !== 'keyword_argument') continue;
    const name = argument.childForFieldName('name');
    const value = argument.childForFieldName('value');
    if (name && value) result.set(name.text, { argument, value });
  }
  return result;
}

export function positionalArguments(call: SyntaxNode): SyntaxNode[] {
  const list = call.childForFieldName('arguments');
  if (!list) return [];
  return namedChildren(list).filter((argument) => argument.type !== 'keyword_argument' && argument.type !== 'comment');
}

/**
 * Range that deletes `item` from a comma-separated list (object members, arguments) and leaves
 * valid, tidy code: the neighbouring comma goes with it, and a line left empty is removed whole
 * (with a trailing line comment, which described the removed item).
 */
export function listItemRemoval(item: SyntaxNode, source: SourceText): { start: number; end: number } {
  const parent = item.parent;
  const siblings = parent ? children(parent) : [];
  const index = siblings.findIndex((sibling) => sameNode(sibling, item));
  const next = siblings[index + 1];
  const previous = siblings[index - 1];
  let start = item.startIndex;
  let end = item.endIndex;
  if (next?.type === ',') {
    end = next.endIndex;
    const following = siblings[index + 2];
    const gap = following ? source.text.slice(end, following.startIndex) : '';
    if (following && following.type !== ',' && /^[ \t]+$/.test(gap)) end = following.startIndex;
  } else if (previous?.type === ',') {
    start = previous.startIndex;
  }
  return widenToWholeLines(start, end, source);
}

/** Range that deletes a statement; widened to whole lines when it stands alone on them. */
export function statementRemoval(statement: SyntaxNode, source: SourceText): { start: number; end: number } {
  return widenToWholeLines(statement.startIndex, statement.endIndex, source);
}

function widenToWholeLines(start: number, end: number, source: SourceText): { start: number; end: number } {
  const { text, lines } = source;
  const startLine = lines.lineOf(start);
  const lineStart = lines.lineStart(startLine);
  if (text.slice(lineStart, start).trim() !== '') return { start, end };
  const endLine = lines.lineOf(end);
  const rest = lines.lineText(endLine).slice(end - lines.lineStart(endLine));
  if (!/^\s*(?:(?:\/\/|#).*)?$/.test(rest)) return { start, end };
  const nextLineStart = endLine + 1 < lines.lineCount ? lines.lineStart(endLine + 1) : text.length;
  return { start: lineStart, end: nextLineStart };
}

/** The statement node directly containing `node` when `node` is the whole statement's expression. */
export function enclosingExpressionStatement(node: SyntaxNode): SyntaxNode | undefined {
  const parent = node.parent;
  return parent?.type === 'expression_statement' && namedChildren(parent).length === 1 ? parent : undefined;
}

/** True when removing `statement` would leave a Python block empty (which is a syntax error). */
export function isOnlyStatementInPythonBlock(statement: SyntaxNode): boolean {
  const block = statement.parent;
  return block?.type === 'block' && namedChildren(block).filter((child) => child.type !== 'comment').length === 1;
}

/**
 * An insertion that appends `item` to a bracketed, comma-separated list (call arguments, object
 * members) in the list's own layout: on a new line when the items sit on their own lines, after a
 * trailing comma when the list has one.
 */
export function listItemAppend(list: SyntaxNode, item: string, source: SourceText): TextEdit {
  const tokens = children(list);
  const open = tokens[0]!;
  const close = tokens[tokens.length - 1]!;
  const items = namedChildren(list).filter((child) => child.type !== 'comment');
  const last = items[items.length - 1];
  if (!last) {
    const padding = list.type === 'object' || list.type === 'dictionary' ? ' ' : '';
    return { start: open.endIndex, end: close.startIndex, newText: `${padding}${item}${padding}` };
  }
  const afterLast = tokens[tokens.findIndex((token) => token.startIndex === last.startIndex && token.endIndex === last.endIndex) + 1];
  const comma = afterLast?.type === ',' ? afterLast : undefined;
  const { lines } = source;
  if (lines.lineOf(close.startIndex) !== lines.lineOf(last.endIndex)) {
    const indentation = source.indentationAt(last.startIndex);
    return comma ? { start: comma.endIndex, end: comma.endIndex, newText: `\n${indentation}${item},` } : { start: last.endIndex, end: last.endIndex, newText: `,\n${indentation}${item}` };
  }
  return comma ? { start: comma.endIndex, end: comma.endIndex, newText: ` ${item}` } : { start: last.endIndex, end: last.endIndex, newText: `, ${item}` };
}

/** Expression wrappers that change neither value nor text that matters: parentheses, `await`, type casts. */
const EXPRESSION_WRAPPERS = new Set(['parenthesized_expression', 'await_expression', 'await', 'as_expression', 'non_null_expression', 'satisfies_expression', 'type_assertion']);

/** The expression inside any parentheses, `await` and TypeScript casts (`(await x) as T` → `x`). */
export function unwrapExpression(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (EXPRESSION_WRAPPERS.has(current.type)) {
    const inner = namedChildren(current).find((child) => child.type !== 'comment' && !child.type.startsWith('type'));
    if (!inner) break;
    current = inner;
  }
  return current;
}

/** A Python `dict` literal's entries by static string key (computed keys are left out). */
export function dictionaryPairs(dictionary: SyntaxNode): Map<string, SyntaxNode> {
  const pairs = new Map<string, SyntaxNode>();
  for (const pair of namedChildren(dictionary)) {
    if (pair.type !== 'pair') continue;
    const key = staticString(pair.childForFieldName('key'));
    if (key !== undefined) pairs.set(key, pair);
  }
  return pairs;
}
