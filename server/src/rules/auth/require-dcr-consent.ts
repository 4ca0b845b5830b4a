import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import type { CodeRuleContext, SyntaxVisitor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { calleeName, pairKey, positionalArguments, staticString } from '../../analyzer/syntax/nodes';
import { namedChildren } from '../../analyzer/syntax/tree';

type MessageId = 'noConsent';

/*
 * A file-level heuristic, checked on the text first so that other files cost nothing:
 *   1. the file sets up an OAuth authorization server the MCP SDK serves (TS `mcpAuthRouter` /
 *      `ProxyOAuthServerProvider`; Python `auth_server_provider` / `AuthSettings`);
 *   2. dynamic client registration is on (TS: a clients store with `registerClient`, which makes
 *      `mcpAuthRouter` serve /register; Python: `ClientRegistrationOptions(enabled=True)`);
 *   3. nothing in the file mentions consent or approval (route, function, template, cookie);
 *   4. a `client_id` sent upstream is static: an environment variable, a setting, a constant.
 */
const JS_AUTH_SERVER = /\bmcpAuthRouter\b|\bProxyOAuthServerProvider\b/;
const JS_REGISTRATION = /\bregisterClient\b/;
const PY_AUTH_SERVER = /\bauth_server_provider\b|\bOAuthAuthorizationServerProvider\b|\bAuthSettings\b/;
const PY_REGISTRATION = /\bClientRegistrationOptions\s*\([^)]*\benabled\s*=\s*True/;
const CONSENT = /consent|approv/i;
/** Line and block comments (not `//` in `https://`), so that comments do not count as a consent step. */
const JS_COMMENTS = /\/\*[\s\S]*?\*\/|(?<![:'"`\w\\])\/\/.*$/gm;
const PY_COMMENTS = /(?:^|(?<=\s))#.*$/gm;

/** A `client_id` value that is the proxy's own upstream identity, not the registered client's. */
const STATIC_SOURCE = /process\.env|os\.environ|\bgetenv\b|settings|config|upstream|CLIENT_ID|[a-z]_client_id\b|[a-z]ClientId\b/;
/** The id of the client that is being authorized (what a per-client flow forwards). */
const CLIENT_OWN_ID = /^(?:client|params|request|req\.body|body|registered\w*|client_info|clientInfo)\.client_?[iI]d$|^client_?[iI]d$/;

export default defineRule<MessageId>(
  {
    id: 'require-dcr-consent',
    group: 'auth',
    description: 'Require per-client consent in OAuth proxies that combine a static upstream client ID with dynamic client registration',
    defaultSeverity: 'warning',
    confidence: 'low',
    cwe: ['CWE-441'],
    owaspMcp: 'MCP07',
    control: 5,
    fix: 'none',
    messages: {
      noConsent:
        'This MCP server forwards authorization requests upstream with the static client ID {{clientId}} while {{registration}} lets any MCP client register its own redirect_uri, and no per-client consent step appears in this file. Once a user has consented upstream, a client an attacker registered receives authorization codes for that user without the user being asked (confused deputy). MCP proxy servers using static client IDs MUST obtain user consent for each dynamically registered client before forwarding to the third-party authorization server.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices#confused-deputy-problem',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization',
      'https://cwe.mitre.org/data/definitions/441.html',
    ],
  },
  {
    'js-ts': (context) => {
      const text = context.source.text;
      if (!JS_AUTH_SERVER.test(text) || !JS_REGISTRATION.test(text) || CONSENT.test(text.replace(JS_COMMENTS, ''))) return {};
      return reportFirst(context, jsStaticClientIds(context.root), '`registerClient` in the clients store given to `mcpAuthRouter`');
    },
    python: (context) => {
      const text = context.source.text;
      if (!PY_AUTH_SERVER.test(text) || !PY_REGISTRATION.test(text) || CONSENT.test(text.replace(PY_COMMENTS, ''))) return {};
      return reportFirst(context, pythonStaticClientIds(context.root), '`ClientRegistrationOptions(enabled=True)`');
    },
  },
);

/** Reports the static client ID used in an `authorize` function, else the first one; one finding per file. */
function reportFirst(context: CodeRuleContext<MessageId>, candidates: SyntaxNode[], registration: string): SyntaxVisitor {
  const chosen = candidates.find((candidate) => insideAuthorize(candidate)) ?? candidates[0];
  if (chosen) {
    context.report({
      messageId: 'noConsent',
      data: { clientId: `\`${chosen.text.replace(/\s+/g, ' ').slice(0, 60)}\``, registration },
      start: chosen.startIndex,
      end: chosen.endIndex,
    });
  }
  return {};
}

function isStaticClientId(value: SyntaxNode): boolean {
  const text = value.text.replace(/[!?]+$/, '').replace(/\s+/g, '');
  if (CLIENT_OWN_ID.test(text)) return false;
  const literal = staticString(value);
  if (literal !== undefined) return literal.length > 0;
  return STATIC_SOURCE.test(text);
}

/** `client_id: X` pairs, `params.set('client_id', X)`, and `client_id=${X}` in template strings. */
function jsStaticClientIds(root: SyntaxNode): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  for (const node of root.descendantsOfType(['pair', 'call_expression', 'template_string'])) {
    if (!node) continue;
    if (node.type === 'pair') {
      const value = node.childForFieldName('value');
      if (pairKey(node) === 'client_id' && value && isStaticClientId(value)) found.push(value);
    } else if (node.type === 'call_expression') {
      const name = calleeName(node);
      if (name !== 'set' && name !== 'append') continue;
      const [key, value] = positionalArguments(node);
      if (staticString(key) === 'client_id' && value && isStaticClientId(value)) found.push(value);
    } else {
      found.push(...interpolatedClientIds(node, 'template_substitution', (substitution) => namedChildren(substitution)[0]));
    }
  }
  return found.sort((a, b) => a.startIndex - b.startIndex);
}

/** `"client_id": X` dict entries, `client_id=X` keywords, and `client_id={X}` in f-strings. */
function pythonStaticClientIds(root: SyntaxNode): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  for (const node of root.descendantsOfType(['pair', 'keyword_argument', 'string'])) {
    if (!node) continue;
    if (node.type === 'pair') {
      const value = node.childForFieldName('value');
      if (staticString(node.childForFieldName('key')) === 'client_id' && value && isStaticClientId(value)) found.push(value);
    } else if (node.type === 'keyword_argument') {
      const value = node.childForFieldName('value');
      if (node.childForFieldName('name')?.text === 'client_id' && value && isStaticClientId(value)) found.push(value);
    } else if (node.text.includes('client_id=')) {
      found.push(...interpolatedClientIds(node, 'interpolation', (interpolation) => interpolation.childForFieldName('expression')));
    }
  }
  return found.sort((a, b) => a.startIndex - b.startIndex);
}

/** The expressions interpolated right after `client_id=` in a template or f-string. */
function interpolatedClientIds(node: SyntaxNode, interpolationType: string, expressionOf: (interpolation: SyntaxNode) => SyntaxNode | null | undefined): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  let previousText = '';
  for (const child of namedChildren(node)) {
    if (child.type === interpolationType) {
      const expression = expressionOf(child);
      if (/client_id=$/.test(previousText) && expression && isStaticClientId(expression)) found.push(expression);
      previousText = '';
    } else {
      previousText = child.text;
    }
  }
  return found;
}

/** Whether `node` sits in a function or method named `authorize` (the redirect to the upstream server). */
function insideAuthorize(node: SyntaxNode): boolean {
  for (let current = node.parent; current; current = current.parent) {
    const name = current.childForFieldName('name')?.text;
    if (['method_definition', 'function_declaration', 'function_definition'].includes(current.type) && name !== undefined) return /^authorize$/i.test(name);
    if (current.type === 'pair' && pairKey(current) === 'authorize') return true;
  }
  return false;
}
