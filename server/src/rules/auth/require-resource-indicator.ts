import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import type { CodeRuleContext, FixDescriptor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { oauthRequestVisitor, parameterEntryText } from '../../analyzer/mcp/oauth-requests';
import { listItemAppend } from '../../analyzer/syntax/nodes';

type MessageId = 'missingResource';

type Language = 'js-ts' | 'python';

/** Placeholder the quick fix inserts; the author replaces it with the MCP server's canonical URI. */
const PLACEHOLDER = '<canonical MCP server URL>';

const MCP_CLIENT_MODULE = /^@modelcontextprotocol\/sdk\/client(?:\/|$)|^mcp\.client(?:\.|$)/;
const MCP_SERVER_MODULE = /^@modelcontextprotocol\/sdk\/server(?:\/|$)|^mcp\.server(?:\.|$)|^fastmcp(?:\.|$)/;
/** `MCP`, `mcpServerUrl`, `mcp_client`, `modelcontextprotocol`: the file is about MCP. */
const MENTIONS_MCP = /\bMCP\b|\bmcp(?=[A-Z_\-.:/]|\b)|modelcontextprotocol/;

export default defineRule<MessageId>(
  {
    id: 'require-resource-indicator',
    group: 'auth',
    description: 'Require the RFC 8707 resource parameter in MCP client authorization and token requests',
    defaultSeverity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-287', 'CWE-285'],
    owaspMcp: 'MCP07',
    control: 5,
    fix: 'suggestion',
    messages: {
      missingResource:
        'This {{request}} has no `resource` parameter: the authorization server cannot bind the token to the MCP server it is meant for, so the token may be accepted by (or replayed against) other services. MCP clients MUST send `resource` with the MCP server\'s canonical URI in both authorization and token requests (RFC 8707).',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#resource-parameter-implementation',
      'https://www.rfc-editor.org/rfc/rfc8707',
      'https://cwe.mitre.org/data/definitions/287.html',
    ],
  },
  {
    'js-ts': (context) => check(context, 'js-ts'),
    python: (context) => check(context, 'python'),
  },
);

/** MCP client code, or OAuth code of an MCP project that is not itself an MCP server (whose upstream OAuth is not MCP's). */
function isMcpClientCode(context: CodeRuleContext<MessageId>): boolean {
  const imported = (pattern: RegExp) => [...importedModules(context)].some((module) => pattern.test(module));
  if (imported(MCP_CLIENT_MODULE)) return true;
  if (imported(MCP_SERVER_MODULE)) return false;
  return MENTIONS_MCP.test(context.source.text);
}

/** Module names of the file's imports, read from the text (cheap, and independent of what is bound). */
function importedModules(context: CodeRuleContext<MessageId>): Set<string> {
  const modules = new Set<string>();
  const text = context.source.text;
  for (const match of text.matchAll(/(?:^|\n)[^\S\n]*(?:import[^'"\n]*?from\s*|import\s*|export[^'"\n]*?from\s*)['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    modules.add(match[1] ?? match[2]!);
  }
  for (const match of text.matchAll(/(?:^|\n)[^\S\n]*(?:from\s+([\w.]+)\s+import\s+([\w, ]+)|import\s+([\w.]+))/g)) {
    if (match[1]) {
      modules.add(match[1]);
      // `from mcp import ClientSession` is client code.
      if (match[1] === 'mcp' && /\bClientSession\b/.test(match[2] ?? '')) modules.add('mcp.client');
    } else if (match[3]) modules.add(match[3]);
  }
  return modules;
}

function check(context: CodeRuleContext<MessageId>, language: Language) {
  let relevant: boolean | undefined;
  const quote = language === 'python' ? '"' : "'";
  return oauthRequestVisitor(context, language, {
    onRequest(request) {
      if (!request.complete || request.parameters.has('resource') || handsOnResource(request.scope)) return;
      relevant ??= isMcpClientCode(context);
      if (!relevant) return;
      const fixes: FixDescriptor[] = request.appendTarget
        ? [
            {
              title: 'Add a `resource` parameter (replace the placeholder with the MCP server\'s canonical URI)',
              edits: [listItemAppend(request.appendTarget.list, parameterEntryText(request.appendTarget.style, 'resource', `${quote}${PLACEHOLDER}${quote}`), context.source)],
            },
          ]
        : [];
      const label = request.kind === 'authorization' ? 'authorization request' : `\`grant_type=${request.grantType}\` token request`;
      context.report({ messageId: 'missingResource', data: { request: label }, ...request.anchor, fixes });
    },
  });
}

/**
 * The function passes a `resource` value on (`executeTokenRequest({ params, resource })`,
 * `send(params, resource=resource)`): the parameter is added where this rule cannot follow, as the
 * MCP SDK's own `refreshAuthorization` does.
 */
function handsOnResource(scope: SyntaxNode): boolean {
  return /[,({]\s*resource\s*(?:[,)}]|:|=(?!=))/.test(textWithoutStrings(scope));
}

/**
 * The node's text with every string literal emptied, so `"resource,"` inside a string is not read
 * as code. Taken from the tree: a pattern over the text cannot tell a quote in a comment from a
 * string's, and rescans to the end from every unclosed quote.
 */
function textWithoutStrings(scope: SyntaxNode): string {
  const source = scope.tree.text;
  let text = '';
  let at = scope.startIndex;
  for (const literal of scope.descendantsOfType(['string', 'template_string'])) {
    // A string inside a template substitution was emptied with the template.
    if (literal.startIndex < at) continue;
    text += `${source.slice(at, literal.startIndex)}""`;
    at = literal.endIndex;
  }
  return text + source.slice(at, scope.endIndex);
}
