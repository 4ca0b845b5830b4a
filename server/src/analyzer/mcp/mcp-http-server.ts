import type { SyntaxNode } from '../syntax/syntax-tree';
import type { TextEdit } from '../finding';
import { calleeOf, pairKey, positionalArguments, staticString, unwrapExpression } from '../syntax/nodes';
import { namedChildren } from '../syntax/tree';

/**
 * What the transport rules need to know about a whole file: is it an MCP server that speaks HTTP,
 * and does it already validate Host/Origin or authenticate requests somewhere. Computed once per
 * file (on first use, from the text and the top-level statements) and shared by every rule.
 */
export interface McpHttpFacts {
  /** Imports an MCP server SDK (TypeScript SDK server side, FastMCP, the Python SDK server) or routes `/mcp`. */
  readonly isMcpServer: boolean;
  /** Host-header or Origin validation: the SDK middleware, or a handler that reads Origin/Host and answers 403. */
  readonly hasOriginGuard: boolean;
  /** Authentication: bearer middleware, auth settings, or a handler that reads Authorization and answers 401. */
  readonly hasAuthGuard: boolean;
  /** `createMcpExpressApp(…)` / `createMcpHonoApp(…)`: the app factory decides Host validation for the file. */
  readonly usesMcpAppFactory: boolean;
  /** Python: `server.settings.transport_security = …` somewhere in the file. */
  readonly hasTransportSecurity: boolean;
  /** Module-level constants holding a string literal (`const HOST = '0.0.0.0'`), by name. */
  readonly constants: ReadonlyMap<string, SyntaxNode>;
}

type Target = 'js-ts' | 'python';

