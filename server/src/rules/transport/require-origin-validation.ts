import type { FixDescriptor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { hostValue, mcpHttpFacts } from '../../analyzer/mcp/mcp-http-server';
import { calleeName, calleeOf, keywordArguments, listItemAppend, pairKey, positionalArguments } from '../../analyzer/syntax/nodes';
import { namedChildren } from '../../analyzer/syntax/tree';

type MessageId = 'transportUnprotected' | 'protectionWithoutLists' | 'protectionDisabled' | 'appFactoryUnprotected' | 'pythonProtectionDisabled' | 'pythonHostUnprotected';

/** TypeScript SDK server transports that answer HTTP requests, and where their options argument sits. */
const JS_TRANSPORTS: ReadonlyMap<string, number> = new Map([
  ['StreamableHTTPServerTransport', 0],
  ['NodeStreamableHTTPServerTransport', 0],
  ['WebStandardStreamableHTTPServerTransport', 0],
  ['SSEServerTransport', 2],
]);
const JS_APP_FACTORIES = new Set(['createMcpExpressApp', 'createMcpHonoApp']);
/** Python calls that decide the transport security of a server from their `host=`. */
const PY_HOST_CALLS = new Set(['FastMCP', 'MCPServer', 'run', 'run_async', 'streamable_http_app', 'sse_app']);

export default defineRule<MessageId>(
  {
    id: 'require-origin-validation',
    group: 'transport',
    description: 'Require Host or Origin header validation on MCP HTTP transports (DNS rebinding protection)',
    defaultSeverity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-346', 'CWE-350'],
    owaspMcp: 'MCP07',
    control: 5,
    fix: 'suggestion',
    messages: {
      transportUnprotected:
        '`{{transport}}` is created without `enableDnsRebindingProtection: true` and `allowedHosts`/`allowedOrigins`, and nothing in this file validates the Host or Origin header: a web page the user opens can rebind its domain to this server and call its tools. The transports spec says servers MUST validate the Origin header of every incoming connection.',
      protectionWithoutLists:
        '`enableDnsRebindingProtection: true` on `{{transport}}` checks nothing without `allowedHosts` or `allowedOrigins`: a web page the user opens can still rebind its domain to this server and call its tools. The transports spec says servers MUST validate the Origin header of every incoming connection.',
      protectionDisabled:
        '`enableDnsRebindingProtection: false` turns off Host and Origin validation on `{{transport}}`, and nothing else in this file validates them: a web page the user opens can rebind its domain to this server and call its tools. The transports spec says servers MUST validate the Origin header of every incoming connection.',
      appFactoryUnprotected:
        '`{{factory}}({ host: {{host}} })` without `allowedHosts` skips the SDK\'s Host-header validation, so a web page the user opens can rebind its domain to this server and call its tools. The transports spec says servers MUST validate the Origin header of every incoming connection.',
      pythonProtectionDisabled:
        '`enable_dns_rebinding_protection=False` turns off Host and Origin validation for this MCP server: a web page the user opens can rebind its domain to the server and call its tools. The transports spec says servers MUST validate the Origin header of every incoming connection.',
      pythonHostUnprotected:
        '`{{call}}(host={{host}})` without `transport_security=` leaves Host and Origin validation off (the SDK turns it on by itself only for 127.0.0.1, localhost and ::1): a web page the user opens can rebind its domain to this server and call its tools. Pass `transport_security=TransportSecuritySettings(enable_dns_rebinding_protection=True, allowed_hosts=[…], allowed_origins=[…])`.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices',
      'https://cwe.mitre.org/data/definitions/350.html',
      'https://cwe.mitre.org/data/definitions/346.html',
    ],
  },
  {
    'js-ts': (context) => {
      const facts = () => mcpHttpFacts(context.root, context.source.text, 'js-ts');
      return {
        new_expression: {
          callees: new Set(JS_TRANSPORTS.keys()),
          visit(created) {
            const name = calleeName(created);
            const position = name === undefined ? undefined : JS_TRANSPORTS.get(name);
            const module = context.flow.imports.qualify(calleeOf(created));
            if (position === undefined || !name || !module?.startsWith('@modelcontextprotocol/')) return;
            // An app factory or a middleware decides Host validation for the whole file.
            const file = facts();
            if (file.hasOriginGuard || file.usesMcpAppFactory) return;
            const argumentsList = created.childForFieldName('arguments');
            const given = positionalArguments(created);
            const options = given[position];
            const v1 = module.startsWith('@modelcontextprotocol/sdk/');
            const port = v1 ? localPort(context.source.text) : undefined;
            const protection = port ? `enableDnsRebindingProtection: true, allowedHosts: ['127.0.0.1:${port}', 'localhost:${port}']` : undefined;
            const constructorNode = calleeOf(created) ?? created;
            if (!options) {
              // SSE: new SSEServerTransport('/messages', res) — append the options argument.
              const fixes: FixDescriptor[] =
                protection && argumentsList && given.length === position
                  ? [{ title: `Validate Host headers (localhost:${port})`, edits: [listItemAppend(argumentsList, `{ ${protection} }`, context.source)] }]
                  : [];
              context.report({ messageId: 'transportUnprotected', data: { transport: name }, start: constructorNode.startIndex, end: constructorNode.endIndex, fixes });
              return;
            }
            if (options.type !== 'object') return;
            const members = namedChildren(options).filter((member) => member.type !== 'comment');
            // `{ ...base }` may carry the settings.
            if (members.some((member) => member.type === 'spread_element')) return;
            const pairs = new Map(members.filter((member) => member.type === 'pair').map((pair) => [pairKey(pair), pair] as const));
            const enable = pairs.get('enableDnsRebindingProtection');
            const enableValue = enable?.childForFieldName('value');
            const hasLists = pairs.has('allowedHosts') || pairs.has('allowedOrigins') || members.some((member) => member.type === 'shorthand_property_identifier' && /^allowed(?:Hosts|Origins)$/.test(member.text));
            if (enable && enableValue?.type === 'false') {
              const fixes: FixDescriptor[] = [];
              if (hasLists) fixes.push({ title: 'Turn DNS rebinding protection on', edits: [{ start: enableValue.startIndex, end: enableValue.endIndex, newText: 'true' }] });
              else if (port) fixes.push({ title: `Validate Host headers (localhost:${port})`, edits: [{ start: enableValue.startIndex, end: enableValue.endIndex, newText: `true, allowedHosts: ['127.0.0.1:${port}', 'localhost:${port}']` }] });
              context.report({ messageId: 'protectionDisabled', data: { transport: name }, start: enable.startIndex, end: enable.endIndex, fixes });
              return;
            }
            // A computed switch (`enableDnsRebindingProtection: isLocal`) is the author's decision.
            if (enable && enableValue?.type !== 'true') return;
            if (enable && hasLists) return;
            const fixes: FixDescriptor[] = [];
            if (enable && port) fixes.push({ title: `Validate Host headers (localhost:${port})`, edits: [listItemAppend(options, `allowedHosts: ['127.0.0.1:${port}', 'localhost:${port}']`, context.source)] });
            else if (!enable && !hasLists && protection) fixes.push({ title: `Validate Host headers (localhost:${port})`, edits: [listItemAppend(options, protection, context.source)] });
            const at = enable ?? constructorNode;
            context.report({ messageId: enable ? 'protectionWithoutLists' : 'transportUnprotected', data: { transport: name }, start: at.startIndex, end: at.endIndex, fixes });
          },
        },
        call_expression: {
          callees: JS_APP_FACTORIES,
          visit(call) {
            const name = calleeName(call);
            const file = facts();
            if (!name || !JS_APP_FACTORIES.has(name) || file.hasOriginGuard) return;
            const options = positionalArguments(call)[0];
            if (options?.type !== 'object') return;
            const members = namedChildren(options);
            if (members.some((member) => member.type === 'spread_element' || /^allowedHosts\b/.test(member.text))) return;
            const hostPair = members.find((member) => member.type === 'pair' && pairKey(member) === 'host');
            const host = hostValue(hostPair?.childForFieldName('value'), file);
            if (!hostPair || host.kind === 'loopback' || host.kind === 'unknown') return;
            context.report({
              messageId: 'appFactoryUnprotected',
              data: { factory: name, host: `'${host.value ?? ''}'` },
              start: hostPair.startIndex,
              end: hostPair.endIndex,
              fixes: [{ title: "Validate Host headers: allowedHosts: ['localhost', '127.0.0.1']", edits: [listItemAppend(options, "allowedHosts: ['localhost', '127.0.0.1']", context.source)] }],
            });
          },
        },
      };
    },
    python: (context) => {
      const facts = () => mcpHttpFacts(context.root, context.source.text, 'python');
      return {
        call: {
          callees: new Set(['TransportSecuritySettings', ...PY_HOST_CALLS]),
          visit(call) {
            const name = calleeName(call);
            const keywords = keywordArguments(call);
            if (name === 'TransportSecuritySettings') {
              const enable = keywords.get('enable_dns_rebinding_protection');
              if (enable?.value.type !== 'false' || facts().hasOriginGuard) return;
              context.report({
                messageId: 'pythonProtectionDisabled',
                start: enable.argument.startIndex,
                end: enable.argument.endIndex,
                // With `allowed_hosts=["*"]` (which matches nothing once checked) turning it on would reject every request.
                fixes: ['allowed_hosts', 'allowed_origins'].some((key) => /["']\*["']/.test(keywords.get(key)?.value.text ?? ''))
                  ? []
                  : [{ title: 'Turn DNS rebinding protection on', edits: [{ start: enable.value.startIndex, end: enable.value.endIndex, newText: 'True' }] }],
              });
              return;
            }
            if (!name || !PY_HOST_CALLS.has(name) || keywords.has('transport_security')) return;
            if ((name === 'run' || name === 'run_async') && !keywords.has('transport')) return;
            const file = facts();
            if (!file.isMcpServer || file.hasOriginGuard || file.hasTransportSecurity) return;
            const hostArgument = keywords.get('host');
            const host = hostValue(hostArgument?.value, file);
            if (!hostArgument || (host.kind !== 'all-interfaces' && host.kind !== 'other')) return;
            const callee = call.childForFieldName('function');
            context.report({
              messageId: 'pythonHostUnprotected',
              data: { call: (callee?.text ?? name).replace(/\s+/g, ''), host: `"${host.value ?? ''}"` },
              start: hostArgument.argument.startIndex,
              end: hostArgument.argument.endIndex,
            });
          },
        },
      };
    },
  },
);

/** The port the file listens on, when it is written as a number (`listen(3000)`, `PORT ?? 3000`). */
function localPort(text: string): string | undefined {
  return /\.listen\s*\(\s*(\d{2,5})\b/.exec(text)?.[1] ?? /\bPORT\b(?:(?!\bPORT\b)[^\n;])*?\b(\d{2,5})\b/.exec(text)?.[1];
}
