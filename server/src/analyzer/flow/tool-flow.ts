import type { SyntaxNode } from '../syntax/syntax-tree';
import { calleeOf, dottedName, positionalArguments, staticString, unwrapExpression } from '../syntax/nodes';
import { children, namedChildren } from '../syntax/tree';
import { ImportTable } from './imports';
import { ALL_SINK_KINDS, kindsSafeUnderPattern, type SinkKind } from './kinds';
import { findToolHandlers, FUNCTION_TYPES, localFunctions, patternBindings, type ToolHandler } from './tool-handlers';

/** Where tainted data comes from: a tool input, or (inside a helper) one of the helper's parameters. */
type TaintSource = { kind: 'input'; name: string; handler: ToolHandler } | { kind: 'parameter'; function: SyntaxNode; index: number };

interface Taint {
  sources: readonly TaintSource[];
  /** Sink kinds this value has been made safe for (sanitizer calls, guards, schema constraints). */
  safeFor: ReadonlySet<SinkKind>;
  /** Produced by path resolution, so a `startsWith(root)` check really contains it. */
  resolvedPath: boolean;
}

/** A tool input that reaches a sink, and the helper calls it travelled through. */
export interface TaintedInput {
  name: string;
  toolName: string | undefined;
  handler: ToolHandler;
  /** Calls from the handler down to the function holding the sink (empty when the sink is in the handler). */
  via: readonly SyntaxNode[];
}

const NO_KINDS: ReadonlySet<SinkKind> = new Set();

function union(taints: ReadonlyArray<Taint | undefined>): Taint | undefined {
  const present = taints.filter((taint): taint is Taint => taint !== undefined);
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  const sources = present.flatMap((taint) => taint.sources);
  // A combination is only as safe as its least safe part.
  const safeFor = new Set(ALL_SINK_KINDS.filter((kind) => present.every((taint) => taint.safeFor.has(kind))));
  return { sources, safeFor, resolvedPath: present.every((taint) => taint.resolvedPath) };
}

function withSafety(taint: Taint | undefined, kinds: Iterable<SinkKind>, resolvedPath?: boolean): Taint | undefined {
  if (!taint) return undefined;
  const safeFor = new Set([...taint.safeFor, ...kinds]);
  if (safeFor.size === ALL_SINK_KINDS.length) return undefined;
  return { sources: taint.sources, safeFor, resolvedPath: resolvedPath ?? taint.resolvedPath };
}

