import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import { lastNames } from '../../analyzer/flow/imports';
import { describeInputs, describeVia, relatedLocations, sinkLabel } from '../../analyzer/flow/sink-report';
import { FUNCTION_TYPES, patternBindings } from '../../analyzer/flow/tool-handlers';
import type { TaintedInput } from '../../analyzer/flow/tool-flow';
import type { CodeRuleContext } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { calleeOf, dottedName, keywordArguments, pairKey, positionalArguments, staticString, unwrapExpression } from '../../analyzer/syntax/nodes';
import { children, namedChildren } from '../../analyzer/syntax/tree';

type MessageId = 'requestTargetFromInput';
type Context = CodeRuleContext<MessageId>;

/** Where a request call takes its URL: a position, and for Python the keyword. */
interface UrlArgument {
  position: number;
  keyword?: string;
}

const FIRST: UrlArgument = { position: 0, keyword: 'url' };
const SECOND: UrlArgument = { position: 1, keyword: 'url' };

const HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];
const JS_REQUEST_CALLS = new Set([
  'node-fetch', 'node-fetch.default', 'cross-fetch', 'isomorphic-fetch', 'undici.fetch', 'undici.request', 'undici.stream',
  'http.get', 'http.request', 'https.get', 'https.request',
  'axios', 'got', 'ky',
  ...['axios', 'got', 'ky', 'superagent'].flatMap((module) => [...HTTP_VERBS, 'request'].map((verb) => `${module}.${verb}`)),
]);
/** Factories of preconfigured JS clients; their instances take a URL that overrides any base URL when absolute. */
const JS_CLIENT_FACTORIES = new Set(['axios.create', 'got.extend', 'ky.create', 'ky.extend']);
const JS_CLIENT_MODULES = new Set([...JS_CLIENT_FACTORIES].map((factory) => factory.slice(0, factory.indexOf('.'))));
const JS_CLIENT_METHODS = new Set([...HTTP_VERBS, 'request']);
/** Calls the rule is handed when no callable client can exist (the engine filters by the callee's last name). */
const JS_CALLEES = new Set([...lastNames(JS_REQUEST_CALLS), ...JS_CLIENT_METHODS, 'fetch']);
/** Keys of a request options object that choose the destination (`path` does not). */
const JS_TARGET_KEYS = new Set(['url', 'baseURL', 'prefixUrl', 'origin', 'host', 'hostname']);

const PY_REQUEST_CALLS: ReadonlyMap<string, UrlArgument> = new Map<string, UrlArgument>([
  ...['requests', 'httpx'].flatMap((module) => HTTP_VERBS.map((verb): [string, UrlArgument] => [`${module}.${verb}`, FIRST])),
  ['requests.request', SECOND],
  ['httpx.request', SECOND],
  ['httpx.stream', SECOND],
  ['aiohttp.request', SECOND],
  ['urllib3.request', SECOND],
  ['urllib.request.urlopen', FIRST],
]);
const PY_CLIENT_CONSTRUCTORS = new Set(['requests.Session', 'requests.session', 'requests.sessions.Session', 'httpx.Client', 'httpx.AsyncClient', 'aiohttp.ClientSession', 'urllib3.PoolManager']);
const PY_CLIENT_METHODS: ReadonlyMap<string, UrlArgument> = new Map<string, UrlArgument>([
  ...HTTP_VERBS.map((verb): [string, UrlArgument] => [verb, FIRST]),
  ['ws_connect', FIRST],
  ['request', SECOND],
  ['stream', SECOND],
]);
const PY_CALLEES = new Set([...lastNames(PY_REQUEST_CALLS.keys()), ...PY_CLIENT_METHODS.keys()]);

