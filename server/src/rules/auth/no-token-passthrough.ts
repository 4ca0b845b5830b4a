import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import { FUNCTION_TYPES } from '../../analyzer/flow/tool-handlers';
import type { CodeRuleContext, SyntaxVisitor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { calleeName, calleeOf, dottedName, keywordArguments, pairKey, positionalArguments, staticString, unwrapExpression } from '../../analyzer/syntax/nodes';
import { namedChildren } from '../../analyzer/syntax/tree';

type MessageId = 'tokenPassthrough' | 'headersPassthrough';
type Context = CodeRuleContext<MessageId>;
type Language = 'js-ts' | 'python';

/**
 * What a value is, as far as the incoming credential goes: the incoming request, its headers
 * (Authorization included), the verified-token record (`authInfo`, FastMCP's `AccessToken`), the
 * authenticated user of a Starlette request, the token text itself, or an object this code built
 * that carries the token or the incoming headers (a headers object, a `Headers` instance).
 */
type Kind = 'request' | 'headers' | 'authInfo' | 'user' | 'token' | 'carrier';

interface Found {
  kind: Kind;
  /** Where the incoming credential is read (`req.headers.authorization`, `extra.authInfo.token`). */
  origin: SyntaxNode;
  /** For a carrier: it carries the whole incoming header set rather than just the token. */
  wholeHeaders?: boolean;
}

/** Names that stand for the incoming HTTP request when nothing in the function rebinds them. */
const REQUEST_NAMES = /^(?:req|request|incoming|incomingRequest|incoming_request|httpRequest|http_request|starlette_request|originalRequest)$/;
/** Names of the verified-token record: the TS SDK's `extra.authInfo` / `req.auth`, destructured. */
const AUTH_INFO_NAMES = /^(?:authInfo|auth_info)$/;
/** Parameter types that are an incoming request (Express, Node, Fetch API, Starlette, FastAPI). */
const REQUEST_TYPES = /^(?:express\.)?(?:Request|IncomingMessage|http\.IncomingMessage|FastifyRequest|NextRequest|HonoRequest|starlette\.requests\.Request)\b/;
const AUTH_INFO_TYPES = /^(?:AuthInfo|AccessToken|HTTPAuthorizationCredentials)$/;
/** Methods that read one header of a request or a headers object. */
const HEADER_GETTERS = new Set(['get', 'header', 'getHeader', 'getAll', 'getlist']);
/** Methods of the token text whose result is no longer the token (booleans, positions, lengths). */
const UNTAINTING_METHODS = new Set([
  'includes', 'startsWith', 'endsWith', 'indexOf', 'lastIndexOf', 'test', 'match', 'search', 'localeCompare', 'charCodeAt', 'codePointAt',
  'startswith', 'endswith', 'find', 'rfind', 'index', 'rindex', 'count', 'isalnum', 'isascii', 'isdigit', 'isspace', 'encode_length',
]);
/** Calls that hand a value on unchanged, or as a copy: `String(token)`, `new Headers(req.headers)`, `dict(request.headers)`. */
const COPYING_CALLS = new Set(['String', 'str', 'decodeURIComponent', 'decodeURI', 'encodeURIComponent', 'Headers', 'Object.assign', 'structuredClone', 'Object.fromEntries', 'dict', 'MutableHeaders', 'CIMultiDict', 'CaseInsensitiveDict']);
/** Frameworks whose imported `request` is the incoming request (Flask's context-local). */
const REQUEST_MODULES = new Set(['flask', 'quart', 'werkzeug', 'sanic']);
/** Methods of a headers object that copy it. */
const COPYING_METHODS = new Set(['copy', 'raw', 'toJSON', 'entries', 'items', 'mutablecopy']);

/** JS call names that can send a request; the engine passes only calls ending in one of these. */
const HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];
const JS_SINK_NAMES = new Set([...HTTP_VERBS, 'fetch', 'request', 'stream', 'axios', 'got', 'ky', 'Request', 'create', 'extend', 'StreamableHTTPClientTransport', 'SSEClientTransport', 'WebSocketClientTransport']);
/** Known request functions, by qualified name; their every argument is searched for a `headers` option. */
const JS_REQUEST_CALLS = new Set([
  'node-fetch', 'node-fetch.default', 'cross-fetch', 'isomorphic-fetch', 'undici.fetch', 'undici.request', 'undici.stream', 'undici.Request',
  'http.get', 'http.request', 'https.get', 'https.request', 'axios', 'got', 'ky', 'axios.create', 'got.extend', 'ky.create', 'ky.extend',
  ...['axios', 'got', 'ky'].flatMap((module) => [...HTTP_VERBS, 'request', 'stream'].map((verb) => `${module}.${verb}`)),
]);
/** Global or MCP SDK constructors and functions that send requests with the headers they are given. */
const JS_GLOBAL_SINKS = new Set(['fetch', 'globalThis.fetch', 'window.fetch', 'Request', 'StreamableHTTPClientTransport', 'SSEClientTransport', 'WebSocketClientTransport']);
/** Method names that send a request on a client object we cannot type (`api.get(url, { headers })`). */
const JS_CLIENT_METHODS = new Set([...HTTP_VERBS, 'request', 'fetch', 'stream']);
/** Option keys that hold request headers, directly or one level down (`requestInit: { headers }`). */
const HEADER_KEYS = new Set(['headers']);
const NESTED_OPTION_KEYS = new Set(['requestInit', 'init', 'fetchOptions', 'eventSourceInit', 'config', 'options']);

/** Python calls that take `headers=` (and `auth=`) for an outgoing request or client. */
const PY_SINK_NAMES = new Set([
  ...HTTP_VERBS, 'request', 'stream', 'send', 'build_request', 'Request', 'urlopen', 'Client', 'AsyncClient', 'ClientSession', 'Session', 'ws_connect',
  'streamablehttp_client', 'streamable_http_client', 'sse_client', 'websocket_client', 'add_header', 'update', 'setdefault', '__setitem__',
]);
const PY_CLIENT_CONSTRUCTORS = /(?:^|\.)(?:Session|session|Client|AsyncClient|ClientSession|PoolManager)$/;
const PY_CLIENT_NAMES = /(?:session|client|http|api|conn)$/i;