const BLOCK_TYPES = new Set(['statement_block', 'block', 'program', 'module', 'switch_body', 'class_body']);
/** Beyond unwrapExpression's wrappers, the taint of `...x`, `*x`, `**x` and `key=x` is the taint of x. */
const ARGUMENT_WRAPPERS = new Set(['spread_element', 'list_splat', 'dictionary_splat', 'keyword_argument']);
/** Methods of a tainted receiver whose result carries no attacker text (booleans, numbers). */
const UNTAINTING_METHODS = new Set(['includes', 'startsWith', 'endsWith', 'indexOf', 'lastIndexOf', 'test', 'has', 'localeCompare', 'charCodeAt', 'codePointAt', 'search', 'startswith', 'endswith', 'isdigit', 'isdecimal', 'isnumeric', 'isalpha', 'isalnum', 'isidentifier', 'isspace', 'count', 'find', 'index', 'rfind', 'is_relative_to', 'exists', 'is_file', 'is_dir']);
/** Methods whose arguments flow into the result even when the receiver is a constant. */
const ARGUMENT_PROPAGATING_METHODS = new Set(['concat', 'replace', 'replaceAll', 'join', 'format', 'joinpath', 'with_name', 'with_suffix', 'resolve', 'from']);
const RESOLVING_CALLS = new Set(['path.resolve', 'path.normalize', 'fs.realpathSync', 'fs.realpath', 'fs.promises.realpath', 'fs/promises.realpath', 'os.path.abspath', 'os.path.normpath', 'os.path.realpath']);
const PROPAGATING_CALLS = new Set([
  'path.join', 'path.dirname', 'path.extname', 'path.relative', 'path.format', 'path.parse',
  'os.path.join', 'os.path.dirname', 'os.path.expanduser', 'os.path.splitext', 'os.path.relpath',
  'pathlib.Path', 'pathlib.PurePath', 'pathlib.PosixPath', 'urllib.request.Request', 'urllib.parse.urlparse', 'urllib.parse.urlsplit', 'urllib.parse.urljoin', 'urllib.parse.unquote',
  'url.parse', 'querystring.parse', 'util.format', 'json.loads', 'yaml.safe_load', 'yaml.load', 'base64.b64decode', 'codecs.decode', 'textwrap.dedent',
  // Decoders hand the attacker's bytes on unchanged in substance.
  'bytes.fromhex', 'binascii.unhexlify', 'binascii.a2b_base64', 'binascii.a2b_hex', 'base64.urlsafe_b64decode', 'base64.b32decode', 'base64.b85decode',
  'base64.decodebytes', 'zlib.decompress', 'gzip.decompress', 'bz2.decompress', 'lzma.decompress', 'io.BytesIO', 'io.StringIO',
]);
const GLOBAL_PROPAGATORS = new Set(['String', 'encodeURI', 'decodeURIComponent', 'decodeURI', 'unescape', 'atob', 'btoa', 'JSON.stringify', 'JSON.parse', 'Buffer.from', 'Array.from', 'Object.values', 'Object.entries', 'Object.keys', 'str', 'repr', 'list', 'tuple', 'set', 'sorted', 'reversed', 'dict', 'bytes', 'Path', 'PurePath', 'URL', 'Request', 'urlparse', 'urlsplit', 'urljoin', 'unquote', 'dedent', 'cast']);
const UNTAINTING_CALLS = new Set(['Number', 'parseInt', 'parseFloat', 'Boolean', 'Math.abs', 'Math.floor', 'Math.min', 'Math.max', 'Math.round', 'int', 'float', 'bool', 'len', 'isinstance', 'hash', 'abs', 'round', 'ord', 'uuid.UUID', 'UUID']);
/** Calls that make a value safe for some sink kinds. */
const SANITIZING_CALLS: ReadonlyMap<string, readonly SinkKind[]> = new Map<string, readonly SinkKind[]>([
  ['shlex.quote', ['command']],
  ['shlex.join', ['command']],
  ['pipes.quote', ['command']],
  ['shell-quote.quote', ['command']],
  ['path.basename', ['path']],
  ['os.path.basename', ['path']],
  ['encodeURIComponent', ['command', 'sql', 'code']],
  ['urllib.parse.quote', ['command', 'sql', 'code']],
  ['urllib.parse.quote_plus', ['command', 'sql', 'code']],
  ['quote_plus', ['command', 'sql', 'code']],
  ['html.escape', ['code']],
  ['escapeshellarg', ['command']],
  ['sqlstring.escape', ['sql']],
  ['mysql.escape', ['sql']],
  ['pg-format', ['sql']],
  ['secure_filename', ['path', 'command']],
  ['werkzeug.utils.secure_filename', ['path', 'command']],
]);
/** Attributes of a tainted path object that are single file names (no separators). */
const PATH_SAFE_ATTRIBUTES = new Set(['name', 'stem', 'suffix']);
const ARRAY_CALLBACK_METHODS = new Set(['map', 'forEach', 'filter', 'flatMap', 'some', 'every', 'find', 'findIndex', 'reduce']);
// Only the parts that name the server: a scheme check (`protocol !== 'https:'`) says nothing about where.
/** Nodes that bind names or guard values, i.e. everything collectNode looks at. */
const COLLECTED_TYPES = [
  'variable_declarator', 'assignment_expression', 'assignment', 'named_expression', 'augmented_assignment_expression', 'augmented_assignment',
  'for_in_statement', 'for_statement', 'for_in_clause', 'as_pattern', 'call_expression', 'if_statement', 'elif_clause', 'while_statement',
  'ternary_expression', 'conditional_expression', 'assert_statement', 'switch_statement',
];
const URL_PARTS = new Set(['hostname', 'host', 'origin', 'netloc']);
const FUNCTION_TYPE_LIST = [...FUNCTION_TYPES];

interface Definition {
  position: number;
  /** The block of the defining statement, to tell unconditional definitions from conditional ones. */
  block: SyntaxNode | undefined;
  compute: () => Taint | undefined;
  value?: Taint | undefined;
  state: 'new' | 'computing' | 'done';
  /** The defining expression, when a name is bound to exactly one (for `const u = new URL(x)`). */
  expression: SyntaxNode | undefined;
}

interface Guard {
  key: string;
  position: number;
  kinds: ReadonlySet<SinkKind> | 'containment';
}

function enclosingBlock(node: SyntaxNode): SyntaxNode | undefined {
  return node.closestAncestor(BLOCK_TYPES) ?? undefined;
}

function unwrap(node: SyntaxNode): SyntaxNode {
  let current = unwrapExpression(node);
  while (ARGUMENT_WRAPPERS.has(current.type)) {
    const inner = current.type === 'keyword_argument' ? current.childForFieldName('value') : namedChildren(current).find((child) => child.type !== 'comment');
    if (!inner) break;
    current = unwrapExpression(inner);
  }
  return current;
}

