import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import { hostValue, isMethodCall, jsListenHost, loopbackEdit, mcpHttpFacts, type McpHttpFacts } from '../../analyzer/mcp/mcp-http-server';
import type { CodeRuleContext } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { calleeName, dottedName, keywordArguments, pairKey } from '../../analyzer/syntax/nodes';
import { namedChildren } from '../../analyzer/syntax/tree';

type MessageId = 'bindAll' | 'factoryAllInterfaces';

/** Python calls whose `host=` keyword is the address an MCP server listens on. */
const PY_HOST_CALLS = new Set(['FastMCP', 'MCPServer', 'run', 'run_async', 'run_http_async', 'run_streamable_http_async', 'run_sse_async', 'streamable_http_app', 'sse_app', 'http_app', 'Config']);
/** App factories whose `host` option says which interface the app is meant for. */
const JS_APP_FACTORIES = new Set(['createMcpExpressApp', 'createMcpHonoApp']);

export default defineRule<MessageId>(
  {
    id: 'no-bind-all-interfaces',
    group: 'transport',
    description: 'Disallow an MCP HTTP server listening on every network interface',
    defaultSeverity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-1327'],
    owaspMcp: 'MCP07',
    control: 5,
    fix: 'suggestion',
    messages: {
      bindAll:
        '{{site}} makes this MCP server listen on every network interface ({{address}}), so any machine that can reach this one can call its tools. The transports spec says a locally running server SHOULD bind only to localhost (127.0.0.1).',
      factoryAllInterfaces:
        '{{site}} with {{address}} declares that this MCP server listens on every network interface, so any machine that can reach this one can call its tools (and without `allowedHosts` the SDK skips its Host-header check). The transports spec says a locally running server SHOULD bind only to localhost (127.0.0.1).',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices#local-mcp-server-compromise',
      'https://cwe.mitre.org/data/definitions/1327.html',
    ],
  },
  {
    'js-ts': (context) => {
      const facts = () => mcpHttpFacts(context.root, context.source.text, 'js-ts');
      return {
        call_expression: {
          callees: new Set(['listen', ...JS_APP_FACTORIES]),
          visit(call) {
            const name = calleeName(call);
            if (!relevant(facts())) return;
            if (name === 'listen') {
              const listen = jsListenHost(call);
              if (listen?.host) report(context, facts(), listen.host, `\`${calleeText(call)}(…)\``);
              return;
            }
            const options = namedChildren(call.childForFieldName('arguments') ?? call)[0];
            if (options?.type !== 'object') return;
            const pairs = namedChildren(options).filter((pair) => pair.type === 'pair');
            // With allowedHosts the app validates Host headers: a deliberate, guarded remote setup.
            if (pairs.some((pair) => pairKey(pair) === 'allowedHosts')) return;
            const host = pairs.find((pair) => pairKey(pair) === 'host')?.childForFieldName('value');
            if (host) report(context, facts(), host, `\`${name}({ host })\``, 'factoryAllInterfaces');
          },
        },
      };
    },
    python: (context) => {
      const facts = () => mcpHttpFacts(context.root, context.source.text, 'python');
      return {
        call: {
          callees: PY_HOST_CALLS,
          visit(call) {
            const name = calleeName(call);
            if (!name || !relevant(facts())) return;
            const host = keywordArguments(call).get('host')?.value;
            if (!host) return;
            const qualified = context.flow.imports.qualify(call.childForFieldName('function'));
            if (name === 'Config' && qualified !== 'uvicorn.Config') return;
            if ((name === 'run' || name === 'run_async') && !isMethodCall(call)) return;
            report(context, facts(), host, `\`${calleeText(call)}(host=…)\``);
          },
        },
        assignment(assignment) {
          const target = dottedName(assignment.childForFieldName('left'));
          if (!target?.endsWith('.settings.host') || !relevant(facts())) return;
          const right = assignment.childForFieldName('right');
          if (right) report(context, facts(), right, `\`${target} = …\``);
        },
      };
    },
  },
);

/** An MCP server file that does not authenticate (a server with auth is meant to be reached remotely). */
function relevant(facts: McpHttpFacts): boolean {
  return facts.isMcpServer && !facts.hasAuthGuard;
}

function calleeText(call: SyntaxNode): string {
  const callee = call.childForFieldName(call.type === 'new_expression' ? 'constructor' : 'function');
  return (callee?.text ?? '').replace(/\s+/g, '');
}

function report(context: CodeRuleContext<MessageId>, facts: McpHttpFacts, expression: SyntaxNode, site: string, messageId: MessageId = 'bindAll'): void {
  const host = hostValue(expression, facts);
  if (host.kind !== 'all-interfaces' || !host.literal || host.value === undefined) return;
  context.report({
    messageId,
    data: { site, address: `'${host.value}'` },
    start: expression.startIndex,
    end: expression.endIndex,
    fixes: [{ title: `Listen on 127.0.0.1 only`, edits: [loopbackEdit(host.literal, host.value)] }],
  });
}
