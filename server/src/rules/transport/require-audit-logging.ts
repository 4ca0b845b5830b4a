import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import { AUTH_MIDDLEWARE_NAME, mcpHttpFacts } from '../../analyzer/mcp/mcp-http-server';
import { defineRule, type CodeRuleContext } from '../../analyzer/rule';
import { calleeName, calleeOf, dottedName, keywordArguments, positionalArguments, unwrapExpression } from '../../analyzer/syntax/nodes';

type MessageId = 'noAuditLogging';
type Target = 'js-ts' | 'python';

/** Calls that put authentication in front of an MCP HTTP server: where the finding is anchored. */
const JS_AUTH_CALLEES = new Set(['requireBearerAuth', 'mcpAuthRouter', 'expressjwt', 'expressJwt', 'clerkMiddleware', 'bearerAuth', 'authenticate', 'use']);
const PY_AUTH_CALLEES = new Set(['AuthSettings', 'FastMCP', 'MCPServer', 'BearerAuthBackend', 'AuthenticationMiddleware', 'RequireAuthMiddleware']);

/**
 * Logging calls: console.*, a logger object's level methods (winston, pino, bunyan, `req.log`), an
 * `audit…(…)` helper. Not `ctx.info(…)`/`sendLoggingMessage(…)`: those notify the MCP client, they
 * leave no server-side record.
 */