function isLiteral(node: SyntaxNode): boolean {
  const inner = unwrap(node);
  return ['string', 'number', 'integer', 'float', 'true', 'false', 'none', 'null', 'undefined'].includes(inner.type) && (inner.type !== 'string' || staticString(inner) !== undefined);
}

/** The names and the flow of one function (a handler or a local helper) of the file. */
class Scope {
  private readonly definitions = new Map<string, Definition[]>();
  private readonly guards: Guard[] = [];

  constructor(
    readonly fn: SyntaxNode,
    private readonly flow: ToolFlow,
    readonly handler: ToolHandler | undefined,
  ) {
    this.collectParameters();
    this.collect(fn.childForFieldName('body') ?? fn);
  }

  /** Taint of an expression evaluated where it stands in this function. */
  evaluate(expression: SyntaxNode): Taint | undefined {
    const node = unwrap(expression);
    switch (node.type) {
      case 'identifier':
      case 'shorthand_property_identifier':
        return this.lookup(node.text, node);
      case 'member_expression':
      case 'attribute':
      case 'subscript_expression':
      case 'subscript':
        return this.evaluateMember(node);
      case 'template_string':
      case 'string':
      case 'concatenated_string':
        return union(namedChildren(node).filter((child) => child.type !== 'string_start' && child.type !== 'string_end').map((child) => this.evaluate(child)));
      case 'template_substitution':
      case 'interpolation':
        return union(namedChildren(node).map((child) => (child.type === 'format_specifier' ? undefined : this.evaluate(child))));
      case 'string_content':
      case 'string_fragment':
      case 'escape_sequence':
        return undefined;
      case 'binary_expression':
      case 'binary_operator':
      case 'boolean_operator':
        return union([node.childForFieldName('left'), node.childForFieldName('right')].map((side) => (side ? this.evaluate(side) : undefined)));
      case 'ternary_expression':
      case 'conditional_expression': {
        const branches = node.type === 'ternary_expression' ? [node.childForFieldName('consequence'), node.childForFieldName('alternative')] : namedChildren(node).slice(0, 1).concat(namedChildren(node).slice(2));
        return union(branches.map((branch) => (branch ? this.evaluate(branch) : undefined)));
      }
      case 'array':
      case 'list':
      case 'tuple':
      case 'set':
      case 'expression_list':
      case 'object':
      case 'dictionary':
      case 'pair':
        return union(namedChildren(node).map((child) => (child.type === 'comment' ? undefined : this.evaluate(child.type === 'pair' ? (child.childForFieldName('value') ?? child) : child))));
      case 'list_comprehension':
      case 'generator_expression':
      case 'set_comprehension':
        return this.evaluate(namedChildren(node)[0] ?? node);
      case 'call_expression':
      case 'call':
      case 'new_expression':
        return this.evaluateCall(node);
      default:
        return undefined;
    }
  }

  /** The guard-adjusted taint of a name at `use`. */
  private lookup(name: string, use: SyntaxNode): Taint | undefined {
    const reaching = this.reachingDefinitions(name, use);
    const taint = union(reaching.map((definition) => this.valueOf(definition)));
    return this.applyGuards(name, use.startIndex, taint);
  }

  /** The expression a name was last bound to before `use`, when that binding is unconditional. */
  definingExpression(name: string, use: SyntaxNode): SyntaxNode | undefined {
    const reaching = this.reachingDefinitions(name, use);
    return reaching.length === 1 ? reaching[0]!.expression : undefined;
  }

  private reachingDefinitions(name: string, use: SyntaxNode): Definition[] {
    const definitions = this.definitions.get(name);
    if (!definitions) return [];
    const reaching: Definition[] = [];
    for (let i = definitions.length - 1; i >= 0; i--) {
      const definition = definitions[i]!;
      if (definition.position >= use.startIndex) continue;
      reaching.push(definition);
      // A definition in a block enclosing the use always runs before it: older ones are dead.
      if (!definition.block || definition.block.contains(use)) break;
    }
    return reaching;
  }

  private valueOf(definition: Definition): Taint | undefined {
    if (definition.state === 'done') return definition.value;
    if (definition.state === 'computing') return undefined;
    definition.state = 'computing';
    definition.value = definition.compute();
    definition.state = 'done';
    return definition.value;
  }

  private applyGuards(key: string, position: number, taint: Taint | undefined): Taint | undefined {
    if (!taint) return undefined;
    const kinds = new Set<SinkKind>();
    let contained = false;
    for (const guard of this.guards) {
      if (guard.key !== key || guard.position >= position) continue;
      if (guard.kinds === 'containment') contained = true;
      else for (const kind of guard.kinds) kinds.add(kind);
    }
    if (contained && taint.resolvedPath) kinds.add('path');
    return kinds.size > 0 ? withSafety(taint, kinds) : taint;
  }