const JS_SERVER_IMPORT =
  /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(?\s*)['"](?:@modelcontextprotocol\/(?:sdk\/server\/|server\b|express\b|node\b|hono\b|server-)|fastmcp['"]|mcp-framework['"]|mcp-handler['"]|@vercel\/mcp-adapter['"])/;
const PY_SERVER_IMPORT = /^[ \t]*(?:from[ \t]+(?:mcp\.server|fastmcp)\b|import[ \t]+(?:mcp\.server|fastmcp)\b)/m;
/** `app.post('/mcp', …)`, `router.all("/mcp/…")`, `Route("/mcp", …)`, `Mount("/mcp", …)`. */
const MCP_ROUTE = /(?:\.(?:post|get|all|use|delete|route)|\b(?:Route|Mount))\s*\(\s*['"`]\/mcp(?:['"`/?])/;

const JS_GUARD_CALL = /\b(?:hostHeaderValidation|localhostHostValidation|originValidation|validateOrigin|checkOrigin|verifyOrigin)\s*\(/;
const PY_GUARD = /\bTrustedHostMiddleware\b|\b(?:validate|check|verify)_origin\s*\(/;
/** Reading the Origin or Host request header (Express, Node, Hono, Starlette). */
const READS_ORIGIN_OR_HOST =
  /headers\s*(?:\.\s*(?:origin|host)\b|\[\s*['"](?:origin|host)['"]\s*\]|\.get\s*\(\s*['"](?:origin|host)['"])|\.(?:get|header)\s*\(\s*['"](?:origin|host)['"]|\breq\.hostname\b/i;
const STATUS_403 = /\b403\b|\bFORBIDDEN\b/;

const JS_AUTH =
  /\b(?:requireBearerAuth|mcpAuthRouter|passport\s*\.\s*authenticate|expressjwt|expressJwt|clerkMiddleware|basicAuth|bearerAuth|jwtCheck|checkJwt|verifyToken|authMiddleware|authenticate|requireAuth|isAuthenticated|withAuth|apiKeyAuth|auth0Mcp)\b|\.use\s*\(\s*(?:['"`][^'"`]*['"`]\s*,\s*)?[\w$.]*(?:[aA]uth|[jJ]wt|[bB]earer|[aA]pi[kK]ey)\w*\s*[,()]/;
const PY_AUTH = /\bAuthSettings\s*\(|\btoken_verifier\s*=|\bauth_server_provider\s*=|\bauth\s*=\s*[A-Za-z_]|\bBearerAuthBackend\b|\bAuthenticationMiddleware\b|\bRequireAuthMiddleware\b|\bHTTPBearer\s*\(/;
/** A hand-written check: reads the Authorization header (or an API key header) and answers 401. */
const READS_AUTHORIZATION = /\bauthorization\b|x-api-key|\bapi[_-]?key\b/i;
const STATUS_401 = /\b401\b|\bUNAUTHORIZED\b/;

const cache = new WeakMap<SyntaxNode, McpHttpFacts>();

/** The facts of the file whose syntax tree is `root` (with `text` its source), computed once. */
export function mcpHttpFacts(root: SyntaxNode, text: string, target: Target): McpHttpFacts {
  const cached = cache.get(root);
  if (cached) return cached;
  const facts = new FileHttpFacts(root, text, target === 'python');
  cache.set(root, facts);
  return facts;
}

/** A class rather than a literal with a getter (see the lint rule against those). */
class FileHttpFacts implements McpHttpFacts {
  readonly isMcpServer: boolean;
  readonly hasOriginGuard: boolean;
  readonly hasAuthGuard: boolean;
  readonly usesMcpAppFactory: boolean;
  readonly hasTransportSecurity: boolean;
  private moduleConstants: Map<string, SyntaxNode> | undefined;

  constructor(
    private readonly root: SyntaxNode,
    text: string,
    private readonly python: boolean,
  ) {
    const readsHeaderAnd403 = READS_ORIGIN_OR_HOST.test(text) && STATUS_403.test(text);
    this.isMcpServer = (python ? PY_SERVER_IMPORT : JS_SERVER_IMPORT).test(text) || MCP_ROUTE.test(text);
    this.hasOriginGuard = (python ? PY_GUARD : JS_GUARD_CALL).test(text) || readsHeaderAnd403;
    this.hasAuthGuard = (python ? PY_AUTH : JS_AUTH).test(text) || (READS_AUTHORIZATION.test(text) && STATUS_401.test(text));
    this.usesMcpAppFactory = !python && /\bcreateMcp(?:Express|Hono)App\s*\(/.test(text);
    this.hasTransportSecurity = python && /\.settings\s*\.\s*transport_security\s*=/.test(text);
  }

  get constants(): ReadonlyMap<string, SyntaxNode> {
    return (this.moduleConstants ??= moduleConstants(this.root, this.python));
  }
}

/** `const NAME = '…'` / `NAME = "…"` at module level, when the name is bound exactly once there. */
function moduleConstants(root: SyntaxNode, python: boolean): Map<string, SyntaxNode> {
  const found = new Map<string, SyntaxNode>();
  const seen = new Set<string>();
  const add = (name: SyntaxNode | null | undefined, value: SyntaxNode | null | undefined) => {
    if (name?.type !== 'identifier' || !value) return;
    if (seen.has(name.text)) found.delete(name.text);
    else if (staticString(value) !== undefined) found.set(name.text, value);
    seen.add(name.text);
  };
  for (let statement of namedChildren(root)) {
    if (python) {
      const assignment = statement.type === 'expression_statement' ? namedChildren(statement)[0] : undefined;
      if (assignment?.type === 'assignment') add(assignment.childForFieldName('left'), assignment.childForFieldName('right'));
      continue;
    }
    if (statement.type === 'export_statement') statement = statement.childForFieldName('declaration') ?? statement;
    if (statement.type !== 'lexical_declaration' || !statement.text.startsWith('const')) continue;
    for (const declarator of namedChildren(statement)) {
      if (declarator.type === 'variable_declarator') add(declarator.childForFieldName('name'), declarator.childForFieldName('value'));
    }
  }
  return found;
}

export type HostKind = 'all-interfaces' | 'loopback' | 'other' | 'unknown';

export interface HostValue {
  kind: HostKind;
  /** The string literal holding the address (possibly a module constant's), when there is one. */
  literal?: SyntaxNode;
  value?: string;
}

const ALL_INTERFACES = new Set(['0.0.0.0', '::', '[::]', '0:0:0:0:0:0:0:0']);

export function classifyHost(value: string): HostKind {
  const host = value.trim().toLowerCase();
  if (ALL_INTERFACES.has(host)) return 'all-interfaces';
  if (host === 'localhost' || host === '::1' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host)) return 'loopback';
  return 'other';
}

/** The address an expression names: a string literal, or a module constant bound to one; else unknown (env, config). */
export function hostValue(expression: SyntaxNode | null | undefined, facts: McpHttpFacts): HostValue {
  if (!expression) return { kind: 'unknown' };
  let node = unwrapExpression(expression);
  if (node.type === 'identifier') node = facts.constants.get(node.text) ?? node;
  const value = staticString(node);
  if (value === undefined) return { kind: 'unknown' };
  return { kind: classifyHost(value), literal: node, value };
}

/** Replaces the address inside a string literal with 127.0.0.1, quotes and prefix kept. */
export function loopbackEdit(literal: SyntaxNode, value: string): TextEdit {
  const text = literal.text;
  const at = text.indexOf(value);
  const start = at >= 0 ? literal.startIndex + at : literal.startIndex + 1;
  const end = at >= 0 ? start + value.length : literal.endIndex - 1;
  return { start, end, newText: '127.0.0.1' };
}

/** A call `x.name(…)` on some receiver (not a bare function call). */
export function isMethodCall(call: SyntaxNode): boolean {
  const callee = calleeOf(call);
  return callee?.type === 'member_expression' || callee?.type === 'attribute';
}

/**
 * Where `server.listen(…)` binds (Node `net`/`http`, Express, Fastify): the host argument, or
 * `implicit` when there is none (Node then listens on every interface). Undefined when the call is
 * not a network listen (a Unix socket path, an event name, no port).
 */
export function jsListenHost(call: SyntaxNode): { host: SyntaxNode | undefined; implicit: boolean } | undefined {
  if (!isMethodCall(call)) return undefined;
  const [first, second] = positionalArguments(call).map((argument) => unwrapExpression(argument));
  if (!first) return undefined;
  if (first.type === 'object') {
    let host: SyntaxNode | undefined;
    let port = false;
    for (const pair of namedChildren(first)) {
      if (pair.type === 'shorthand_property_identifier') {
        if (pair.text === 'port') port = true;
        if (pair.text === 'host') host = pair;
        continue;
      }
      if (pair.type !== 'pair') continue;
      const key = pairKey(pair);
      if (key === 'host') host = pair.childForFieldName('value') ?? undefined;
      if (key === 'port') port = true;
      if (key === 'path') return undefined;
    }
    return port || host ? { host, implicit: host === undefined } : undefined;
  }
  // A string first argument is a Unix socket path or an event name, not a port.
  if (first.type === 'string' || first.type === 'template_string' || FUNCTION_TYPES.has(first.type)) return undefined;
  if (second && !FUNCTION_TYPES.has(second.type) && second.type !== 'number') return { host: second, implicit: false };
  return { host: undefined, implicit: true };
}

const FUNCTION_TYPES = new Set(['arrow_function', 'function_expression', 'function']);

/** Name of a middleware or handler argument that says it authenticates (`requireAuth`, `jwtCheck`, `bearerAuth(…)`). */
export const AUTH_MIDDLEWARE_NAME = /auth|jwt|bearer|token|api_?key|passport|verif/i;

/** The MCP endpoint path of a route registration (`app.post('/mcp', …)`), else undefined. */
export function mcpRoutePath(pathArgument: SyntaxNode | undefined): string | undefined {
  const path = staticString(pathArgument);
  return path !== undefined && /^\/mcp(?:$|[/?])/.test(path) ? path : undefined;
}