const JS_LOG_CALL =
  /\b(?:console|logger|log|logging|auditLog(?:ger)?|audit|winston|pino|bunyan|signale)\s*\??\.\s*(?:log|info|warn|error|debug|trace|fatal|notice|audit|write|record)\s*\(|\b(?:audit\w*|log(?:Audit|Access|Request|Auth|Tool|Event|Security)\w*)\s*\(/g;
const PY_LOG_CALL =
  /\b(?:logging|logger|log|_logger|_log|LOGGER|LOG|audit_log(?:ger)?|audit)\s*\.\s*(?:debug|info|warning|warn|error|exception|critical|log|msg|audit)\s*\(|\b(?:audit\w*|log_(?:audit|access|request|auth|tool|event|security)\w*)\s*\(/g;
/** Request-logging middleware: every request is logged with its status and time. */
const JS_REQUEST_LOGGER = /\b(?:morgan|pinoHttp|expressWinston)\s*\(|['"](?:pino-http|express-winston|morgan)['"]/;
const PY_REQUEST_LOGGER = /\bclass\s+\w*(?:Log|Audit)\w*Middleware\b/;

const JS_FUNCTIONS = new Set(['arrow_function', 'function_expression', 'function', 'function_declaration', 'generator_function_declaration', 'method_definition']);
/** `app.use(…)`, `app.post('/mcp', …)`: a function passed here runs on every request. */
const REQUEST_ROUTES = new Set(['use', 'post', 'all', 'get', 'put', 'delete', 'patch', 'route', 'add_middleware', 'middleware', 'Route', 'Mount']);
/** A function whose name says it authenticates, or whose body answers 401. */
const AUTH_FUNCTION_NAME = /auth|verif|token|jwt|bearer|credential|login|permission|dispatch|__call__/i;
const AUTH_FAILURE_TEXT = /\b401\b|unauthori[sz]ed|InvalidToken|invalid_token|AuthError|WWW-Authenticate/i;

export default defineRule<MessageId>(
  {
    id: 'require-audit-logging',
    group: 'transport',
    description: 'Log authentication failures and tool invocations of an authenticated MCP HTTP server',
    defaultSeverity: 'info',
    confidence: 'low',
    cwe: ['CWE-778'],
    owaspMcp: 'MCP08',
    control: 8,
    fix: 'none',
    messages: {
      noAuditLogging:
        'This MCP server authenticates requests ({{auth}}) but logs neither authentication failures nor tool invocations: no logging call in an auth check, a request middleware or a tool handler. A stolen token or a misused tool then leaves no trace to investigate. Record who (client or user id, never the token), which tool, the outcome (allowed, denied, error) and when; never log tokens, secrets, Authorization headers or personal data from tool arguments.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization',
      'https://owasp.org/www-project-mcp-top-10/',
      'https://cwe.mitre.org/data/definitions/778.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html',
    ],
  },
  {
    'js-ts': (context) => {
      let done = false;
      return {
        call_expression: {
          callees: JS_AUTH_CALLEES,
          visit(call) {
            if (done) return;
            const anchor = jsAuthAnchor(call, context);
            if (!anchor) return;
            done = true;
            check(context, 'js-ts', anchor);
          },
        },
      };
    },
    python: (context) => {
      let done = false;
      return {
        call: {
          callees: PY_AUTH_CALLEES,
          visit(call) {
            if (done) return;
            const anchor = pyAuthAnchor(call);
            if (!anchor) return;
            done = true;
            check(context, 'python', anchor);
          },
        },
      };
    },
  },
);

/** `requireBearerAuth(…)`, `passport.authenticate(…)`, `app.use(checkJwt)`: the call that authenticates. */
function jsAuthAnchor(call: SyntaxNode, context: CodeRuleContext<MessageId>): SyntaxNode | undefined {
  const name = calleeName(call);
  if (name === 'use') {
    const argument = positionalArguments(call).map(unwrapExpression).find((node) => {
      const target = node.type === 'call_expression' ? calleeOf(node) : node;
      const targetName = target && (target.type === 'identifier' || target.type === 'member_expression') ? dottedName(target) : undefined;
      return targetName !== undefined && AUTH_MIDDLEWARE_NAME.test(targetName) && !/log/i.test(targetName);
    });
    return argument;
  }
  if (name === 'authenticate') {
    const qualified = context.imports.qualify(calleeOf(call));
    return qualified?.startsWith('passport') || calleeOf(call)?.text.startsWith('passport') ? call : undefined;
  }
  if (name === 'bearerAuth' && !context.imports.importsAny(new Set(['hono/bearer-auth']))) return undefined;
  return call;
}

/** `AuthSettings(…)`, `FastMCP(…, token_verifier=…)`, `AuthenticationMiddleware`. */
function pyAuthAnchor(call: SyntaxNode): SyntaxNode | undefined {
  const name = calleeName(call);
  if (name === 'FastMCP' || name === 'MCPServer') {
    const keywords = keywordArguments(call);
    return keywords.get('token_verifier')?.argument ?? keywords.get('auth_server_provider')?.argument ?? keywords.get('auth')?.argument;
  }
  return call;
}

function check(context: CodeRuleContext<MessageId>, target: Target, anchor: SyntaxNode): void {
  const text = context.source.text;
  if (!mcpHttpFacts(context.root, text, target).isMcpServer) return;
  if ((target === 'python' ? PY_REQUEST_LOGGER : JS_REQUEST_LOGGER).test(text)) return;
  if (logsOnAuditPath(context, target)) return;
  const auth = anchor.type === 'keyword_argument' ? anchor.text.split('=')[0]!.trim() + '=…' : `${(calleeOf(anchor)?.text ?? anchor.text).replace(/\s+/g, '')}${anchor.type === 'call_expression' || anchor.type === 'call' ? '(…)' : ''}`;
  const site = anchor.type === 'call_expression' || anchor.type === 'call' ? (calleeOf(anchor) ?? anchor) : anchor;
  context.report({ messageId: 'noAuditLogging', data: { auth: `\`${auth.length > 60 ? `${auth.slice(0, 57)}…` : auth}\`` }, start: site.startIndex, end: site.endIndex });
}

/** A logging call in a tool handler (or a helper it calls), a request middleware or route, or an auth check. */
function logsOnAuditPath(context: CodeRuleContext<MessageId>, target: Target): boolean {
  const pattern = target === 'python' ? PY_LOG_CALL : JS_LOG_CALL;
  let checked = 0;
  for (const match of context.source.text.matchAll(pattern)) {
    if (++checked > 200) return true; // A file this full of logging is not the case this rule is about.
    const node = context.root.descendantForIndex(match.index);
    if (!node || node.type === 'comment' || /string/.test(node.type)) continue;
    if (context.flow.isToolCode(node)) return true;
    if (onRequestOrAuthPath(node, target)) return true;
  }
  return false;
}

function onRequestOrAuthPath(node: SyntaxNode, target: Target): boolean {
  let depth = 0;
  for (let current = node.parent; current && depth < 60; current = current.parent, depth++) {
    if (current.type === 'catch_clause' || current.type === 'except_clause') {
      const attempt = current.parent;
      if (attempt && /verif|auth|token/i.test(attempt.text.slice(0, 2000))) return true;
    }
    if (current.type === 'class_definition' || current.type === 'class_declaration' || current.type === 'class') {
      const className = current.childForFieldName('name')?.text ?? '';
      if (/Middleware|Verifier|Auth|Audit/.test(className)) return true;
    }
    if (!(target === 'python' ? current.type === 'function_definition' || current.type === 'lambda' : JS_FUNCTIONS.has(current.type))) continue;
    const name = functionName(current);
    if (name !== undefined && AUTH_FUNCTION_NAME.test(name)) return true;
    if (AUTH_FAILURE_TEXT.test(current.text.slice(0, 4000))) return true;
    if (isRequestHandlerArgument(current)) return true;
  }
  return false;
}

/** The function's own name, or the variable or property it is assigned to. */
function functionName(fn: SyntaxNode): string | undefined {
  const own = fn.childForFieldName('name');
  if (own) return own.text;
  const parent = fn.parent;
  if (parent?.type === 'variable_declarator' || parent?.type === 'pair' || parent?.type === 'assignment' || parent?.type === 'assignment_expression') {
    const key = parent.childForFieldName('name') ?? parent.childForFieldName('key') ?? parent.childForFieldName('left');
    return key?.text;
  }
  return undefined;
}

/** `app.use((req, res, next) => …)`, `app.post('/mcp', async (req, res) => …)`, `app.add_middleware(…)`. */
function isRequestHandlerArgument(fn: SyntaxNode): boolean {
  const list = fn.parent;
  if (list?.type !== 'arguments' && list?.type !== 'argument_list') return false;
  const call = list.parent;
  const name = call ? calleeName(call) : undefined;
  return name !== undefined && REQUEST_ROUTES.has(name);
}