  private evaluateMember(node: SyntaxNode): Taint | undefined {
    const isAttribute = node.type === 'attribute';
    const object = node.childForFieldName(node.type === 'subscript' ? 'value' : 'object');
    if (!object) return undefined;
    const property = isAttribute ? node.childForFieldName('attribute')?.text : node.type === 'member_expression' ? node.childForFieldName('property')?.text : staticString(node.childForFieldName(node.type === 'subscript' ? 'subscript' : 'index'));
    const root = dottedName(object);
    // `request.params.…` of a low-level tools/call handler.
    const path = dottedName(node);
    if (path && this.handler) {
      for (const requestName of this.handler.requestNames) {
        if (path.startsWith(`${requestName}.params`)) {
          return this.applyGuards(path, node.startIndex, { sources: [{ kind: 'input', name: path.slice(`${requestName}.params.`.length).replace(/^arguments\./, '') || 'params', handler: this.handler }], safeFor: NO_KINDS, resolvedPath: false });
        }
      }
    }
    let taint = this.evaluate(object);
    if (!taint) return undefined;
    if (root && property !== undefined && this.handler?.inputs.has(root)) {
      const constrained = this.handler.constrainedProperties.get(root)?.get(property);
      if (constrained) taint = withSafety(taint, constrained);
      if (taint) taint = { ...taint, sources: taint.sources.map((source) => (source.kind === 'input' && source.name === root ? { ...source, name: `${root}.${property}` } : source)) };
    }
    if (isAttribute && property && PATH_SAFE_ATTRIBUTES.has(property)) taint = withSafety(taint, ['path']);
    if (property && (property === 'length' || property === 'size')) return undefined;
    return path ? this.applyGuards(path, node.startIndex, taint) : taint;
  }

  private evaluateCall(node: SyntaxNode): Taint | undefined {
    const callee = calleeOf(node);
    if (!callee) return undefined;
    const argumentsNode = node.childForFieldName('arguments');
    const args = argumentsNode ? namedChildren(argumentsNode).filter((child) => child.type !== 'comment') : [];
    const argumentTaint = () => union(args.map((argument) => this.evaluate(argument)));
    const qualified = this.flow.imports.qualify(callee) ?? dottedName(callee);

    if (qualified) {
      if (UNTAINTING_CALLS.has(qualified)) return undefined;
      const sanitizes = SANITIZING_CALLS.get(qualified) ?? SANITIZING_CALLS.get(qualified.slice(qualified.lastIndexOf('.') + 1));
      if (sanitizes) return withSafety(argumentTaint(), sanitizes);
      if (RESOLVING_CALLS.has(qualified)) return withSafety(argumentTaint(), [], true);
      if (PROPAGATING_CALLS.has(qualified) || GLOBAL_PROPAGATORS.has(qualified)) return argumentTaint();
    }
    if (callee.type === 'identifier') {
      const helper = this.flow.functions.get(callee.text);
      if (helper) return this.flow.callResult(helper, args.map((argument) => this.evaluate(argument)));
      return undefined;
    }
    if (callee.type === 'member_expression' || callee.type === 'attribute') {
      const method = callee.childForFieldName(callee.type === 'attribute' ? 'attribute' : 'property')?.text ?? '';
      const receiver = callee.childForFieldName('object');
      const receiverTaint = receiver ? this.evaluate(receiver) : undefined;
      if (UNTAINTING_METHODS.has(method)) return undefined;
      if (method === 'resolve' && receiverTaint) return withSafety(receiverTaint, [], true);
      if (receiverTaint) return union([receiverTaint, ARGUMENT_PROPAGATING_METHODS.has(method) ? argumentTaint() : undefined]);
      if (ARGUMENT_PROPAGATING_METHODS.has(method)) return argumentTaint();
    }
    return undefined;
  }

  /** A binding that takes effect at `position`, made by a statement inside `anchor`'s block. */
  private define(name: string, position: number, anchor: SyntaxNode, compute: () => Taint | undefined, expression?: SyntaxNode): void {
    const list = this.definitions.get(name) ?? [];
    list.push({ position, block: enclosingBlock(anchor), compute, state: 'new', expression });
    this.definitions.set(name, list);
  }

  private bindPattern(pattern: SyntaxNode, anchor: SyntaxNode, compute: () => Taint | undefined, expression?: SyntaxNode, position = anchor.endIndex): void {
    if (pattern.type === 'identifier') {
      this.define(pattern.text, position, anchor, compute, expression);
      return;
    }
    for (const binding of patternBindings(pattern)) this.define(binding.name, position, anchor, compute);
    // Python tuple targets.
    if (pattern.type === 'pattern_list' || pattern.type === 'tuple_pattern' || pattern.type === 'list_pattern') {
      for (const element of namedChildren(pattern)) this.bindPattern(element, anchor, compute, undefined, position);
    }
  }