/** A URL or function that verifies the token with the authorization server that issued it (RFC 7662). */
const INTROSPECTION = /introspect/i;
/** Cheap file gate: files that never read an incoming credential are skipped whole. */
const CREDENTIAL_TEXT = /authori[sz]ation|authInfo|auth_info|access_token|\.auth\b|credentials|bearer/i;
/** Cheap statement gate: a top-level statement (a handler and its closures) that reads none of these is skipped. */
const SOURCE_TEXT = /authori[sz]ation|authInfo|auth_info|access_token|\.auth\b|credentials|\.headers\b/i;

export default defineRule<MessageId>(
  {
    id: 'no-token-passthrough',
    group: 'auth',
    description: 'Disallow forwarding the access token an MCP server received to another service',
    defaultSeverity: 'error',
    confidence: 'medium',
    cwe: ['CWE-441', 'CWE-863'],
    owaspMcp: 'MCP01',
    control: 2,
    fix: 'none',
    messages: {
      tokenPassthrough:
        '`{{origin}}` is the access token this MCP server received, and it is sent on in the headers of {{sink}}. The MCP authorization spec says servers MUST NOT pass through the token they received: it was issued for this server, so the upstream service either accepts a token not meant for it or cannot tell this server from its client, bypassing its audience and scope checks. Obtain an upstream token by token exchange (RFC 8693) or use a separate credential this server holds.',
      headersPassthrough:
        '{{sink}} forwards the incoming request headers (`{{origin}}`), Authorization included, to another service. The MCP authorization spec says servers MUST NOT pass through the token they received. Copy only the headers the upstream needs, and authenticate with a token from token exchange (RFC 8693) or a separate credential this server holds.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#access-token-privilege-restriction',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices#token-passthrough',
      'https://datatracker.ietf.org/doc/html/rfc8693',
      'https://cwe.mitre.org/data/definitions/441.html',
    ],
  },
  {
    'js-ts': (context): SyntaxVisitor => {
      if (!CREDENTIAL_TEXT.test(context.source.text)) return {};
      const flow = new LocalFlow(context, 'js-ts');
      const visit = (call: SyntaxNode) => checkJsCall(context, flow, call);
      return {
        call_expression: { callees: JS_SINK_NAMES, visit },
        new_expression: { callees: JS_SINK_NAMES, visit },
        assignment_expression(assignment) {
          // axios defaults: `api.defaults.headers.common.Authorization = token`
          const left = assignment.childForFieldName('left');
          const right = assignment.childForFieldName('right');
          if (!left || !right || !/\.defaults\s*\.\s*headers\b/.test(left.text) || !flow.mayReadCredential(assignment)) return;
          const found = flow.evaluate(right);
          if (found && (found.kind === 'token' || found.kind === 'carrier' || found.kind === 'headers')) report(context, found, right, left.text.replace(/\s+/g, ''));
        },
      };
    },
    python: (context): SyntaxVisitor => {
      if (!CREDENTIAL_TEXT.test(context.source.text)) return {};
      const flow = new LocalFlow(context, 'python');
      return {
        call: { callees: PY_SINK_NAMES, visit: (call) => checkPythonCall(context, flow, call) },
        assignment(assignment) {
          // `session.headers["Authorization"] = token`, `client.headers = {...}`
          const left = assignment.childForFieldName('left');
          const right = assignment.childForFieldName('right');
          if (!left || !right) return;
          const headers = left.type === 'subscript' ? left.childForFieldName('value') : left;
          if (headers?.type !== 'attribute' || headers.childForFieldName('attribute')?.text !== 'headers') return;
          const owner = headers.childForFieldName('object');
          if (!owner || !isPythonClient(flow, owner) || !flow.mayReadCredential(assignment)) return;
          const found = flow.evaluate(right);
          const carries = left.type === 'subscript' ? found?.kind === 'token' : found?.kind === 'carrier' || found?.kind === 'headers';
          if (found && carries && !isIntrospection(assignment, [])) report(context, found, right, `\`${headers.text}\``);
        },
      };
    },
  },
);

function report(context: Context, found: Found, at: SyntaxNode, sink: string): void {
  const origin = found.origin.text.replace(/\s+/g, ' ');
  const headers = found.kind === 'headers' || found.wholeHeaders === true;
  context.report({
    messageId: headers ? 'headersPassthrough' : 'tokenPassthrough',
    data: { origin: origin.length > 60 ? `${origin.slice(0, 57)}...` : origin, sink: sink.startsWith('`') ? sink : `\`${sink.slice(0, 60)}\`` },
    start: at.startIndex,
    end: at.endIndex,
    related: at.startIndex <= found.origin.startIndex && found.origin.endIndex <= at.endIndex ? [] : [{ start: found.origin.startIndex, end: found.origin.endIndex, message: 'the incoming credential is read here' }],
  });
}

// ---------------------------------------------------------------------------------------------
// JavaScript / TypeScript sinks

function checkJsCall(context: Context, flow: LocalFlow, call: SyntaxNode): void {
  const callee = calleeOf(call);
  if (!callee) return;
  const qualified = context.flow.imports.qualify(callee);
  const dotted = dottedName(callee);
  const known = qualified !== undefined ? JS_REQUEST_CALLS.has(qualified) || isSdkTransport(qualified) : dotted !== undefined && JS_GLOBAL_SINKS.has(dotted) && !context.flow.functions.has(dotted);
  // Any other `x.get(url, { headers })`: a client we cannot type. Only literal options objects are
  // searched for it, which keeps `map.get(key)` and `router.get(path, handler)` cheap and silent.
  const method = callee.type === 'member_expression' ? calleeName(call) : undefined;
  const client = !known && qualified === undefined && method !== undefined && JS_CLIENT_METHODS.has(method);
  if ((!known && !client) || !flow.mayReadCredential(call)) return;
  const args = positionalArguments(call);
  for (const argument of args) {
    const hit = flow.headerHit(argument, known ? 2 : 1, known);
    if (!hit) continue;
    if (isIntrospection(call, args)) return;
    report(context, hit.found, hit.at, (dotted ?? callee.text).replace(/\s+/g, ''));
    return;
  }
}

function isSdkTransport(qualified: string): boolean {
  return /^@modelcontextprotocol\/sdk\/client\/.*\.(?:StreamableHTTPClientTransport|SSEClientTransport|WebSocketClientTransport)$/.test(qualified);
}

