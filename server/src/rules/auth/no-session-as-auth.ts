import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import { FUNCTION_TYPES } from '../../analyzer/flow/tool-handlers';
import type { CodeRuleContext, SyntaxVisitor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { calleeName, calleeOf, dottedName, keywordArguments, pairKey, positionalArguments, staticString, unwrapExpression } from '../../analyzer/syntax/nodes';
import { namedChildren } from '../../analyzer/syntax/tree';

type MessageId = 'unauthenticatedSessionRoute' | 'sessionKeyedIdentity' | 'sessionIdentityRead' | 'stateHandleKeyedIdentity' | 'stateHandleIdentityRead';
type Context = CodeRuleContext<MessageId>;

/** Evidence that the server does authorization (bearer middleware, token verification, auth settings). */
const AUTH_EVIDENCE =
  /\b(?:requireBearerAuth|mcpAuthRouter|mcpAuthMetadataRouter|verifyAccessToken|jwtVerify|expressjwt|passport\.authenticate|auth_settings|AuthSettings|token_verifier|TokenVerifier|RequireAuthMiddleware|BearerAuthBackend|get_access_token|HTTPBearer|OAuth2PasswordBearer)\b|express-oauth2-jwt-bearer|jwt\.verify\(|\breq\.auth\b/;
/** Middleware that authenticates a request, by name: `requireBearerAuth(…)`, `authMiddleware`, `passport.authenticate(…)`. */
const AUTH_MIDDLEWARE = /auth|bearer|jwt|passport|protect|verif|ensureLogged|requireUser|guard|checkToken|requireToken|requireScope/i;
/** A handler that checks the caller itself. */
const INLINE_AUTH = /!\s*req(?:uest)?\.auth\b|\.authorization\b|['"]authorization['"]|verifyAccessToken|jwtVerify|jwt\.(?:verify|decode)|authenticate\(|introspect|request\.user\b|is_authenticated|get_access_token|verify_token/i;
/** Uses of the verified identity next to a session lookup, which suggest the two are compared. */
const VERIFIED_IDENTITY = /\breq(?:uest)?\.auth\b|\bauthInfo\b|\bauth_info\b|get_access_token|request\.user\b|verifyAccessToken|jwtVerify|jwt\.(?:verify|decode)|access_token\.(?:client_id|subject)/;
/** Fields of per-session state that hold who the caller is. */
const IDENTITY_KEY = /^(?:user|users?_?id|userId|username|user_?name|sub|subject|email|principal|identity|account|account_?id|tenant|tenant_?id|owner|owner_?id|roles?|scopes?|permissions|auth|auth_?info|authInfo|claims|client_?id|clientId)$/i;
/** Values that hold who the caller is: `user`, `currentUser`, `req.auth`, `claims`. */
const IDENTITY_VALUE = /^(?:user|currentUser|current_user|principal|identity|claims|authInfo|auth_info|auth|account|profile)$/i;
/** Maps of transports, streams and timers are keyed by session ID by design; they are not identity. */
const NON_IDENTITY_STORE = /transport|server|stream|eventStore|event_store|socket|connection|timer|timeout|interval|abort|controller|queue|pending|lastSeen|last_seen|activity|subscription|listener/i;
const ROUTE_METHODS = new Set(['post', 'get', 'delete', 'all', 'put', 'patch']);
const SESSION_ID_NAMES = /^(?:mcp_?)?session_?id$|^sid$|^mcpSessionId$/i;
const STATE_HANDLE_NAMES = /^(?:state_?)?handle(?:_?id)?$|^stateHandle$/i;
/** The file deals with MCP protocol sessions (not, say, an OAuth proxy's browser sessions). */
const MCP_SESSION_EVIDENCE = /mcp-session-id|sessionIdGenerator|onsessioninitialized|extra\.sessionId|transport\.sessionId|StreamableHTTP|streamable_?http|ctx\.session_id|ctx\.sessionId/i;
/** The 2026-07-28 revision replaces protocol sessions with server-minted state handles. */
const STATE_HANDLE_REVISION = /['"]2026-07-28['"]|['"]server\/discover['"]/;

export default defineRule<MessageId>(
  {
    id: 'no-session-as-auth',
    group: 'auth',
    description: 'Disallow treating an MCP session ID as proof of who the caller is',
    defaultSeverity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-384', 'CWE-287'],
    owaspMcp: 'MCP07',
    control: 3,
    fix: 'none',
    messages: {
      unauthenticatedSessionRoute:
        'This {{method}} route resumes the session `{{lookup}}` from the Mcp-Session-Id header without bearer authentication, while this server authenticates elsewhere ({{evidence}}): anyone who obtains a session ID can act in that session. The MCP security best practices say servers that implement authorization MUST verify all inbound requests and MUST NOT use sessions for authentication; put the route behind the same bearer middleware.',
      sessionKeyedIdentity:
        'The caller\'s identity is stored in `{{store}}` under the session ID alone (`{{key}}`): whoever presents that Mcp-Session-Id gets this identity. The MCP security best practices say servers MUST NOT use sessions for authentication and SHOULD bind session IDs to the user (key `<user_id>:<session_id>`, with the user ID taken from the verified token).',
      sessionIdentityRead:
        '`{{read}}` takes the caller\'s identity from state looked up by session ID alone: whoever presents that Mcp-Session-Id is treated as this user. The MCP security best practices say servers MUST NOT use sessions for authentication; take the user from the verified access token on each request, or key the state by `<user_id>:<session_id>`.',
      stateHandleKeyedIdentity:
        'The caller\'s identity is stored in `{{store}}` under the state handle alone (`{{key}}`): whoever presents that handle gets this identity. The MCP security best practices say servers MUST NOT treat possession of a state handle as authentication and SHOULD bind handles to the user (`<user_id>:<handle>`, with the user ID taken from the verified token).',
      stateHandleIdentityRead:
        '`{{read}}` takes the caller\'s identity from state looked up by state handle alone: whoever presents that handle is treated as this user. The MCP security best practices say servers MUST NOT treat possession of a state handle as authentication; take the user from the verified access token, or key the state by `<user_id>:<handle>`.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices#session-hijacking',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization',
      'https://cwe.mitre.org/data/definitions/384.html',
    ],
  },
  {
    'js-ts': (context): SyntaxVisitor => {
      const text = context.source.text;
      const stateHandles = STATE_HANDLE_REVISION.test(text);
      const state = new SessionState(context, stateHandles);
      let routes: RouteInfo[] | undefined;
      const allRoutes = () => (routes ??= collectRoutes(context));
      const reported = new Set<number>();
      const visitor: SyntaxVisitor = {
        assignment_expression(assignment) {
          const left = assignment.childForFieldName('left');
          const right = assignment.childForFieldName('right');
          if (left?.type === 'subscript_expression' && right) state.checkWrite(left.childForFieldName('object'), left.childForFieldName('index'), right);
        },
        subscript_expression(subscript) {
          const parent = subscript.parent;
          if (parent?.type === 'assignment_expression' && parent.childForFieldName('left')?.id === subscript.id) return;
          state.checkLookup(subscript, subscript.childForFieldName('object'), subscript.childForFieldName('index'));
        },
        call_expression: {
          callees: new Set(['get', 'set', ...ROUTE_METHODS]),
          visit(call) {
            const method = calleeName(call);
            const callee = calleeOf(call);
            if (callee?.type !== 'member_expression') return;
            const [first, second] = positionalArguments(call);
            if (method === 'set' && first && second) state.checkWrite(callee.childForFieldName('object'), first, second);
            else if (method === 'get' && first && positionalArguments(call).length === 1) state.checkLookup(call, callee.childForFieldName('object'), first);
            if (method && ROUTE_METHODS.has(method) && first && AUTH_EVIDENCE.test(text)) checkExpressRoute(context, call, method, allRoutes, reported);
          },
        },
      };
      return stateHandles || MCP_SESSION_EVIDENCE.test(text) ? visitor : {};
    },
    python: (context): SyntaxVisitor => {
      const text = context.source.text;
      const stateHandles = STATE_HANDLE_REVISION.test(text);
      const state = new SessionState(context, stateHandles);
      const visitor: SyntaxVisitor = {
        assignment(assignment) {
          const left = assignment.childForFieldName('left');
          const right = assignment.childForFieldName('right');
          if (left?.type === 'subscript' && right) state.checkWrite(left.childForFieldName('value'), left.childForFieldName('subscript'), right);
        },
        subscript(subscript) {
          const parent = subscript.parent;
          if (parent?.type === 'assignment' && parent.childForFieldName('left')?.id === subscript.id) return;
          state.checkLookup(subscript, subscript.childForFieldName('value'), subscript.childForFieldName('subscript'));
        },
        call: {
          callees: new Set(['get', 'set', 'Route', ...ROUTE_METHODS]),
          visit(call) {
            const method = calleeName(call);
            const callee = call.childForFieldName('function');
            const args = positionalArguments(call);
            if (method === 'Route') {
              if (AUTH_EVIDENCE.test(text)) checkStarletteRoute(context, call);
              return;
            }
            if (callee?.type !== 'attribute') return;
            if (method === 'set' && args[0] && args[1]) state.checkWrite(callee.childForFieldName('object'), args[0], args[1]);
            else if (method === 'get' && args.length >= 1 && args.length <= 2) state.checkLookup(call, callee.childForFieldName('object'), args[0]!);
          },
        },
      };
      return stateHandles || MCP_SESSION_EVIDENCE.test(text) ? visitor : {};
    },
  },
);

// ---------------------------------------------------------------------------------------------
// Per-session state that holds identity

class SessionState {
  constructor(
    private readonly context: Context,
    private readonly stateHandles: boolean,
  ) {}

  /** `sessions[sessionId] = { user }`, `sessions.set(sessionId, { userId })`. */
  checkWrite(store: SyntaxNode | null, key: SyntaxNode | null, value: SyntaxNode): void {
    if (!store || !key || !this.isSessionKey(key)) return;
    const storeName = dottedName(store);
    if (!storeName || NON_IDENTITY_STORE.test(storeName)) return;
    if (!carriesIdentity(value)) return;
    this.context.report({
      messageId: this.stateHandles ? 'stateHandleKeyedIdentity' : 'sessionKeyedIdentity',
      data: { store: storeName, key: short(key.text) },
      start: key.startIndex,
      end: key.endIndex,
    });
  }

  /**
   * `sessions[sessionId].user`, `sessions.get(sid)?.userId`, `const { user } = store.get(sid)`,
   * `const session = sessions[sid]; … session.user`: identity read from session-keyed state.
   */
  checkLookup(lookup: SyntaxNode, store: SyntaxNode | null, key: SyntaxNode | null): void {
    if (!store || !key || !this.isSessionKey(key)) return;
    const storeName = dottedName(store);
    if (!storeName || NON_IDENTITY_STORE.test(storeName)) return;
    const read = identityRead(lookup, this.context.source.text);
    if (!read) return;
    const fn = enclosingFunction(lookup);
    if (fn && VERIFIED_IDENTITY.test(fn.text)) return;
    this.context.report({
      messageId: this.stateHandles ? 'stateHandleIdentityRead' : 'sessionIdentityRead',
      data: { read: short(read.text) },
      start: read.start,
      end: read.end,
    });
  }

  /** A session ID (`sessionId`, `extra.sessionId`, the `mcp-session-id` header) or, for 2026-07-28, a state handle. */
  private isSessionKey(key: SyntaxNode): boolean {
    const node = unwrapExpression(key);
    const names = this.stateHandles ? [SESSION_ID_NAMES, STATE_HANDLE_NAMES] : [SESSION_ID_NAMES];
    if (node.type === 'identifier') return names.some((pattern) => pattern.test(node.text));
    if (node.type === 'member_expression' || node.type === 'attribute') {
      const property = node.childForFieldName(node.type === 'attribute' ? 'attribute' : 'property')?.text ?? '';
      return names.some((pattern) => pattern.test(property));
    }
    if (node.type === 'call_expression' || node.type === 'call' || node.type === 'subscript_expression' || node.type === 'subscript') return /mcp-session-id/i.test(node.text) && node.text.length < 120;
    return false;
  }
}

/** An object or dict with a field naming the caller, or a value that is the caller (`user`, `req.auth`). */
function carriesIdentity(value: SyntaxNode): boolean {
  const node = unwrapExpression(value);
  if (node.type === 'object' || node.type === 'dictionary') {
    return namedChildren(node).some((member) => {
      if (member.type === 'shorthand_property_identifier') return IDENTITY_KEY.test(member.text);
      if (member.type !== 'pair') return false;
      const key = member.childForFieldName('key');
      const name = node.type === 'object' ? pairKey(member) : staticString(key);
      return name !== undefined && IDENTITY_KEY.test(name);
    });
  }
  if (node.type === 'call' && /^(?:dict|[A-Z]\w*(?:Session|State|Context))$/.test(dottedName(node.childForFieldName('function')) ?? '')) {
    return [...keywordArguments(node).keys()].some((name) => IDENTITY_KEY.test(name));
  }
  const last = dottedName(node)?.split('.').pop();
  return last !== undefined && (IDENTITY_VALUE.test(last) || IDENTITY_KEY.test(last)) && last.toLowerCase() !== 'scopes';
}

/** The range that reads an identity field from the result of `lookup`, if any. */
function identityRead(lookup: SyntaxNode, text: string): { start: number; end: number; text: string } | undefined {
  let node = lookup;
  while (node.parent && ['await_expression', 'await', 'parenthesized_expression', 'non_null_expression', 'as_expression'].includes(node.parent.type)) node = node.parent;
  const parent = node.parent;
  if (!parent) return undefined;
  // sessions[sid].user, sessions.get(sid)?.userId, sessions[sid]["user"]
  if (parent.type === 'member_expression' || parent.type === 'attribute' || parent.type === 'subscript_expression' || parent.type === 'subscript') {
    const field =
      parent.type === 'member_expression'
        ? parent.childForFieldName('property')?.text
        : parent.type === 'attribute'
          ? parent.childForFieldName('attribute')?.text
          : staticString(parent.childForFieldName(parent.type === 'subscript' ? 'subscript' : 'index'));
    const object = parent.childForFieldName(parent.type === 'subscript' ? 'value' : 'object');
    if (object?.id === node.id && field !== undefined && IDENTITY_KEY.test(field)) return { start: parent.startIndex, end: parent.endIndex, text: parent.text };
    return undefined;
  }
  // const { user } = sessions.get(sid)
  if (parent.type === 'variable_declarator' && parent.childForFieldName('value')?.id === node.id) {
    const name = parent.childForFieldName('name');
    if (name?.type === 'object_pattern') {
      const keys = namedChildren(name).map((member) => (member.type === 'pair_pattern' ? pairKey(member) : member.type === 'object_assignment_pattern' ? member.childForFieldName('left')?.text : member.text));
      return keys.some((key) => key !== undefined && IDENTITY_KEY.test(key)) ? { start: node.startIndex, end: node.endIndex, text: node.text } : undefined;
    }
    if (name?.type === 'identifier') return laterFieldRead(name, node, text);
    return undefined;
  }
  // session = sessions.get(sid)  (Python), const session = sessions[sid]
  if (parent.type === 'assignment' && parent.childForFieldName('right')?.id === node.id) {
    const name = parent.childForFieldName('left');
    if (name?.type === 'identifier') return laterFieldRead(name, node, text);
  }
  return undefined;
}

/** `session.user` / `session["user_id"]` later in the same function, for `session = sessions[sid]`. */
function laterFieldRead(name: SyntaxNode, lookup: SyntaxNode, text: string): { start: number; end: number; text: string } | undefined {
  const fn = enclosingFunction(lookup);
  const end = fn ? fn.endIndex : text.length;
  const body = text.slice(lookup.endIndex, end);
  const escaped = name.text.replace(/[$]/g, '\\$');
  const pattern = new RegExp(`\\b${escaped}\\s*(?:\\?\\.|\\.|\\[\\s*['"])\\s*([A-Za-z_]\\w*)`, 'g');
  for (let match = pattern.exec(body); match; match = pattern.exec(body)) {
    if (!IDENTITY_KEY.test(match[1]!)) continue;
    // `session.owner !== ownerOf(req)` checks the binding against the verified caller: that is the fix, not the bug.
    const after = body.slice(match.index + match[0].length).replace(/^\s*(?:\]|['"]\s*\])?\s*/, '');
    const before = body.slice(Math.max(0, match.index - 8), match.index);
    if (/^(?:!==?|===?|is\b)/.test(after) || /(?:!==?|===?|\bis(?:\s+not)?)\s*$/.test(before)) continue;
    return { start: lookup.startIndex, end: lookup.endIndex, text: lookup.text };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Express routes that resume a session without bearer authentication

interface RouteInfo {
  call: SyntaxNode;
  method: string;
  app: string;
  path: string | undefined;
  handlers: SyntaxNode[];
}

function checkExpressRoute(context: Context, call: SyntaxNode, method: string, allRoutes: () => RouteInfo[], reported: Set<number>): void {
  const route = routeOf(call, method);
  if (!route || route.path === undefined || route.handlers.length === 0) return;
  const handler = route.handlers[route.handlers.length - 1]!;
  const fn = resolveHandler(context, handler);
  if (!fn || reported.has(fn.id)) return;
  const body = fn.text;
  if (!/mcp-session-id/i.test(body) || !/handleRequest\s*\(/.test(body)) return;
  const lookup = /\b((?=\w*(?:transport|session))\w+)\s*(?:\[\s*(\w+)\s*\]|\.get\(\s*(\w+)\s*\))/i.exec(body);
  if (!lookup) return;
  const authenticates = (middleware: SyntaxNode) => isAuthMiddleware(context, middleware);
  if (route.handlers.slice(0, -1).some(authenticates)) return;
  if (INLINE_AUTH.test(body)) return;
  const routes = allRoutes();
  // An app-wide `app.use(auth)` or `app.use('/mcp', auth)` registered before this route, or a
  // router mounted behind auth (`app.use('/mcp', auth, router)`, in any order).
  const protectedByUse = routes.some((other) => {
    if (other.method !== 'use' || !other.handlers.some(authenticates)) return false;
    if (other.handlers.some((handler) => handler.text === route.app)) return true;
    return other.app === route.app && other.call.startIndex < call.startIndex && (other.path === undefined || route.path!.startsWith(other.path));
  });
  if (protectedByUse) return;
  // The same route registered with auth elsewhere (`if (useOAuth) app.post('/mcp', auth, h) else app.post('/mcp', h)`).
  const alternative = routes.some((other) => other.call.id !== call.id && other.method === method && other.path === route.path && other.handlers.slice(0, -1).some(authenticates));
  if (alternative) return;
  reported.add(fn.id);
  const start = fn.startIndex + lookup.index;
  context.report({
    messageId: 'unauthenticatedSessionRoute',
    data: { method: `${method.toUpperCase()} ${route.path}`, lookup: lookup[0].replace(/\s+/g, ''), evidence: authEvidence(context.source.text) },
    start,
    end: start + lookup[0].length,
  });
}

function routeOf(call: SyntaxNode, method: string): RouteInfo | undefined {
  const callee = calleeOf(call);
  if (callee?.type !== 'member_expression') return undefined;
  const app = dottedName(callee.childForFieldName('object'));
  if (!app) return undefined;
  const args = positionalArguments(call);
  const path = staticString(args[0]);
  return { call, method, app, path, handlers: path === undefined ? args : args.slice(1) };
}

/** Every `app.METHOD(…)` and `app.use(…)` registration in the file. */
function collectRoutes(context: Context): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const call of context.root.descendantsOfType('call_expression')) {
    if (!call) continue;
    const method = calleeName(call);
    if (!method || (method !== 'use' && !ROUTE_METHODS.has(method))) continue;
    const route = routeOf(call, method);
    if (route) routes.push(route);
  }
  return routes;
}

/** Middleware that authenticates: by its name, or a local function that checks the Authorization header. */
function isAuthMiddleware(context: Context, middleware: SyntaxNode): boolean {
  // The SDK's auth routers serve metadata and OAuth endpoints; they protect nothing.
  if (/^\s*(?:mcpAuthRouter|mcpAuthMetadataRouter|authRouter)\b/.test(middleware.text)) return false;
  if (AUTH_MIDDLEWARE.test(middleware.text)) return true;
  const fn = resolveHandler(context, middleware);
  return fn !== undefined && INLINE_AUTH.test(fn.text);
}

/** A handler: inline, a local function by name, or the last function of a wrapper call. */
function resolveHandler(context: Context, handler: SyntaxNode): SyntaxNode | undefined {
  const node = unwrapExpression(handler);
  if (FUNCTION_TYPES.has(node.type)) return node;
  if (node.type === 'identifier') return context.flow.functions.get(node.text);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Starlette routes

function checkStarletteRoute(context: Context, call: SyntaxNode): void {
  const args = positionalArguments(call);
  const path = staticString(args[0]);
  const endpoint = keywordArguments(call).get('endpoint')?.value ?? args[1];
  if (path === undefined || endpoint?.type !== 'identifier') return;
  const fn = context.flow.functions.get(endpoint.text);
  if (!fn) return;
  const body = fn.text;
  if (!/mcp-session-id/i.test(body)) return;
  const lookup = /\b((?=\w*(?:transport|session))\w+)\s*(?:\[\s*(\w+)\s*\]|\.get\(\s*(\w+)\s*\))/i.exec(body);
  if (!lookup) return;
  if (INLINE_AUTH.test(body)) return;
  // Decorators (`@requires("authenticated")`) and app-wide auth middleware protect the route.
  const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent.text.slice(0, fn.startIndex - fn.parent.startIndex) : '';
  if (/requires|auth/i.test(decorated)) return;
  if (/(?:Middleware\(|add_middleware\()\s*(?!AuthenticationMiddleware\b)\w*(?:Auth|Bearer|Token|Jwt)\w*/i.test(context.source.text)) return;
  const start = fn.startIndex + lookup.index;
  context.report({
    messageId: 'unauthenticatedSessionRoute',
    data: { method: path, lookup: lookup[0].replace(/\s+/g, ''), evidence: authEvidence(context.source.text) },
    start,
    end: start + lookup[0].length,
  });
}

// ---------------------------------------------------------------------------------------------

/** The most telling sign that the server authenticates, for the message. */
const EVIDENCE_NAMES = ['requireBearerAuth', 'mcpAuthRouter', 'passport.authenticate', 'expressjwt', 'jwtVerify', 'jwt.verify', 'verifyAccessToken', 'RequireAuthMiddleware', 'token_verifier', 'AuthSettings', 'BearerAuthBackend', 'HTTPBearer', 'get_access_token', 'req.auth'];

function authEvidence(text: string): string {
  const name = EVIDENCE_NAMES.find((candidate) => text.includes(candidate));
  return name ? `\`${name}\`` : 'bearer authentication';
}

function enclosingFunction(node: SyntaxNode): SyntaxNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (FUNCTION_TYPES.has(current.type) || current.type === 'lambda') return current;
  return undefined;
}

function short(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