  private collectParameters(): void {
    if (this.handler) {
      for (const [name, safe] of this.handler.inputs) {
        const handler = this.handler;
        this.definitions.set(name, [{ position: this.fn.startIndex, block: undefined, compute: () => ({ sources: [{ kind: 'input', name, handler }], safeFor: safe, resolvedPath: false }), state: 'new', expression: undefined }]);
      }
      return;
    }
    const parameters = this.fn.childForFieldName('parameters') ?? this.fn.childForFieldName('parameter');
    const list = parameters ? (parameters.type === 'identifier' ? [parameters] : namedChildren(parameters).filter((child) => child.type !== 'comment')) : [];
    list.forEach((parameter, index) => {
      const source: Taint = { sources: [{ kind: 'parameter', function: this.fn, index }], safeFor: NO_KINDS, resolvedPath: false };
      const pattern = parameter.childForFieldName('pattern') ?? parameter.childForFieldName('name') ?? parameter.childForFieldName('left') ?? parameter;
      const names = pattern.type === 'identifier' ? [pattern.text] : [...patternBindings(pattern).map((binding) => binding.name), ...namedChildren(pattern).filter((child) => child.type === 'identifier').map((child) => child.text)];
      for (const name of names) this.definitions.set(name, [{ position: this.fn.startIndex, block: undefined, compute: () => source, state: 'new', expression: undefined }]);
    });
  }

  /** Records definitions and guards of the function body, not descending into other scopes. */
  private collect(body: SyntaxNode): void {
    // tree-sitter selects the interesting nodes inside wasm; nested handlers and helpers are scopes
    // of their own, so what lies inside them is skipped by range.
    const nested = body
      .descendantsOfType(FUNCTION_TYPE_LIST)
      .filter((node): node is SyntaxNode => node !== null && node.id !== this.fn.id && this.flow.isScopeFunction(node));
    const inNested = (node: SyntaxNode) => nested.some((fn) => fn.startIndex <= node.startIndex && node.endIndex <= fn.endIndex);
    for (const node of body.descendantsOfType(COLLECTED_TYPES)) {
      if (node && !inNested(node)) this.collectNode(node);
    }
  }

