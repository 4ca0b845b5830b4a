import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import type { FixDescriptor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { mcpHttpFacts } from '../../analyzer/mcp/mcp-http-server';
import { calleeName, calleeOf, dottedName, keywordArguments, listItemAppend, pairKey, positionalArguments, staticString } from '../../analyzer/syntax/nodes';
import { namedChildren } from '../../analyzer/syntax/tree';

type MessageId = 'anyOrigin' | 'reflectedOrigin' | 'reflectedWithCredentials';

const PLACEHOLDER_JS = "['https://<your client origin>']";
const PLACEHOLDER_PY = '["https://<your client origin>"]';
const ALLOW_ORIGIN = 'access-control-allow-origin';
/** Response-header setters: Node/Express `setHeader`/`header`/`set`, Fetch/Hono `headers.set`/`append`, Hono `c.header`. */
const JS_HEADER_SETTERS = new Set(['setHeader', 'header', 'set', 'append']);
/** The request's own Origin header, sent back unchecked. */
const REQUEST_ORIGIN = /^(?:\w+\.)*headers\s*(?:\.\s*origin|\[\s*['"]origin['"]\s*\])$|\.(?:get|header)\s*\(\s*['"]origin['"]\s*\)$/i;
/** `allow_origin_regex` values that match every origin. */
const MATCH_ALL_REGEX = new Set(['.*', '.+', '^.*$', '^.+$', '.*?', 'https?://.*', '^https?://.*$']);

export default defineRule<MessageId>(
  {
    id: 'no-permissive-cors',
    group: 'transport',
    description: 'Disallow CORS settings that let any website call an MCP server from the browser',
    defaultSeverity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-942'],
    owaspMcp: 'MCP07',
    control: 5,
    fix: 'suggestion',
    messages: {
      anyOrigin:
        '{{site}} allows every origin (`Access-Control-Allow-Origin: *`): any web page the user opens can call this MCP server\'s tools from the browser and read the results (for a server on localhost, any page on the internet). Allow only the origins of your browser-based MCP clients.',
      reflectedOrigin:
        '{{site}} echoes the request\'s Origin back as allowed, which allows every origin: any web page the user opens can call this MCP server\'s tools from the browser and read the results. Allow only the origins of your browser-based MCP clients.',
      reflectedWithCredentials:
        '{{site}} echoes the request\'s Origin back as allowed together with credentials: any web page the user opens can call this MCP server with the user\'s cookies and read the results. Allow only the origins of your browser-based MCP clients.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning',
      'https://cwe.mitre.org/data/definitions/942.html',
      'https://fetch.spec.whatwg.org/#http-cors-protocol',
      'https://github.com/expressjs/cors#configuration-options',
      'https://www.starlette.io/middleware/#corsmiddleware',
    ],
  },
  {
    'js-ts': (context) => {
      const isMcpServer = () => mcpHttpFacts(context.root, context.source.text, 'js-ts').isMcpServer;
      return {
        call_expression: {
          callees: new Set(['cors', ...JS_HEADER_SETTERS]),
          visit(call) {
            const name = calleeName(call);
            if (name === 'cors') {
              if (context.flow.imports.qualify(calleeOf(call)) !== 'cors' || !isMcpServer()) return;
              corsCall(call);
              return;
            }
            if (!name || !JS_HEADER_SETTERS.has(name)) return;
            const [header, value] = positionalArguments(call);
            if (staticString(header)?.toLowerCase() !== ALLOW_ORIGIN || !value || !isMcpServer()) return;
            const site = `\`${(calleeOf(call)?.text ?? name).replace(/\s+/g, '')}('Access-Control-Allow-Origin', ${value.text.replace(/\s+/g, '')})\``;
            if (staticString(value) === '*') context.report({ messageId: 'anyOrigin', data: { site }, start: value.startIndex, end: value.endIndex });
            else if (REQUEST_ORIGIN.test(value.text.replace(/\s+/g, ''))) {
              const credentials = /access-control-allow-credentials['"]\s*,\s*['"]?true/i.test(context.source.text);
              context.report({ messageId: credentials ? 'reflectedWithCredentials' : 'reflectedOrigin', data: { site }, start: value.startIndex, end: value.endIndex });
            }
          },
        },
      };

      function corsCall(call: SyntaxNode): void {
        const argumentsList = call.childForFieldName('arguments');
        const [options] = positionalArguments(call);
        const callee = calleeOf(call) ?? call;
        if (!options) {
          const fixes: FixDescriptor[] = argumentsList
            ? [{ title: 'Allow only your client origins', edits: [{ start: argumentsList.startIndex, end: argumentsList.endIndex, newText: `({ origin: ${PLACEHOLDER_JS}, exposedHeaders: ['Mcp-Session-Id'] })` }] }]
            : [];
          context.report({ messageId: 'anyOrigin', data: { site: '`cors()`' }, start: callee.startIndex, end: call.endIndex, fixes });
          return;
        }
        if (options.type !== 'object') return;
        const members = namedChildren(options).filter((member) => member.type !== 'comment');
        if (members.some((member) => member.type !== 'pair')) return;
        const origin = members.find((pair) => pairKey(pair) === 'origin');
        const credentials = members.find((pair) => pairKey(pair) === 'credentials')?.childForFieldName('value')?.type === 'true';
        if (!origin) {
          context.report({
            messageId: 'anyOrigin',
            data: { site: '`cors({…})` without `origin`' },
            start: callee.startIndex,
            end: callee.endIndex,
            fixes: [{ title: 'Allow only your client origins', edits: [listItemAppend(options, `origin: ${PLACEHOLDER_JS}`, context.source)] }],
          });
          return;
        }
        const value = origin.childForFieldName('value');
        if (!value) return;
        const fixes: FixDescriptor[] = [{ title: 'Allow only your client origins', edits: [{ start: value.startIndex, end: value.endIndex, newText: PLACEHOLDER_JS }] }];
        if (staticString(value) === '*') context.report({ messageId: 'anyOrigin', data: { site: "`origin: '*'`" }, start: origin.startIndex, end: origin.endIndex, fixes });
        else if (value.type === 'true') {
          context.report({ messageId: credentials ? 'reflectedWithCredentials' : 'reflectedOrigin', data: { site: '`origin: true`' }, start: origin.startIndex, end: origin.endIndex, fixes });
        }
      }
    },
    python: (context) => {
      const isMcpServer = () => mcpHttpFacts(context.root, context.source.text, 'python').isMcpServer;
      return {
        call: {
          callees: new Set(['add_middleware', 'Middleware', 'CORSMiddleware']),
          visit(call) {
            const name = calleeName(call);
            const first = positionalArguments(call)[0];
            const isCors = name === 'CORSMiddleware' || (first !== undefined && /(?:^|\.)CORSMiddleware$/.test(dottedName(first) ?? ''));
            if (!isCors || !isMcpServer()) return;
            const keywords = keywordArguments(call);
            const credentials = keywords.get('allow_credentials')?.value.type === 'true';
            const origins = keywords.get('allow_origins');
            const wildcard = origins && ['list', 'tuple', 'set'].includes(origins.value.type) ? namedChildren(origins.value).find((item) => staticString(item) === '*') : undefined;
            if (origins && wildcard) {
              const onlyWildcard = namedChildren(origins.value).filter((item) => item.type !== 'comment').length === 1;
              context.report({
                messageId: credentials ? 'reflectedWithCredentials' : 'anyOrigin',
                data: { site: credentials ? '`allow_origins=["*"]` with `allow_credentials=True`' : '`allow_origins=["*"]`' },
                start: origins.argument.startIndex,
                end: origins.argument.endIndex,
                fixes: onlyWildcard ? [{ title: 'Allow only your client origins', edits: [{ start: origins.value.startIndex, end: origins.value.endIndex, newText: PLACEHOLDER_PY }] }] : [],
              });
            }
            const regex = keywords.get('allow_origin_regex');
            const pattern = staticString(regex?.value);
            if (regex && pattern !== undefined && MATCH_ALL_REGEX.has(pattern)) {
              context.report({
                messageId: credentials ? 'reflectedWithCredentials' : 'reflectedOrigin',
                data: { site: `\`allow_origin_regex=${regex.value.text}\`` },
                start: regex.argument.startIndex,
                end: regex.argument.endIndex,
              });
            }
          },
        },
        assignment(assignment) {
          const left = assignment.childForFieldName('left');
          const right = assignment.childForFieldName('right');
          if (left?.type !== 'subscript' || !right) return;
          const target = dottedName(left);
          if (!target?.toLowerCase().endsWith(`headers.${ALLOW_ORIGIN}`) || !isMcpServer()) return;
          const site = `\`${target.slice(0, target.length - ALLOW_ORIGIN.length - 1)}["Access-Control-Allow-Origin"] = ${right.text}\``;
          if (staticString(right) === '*') context.report({ messageId: 'anyOrigin', data: { site }, start: right.startIndex, end: right.endIndex });
          else if (/^[\w.]*headers(?:\.get\(\s*['"]origin['"]\s*(?:,[^)]*)?\)|\[\s*['"]origin['"]\s*\])$/i.test(right.text.replace(/\s+/g, ''))) context.report({ messageId: 'reflectedOrigin', data: { site }, start: right.startIndex, end: right.endIndex });
        },
      };
    },
  },
);
