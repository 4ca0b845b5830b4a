import type { SyntaxNode } from '../syntax/syntax-tree';
import { calleeOf, dottedName, namedChildren, positionalArguments } from '../syntax/nodes';
import { decodeStringNode, type DecodedString } from '../syntax/string-literal';

/** Stands for a part of a text that could not be resolved statically (a parameter, a call result). */
export const UNRESOLVED = '\u2026';

/**
 * A stretch of a resolved text: either taken from a string literal (`part`, starting at `partStart`
 * of its decoded value), or an expression that could not be resolved (`hole`, shown as `…`).
 */
export interface TextSegment {
  valueStart: number;
  valueEnd: number;
  part: DecodedString | undefined;
  partStart: number;
  /** Source range of the unresolved expression. */
  hole: { start: number; end: number } | undefined;
}

/**
 * What the model reads, assembled from literals, constants, concatenation, template and f-string
 * substitutions and joins, with a map from every character back to where it is written.
 */
export class ResolvedText {
  constructor(
    readonly value: string,
    readonly segments: readonly TextSegment[],
  ) {}

  static of(part: DecodedString): ResolvedText {
    return new ResolvedText(part.value, [{ valueStart: 0, valueEnd: part.value.length, part, partStart: 0, hole: undefined }]);
  }

  /** Every character came from a literal. */
  get isComplete(): boolean {
    return this.segments.every((segment) => segment.part !== undefined && segment.part.isComplete);
  }

  /** The distinct literals the text is made of, in order. */
  get literals(): DecodedString[] {
    const seen = new Set<DecodedString>();
    for (const segment of this.segments) if (segment.part) seen.add(segment.part);
    return [...seen];
  }

  /**
   * Where the value's [from, to) is written. A range spanning several literals (a constant declared
   * elsewhere, the two sides of a `+`) is narrowed to the literal holding `from`, so the squiggle
   * stays on words the user wrote in one place.
   */
  sourceRange(from: number, to: number): { start: number; end: number } {
    const first = this.segmentAt(from);
    if (!first) {
      const last = this.segments[this.segments.length - 1];
      const anchor = last?.part ? { start: last.part.start, end: last.part.end } : (last?.hole ?? { start: 0, end: 0 });
      return anchor;
    }
    if (!first.part) return first.hole ?? { start: 0, end: 0 };
    const end = Math.min(to, first.valueEnd);
    return first.part.sourceRange(first.partStart + (from - first.valueStart), first.partStart + (Math.max(end, from + 1) - first.valueStart));
  }

  private segmentAt(index: number): TextSegment | undefined {
    return this.segments.find((segment) => index >= segment.valueStart && index < segment.valueEnd);
  }
}

class TextBuilder {
  private value = '';
  private readonly segments: TextSegment[] = [];

  literal(part: DecodedString, from = 0, to = part.value.length): void {
    if (to <= from) return;
    this.segments.push({ valueStart: this.value.length, valueEnd: this.value.length + (to - from), part, partStart: from, hole: undefined });
    this.value += part.value.slice(from, to);
  }

  hole(node: SyntaxNode): void {
    this.segments.push({ valueStart: this.value.length, valueEnd: this.value.length + 1, part: undefined, partStart: 0, hole: { start: node.startIndex, end: node.endIndex } });
    this.value += UNRESOLVED;
  }

  text(resolved: ResolvedText): void {
    const offset = this.value.length;
    for (const segment of resolved.segments) this.segments.push({ ...segment, valueStart: segment.valueStart + offset, valueEnd: segment.valueEnd + offset });
    this.value += resolved.value;
  }

  build(): ResolvedText {
    return new ResolvedText(this.value, this.segments);
  }
}