  private collectNode(node: SyntaxNode): void {
    switch (node.type) {
      case 'variable_declarator': {
        const name = node.childForFieldName('name');
        const value = node.childForFieldName('value');
        if (name && value) this.bindPattern(name, node, () => this.evaluate(value), value);
        break;
      }
      case 'assignment_expression':
      case 'assignment':
      case 'named_expression': {
        const left = node.childForFieldName(node.type === 'named_expression' ? 'name' : 'left');
        const right = node.childForFieldName(node.type === 'named_expression' ? 'value' : 'right');
        if (!left || !right) break;
        if (left.type === 'identifier' || left.type.endsWith('pattern') || left.type === 'pattern_list') {
          const pairs = left.type === 'pattern_list' && right.type === 'expression_list' && namedChildren(left).length === namedChildren(right).length;
          if (pairs) namedChildren(left).forEach((element, i) => this.bindPattern(element, node, () => this.evaluate(namedChildren(right)[i]!), namedChildren(right)[i]));
          else this.bindPattern(left, node, () => this.evaluate(right), right);
        }
        break;
      }
      case 'augmented_assignment_expression':
      case 'augmented_assignment': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (left?.type === 'identifier' && right) this.define(left.text, node.endIndex, node, () => union([this.lookup(left.text, node), this.evaluate(right)]));
        break;
      }
      case 'for_in_statement':
      case 'for_statement':
      case 'for_in_clause': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (left && right) {
          const pattern = left.type === 'lexical_declaration' || left.type === 'variable_declaration' ? (namedChildren(left)[0]?.childForFieldName('name') ?? left) : left;
          this.bindPattern(pattern, right, () => this.evaluate(right));
        }
        break;
      }
      case 'as_pattern': {
        const value = namedChildren(node)[0];
        const alias = node.childForFieldName('alias');
        const target = alias ? (namedChildren(alias)[0] ?? alias) : undefined;
        if (value && target) this.bindPattern(target, node, () => this.evaluate(value), value);
        break;
      }
      case 'call_expression':
        this.collectCallbackParameters(node);
        break;
      case 'if_statement':
      case 'elif_clause':
      case 'while_statement':
      case 'ternary_expression':
      case 'conditional_expression':
      case 'assert_statement': {
        const condition = node.childForFieldName('condition') ?? (node.type === 'assert_statement' ? namedChildren(node)[0] : node.type === 'conditional_expression' ? namedChildren(node)[1] : undefined);
        if (condition) this.collectGuards(condition, node.startIndex);
        break;
      }
      case 'switch_statement': {
        const value = node.childForFieldName('value');
        if (value) this.addGuard(value, ALL_SINK_KINDS, node.startIndex);
        break;
      }
    }
  }

  /** `items.map((item) => …)`: the callback's first parameter is an element of the receiver. */
  private collectCallbackParameters(call: SyntaxNode): void {
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'member_expression') return;
    const method = callee.childForFieldName('property')?.text;
    if (!method || !ARRAY_CALLBACK_METHODS.has(method)) return;
    const receiver = callee.childForFieldName('object');
    const callback = positionalArguments(call)[0];
    if (!receiver || !callback || !FUNCTION_TYPES.has(callback.type)) return;
    const parameters = callback.childForFieldName('parameters') ?? callback.childForFieldName('parameter');
    const first = parameters?.type === 'identifier' ? parameters : parameters ? namedChildren(parameters)[method === 'reduce' ? 1 : 0] : undefined;
    const pattern = first ? (first.childForFieldName('pattern') ?? first) : undefined;
    // The parameter is bound when the callback starts, i.e. before anything in its body.
    if (pattern) this.bindPattern(pattern, callback, () => this.evaluate(receiver), undefined, callback.startIndex);
  }

  private collectGuards(condition: SyntaxNode, position: number): void {
    const node = unwrap(condition);
    switch (node.type) {
      case 'binary_expression': {
        const operator = node.childForFieldName('operator')?.type ?? '';
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (!left || !right) return;
        if (operator === '&&' || operator === '||') {
          this.collectGuards(left, position);
          this.collectGuards(right, position);
        } else if (['===', '==', '!==', '!='].includes(operator)) {
          if (isLiteral(right)) this.addGuard(left, ALL_SINK_KINDS, position);
          else if (isLiteral(left)) this.addGuard(right, ALL_SINK_KINDS, position);
        }
        return;
      }
      case 'boolean_operator':
        for (const side of [node.childForFieldName('left'), node.childForFieldName('right')]) if (side) this.collectGuards(side, position);
        return;
      case 'unary_expression':
      case 'not_operator': {
        const operand = node.childForFieldName('argument') ?? namedChildren(node)[0];
        if (operand) this.collectGuards(operand, position);
        return;
      }
      case 'comparison_operator': {
        const operands = namedChildren(node);
        const operators = children(node).filter((child) => !child.isNamed).map((child) => child.type);
        const [left, right] = operands;
        if (!left || !right) return;
        if (operators.includes('in') || operators.includes('not in') || operators.includes('not')) this.addGuard(left, ALL_SINK_KINDS, position);
        else if (operators.some((operator) => operator === '==' || operator === '!=')) {
          if (isLiteral(right)) this.addGuard(left, ALL_SINK_KINDS, position);
          else if (isLiteral(left)) this.addGuard(right, ALL_SINK_KINDS, position);
          else this.collectCommonPathGuard(left, right, position);
        }
        return;
      }
      case 'call_expression':
      case 'call':
        this.collectCallGuard(node, position);
        return;
    }
  }

  private collectCallGuard(call: SyntaxNode, position: number): void {
    const callee = call.childForFieldName('function');
    const args = positionalArguments(call);
    const qualified = this.flow.imports.qualify(callee) ?? dottedName(callee) ?? '';
    if (callee?.type === 'member_expression' || callee?.type === 'attribute') {
      const method = callee.childForFieldName(callee.type === 'attribute' ? 'attribute' : 'property')?.text ?? '';
      const receiver = callee.childForFieldName('object');
      if ((method === 'includes' || method === 'has' || method === 'indexOf') && args[0]) this.addGuard(args[0], ALL_SINK_KINDS, position);
      else if (method === 'test' && receiver?.type === 'regex' && args[0]) this.addGuard(args[0], kindsSafeUnderPattern(receiver.childForFieldName('pattern')?.text ?? ''), position);
      else if ((method === 'startsWith' || method === 'startswith' || method === 'is_relative_to') && receiver) this.addContainment(receiver, position);
      else if (['isalnum', 'isdigit', 'isdecimal', 'isnumeric', 'isalpha', 'isidentifier'].includes(method) && receiver) this.addGuard(receiver, ALL_SINK_KINDS, position);
      if (!['re.match', 're.fullmatch', 'regex.match', 'regex.fullmatch'].includes(qualified)) return;
    }
    if ((qualified === 're.fullmatch' || qualified === 're.match') && args[1]) {
      const pattern = staticString(args[0]) ?? '';
      const anchored = qualified === 're.fullmatch' ? `^${pattern.replace(/^\^/, '').replace(/\$$/, '')}$` : pattern;
      this.addGuard(args[1], kindsSafeUnderPattern(anchored), position);
    }
  }

  /** `os.path.commonpath([full, root]) == root`. */
  private collectCommonPathGuard(left: SyntaxNode, right: SyntaxNode, position: number): void {
    for (const side of [left, right]) {
      const inner = unwrap(side);
      if ((inner.type === 'call' || inner.type === 'call_expression') && /commonpath$/.test(this.flow.imports.qualify(inner.childForFieldName('function')) ?? dottedName(inner.childForFieldName('function')) ?? '')) {
        const list = positionalArguments(inner)[0];
        for (const element of list ? namedChildren(list) : []) this.addContainment(element, position);
      }
    }
  }

  private addContainment(subject: SyntaxNode, position: number): void {
    const inner = unwrap(subject);
    // `str(full).startswith(...)`
    const target = (inner.type === 'call' || inner.type === 'call_expression') && ['str', 'String'].includes(dottedName(inner.childForFieldName('function')) ?? '') ? positionalArguments(inner)[0] : inner;
    const key = target ? dottedName(target) : undefined;
    if (key) this.guards.push({ key, position, kinds: 'containment' });
  }

  /** A membership or equality test of `subject`; a test of a URL's host guards the URL (and what it was parsed from) for SSRF only. */
  private addGuard(subject: SyntaxNode, kinds: Iterable<SinkKind>, position: number): void {
    const inner = unwrap(subject);
    const property = inner.type === 'member_expression' ? inner.childForFieldName('property')?.text : inner.type === 'attribute' ? inner.childForFieldName('attribute')?.text : undefined;
    if (property && URL_PARTS.has(property)) {
      const object = unwrap(inner.childForFieldName('object')!);
      for (const key of this.urlKeys(object, inner)) this.guards.push({ key, position, kinds: new Set<SinkKind>(['url']) });
      return;
    }
    const key = dottedName(inner);
    if (key) this.guards.push({ key, position, kinds: new Set(kinds) });
  }

  /** Names a URL object stands for: itself, and the string it was parsed from (`new URL(raw)`, `urlparse(raw)`). */
  private urlKeys(object: SyntaxNode, use: SyntaxNode): string[] {
    const keys: string[] = [];
    const parsedFrom = (expression: SyntaxNode | undefined) => {
      const inner = expression ? unwrap(expression) : undefined;
      if (inner && ['new_expression', 'call_expression', 'call'].includes(inner.type)) {
        const source = positionalArguments(inner)[0];
        const key = source ? dottedName(source) : undefined;
        if (key) keys.push(key);
      }
    };
    const name = dottedName(object);
    if (name) {
      keys.push(name);
      parsedFrom(this.definingExpression(name, use));
    } else {
      parsedFrom(object);
    }
    return keys;
  }

  /** Taint of the function's return values (arrow bodies included). */
  returnTaint(): Taint | undefined {
    const body = this.fn.childForFieldName('body');
    if (body && body.type !== 'statement_block' && body.type !== 'block') return this.evaluate(body);
    const returns: SyntaxNode[] = [];
    const visit = (node: SyntaxNode) => {
      for (const child of namedChildren(node)) {
        if (FUNCTION_TYPES.has(child.type)) continue;
        if (child.type === 'return_statement') returns.push(child);
        visit(child);
      }
    };
    if (body) visit(body);
    return union(returns.map((statement) => (namedChildren(statement)[0] ? this.evaluate(namedChildren(statement)[0]!) : undefined)));
  }
}