// ---------------------------------------------------------------------------------------------
// Python sinks

function checkPythonCall(context: Context, flow: LocalFlow, call: SyntaxNode): void {
  const callee = call.childForFieldName('function');
  const name = calleeName(call);
  if (!callee || !name || !flow.mayReadCredential(call)) return;
  const args = positionalArguments(call);
  // `request.add_header("Authorization", token)`, `session.headers.update({...})`, `client.headers.setdefault(...)`
  if (name === 'add_header' || name === 'update' || name === 'setdefault' || name === '__setitem__') {
    const receiver = callee.type === 'attribute' ? callee.childForFieldName('object') : null;
    if (!receiver) return;
    let value: SyntaxNode | undefined;
    let wanted: Kind[];
    if (name === 'add_header') {
      if (!isUrllibRequest(context, flow, receiver)) return;
      value = args[1];
      wanted = ['token'];
    } else {
      if (receiver.type !== 'attribute' || receiver.childForFieldName('attribute')?.text !== 'headers') return;
      const owner = receiver.childForFieldName('object');
      if (!owner || !isPythonClient(flow, owner)) return;
      value = name === 'update' ? args[0] : args[1];
      wanted = name === 'update' ? ['carrier', 'headers'] : ['token'];
    }
    const found = value ? flow.evaluate(value) : undefined;
    if (value && found && wanted.includes(found.kind) && !isIntrospection(call, args)) report(context, found, flow.pinpoint(value), callee.text.replace(/\s+/g, ''));
    return;
  }
  const keywords = keywordArguments(call);
  const headers = keywords.get('headers')?.value;
  const auth = keywords.get('auth')?.value;
  if (!headers && !auth) return;
  const qualified = context.flow.imports.qualify(callee);
  // A call of the server's own code with a `headers=` keyword (a helper) is not a request.
  if (qualified === undefined && callee.type === 'identifier' && context.flow.functions.has(callee.text)) return;
  let hit: { found: Found; at: SyntaxNode } | undefined;
  if (headers) {
    const found = flow.evaluate(headers);
    if (found && (found.kind === 'carrier' || found.kind === 'headers')) hit = { found, at: flow.pinpoint(headers) };
  }
  if (!hit && auth) {
    const found = flow.evaluateAuth(auth);
    if (found) hit = { found, at: auth };
  }
  if (!hit || isIntrospection(call, [...args, ...[...keywords.values()].map((keyword) => keyword.value)])) return;
  report(context, hit.found, hit.at, callee.text.replace(/\s+/g, ''));
}

/** `urllib.request.Request(...)` bound to the receiver of `add_header`. */
function isUrllibRequest(context: Context, flow: LocalFlow, receiver: SyntaxNode): boolean {
  const node = receiver.type === 'identifier' ? flow.singleValue(receiver) : receiver;
  if (node?.type !== 'call') return false;
  const callee = node.childForFieldName('function');
  const qualified = context.flow.imports.qualify(callee);
  return qualified === 'urllib.request.Request' || dottedName(callee) === 'Request';
}

/** A requests/httpx/aiohttp client or session: by how it was built, else by its name. */
function isPythonClient(flow: LocalFlow, owner: SyntaxNode): boolean {
  const value = owner.type === 'identifier' ? flow.singleValue(owner) : undefined;
  if (value?.type === 'call') return PY_CLIENT_CONSTRUCTORS.test(dottedName(value.childForFieldName('function')) ?? '');
  const last = dottedName(owner)?.split('.').pop() ?? '';
  return PY_CLIENT_NAMES.test(last) && !REQUEST_NAMES.test(last);
}

/**
 * Token introspection (RFC 7662) and similar checks send the token to the authorization server
 * that issued it, which the spec allows: a URL, argument or enclosing function naming it.
 */