/** Stand-ins in the reconstructed start of a URL: text chosen by a tool input, and text the server fixes but the rule cannot read. */
const INPUT = '\uE000';
const FIXED = '\uE001';
const FIXED_ORIGIN = `fixed://${FIXED}/`;
/** `https://host/…`: scheme and host end before any input. */
const ABSOLUTE_WITH_HOST = /^[a-z][a-z0-9+.-]*:[/\\]{2}[^/\\?#\uE000]+[/\\?#]/i;
/** `${API_BASE}/…`: a base the server chose, then a path (a `:` only before a port, else the base was a scheme). */
const FIXED_BASE_THEN_PATH = /^\uE001(?:[^/\\?#:\uE000]|:[\d\uE001])*[/\\?#]/;
/**
 * A relative reference that cannot turn into a scheme or an authority: `/users/…` (not `//` or
 * `/\`, which browsers and WHATWG URL treat as protocol-relative), `?q=…`, `items/…`.
 */
const RELATIVE_PATH = /^(?:[/\\][^/\\\uE001\uE000]|[^/\\:?#\uE001\uE000]*[?#]|[^/\\:?#\uE001\uE000]+[/\\])/;
const SCOPE_TYPES = new Set([...FUNCTION_TYPES, 'lambda', 'class_definition', 'class_declaration', 'class']);

export default defineRule<MessageId>(
  {
    id: 'no-ssrf',
    group: 'source',
    description: 'Disallow tool input choosing the host of an outbound request',
    defaultSeverity: 'error',
    confidence: 'high',
    cwe: ['CWE-918'],
    owaspMcp: 'MCP05',
    control: 6,
    fix: 'none',
    messages: {
      requestTargetFromInput:
        'Tool input {{inputs}} chooses where {{sink}} sends its request{{via}}: the model, or a prompt injection it has read, can make this server call internal services, cloud metadata endpoints (169.254.169.254) or any host it can reach.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations',
      'https://cwe.mitre.org/data/definitions/918.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html',
      'https://url.spec.whatwg.org/#concept-basic-url-parser',
    ],
  },
  {
    'js-ts': (context) => {
      const visit = (call: SyntaxNode) => {
        const callee = calleeOf(call);
        if (!callee || !isJsRequest(context, callee)) return;
        const target = positionalArguments(call)[0];
        if (!target) return;
        if (target.type === 'object') {
          for (const pair of namedChildren(target)) {
            const key = pair.type === 'shorthand_property_identifier' ? pair.text : pair.type === 'pair' ? pairKey(pair) : undefined;
            const value = pair.type === 'pair' ? pair.childForFieldName('value') : pair;
            if (key && value && JS_TARGET_KEYS.has(key) && reportIfHostTainted(context, call, value, key === 'host' || key === 'hostname')) return;
          }
          return;
        }
        reportIfHostTainted(context, call, target, false);
      };
      // A client made by `axios.create()` can be called under any name: then every call is a candidate.
      return { call_expression: context.imports.importsAny(JS_CLIENT_MODULES) ? visit : { callees: JS_CALLEES, visit } };
    },
    python: (context) => ({
      call: {
        callees: PY_CALLEES,
        visit: (call) => {
          const callee = call.childForFieldName('function');
          const argument = pythonUrlArgument(context, callee);
          if (!argument) return;
          const target = keywordArguments(call).get(argument.keyword ?? '')?.value ?? positionalArguments(call)[argument.position];
          if (target) reportIfHostTainted(context, call, target, false);
        },
      },
    }),
  },
);

function isJsRequest(context: Context, callee: SyntaxNode): boolean {
  const qualified = context.flow.imports.qualify(callee);
  if (qualified) return JS_REQUEST_CALLS.has(qualified);
  const dotted = dottedName(callee);
  if (dotted === 'fetch' || dotted === 'globalThis.fetch' || dotted === 'window.fetch') return !context.flow.functions.has('fetch');
  // A preconfigured client: `api.get(url)`, or a callable one, `client(url)`. Only a file that
  // imports a client library can make one, which spares looking up every other call's callee.
  if (!context.flow.imports.importsAny(JS_CLIENT_MODULES)) return false;
  if (callee.type === 'identifier') return isJsClient(context, callee);
  if (callee.type !== 'member_expression') return false;
  const receiver = callee.childForFieldName('object');
  return JS_CLIENT_METHODS.has(callee.childForFieldName('property')?.text ?? '') && receiver !== null && isJsClient(context, receiver);
}

function isJsClient(context: Context, receiver: SyntaxNode): boolean {
  const node = unwrapExpression(receiver);
  if (node.type === 'call_expression') return JS_CLIENT_FACTORIES.has(context.flow.imports.qualify(node.childForFieldName('function')) ?? '');
  if (node.type === 'identifier') {
    const definition = definitionOf(node);
    return definition.kind === 'value' && isJsClient(context, definition.value);
  }
  return false;
}

function pythonUrlArgument(context: Context, callee: SyntaxNode | null): UrlArgument | undefined {
  const qualified = context.flow.imports.qualify(callee);
  if (qualified) return PY_REQUEST_CALLS.get(qualified);
  if (callee?.type !== 'attribute') return undefined;
  const method = PY_CLIENT_METHODS.get(callee.childForFieldName('attribute')?.text ?? '');
  const receiver = callee.childForFieldName('object');
  return method && receiver && isPythonClient(context, receiver) ? method : undefined;
}

/** A requests/httpx/aiohttp client: built here, bound by `with … as`, typed as one, or kept in `self.…`. */
function isPythonClient(context: Context, receiver: SyntaxNode): boolean {
  const node = unwrapExpression(receiver);
  if (node.type === 'call') return PY_CLIENT_CONSTRUCTORS.has(context.flow.imports.qualify(node.childForFieldName('function')) ?? '');
  if (node.type === 'identifier') {
    const definition = definitionOf(node);
    if (definition.kind === 'value') return isPythonClient(context, definition.value);
    const type = definition.kind === 'parameter' ? definition.parameter.childForFieldName('type') : null;
    return PY_CLIENT_CONSTRUCTORS.has(context.flow.imports.qualify(type ? namedChildren(type)[0] : null) ?? '');
  }
  const object = node.type === 'attribute' ? node.childForFieldName('object') : null;
  if (object?.text !== 'self') return false;
  let owner: SyntaxNode | null = node.parent;
  while (owner && owner.type !== 'class_definition') owner = owner.parent;
  return (owner?.descendantsOfType('assignment') ?? []).some((assignment) => {
    const right = assignment?.childForFieldName('right');
    return assignment?.childForFieldName('left')?.text === node.text && right !== null && right !== undefined && isPythonClient(context, right);
  });
}

function reportIfHostTainted(context: Context, call: SyntaxNode, target: SyntaxNode, isHost: boolean): boolean {
  const expression = requestUrl(context, target);
  const tainted = context.flow.taintedInputs(expression, 'url');
  const inputs = isHost ? tainted : tainted.filter((input) => !hostIsFixed(context, expression, input));
  if (inputs.length === 0) return false;
  context.report({
    messageId: 'requestTargetFromInput',
    data: { inputs: describeInputs(inputs), sink: sinkLabel(call.type === 'call' ? call.childForFieldName('function') : calleeOf(call)), via: describeVia(inputs) },
    start: target.startIndex,
    end: target.endIndex,
    related: relatedLocations(inputs),
  });
  return true;
}

/** `urlopen(Request(url, …))`: the URL inside the request object, which the taint model does not follow. */
function requestUrl(context: Context, target: SyntaxNode): SyntaxNode {
  let node = unwrapExpression(target);
  if (node.type === 'identifier') {
    const definition = definitionOf(node);
    if (definition.kind === 'value' && isRequestConstruction(context, unwrapExpression(definition.value))) node = unwrapExpression(definition.value);
  }
  if (!isRequestConstruction(context, node)) return target;
  return (node.type === 'call' ? keywordArguments(node).get('url')?.value : undefined) ?? positionalArguments(node)[0] ?? target;
}

function isRequestConstruction(context: Context, node: SyntaxNode): boolean {
  if (node.type !== 'call' && node.type !== 'new_expression' && node.type !== 'call_expression') return false;
  const callee = node.childForFieldName(node.type === 'new_expression' ? 'constructor' : 'function');
  const name = context.flow.imports.qualify(callee) ?? dottedName(callee);
  return name === 'Request' || name === 'urllib.request.Request' || name === 'node-fetch.Request' || name === 'undici.Request';
}

/**
 * True when the scheme and host of the URL are fixed before `input` can contribute any text:
 * `https://api.example.com/users/${id}`, `${API_BASE}/items/${id}`, `new URL(`/users/${id}`, base)`.
 * Follows the input's helper calls back to the argument the handler passed.
 */
function hostIsFixed(context: Context, expression: SyntaxNode, input: TaintedInput): boolean {
  return fixesHost(new UrlStart(context, input).of(expression));
}

/** The reconstructed start of a URL ends its scheme and host (or is a plain relative path) before any input. */
function fixesHost(start: string): boolean {
  return !start.includes(INPUT) || ABSOLUTE_WITH_HOST.test(start) || FIXED_BASE_THEN_PATH.test(start) || RELATIVE_PATH.test(start);
}

/**
 * Reconstructs the start of a URL up to the first text `input` chooses (marked INPUT). Text other
 * inputs choose counts as fixed here: each input is judged, and named, on its own.
 */
class UrlStart {
  private depth = 0;
  private readonly via: SyntaxNode[];

  constructor(
    private readonly context: Context,
    private readonly input: TaintedInput,
  ) {
    this.via = [...input.via];
  }

  of(expression: SyntaxNode): string {
    if (++this.depth > 12) return this.marker(expression);
    const node = unwrapExpression(expression);
    switch (node.type) {
      case 'string':
      case 'template_string':
      case 'concatenated_string':
        return this.sequence(namedChildren(node).filter((child) => child.type !== 'string_start' && child.type !== 'string_end'), node);
      case 'string_fragment':
      case 'string_content':
      case 'escape_sequence':
        return node.text;
      case 'template_substitution':
      case 'interpolation':
        return this.sequence(namedChildren(node).filter((child) => child.type !== 'format_specifier' && child.type !== 'type_conversion'), node);
      case 'binary_expression':
      case 'binary_operator':
        return this.binary(node);
      case 'boolean_operator':
        return this.alternatives([node.childForFieldName('left'), node.childForFieldName('right')]);
      case 'ternary_expression':
        return this.alternatives([node.childForFieldName('consequence'), node.childForFieldName('alternative')]);
      case 'conditional_expression':
        return this.alternatives([namedChildren(node)[0] ?? null, namedChildren(node)[2] ?? null]);
      case 'identifier':
      case 'shorthand_property_identifier':
        return this.name(node);
      case 'member_expression':
        return node.childForFieldName('property')?.text === 'href' ? this.of(node.childForFieldName('object')!) : this.marker(node);
      case 'call_expression':
      case 'call':
      case 'new_expression':
        return this.call(node);
      default:
        return this.marker(node);
    }
  }

  private marker(node: SyntaxNode): string {
    const { name, handler } = this.input;
    return this.context.flow.taintedInputs(node, 'url').some((input) => input.name === name && input.handler === handler) ? INPUT : FIXED;
  }

  /** The parts in order, stopping at the first part that contains input. */
  private sequence(parts: SyntaxNode[], whole: SyntaxNode): string {
    if (whole.type === 'string' && parts.length === 0) return '';
    if (whole.type === 'string' && !parts.some((part) => part.type === 'interpolation')) {
      const value = staticString(whole);
      if (value !== undefined) return value;
    }
    let text = '';
    for (const part of parts) {
      text += this.of(part);
      if (text.includes(INPUT)) break;
    }
    return text;
  }

  private binary(node: SyntaxNode): string {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const operator = node.childForFieldName('operator')?.type ?? children(node).find((child) => !child.isNamed)?.type;
    if (!left || !right) return this.marker(node);
    if (operator === '||' || operator === '??') return this.alternatives([left, right]);
    if (operator === '+') {
      const start = this.of(left);
      return start.includes(INPUT) ? start : start + this.of(right);
    }
    // "https://api.example.com/items/%s" % item_id
    if (operator === '%' && left.type === 'string') {
      const format = staticString(left);
      if (format !== undefined) return format.split('%')[0] + this.marker(right);
    }
    return this.marker(node);
  }

  /** `a ? b : c`, `a || b`: the first alternative that leaves the host open, else a fixed origin. */
  private alternatives(branches: ReadonlyArray<SyntaxNode | null>): string {
    const via = [...this.via];
    for (const branch of branches) {
      this.via.splice(0, this.via.length, ...via);
      const start = branch ? this.of(branch) : FIXED;
      if (!fixesHost(start)) return start;
    }
    return FIXED_ORIGIN;
  }

  private name(node: SyntaxNode): string {
    const definition = definitionOf(node);
    if (definition.kind === 'value') return this.of(definition.value);
    if (definition.kind === 'parameter') {
      // Inside a helper: continue with what the caller on this input's path passed.
      const call = this.via[this.via.length - 1];
      const callee = call?.childForFieldName('function');
      if (call && callee?.type === 'identifier' && this.context.flow.functions.get(callee.text)?.id === definition.fn.id) {
        const argument = positionalArguments(call)[definition.index];
        this.via.pop();
        if (argument) return this.of(argument);
      }
    }
    return this.marker(node);
  }

  private call(node: SyntaxNode): string {
    const callee = node.childForFieldName(node.type === 'new_expression' ? 'constructor' : 'function');
    const args = positionalArguments(node);
    const name = this.context.flow.imports.qualify(callee) ?? dottedName(callee) ?? '';
    if (name === 'URL' || name === 'URL.parse' || name === 'url.URL') return this.resolved(args[0], args[1]);
    if (name === 'urllib.parse.urljoin' || name === 'urljoin') return this.resolved(args[1], args[0]);
    if ((name === 'String' || name === 'str') && args[0]) return this.of(args[0]);
    if (isRequestConstruction(this.context, node) && args[0]) return this.of(args[0]);
    if (callee?.type === 'member_expression' || callee?.type === 'attribute') {
      const method = callee.childForFieldName(callee.type === 'attribute' ? 'attribute' : 'property')?.text;
      const receiver = callee.childForFieldName('object');
      if (receiver && (method === 'toString' || method === 'geturl')) return this.of(receiver);
      // "https://api.example.com/items/{}".format(item_id)
      const format = method === 'format' && receiver?.type === 'string' ? staticString(receiver) : undefined;
      if (format !== undefined) return format.split('{')[0] + this.marker(node);
    }
    return this.marker(node);
  }

  /** `new URL(reference, base)`: an absolute or protocol-relative reference replaces the base's host. */
  private resolved(reference: SyntaxNode | undefined, base: SyntaxNode | undefined): string {
    if (!reference) return FIXED;
    const start = this.of(reference);
    if (!base || ABSOLUTE_WITH_HOST.test(start)) return start;
    if (!start.includes(INPUT) || RELATIVE_PATH.test(start)) {
      const baseStart = this.of(base);
      return !baseStart.includes(INPUT) || ABSOLUTE_WITH_HOST.test(baseStart) || FIXED_BASE_THEN_PATH.test(baseStart) ? FIXED_ORIGIN : baseStart;
    }
    return start;
  }
}

type Definition = { kind: 'value'; value: SyntaxNode } | { kind: 'parameter'; fn: SyntaxNode; index: number; parameter: SyntaxNode } | { kind: 'unknown' };
const UNKNOWN: Definition = { kind: 'unknown' };

/**
 * What a name stands for where it is used: the one value it is assigned in the nearest scope that
 * binds it (appends with `+=` keep the start of a URL, so they are ignored), or a plain parameter.
 */
function definitionOf(use: SyntaxNode): Definition {
  const name = use.text;
  for (let scope: SyntaxNode | null = enclosingScope(use); scope; scope = scope.parent ? enclosingScope(scope) : null) {
    const parameter = FUNCTION_TYPES.has(scope.type) || scope.type === 'lambda' ? parameterOf(scope, name) : undefined;
    const ownScope = scope.id === enclosingScope(use)?.id;
    const bindings = bindingsIn(scope, name).filter((binding) => !ownScope || binding.position < use.startIndex || binding.value === undefined);
    if (parameter) return bindings.length > 0 ? UNKNOWN : parameter;
    if (bindings.length > 0) return bindings.length === 1 && bindings[0]!.value ? { kind: 'value', value: bindings[0]!.value } : UNKNOWN;
    if (scope.type === 'program' || scope.type === 'module') return UNKNOWN;
  }
  return UNKNOWN;
}

function enclosingScope(node: SyntaxNode): SyntaxNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (FUNCTION_TYPES.has(current.type) || current.type === 'lambda' || current.type === 'program' || current.type === 'module') return current;
  }
  return null;
}

function parameterOf(fn: SyntaxNode, name: string): Definition | undefined {
  const single = fn.childForFieldName('parameter');
  const list = fn.childForFieldName('parameters');
  const parameters = single ? [single] : list ? namedChildren(list).filter((child) => child.type !== 'comment') : [];
  for (const [index, parameter] of parameters.entries()) {
    // Python `b: int` has no name field: its name is its first identifier.
    const pattern = parameter.type === 'typed_parameter' ? namedChildren(parameter)[0] : (parameter.childForFieldName('pattern') ?? parameter.childForFieldName('name') ?? parameter.childForFieldName('left') ?? parameter);
    if (pattern?.type === 'identifier' && pattern.text === name) return { kind: 'parameter', fn, index, parameter };
    // Destructured parameters and splats bind the name, but not to a value that can be followed.
    if (pattern && (patternBindings(pattern).some((binding) => binding.name === name) || namedChildren(pattern).some((child) => child.type === 'identifier' && child.text === name))) return UNKNOWN;
  }
  return undefined;
}

interface Binding {
  position: number;
  value: SyntaxNode | undefined;
}

/** Assignments made directly in `scope` (not in nested functions or classes), indexed by name once per scope. */
function bindingsIn(scope: SyntaxNode, name: string): Binding[] {
  let byScope = bindingIndexes.get(scope.tree);
  if (!byScope) {
    byScope = new Map();
    bindingIndexes.set(scope.tree, byScope);
  }
  let index = byScope.get(scope.id);
  if (!index) {
    index = indexBindings(scope);
    byScope.set(scope.id, index);
  }
  return index.get(name) ?? [];
}

/** Per syntax tree, so an index never outlives (or mixes up) the tree its node ids belong to. */
const bindingIndexes = new WeakMap<SyntaxNode['tree'], Map<number, Map<string, Binding[]>>>();

function indexBindings(scope: SyntaxNode): Map<string, Binding[]> {
  const index = new Map<string, Binding[]>();
  const add = (name: string, binding: Binding) => {
    const list = index.get(name) ?? [];
    list.push(binding);
    index.set(name, list);
  };
  const visit = (node: SyntaxNode) => {
    for (const child of namedChildren(node)) {
      if (SCOPE_TYPES.has(child.type)) {
        const declared = child.childForFieldName('name');
        if (declared && child.type !== 'lambda') add(declared.text, { position: child.startIndex, value: undefined });
        continue;
      }
      for (const [name, binding] of bindingsMadeBy(child)) add(name, binding);
      visit(child);
    }
  };
  visit(scope.type === 'program' || scope.type === 'module' ? scope : (scope.childForFieldName('body') ?? scope));
  return index;
}

/** Names a target binds: an identifier, or every name in a destructuring or tuple pattern. */
function boundNames(target: SyntaxNode | null): string[] {
  if (!target) return [];
  if (target.type === 'identifier') return [target.text];
  return [...patternBindings(target).map((binding) => binding.name), ...namedChildren(target).filter((child) => child.type === 'identifier').map((child) => child.text)];
}

/** The bindings one node makes, with the value when a single identifier takes a single value. */
function bindingsMadeBy(node: SyntaxNode): Array<[string, Binding]> {
  const bind = (target: SyntaxNode | null, value: SyntaxNode | undefined): Array<[string, Binding]> =>
    boundNames(target).map((name) => [name, { position: node.startIndex, value: target?.type === 'identifier' ? value : undefined }]);
  switch (node.type) {
    case 'variable_declarator':
      return bind(node.childForFieldName('name'), node.childForFieldName('value') ?? undefined);
    case 'assignment_expression':
    case 'assignment':
    case 'named_expression': {
      const value = node.childForFieldName(node.type === 'named_expression' ? 'value' : 'right');
      // `x: str` declares without assigning.
      if (node.type === 'assignment' && !value) return [];
      return bind(node.childForFieldName(node.type === 'named_expression' ? 'name' : 'left'), value ?? undefined);
    }
    case 'as_pattern': {
      const alias = node.childForFieldName('alias');
      return bind(alias ? (namedChildren(alias)[0] ?? alias) : null, namedChildren(node)[0]);
    }
    case 'for_in_statement':
    case 'for_statement':
    case 'for_in_clause': {
      const left = node.childForFieldName('left');
      const target = left?.type === 'lexical_declaration' || left?.type === 'variable_declaration' ? (namedChildren(left)[0]?.childForFieldName('name') ?? left) : left;
      return bind(target ?? null, undefined);
    }
    case 'import_statement':
    case 'import_from_statement':
    case 'import_specifier':
      return node
        .descendantsOfType('identifier')
        .filter((identifier): identifier is SyntaxNode => identifier !== null)
        .map((identifier) => [identifier.text, { position: node.startIndex, value: undefined }]);
    default:
      return [];
  }
}