/**
 * The tool-handler model of one file: where tool arguments enter, and how they flow through
 * assignments, string building, path and URL helpers and local helper functions. Built once per
 * file on first use and shared by every rule that asks.
 */
export class ToolFlow {
  readonly imports: ImportTable;
  readonly functions: Map<string, SyntaxNode>;
  readonly handlers: ToolHandler[];
  private readonly scopes = new Map<number, Scope>();
  private readonly handlerByFunction = new Map<number, ToolHandler>();
  private readonly scopeFunctionIds = new Set<number>();
  private readonly summaries = new Map<number, Taint | undefined | 'computing'>();
  private callSites: Map<number, SyntaxNode[]> | undefined;

  constructor(
    private readonly root: SyntaxNode,
    readonly target: 'js-ts' | 'python',
    imports?: ImportTable,
  ) {
    this.imports = imports ?? (target === 'python' ? ImportTable.ofPython(root) : ImportTable.ofJavaScript(root));
    this.functions = localFunctions(root);
    this.handlers = findToolHandlers(root, target, this.functions);
    for (const handler of this.handlers) {
      this.handlerByFunction.set(handler.function.id, handler);
      this.scopeFunctionIds.add(handler.function.id);
    }
    for (const fn of this.functions.values()) this.scopeFunctionIds.add(fn.id);
  }

