import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import { AUTH_MIDDLEWARE_NAME, hostValue, isMethodCall, jsListenHost, mcpHttpFacts, mcpRoutePath } from '../../analyzer/mcp/mcp-http-server';
import { defineRule } from '../../analyzer/rule';
import { calleeName, calleeOf, dottedName, keywordArguments, positionalArguments, staticString, unwrapExpression } from '../../analyzer/syntax/nodes';

type MessageId = 'routeWithoutAuth' | 'serverWithoutAuth';

const JS_ROUTE_METHODS = new Set(['post', 'all', 'get', 'delete', 'use']);
/** Python calls whose `host=` decides where an MCP server listens. */
const PY_HOST_CALLS = new Set(['FastMCP', 'MCPServer', 'run', 'run_async', 'run_http_async', 'streamable_http_app', 'sse_app', 'http_app', 'Config']);

interface Exposure {
  node: SyntaxNode;
  bind: string;
}

export default defineRule<MessageId>(
  {
    id: 'require-http-auth',
    group: 'transport',
    description: 'Require authentication on an MCP HTTP endpoint that is reachable from the network',
    defaultSeverity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-306'],
    owaspMcp: 'MCP07',
    control: 5,
    fix: 'none',
    messages: {
      routeWithoutAuth:
        'The MCP endpoint {{route}} has no authentication middleware, and the server listens on {{bind}}: anyone who can reach this machine can call its tools. The transports spec says servers SHOULD implement proper authentication for all connections; put `requireBearerAuth(…)` (or your own auth middleware) in front of the route, or listen on 127.0.0.1.',
      serverWithoutAuth:
        '{{site}} exposes this MCP server on {{bind}} without authentication (no `auth=AuthSettings(…)` with a `token_verifier`): anyone who can reach this machine can call its tools. The transports spec says servers SHOULD implement proper authentication for all connections; configure auth, or listen on 127.0.0.1.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices#local-mcp-server-compromise',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization',
      'https://cwe.mitre.org/data/definitions/306.html',
    ],
  },
  {
    'js-ts': (context) => {
      let facts: ReturnType<typeof mcpHttpFacts> | undefined;
      const file = () => (facts ??= mcpHttpFacts(context.root, context.source.text, 'js-ts'));
      const routes: SyntaxNode[] = [];
      let exposure: Exposure | undefined;
      let reported = false;
      const maybeReport = () => {
        const route = routes[0];
        if (reported || !route || !exposure) return;
        reported = true;
        context.report({
          messageId: 'routeWithoutAuth',
          data: { route: `\`${route.text}\``, bind: exposure.bind },
          start: route.startIndex,
          end: route.endIndex,
          related: [{ start: exposure.node.startIndex, end: exposure.node.endIndex, message: `the server listens on ${exposure.bind} here` }],
        });
      };
      return {
        call_expression: {
          callees: new Set([...JS_ROUTE_METHODS, 'listen']),
          visit(call) {
            if (reported || !isMethodCall(call)) return;
            const name = calleeName(call);
            if (name === 'listen') {
              const listen = jsListenHost(call);
              if (!listen || exposure || !file().isMcpServer || file().hasAuthGuard) return;
              const callee = calleeOf(call) ?? call;
              if (listen.implicit) exposure = { node: callee, bind: 'every network interface (no host given)' };
              else {
                const host = hostValue(listen.host, file());
                if (host.kind === 'all-interfaces' || host.kind === 'other') exposure = { node: listen.host ?? callee, bind: `'${host.value ?? ''}'` };
              }
              maybeReport();
              return;
            }
            const [path, ...rest] = positionalArguments(call);
            const literal = staticString(path);
            if (!path || literal === undefined || !literal.startsWith('/')) return;
            if (mcpRoutePath(path) === undefined && !call.text.includes('.handleRequest(')) return;
            if (!file().isMcpServer || file().hasAuthGuard) return;
            // `app.post('/mcp', requireAuth, handler)`: a middleware named for authentication.
            if (rest.some((argument) => isAuthMiddleware(argument))) return;
            routes.push(path);
            maybeReport();
          },
        },
      };
    },
    python: (context) => {
      let facts: ReturnType<typeof mcpHttpFacts> | undefined;
      const file = () => (facts ??= mcpHttpFacts(context.root, context.source.text, 'python'));
      let reported = false;
      const expose = (site: string, hostNode: SyntaxNode, reportAt: SyntaxNode) => {
        if (reported || !file().isMcpServer || file().hasAuthGuard) return;
        const host = hostValue(hostNode, file());
        if (host.kind !== 'all-interfaces' && host.kind !== 'other') return;
        reported = true;
        context.report({ messageId: 'serverWithoutAuth', data: { site, bind: `"${host.value ?? ''}"` }, start: reportAt.startIndex, end: reportAt.endIndex });
      };
      return {
        call: {
          callees: PY_HOST_CALLS,
          visit(call) {
            const name = calleeName(call);
            const keywords = keywordArguments(call);
            const host = keywords.get('host');
            if (!name || !host || keywords.has('auth') || keywords.has('token_verifier')) return;
            const callee = call.childForFieldName('function');
            if (name === 'Config' && context.flow.imports.qualify(callee) !== 'uvicorn.Config') return;
            if ((name === 'run' || name === 'run_async') && !isMethodCall(call)) return;
            expose(`\`${(callee?.text ?? name).replace(/\s+/g, '')}(host=…)\``, host.value, host.argument);
          },
        },
        assignment(assignment) {
          const target = dottedName(assignment.childForFieldName('left'));
          const right = assignment.childForFieldName('right');
          if (!target?.endsWith('.settings.host') || !right) return;
          expose(`\`${target} = …\``, right, assignment);
        },
      };
    },
  },
);

/** A route argument that names an authentication middleware: `requireAuth`, `bearerAuth(…)`, `passport.authenticate(…)`. */
function isAuthMiddleware(argument: SyntaxNode): boolean {
  const node = unwrapExpression(argument);
  const target = node.type === 'call_expression' ? calleeOf(node) : node;
  const name = target ? dottedName(target) : undefined;
  return name !== undefined && AUTH_MIDDLEWARE_NAME.test(name);
}