function isIntrospection(call: SyntaxNode, args: readonly SyntaxNode[]): boolean {
  for (const argument of args) {
    if (INTROSPECTION.test(argument.text)) return true;
  }
  for (let node = call.parent; node; node = node.parent) {
    if (!FUNCTION_TYPES.has(node.type)) continue;
    const name = node.childForFieldName('name')?.text ?? (node.parent?.type === 'variable_declarator' ? node.parent.childForFieldName('name')?.text : undefined);
    if (name && INTROSPECTION.test(name)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Local flow: what a name holds where it is read, inside one function (and its enclosing ones).

interface Binding {
  name: string;
  position: number;
  /** Range of the block holding the defining statement: a definition in a block around the use always runs. */
  blockStart: number;
  blockEnd: number;
  value: SyntaxNode;
  /** Destructuring: the property read (`const { authorization } = req.headers`), or an element. */
  key?: string;
  element?: boolean;
  /** `...rest` of an object pattern: the other keys taken out beside it. */
  restBeside?: readonly string[];
}

/** A change to the object a name holds: `h.set("Authorization", t)`, `init.headers = …`, `h["X"] = t`. */
interface Mutation {
  name: string;
  position: number;
  /** The property path set below the name (`headers` for `init.headers = …`); empty for `h.set(…)`. */
  path: string;
  value: SyntaxNode;
  /** The value is a whole object merged in (`Object.assign(h, …)`, `h.update(…)`). */
  merge: boolean;
}

interface ScopeIndex {
  bindings: Map<string, Binding[]>;
  mutations: Map<string, Mutation[]>;
  parameters: Map<string, SyntaxNode>;
}

const SCOPE_TYPES = new Set([...FUNCTION_TYPES, 'lambda']);
/** One list, so descendantsOfType remembers its selection instead of building it per call. */
const SCOPE_TYPE_LIST = [...SCOPE_TYPES];
const BLOCK_TYPES = new Set(['statement_block', 'block', 'program', 'module', 'switch_body', 'class_body']);
const JS_BINDING_TYPES = ['variable_declarator', 'assignment_expression', 'call_expression'];
const PY_BINDING_TYPES = ['assignment', 'named_expression', 'as_pattern', 'call'];
const MAX_DEPTH = 24;

/**
 * A small reaching-definitions evaluator for one question: does this expression hold the incoming
 * access token, the incoming headers, or an object carrying either? Follows variables (with
 * reassignment: `token = exchange(token)` ends the taint), destructuring, template strings and
 * concatenation, string methods on the token (`split`, `slice`, `replace`, `removeprefix`),
 * object and dict literals, `new Headers(…)` / `dict(…)` copies and later mutations of a headers
 * object (`h.set(…)`, `h["Authorization"] = …`). Calls to anything else (a token exchange, a
 * helper) end the flow. Scope indexes are built once per function on first use.
 */
class LocalFlow {
  private readonly scopes = new Map<number, ScopeIndex>();
  private readonly busy = new Set<string>();
  private readonly memo = new Map<number, Found | null>();
  private readonly gates = new Map<number, boolean>();
  /** Every function of the file, by start: scopes are found by range instead of walking parents. */
  private functionRanges: SyntaxNode[] | undefined;

  constructor(
    private readonly context: Context,
    private readonly language: Language,
  ) {}

  /**
   * The first `headers` option in a request argument that carries the incoming credential, and the
   * smallest node to underline. `depth` allows `requestInit: { headers }`; identifiers are followed
   * to their object only for known request functions.
   */
  headerHit(argument: SyntaxNode, depth: number, followNames: boolean): { found: Found; at: SyntaxNode } | undefined {
    const node = unwrapExpression(argument);
    if (node.type === 'object') {
      for (const member of namedChildren(node)) {
        if (member.type === 'spread_element') {
          const inner = namedChildren(member)[0];
          const hit = inner && followNames ? this.headerHit(inner, depth, followNames) : undefined;
          if (hit) return hit;
          continue;
        }
        const key = member.type === 'pair' ? pairKey(member) : member.type === 'shorthand_property_identifier' ? member.text : undefined;
        const value = member.type === 'pair' ? member.childForFieldName('value') : member;
        if (!key || !value) continue;
        if (HEADER_KEYS.has(key)) {
          const found = this.evaluate(value);
          if (found && (found.kind === 'carrier' || found.kind === 'headers')) return { found, at: this.pinpoint(value) };
        } else if (depth > 1 && NESTED_OPTION_KEYS.has(key)) {
          const hit = this.headerHit(value, depth - 1, followNames);
          if (hit) return hit;
        }
      }
      return undefined;
    }
    if (node.type === 'new_expression' && followNames) {
      // `fetch(new Request(url, { headers }))`
      const constructor = dottedName(node.childForFieldName('constructor'));
      if (constructor === 'Request') for (const inner of positionalArguments(node)) {
        const hit = this.headerHit(inner, depth, followNames);
        if (hit) return hit;
      }
      return undefined;
    }
    if (node.type !== 'identifier' || !followNames) return undefined;
    const key = `options:${node.startIndex}`;
    if (this.busy.has(key) || this.busy.size > MAX_DEPTH) return undefined;
    this.busy.add(key);
    try {
      for (const value of this.valuesOf(node)) {
        const hit = this.headerHit(value, depth, followNames);
        if (hit) return { found: hit.found, at: node };
      }
      for (const mutation of this.mutationsOf(node)) {
        if (mutation.path === 'headers' || (mutation.merge && mutation.path === '')) {
          const found = this.evaluate(mutation.value);
          const hit = mutation.merge ? this.headerHit(mutation.value, depth, followNames) : found && (found.kind === 'carrier' || found.kind === 'headers') ? { found, at: node } : undefined;
          if (hit) return { found: hit.found, at: node };
        } else if (mutation.path.startsWith('headers.')) {
          const found = this.evaluate(mutation.value);
          if (found?.kind === 'token') return { found, at: node };
        }
      }
    } finally {
      this.busy.delete(key);
    }
    return undefined;
  }

  /** The member of a literal headers object that carries the credential, else the whole expression. */
  pinpoint(value: SyntaxNode): SyntaxNode {
    const node = unwrapExpression(value);
    if (node.type !== 'object' && node.type !== 'dictionary') return value;
    for (const member of namedChildren(node)) {
      const inner = member.type === 'pair' ? member.childForFieldName('value') : member.type === 'spread_element' || member.type === 'dictionary_splat' ? namedChildren(member)[0] : member.type === 'shorthand_property_identifier' ? member : undefined;
      const found = inner ? this.evaluate(inner) : undefined;
      if (found && (found.kind === 'token' || found.kind === 'carrier' || found.kind === 'headers')) return member.type === 'pair' ? inner! : member;
    }
    return value;
  }

  /** False when the top-level statement around `node` never mentions an incoming credential. */
  mayReadCredential(node: SyntaxNode): boolean {
    let top = node;
    while (top.parent && top.parent.parent) top = top.parent;
    const known = this.gates.get(top.id);
    if (known !== undefined) return known;
    const result = SOURCE_TEXT.test(this.context.source.text.slice(top.startIndex, top.endIndex));
    this.gates.set(top.id, result);
    return result;
  }

  /** Python `auth=`: the token itself, a tuple holding it, or an auth object built from it (`BearerAuth(token)`). */
  evaluateAuth(value: SyntaxNode): Found | undefined {
    const node = unwrapExpression(value);
    if (node.type === 'call' && /auth|bearer|token/i.test(calleeName(node) ?? '')) {
      for (const argument of positionalArguments(node)) {
        const found = this.evaluate(argument);
        if (found?.kind === 'token') return found;
      }
      return undefined;
    }
    const found = this.evaluate(node);
    return found && (found.kind === 'token' || found.kind === 'carrier') ? found : undefined;
  }

  /** The single value a name is bound to where it is read, if it has exactly one reaching binding. */
  singleValue(use: SyntaxNode): SyntaxNode | undefined {
    const values = this.valuesOf(use);
    return values.length === 1 ? values[0] : undefined;
  }

  evaluate(expression: SyntaxNode, depth = 0): Found | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const node = this.unwrap(expression);
    const known = this.memo.get(node.id);
    if (known !== undefined) return known ?? undefined;
    const found = this.compute(node, depth + 1);
    // Values computed inside a cycle may be partial; keep them out of the memo.
    if (this.busy.size === 0) this.memo.set(node.id, found ?? null);
    return found;
  }

  private compute(node: SyntaxNode, next: number): Found | undefined {
    switch (node.type) {
      case 'identifier':
      case 'shorthand_property_identifier':
        return this.evaluateName(node, next);
      case 'member_expression':
      case 'attribute':
      case 'subscript_expression':
      case 'subscript':
        return this.evaluateMember(node, next);
      case 'call_expression':
      case 'call':
      case 'new_expression':
        return this.evaluateCall(node, next);
      case 'template_string':
      case 'string':
      case 'concatenated_string': {
        for (const child of namedChildren(node)) {
          if (child.type !== 'template_substitution' && child.type !== 'interpolation' && child.type !== 'string') continue;
          const inner = child.type === 'string' ? child : (child.childForFieldName('expression') ?? namedChildren(child)[0]);
          const found = inner ? this.evaluate(inner, next) : undefined;
          if (found?.kind === 'token') return found;
        }
        return undefined;
      }
      case 'binary_expression':
      case 'binary_operator': {
        const operator = node.childForFieldName('operator')?.type;
        const sides = [node.childForFieldName('left'), node.childForFieldName('right')];
        if (operator === '+' || operator === '%') return this.firstToken(sides, next);
        if (operator === '||' || operator === '??') return this.first(sides, next);
        return operator === '&&' ? this.first([sides[1] ?? null], next) : undefined;
      }
      case 'boolean_operator':
        return this.first([node.childForFieldName('left'), node.childForFieldName('right')], next);
      case 'ternary_expression':
        return this.first([node.childForFieldName('consequence'), node.childForFieldName('alternative')], next);
      case 'conditional_expression': {
        const parts = namedChildren(node);
        return this.first([parts[0] ?? null, parts[2] ?? null], next);
      }
      case 'object':
      case 'dictionary':
      case 'array':
      case 'list':
      case 'tuple':
        return this.evaluateContainer(node, next);
      default:
        return undefined;
    }
  }

  private unwrap(expression: SyntaxNode): SyntaxNode {
    let node = unwrapExpression(expression);
    while (node.type === 'spread_element' || node.type === 'dictionary_splat' || node.type === 'list_splat') {
      const inner = namedChildren(node)[0];
      if (!inner) break;
      node = unwrapExpression(inner);
    }
    return node;
  }

  private first(nodes: ReadonlyArray<SyntaxNode | null>, depth: number): Found | undefined {
    let weaker: Found | undefined;
    for (const node of nodes) {
      const found = node ? this.evaluate(node, depth) : undefined;
      if (found && (found.kind === 'token' || found.kind === 'carrier' || found.kind === 'headers')) return found;
      weaker ??= found;
    }
    return weaker;
  }

  private firstToken(nodes: ReadonlyArray<SyntaxNode | null>, depth: number): Found | undefined {
    for (const node of nodes) {
      const found = node ? this.evaluate(node, depth) : undefined;
      if (found?.kind === 'token') return found;
    }
    return undefined;
  }

  /** An object, dict or array built here: it carries the credential if a member does. */
  private evaluateContainer(node: SyntaxNode, depth: number): Found | undefined {
    for (const member of namedChildren(node)) {
      let value: SyntaxNode | null | undefined = member;
      if (member.type === 'pair') value = member.childForFieldName('value');
      else if (member.type === 'comment') continue;
      const found = value ? this.evaluate(value, depth) : undefined;
      if (!found) continue;
      if (found.kind === 'token') return { kind: 'carrier', origin: found.origin };
      if (found.kind === 'carrier') return found;
      if (found.kind === 'headers' && (member.type === 'spread_element' || member.type === 'dictionary_splat' || node.type === 'array' || node.type === 'list')) {
        return { kind: 'carrier', origin: found.origin, wholeHeaders: true };
      }
    }
    return undefined;
  }

  private evaluateName(node: SyntaxNode, depth: number): Found | undefined {
    const name = node.text;
    const key = `name:${node.startIndex}:${name}`;
    if (this.busy.has(key)) return undefined;
    this.busy.add(key);
    try {
      const resolved = this.resolve(node);
      if (resolved.kind === 'unbound' || resolved.kind === 'parameter') {
        const parameter = resolved.kind === 'parameter' ? resolved.parameter : undefined;
        const fromParameter = parameter ? this.parameterKind(parameter, name, node) : undefined;
        if (fromParameter) return fromParameter;
        const imported = this.context.flow.imports.lookup(name);
        if (REQUEST_NAMES.test(name) && (!imported || REQUEST_MODULES.has(imported.module))) return { kind: 'request', origin: node };
        if (AUTH_INFO_NAMES.test(name)) return { kind: 'authInfo', origin: node };
      }
      let result: Found | undefined;
      if (resolved.kind === 'bindings') {
        for (const binding of resolved.bindings) {
          const found = this.evaluateBinding(binding, depth);
          if (found && (!result || rank(found.kind) > rank(result.kind))) result = found;
        }
      }
      // A headers object this code fills in later: `h.set("Authorization", token)`.
      if (!result || result.kind !== 'carrier') {
        for (const mutation of this.mutationsOf(node)) {
          const found = this.evaluate(mutation.value, depth);
          if (!found) continue;
          if (found.kind === 'token' && mutation.path === '' && !mutation.merge) return { kind: 'carrier', origin: found.origin };
          if (found.kind === 'token' && mutation.path !== '' && !mutation.path.includes('.')) return { kind: 'carrier', origin: found.origin };
          if (found.kind === 'carrier') return found;
          if (found.kind === 'headers' && mutation.merge) return { kind: 'carrier', origin: found.origin, wholeHeaders: true };
        }
      }
      if ((result?.kind === 'headers' || result?.wholeHeaders === true) && this.authorizationRemoved(node)) return undefined;
      return result;
    } finally {
      this.busy.delete(key);
    }
  }

  private evaluateBinding(binding: Binding, depth: number): Found | undefined {
    const value = this.evaluate(binding.value, depth);
    if (!value) return undefined;
    if (binding.key !== undefined) return this.property(value, binding.key, binding.value);
    if (binding.restBeside !== undefined) {
      // `const { authorization, ...rest } = req.headers` strips the token from `rest`.
      return value.kind === 'headers' && !binding.restBeside.some(isAuthorizationKey) ? value : undefined;
    }
    if (binding.element) return value.kind === 'token' ? value : undefined;
    return value;
  }

  /** What reading `key` from a value of the given kind gives. */
  private property(base: Found | undefined, key: string, node: SyntaxNode): Found | undefined {
    if (!base) {
      if (key === 'authInfo' || key === 'auth_info') return { kind: 'authInfo', origin: node };
      return undefined;
    }
    switch (base.kind) {
      case 'request':
        if (key === 'headers') return { kind: 'headers', origin: node };
        if (key === 'auth' || key === 'authInfo' || key === 'auth_info') return { kind: 'authInfo', origin: node };
        if (key === 'user') return { kind: 'user', origin: node };
        return undefined;
      case 'headers':
        return isAuthorizationKey(key) ? { kind: 'token', origin: node } : undefined;
      case 'authInfo':
        return key === 'token' || key === 'credentials' || key === 'access_token' ? { kind: 'token', origin: node } : undefined;
      case 'user':
        return key === 'access_token' || key === 'accessToken' ? { kind: 'authInfo', origin: node } : undefined;
      case 'carrier':
        return isAuthorizationKey(key) ? { kind: 'token', origin: base.origin } : key === 'headers' ? base : undefined;
      case 'token':
        return undefined;
    }
  }

  private evaluateMember(node: SyntaxNode, depth: number): Found | undefined {
    const objectField = node.type === 'subscript' ? 'value' : 'object';
    const object = node.childForFieldName(objectField);
    if (!object) return undefined;
    let key: string | undefined;
    if (node.type === 'member_expression') key = node.childForFieldName('property')?.text;
    else if (node.type === 'attribute') key = node.childForFieldName('attribute')?.text;
    else key = staticString(node.childForFieldName(node.type === 'subscript' ? 'subscript' : 'index'));
    // Environment variables are the server's own configuration, never the incoming request.
    if (/^(?:process\.env|os\.environ)\b/.test(object.text)) return undefined;
    const base = this.evaluate(object, depth);
    // `token[7:]`, `parts[1]`: a piece of the token text is still the token.
    if (base?.kind === 'token' && key === undefined) return base;
    if (key === undefined) return undefined;
    const found = this.property(base, key, node);
    if (found || base) return found;
    // `ctx.request_context.request`, `c.req`, `extra.requestInfo`: the incoming request.
    if ((key === 'request' || key === 'req' || key === 'requestInfo') && node.type !== 'subscript' && node.type !== 'subscript_expression') {
      const root = dottedName(object)?.split('.')[0];
      if (root && !this.context.flow.imports.lookup(root)) return { kind: 'request', origin: node };
    }
    return undefined;
  }

  private evaluateCall(node: SyntaxNode, depth: number): Found | undefined {
    const callee = calleeOf(node);
    if (!callee) return undefined;
    const args = positionalArguments(node);
    if (callee.type === 'member_expression' || callee.type === 'attribute') {
      const method = callee.childForFieldName(callee.type === 'attribute' ? 'attribute' : 'property')?.text ?? '';
      const receiver = callee.childForFieldName('object');
      if (!receiver) return undefined;
      // "Bearer {}".format(token), 'Bearer '.concat(token)
      if ((receiver.type === 'string' || receiver.type === 'template_string') && (method === 'format' || method === 'concat')) return this.firstToken(args, depth);
      const base = this.evaluate(receiver, depth);
      if (!base) {
        // `Object.assign({}, req.headers)`
        if (dottedName(callee) === 'Object.assign') return this.copyOf(args, depth);
        return undefined;
      }
      if (HEADER_GETTERS.has(method) && (base.kind === 'request' || base.kind === 'headers')) {
        return isAuthorizationKey(staticString(args[0]) ?? '') ? { kind: 'token', origin: node } : undefined;
      }
      if (base.kind === 'token') return UNTAINTING_METHODS.has(method) ? undefined : base;
      if ((base.kind === 'headers' || base.kind === 'carrier') && COPYING_METHODS.has(method)) return base;
      return undefined;
    }
    const name = dottedName(callee) ?? '';
    if (name === 'get_access_token' || this.context.flow.imports.qualify(callee)?.endsWith('.get_access_token')) return { kind: 'authInfo', origin: node };
    if (COPYING_CALLS.has(name)) return this.copyOf(args, depth);
    return undefined;
  }

  /** `new Headers(x)`, `dict(x)`, `Object.assign({}, x)`, `String(x)`: a copy of what the arguments hold. */
  private copyOf(args: readonly SyntaxNode[], depth: number): Found | undefined {
    for (const argument of args) {
      const found = this.evaluate(argument, depth);
      if (found && (found.kind === 'token' || found.kind === 'carrier' || found.kind === 'headers')) return found;
    }
    return undefined;
  }

  /** The incoming headers with the token removed afterwards: `delete h.authorization`, `h.pop("authorization")`. */
  private authorizationRemoved(use: SyntaxNode): boolean {
    const scope = this.scopeOf(use);
    if (!scope) return false;
    const name = use.text.replace(/[$]/g, '\\$');
    const text = this.context.source.text.slice(scope.startIndex, use.startIndex);
    return new RegExp(`(?:delete\\s+${name}\\s*(?:\\.|\\[\\s*['"])authorization|\\b${name}\\s*\\.\\s*(?:pop|delete|remove)\\(\\s*['"]authorization['"]|del\\s+${name}\\s*\\[\\s*['"]authorization['"])`, 'i').test(text);
  }

  /** Parameters that hold a credential by their type or FastAPI declaration. */
  private parameterKind(parameter: SyntaxNode, name: string, use: SyntaxNode): Found | undefined {
    const type = parameter.childForFieldName('type')?.text.replace(/^:\s*/, '').trim();
    if (type && AUTH_INFO_TYPES.test(type)) return { kind: 'authInfo', origin: use };
    if (type && REQUEST_TYPES.test(type)) return { kind: 'request', origin: use };
    // FastAPI: `authorization: str = Header(None)`
    const value = parameter.childForFieldName('value');
    if (isAuthorizationKey(name) && value?.type === 'call' && dottedName(value.childForFieldName('function'))?.endsWith('Header')) return { kind: 'token', origin: use };
    return undefined;
  }

  // -- name resolution ------------------------------------------------------------------------

  valuesOf(use: SyntaxNode): SyntaxNode[] {
    const resolved = this.resolve(use);
    return resolved.kind === 'bindings' ? resolved.bindings.filter((binding) => binding.key === undefined && !binding.element && binding.restBeside === undefined).map((binding) => binding.value) : [];
  }

  private mutationsOf(use: SyntaxNode): Mutation[] {
    const found: Mutation[] = [];
    for (let scope = this.scopeOf(use); scope; scope = this.scopeOf(scope)) {
      const index = this.index(scope);
      for (const mutation of index.mutations.get(use.text) ?? []) if (mutation.position < use.startIndex) found.push(mutation);
      if (index.bindings.has(use.text) || index.parameters.has(use.text)) break;
    }
    return found;
  }

  private resolve(use: SyntaxNode): { kind: 'bindings'; bindings: Binding[] } | { kind: 'parameter'; parameter: SyntaxNode } | { kind: 'unbound' } {
    const name = use.text;
    for (let scope = this.scopeOf(use); scope; scope = this.scopeOf(scope)) {
      const index = this.index(scope);
      const reaching: Binding[] = [];
      const bindings = index.bindings.get(name) ?? [];
      for (let i = bindings.length - 1; i >= 0; i--) {
        const binding = bindings[i]!;
        if (binding.position >= use.startIndex) continue;
        reaching.push(binding);
        if (binding.blockStart <= use.startIndex && use.endIndex <= binding.blockEnd) break;
      }
      if (reaching.length > 0) return { kind: 'bindings', bindings: reaching };
      const parameter = index.parameters.get(name);
      if (parameter) return { kind: 'parameter', parameter };
    }
    return { kind: 'unbound' };
  }

  /** The function (else the module) that encloses `node`, excluding `node` itself. */
  private scopeOf(node: SyntaxNode): SyntaxNode | undefined {
    const root = this.context.root;
    // The root may be an ERROR node when the file does not parse; compare by identity and range.
    if (node.id === root.id || (node.startIndex === root.startIndex && node.endIndex === root.endIndex && !SCOPE_TYPES.has(node.type))) return undefined;
    const ranges = this.allFunctions();
    let low = 0;
    let high = ranges.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (ranges[middle]!.startIndex <= node.startIndex) low = middle + 1;
      else high = middle - 1;
    }
    for (let i = high; i >= 0; i--) {
      const fn = ranges[i]!;
      // Strictly larger: a function never encloses itself (nor a twin the query returned twice).
      if (fn.startIndex <= node.startIndex && node.endIndex <= fn.endIndex && (fn.startIndex < node.startIndex || node.endIndex < fn.endIndex)) return fn;
    }
    return root;
  }

  private allFunctions(): SyntaxNode[] {
    this.functionRanges ??= this.context.root
      .descendantsOfType(SCOPE_TYPE_LIST)
      .filter((fn): fn is SyntaxNode => fn !== null)
      .sort((a, b) => a.startIndex - b.startIndex);
    return this.functionRanges;
  }

  private index(scope: SyntaxNode): ScopeIndex {
    const known = this.scopes.get(scope.id);
    if (known) return known;
    const index: ScopeIndex = { bindings: new Map(), mutations: new Map(), parameters: new Map() };
    this.scopes.set(scope.id, index);
    if (!SCOPE_TYPES.has(scope.type)) {
      // Module level: only top-level statements (`const API = …`), which is what functions read.
      for (const statement of namedChildren(scope)) {
        const inner = statement.type === 'expression_statement' ? namedChildren(statement)[0] : statement;
        if (!inner) continue;
        if (inner.type === 'lexical_declaration' || inner.type === 'variable_declaration') {
          for (const declarator of namedChildren(inner)) if (declarator.type === 'variable_declarator') this.collect(declarator, index);
        } else if (inner.type === 'assignment') this.collect(inner, index);
      }
      return index;
    }
    this.collectParameters(scope, index);
    const body = scope.childForFieldName('body') ?? scope;
    // Nested functions have their own scopes: their ranges (outermost ones, in order) are skipped.
    const nested: Array<{ start: number; end: number }> = [];
    for (const fn of this.allFunctions()) {
      if (fn.startIndex < body.startIndex || fn.endIndex > body.endIndex || fn.id === scope.id) continue;
      const last = nested[nested.length - 1];
      if (last && fn.startIndex < last.end) continue;
      nested.push({ start: fn.startIndex, end: fn.endIndex });
    }
    const outside = (node: SyntaxNode) => {
      let low = 0;
      let high = nested.length - 1;
      while (low <= high) {
        const middle = (low + high) >> 1;
        const range = nested[middle]!;
        if (node.startIndex < range.start) high = middle - 1;
        else if (node.startIndex >= range.end) low = middle + 1;
        else return false;
      }
      return true;
    };
    // Calls matter only as changes to an object (`h.set(…)`, `Object.assign(h, …)`, `h.update(…)`).
    const mutatingCalls = /\.(?:set|append|add_header|setdefault|__setitem__|update|assign)\s*\(/.test(this.context.source.text.slice(body.startIndex, body.endIndex));
    const types = (this.language === 'python' ? PY_BINDING_TYPES : JS_BINDING_TYPES).filter((type) => mutatingCalls || (type !== 'call' && type !== 'call_expression'));
    for (const node of body.descendantsOfType(types)) {
      if (!node || !outside(node)) continue;
      this.collect(node, index);
    }
    return index;
  }

  private collectParameters(fn: SyntaxNode, index: ScopeIndex): void {
    const single = fn.childForFieldName('parameter');
    const list = fn.childForFieldName('parameters');
    const parameters = single ? [single] : list ? namedChildren(list) : [];
    for (const parameter of parameters) {
      const pattern = parameter.childForFieldName('pattern') ?? parameter.childForFieldName('name') ?? (parameter.type === 'typed_parameter' ? namedChildren(parameter)[0] : parameter);
      if (!pattern) continue;
      if (pattern.type === 'identifier') index.parameters.set(pattern.text, parameter);
      else if (pattern.type === 'object_pattern') {
        // `async (args, { authInfo }) => …`: the names a destructured parameter binds.
        for (const member of namedChildren(pattern)) {
          if (member.type === 'shorthand_property_identifier_pattern') index.parameters.set(member.text, member);
          else if (member.type === 'pair_pattern') {
            const local = member.childForFieldName('value');
            if (local?.type === 'identifier') index.parameters.set(local.text, member);
          }
        }
      }
    }
  }

  private collect(node: SyntaxNode, index: ScopeIndex): void {
    const add = (binding: Omit<Binding, 'blockStart' | 'blockEnd' | 'position'>, at: SyntaxNode) => {
      const block = enclosingBlock(at);
      const list = index.bindings.get(binding.name) ?? [];
      list.push({ ...binding, position: at.endIndex, blockStart: block?.startIndex ?? 0, blockEnd: block?.endIndex ?? Number.MAX_SAFE_INTEGER });
      index.bindings.set(binding.name, list);
    };
    const mutate = (target: SyntaxNode, path: string, value: SyntaxNode, merge: boolean, at: SyntaxNode) => {
      const list = index.mutations.get(target.text) ?? [];
      list.push({ name: target.text, position: at.endIndex, path, value, merge });
      index.mutations.set(target.text, list);
    };
    switch (node.type) {
      case 'variable_declarator':
      case 'assignment_expression':
      case 'assignment':
      case 'named_expression': {
        const target = node.childForFieldName(node.type === 'variable_declarator' || node.type === 'named_expression' ? 'name' : 'left');
        const value = node.childForFieldName(node.type === 'variable_declarator' ? 'value' : node.type === 'named_expression' ? 'value' : 'right');
        if (!target || !value) return;
        this.bindPattern(target, value, node, add, mutate);
        return;
      }
      case 'as_pattern': {
        const value = namedChildren(node)[0];
        const alias = node.childForFieldName('alias');
        const target = alias?.type === 'identifier' ? alias : alias ? namedChildren(alias)[0] : undefined;
        if (value && target?.type === 'identifier') add({ name: target.text, value }, node);
        return;
      }
      case 'call_expression':
      case 'call': {
        const head = this.context.source.text.slice(node.startIndex, Math.min(node.endIndex, node.startIndex + 80));
        if (!/^(?:[\w$]+\s*\.\s*(?:set|append|add_header|setdefault|__setitem__|update)|Object\s*\.\s*assign)\s*\(/.test(head)) return;
        const callee = node.childForFieldName('function');
        const args = positionalArguments(node);
        if (!callee || (callee.type !== 'member_expression' && callee.type !== 'attribute')) return;
        const method = callee.childForFieldName(callee.type === 'attribute' ? 'attribute' : 'property')?.text;
        const receiver = callee.childForFieldName('object');
        if (dottedName(callee) === 'Object.assign' && args[0]?.type === 'identifier') {
          for (const source of args.slice(1)) mutate(args[0], '', source, true, node);
          return;
        }
        if (receiver?.type !== 'identifier' || !method) return;
        if ((method === 'set' || method === 'append' || method === 'add_header' || method === 'setdefault' || method === '__setitem__') && args[1]) mutate(receiver, '', args[1], false, node);
        else if (method === 'update' && args[0]) mutate(receiver, '', args[0], true, node);
        return;
      }
      default:
        return;
    }
  }

  private bindPattern(
    target: SyntaxNode,
    value: SyntaxNode,
    at: SyntaxNode,
    add: (binding: Omit<Binding, 'blockStart' | 'blockEnd' | 'position'>, at: SyntaxNode) => void,
    mutate: (target: SyntaxNode, path: string, value: SyntaxNode, merge: boolean, at: SyntaxNode) => void,
  ): void {
    switch (target.type) {
      case 'identifier':
        add({ name: target.text, value }, at);
        return;
      case 'object_pattern': {
        const keys: string[] = [];
        const members = namedChildren(target);
        for (const member of members) {
          if (member.type === 'shorthand_property_identifier_pattern') keys.push(member.text);
          else if (member.type === 'pair_pattern') keys.push(pairKey(member) ?? '');
          else if (member.type === 'object_assignment_pattern') keys.push(member.childForFieldName('left')?.text ?? '');
        }
        for (const member of members) {
          if (member.type === 'shorthand_property_identifier_pattern') add({ name: member.text, value, key: member.text }, at);
          else if (member.type === 'object_assignment_pattern') {
            const left = member.childForFieldName('left');
            if (left?.type === 'shorthand_property_identifier_pattern' || left?.type === 'identifier') add({ name: left.text, value, key: left.text }, at);
          } else if (member.type === 'pair_pattern') {
            const key = pairKey(member);
            const local = member.childForFieldName('value');
            if (key !== undefined && local?.type === 'identifier') add({ name: local.text, value, key }, at);
          } else if (member.type === 'rest_pattern') {
            const local = namedChildren(member)[0];
            if (local?.type === 'identifier') add({ name: local.text, value, restBeside: keys }, at);
          }
        }
        return;
      }
      case 'array_pattern':
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
        for (const element of namedChildren(target)) {
          const local = element.type === 'list_splat_pattern' || element.type === 'rest_pattern' ? namedChildren(element)[0] : element;
          if (local?.type === 'identifier') add({ name: local.text, value, element: true }, at);
        }
        return;
      case 'member_expression':
      case 'subscript_expression':
      case 'subscript':
      case 'attribute': {
        // `init.headers = …`, `h.Authorization = …`, `h["Authorization"] = …`: a change to the object.
        const path: string[] = [];
        let node: SyntaxNode | null = target;
        while (node && node.type !== 'identifier') {
          const property = node.type === 'member_expression' ? node.childForFieldName('property')?.text : node.type === 'attribute' ? node.childForFieldName('attribute')?.text : staticString(node.childForFieldName(node.type === 'subscript' ? 'subscript' : 'index'));
          path.unshift(property ?? '?');
          node = node.childForFieldName(node.type === 'subscript' ? 'value' : 'object');
        }
        if (node?.type === 'identifier') mutate(node, path.join('.'), value, false, at);
        return;
      }
      default:
        return;
    }
  }
}

function rank(kind: Kind): number {
  return kind === 'carrier' || kind === 'token' ? 3 : kind === 'headers' ? 2 : 1;
}

function isAuthorizationKey(key: string): boolean {
  return key.toLowerCase() === 'authorization';
}

function enclosingBlock(node: SyntaxNode): SyntaxNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (BLOCK_TYPES.has(current.type)) return current;
  return undefined;
}