  isScopeFunction(node: SyntaxNode): boolean {
    return this.scopeFunctionIds.has(node.id);
  }

  /** The handler or helper function `node` belongs to. */
  private scopeOf(node: SyntaxNode): Scope | undefined {
    // Walks parent ids: a node object for every ancestor would cost more than the walk.
    const { parents } = node.tree;
    for (let id = parents[node.id]!; id >= 0; id = parents[id]!) {
      if (!this.scopeFunctionIds.has(id)) continue;
      let scope = this.scopes.get(id);
      if (!scope) {
        scope = new Scope(node.tree.node(id), this, this.handlerByFunction.get(id));
        this.scopes.set(id, scope);
      }
      return scope;
    }
    return undefined;
  }

  /** True inside a tool handler or a local function a handler calls (three calls deep at most). */
  isToolCode(node: SyntaxNode, depth = 0): boolean {
    const scope = this.scopeOf(node);
    if (!scope || depth > 3) return false;
    if (scope.handler) return true;
    return this.callersOf(scope.fn).some((call) => this.isToolCode(call, depth + 1));
  }

  /** The value of calling a local helper with arguments of the given taint. */
  callResult(helper: SyntaxNode, argumentTaints: ReadonlyArray<Taint | undefined>): Taint | undefined {
    const summary = this.summary(helper);
    if (!summary) return undefined;
    const results: Array<Taint | undefined> = [];
    for (const source of summary.sources) {
      if (source.kind !== 'parameter' || source.function.id !== helper.id) continue;
      const argument = argumentTaints[source.index];
      if (argument) results.push({ sources: argument.sources, safeFor: new Set([...argument.safeFor, ...summary.safeFor]), resolvedPath: summary.resolvedPath || argument.resolvedPath });
    }
    return union(results);
  }

  private summary(helper: SyntaxNode): Taint | undefined {
    const known = this.summaries.get(helper.id);
    if (known === 'computing') return undefined;
    if (known !== undefined || this.summaries.has(helper.id)) return known;
    this.summaries.set(helper.id, 'computing');
    let scope = this.scopes.get(helper.id);
    if (!scope) {
      scope = new Scope(helper, this, this.handlerByFunction.get(helper.id));
      this.scopes.set(helper.id, scope);
    }
    const result = scope.returnTaint();
    this.summaries.set(helper.id, result);
    return result;
  }

  private callersOf(fn: SyntaxNode): SyntaxNode[] {
    if (!this.callSites) {
      this.callSites = new Map();
      for (const call of this.root.descendantsOfType(this.target === 'python' ? 'call' : 'call_expression')) {
        const callee = call ? calleeOf(call) : undefined;
        const target = callee?.type === 'identifier' ? this.functions.get(callee.text) : undefined;
        if (!call || !target) continue;
        const list = this.callSites.get(target.id) ?? [];
        list.push(call);
        this.callSites.set(target.id, list);
      }
    }
    return this.callSites.get(fn.id) ?? [];
  }

  /**
   * The tool inputs that reach `expression` without being made safe for `kind`, following helper
   * parameters back to the handlers that call them (three calls deep at most).
   */
  taintedInputs(expression: SyntaxNode, kind: SinkKind): TaintedInput[] {
    const scope = this.scopeOf(expression);
    const taint = scope?.evaluate(expression);
    return this.resolve(taint, kind, [], 0);
  }

  private resolve(taint: Taint | undefined, kind: SinkKind, via: SyntaxNode[], depth: number): TaintedInput[] {
    if (!taint || taint.safeFor.has(kind) || depth > 3) return [];
    const found: TaintedInput[] = [];
    for (const source of taint.sources) {
      if (source.kind === 'input') {
        if (!found.some((input) => input.name === source.name && input.handler === source.handler)) found.push({ name: source.name, toolName: source.handler.toolName, handler: source.handler, via });
        continue;
      }
      for (const call of this.callersOf(source.function)) {
        const argument = positionalArguments(call)[source.index];
        const scope = argument ? this.scopeOf(call) : undefined;
        if (!argument || !scope) continue;
        const argumentTaint = scope.evaluate(argument);
        const merged = argumentTaint ? { ...argumentTaint, safeFor: new Set([...argumentTaint.safeFor, ...taint.safeFor]) } : undefined;
        for (const input of this.resolve(merged, kind, [call, ...via], depth + 1)) {
          if (!found.some((known) => known.name === input.name && known.handler === input.handler)) found.push(input);
        }
      }
    }
    return found;
  }
}