const MAX_DEPTH = 6;
/** Calls whose result reads like their (first) argument or receiver, for a model: trimming, dedenting. */
const TRANSPARENT_FUNCTIONS = new Set(['dedent', 'textwrap.dedent', 'inspect.cleandoc', 'cleandoc', 'String', 'str', 'outdent', 'stripIndent', 'stripIndents', 'oneLine', 'oneLineTrim']);
const TRANSPARENT_METHODS = new Set(['trim', 'trimStart', 'trimEnd', 'strip', 'lstrip', 'rstrip', 'toString', 'normalize']);
const INTERPOLATIONS = new Set(['template_substitution', 'interpolation']);

/**
 * Resolves string expressions of one file. Constants are looked up by name among the file's
 * single-assignment bindings (`const X = …` anywhere; module-level `X = …` in Python), so a
 * description built from a constant is read as the model reads it.
 */
export class TextResolver {
  private constants: Map<string, SyntaxNode | null> | undefined;

  constructor(
    private readonly root: SyntaxNode,
    private readonly target: 'js-ts' | 'python',
  ) {}

  /** Undefined when the expression is not a string at all (an object, a function, a number). */
  resolve(node: SyntaxNode | null | undefined): ResolvedText | undefined {
    if (!node) return undefined;
    const builder = new TextBuilder();
    return this.append(builder, node, 0, new Set()) ? builder.build() : undefined;
  }

  /** Appends the expression's text; false when the node is clearly not a string. */
  private append(builder: TextBuilder, node: SyntaxNode, depth: number, resolving: Set<string>): boolean {
    if (depth > MAX_DEPTH) {
      builder.hole(node);
      return true;
    }
    switch (node.type) {
      case 'string':
      case 'template_string':
        return this.appendLiteral(builder, node, depth, resolving);
      case 'concatenated_string':
        for (const child of namedChildren(node)) if (child.type !== 'comment') this.append(builder, child, depth + 1, resolving);
        return true;
      case 'parenthesized_expression': {
        const inner = namedChildren(node).filter((child) => child.type !== 'comment');
        if (inner.length !== 1 || !inner[0]) return false;
        return this.append(builder, inner[0], depth + 1, resolving);
      }
      case 'binary_expression':
      case 'binary_operator': {
        const operator = node.childForFieldName('operator');
        if (operator?.type !== '+') return false;
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (!left || !right) return false;
        const leftIsText = this.append(builder, left, depth + 1, resolving);
        const rightIsText = this.append(builder, right, depth + 1, resolving);
        return leftIsText || rightIsText;
      }
      case 'identifier':
        return this.appendConstant(builder, node, depth, resolving);
      case 'call_expression':
      case 'call':
        return this.appendCall(builder, node, depth, resolving);
      case 'as_expression':
      case 'satisfies_expression':
      case 'non_null_expression': {
        const inner = namedChildren(node)[0];
        return inner ? this.append(builder, inner, depth + 1, resolving) : false;
      }
      default:
        return false;
    }
  }

  private appendLiteral(builder: TextBuilder, node: SyntaxNode, depth: number, resolving: Set<string>): boolean {
    const decoded = decodeStringNode(node);
    if (!decoded) return false;
    if (decoded.isComplete) {
      builder.literal(decoded);
      return true;
    }
    // Interleave the literal pieces with the substitutions, resolved where they are constants.
    const substitutions = interpolationsOf(node);
    let consumed = 0;
    for (const substitution of substitutions) {
      const at = valueIndexBefore(decoded, substitution.startIndex);
      builder.literal(decoded, consumed, at);
      consumed = at;
      const expression = substitutionExpression(substitution);
      if (!expression || !this.append(builder, expression, depth + 1, resolving)) builder.hole(substitution);
    }
    builder.literal(decoded, consumed);
    return true;
  }

  private appendConstant(builder: TextBuilder, node: SyntaxNode, depth: number, resolving: Set<string>): boolean {
    const name = node.text;
    const value = resolving.has(name) ? undefined : this.constantValue(name);
    if (!value) {
      builder.hole(node);
      return true;
    }
    resolving.add(name);
    const isText = this.append(builder, value, depth + 1, resolving);
    resolving.delete(name);
    if (!isText) builder.hole(node);
    return true;
  }

  private appendCall(builder: TextBuilder, call: SyntaxNode, depth: number, resolving: Set<string>): boolean {
    const callee = calleeOf(call);
    if (!callee) return false;
    const name = dottedName(callee);
    const args = positionalArguments(call);
    if (name && TRANSPARENT_FUNCTIONS.has(name) && args[0]) return this.append(builder, args[0], depth + 1, resolving);
    const receiver = callee.childForFieldName('object');
    const method = callee.childForFieldName(callee.type === 'attribute' ? 'attribute' : 'property')?.text;
    if (!receiver || !method) {
      builder.hole(call);
      return true;
    }
    if (TRANSPARENT_METHODS.has(method)) return this.append(builder, receiver, depth + 1, resolving);
    // `[a, b].join(sep)` (JS) and `sep.join([a, b])` (Python).
    if (method === 'join') {
      const [list, separator] = this.target === 'python' ? [args[0], receiver] : [receiver, args[0]];
      const items = list && (list.type === 'array' || list.type === 'list' || list.type === 'tuple') ? namedChildren(list).filter((item) => item.type !== 'comment') : undefined;
      if (items) {
        const separatorText = separator ? this.resolve(separator) : undefined;
        items.forEach((item, index) => {
          if (index > 0) {
            if (separatorText) builder.text(separatorText);
            else if (this.target === 'js-ts' && !separator) builder.text(new ResolvedText(',', []));
          }
          if (!this.append(builder, item, depth + 1, resolving)) builder.hole(item);
        });
        return true;
      }
    }
    builder.hole(call);
    return true;
  }

  /** The value a file-level constant is bound to, when it is bound exactly once. */
  constant(name: string): SyntaxNode | undefined {
    return this.constantValue(name);
  }

  private constantValue(name: string): SyntaxNode | undefined {
    this.constants ??= this.target === 'python' ? pythonConstants(this.root) : javascriptConstants(this.root);
    return this.constants.get(name) ?? undefined;
  }
}

/** `const NAME = value` declarators; a name bound twice maps to null (ambiguous). */
function javascriptConstants(root: SyntaxNode): Map<string, SyntaxNode | null> {
  const constants = new Map<string, SyntaxNode | null>();
  for (const declarator of root.descendantsOfType('variable_declarator')) {
    if (!declarator) continue;
    const name = declarator.childForFieldName('name');
    const value = declarator.childForFieldName('value');
    if (name?.type !== 'identifier' || !value) continue;
    const isConst = declarator.parent?.type === 'lexical_declaration' && declarator.parent.firstChild?.type === 'const';
    constants.set(name.text, isConst && !constants.has(name.text) ? value : null);
  }
  return constants;
}

/** Module-level `NAME = value` assignments; a name assigned twice maps to null (ambiguous). */
function pythonConstants(root: SyntaxNode): Map<string, SyntaxNode | null> {
  const constants = new Map<string, SyntaxNode | null>();
  for (const statement of namedChildren(root)) {
    if (statement.type !== 'expression_statement') continue;
    const assignment = namedChildren(statement)[0];
    if (assignment?.type !== 'assignment') continue;
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type !== 'identifier' || !right) continue;
    constants.set(left.text, constants.has(left.text) ? null : right);
  }
  return constants;
}

function interpolationsOf(node: SyntaxNode): SyntaxNode[] {
  return namedChildren(node).filter((child) => INTERPOLATIONS.has(child.type));
}

/** The expression inside `${…}` or `{…}` (without f-string conversions and format specs). */
function substitutionExpression(substitution: SyntaxNode): SyntaxNode | undefined {
  const inner = namedChildren(substitution).filter((child) => child.type !== 'comment' && child.type !== 'type_conversion' && child.type !== 'format_specifier');
  return inner.length === 1 ? inner[0] : undefined;
}

/** How many decoded characters come before the source offset. */
function valueIndexBefore(decoded: DecodedString, sourceOffset: number): number {
  let index = 0;
  for (const piece of decoded.pieces) if (piece.sourceEnd <= sourceOffset) index = piece.valueEnd;
  return index;
}
