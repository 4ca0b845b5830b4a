import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import type { CodeRuleContext, FixDescriptor, SyntaxVisitor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { mergeVisitors, oauthRequestVisitor, parameterEntryText, type OAuthParameter } from '../../analyzer/mcp/oauth-requests';
import { calleeName, calleeOf, dottedName, listItemAppend, namedChildren, positionalArguments, staticString } from '../../analyzer/syntax/nodes';

type MessageId = 'missingChallenge' | 'missingVerifier' | 'plainMethod' | 'plainLabel' | 'methodOmitted' | 'assumedSupport';

/** Text that shows a code challenge is computed as BASE64URL(SHA-256(verifier)). */
const S256_COMPUTATION = /sha-?256|\bS256\b|calculatePKCECodeChallenge|pkceChallenge|create_s256_code_challenge/i;
const METADATA_FIELD = 'code_challenge_methods_supported';

export default defineRule<MessageId>(
  {
    id: 'require-pkce-s256',
    group: 'auth',
    description: 'Require PKCE with the S256 method in OAuth authorization-code flows',
    defaultSeverity: 'error',
    confidence: 'medium',
    cwe: ['CWE-345', 'CWE-287'],
    owaspMcp: 'MCP07',
    control: 5,
    fix: 'suggestion',
    messages: {
      missingChallenge:
        'This authorization request has no `code_challenge`: without PKCE, an authorization code intercepted on its way back (another app on the redirect URI, a log, a Referer header) can be exchanged for tokens. MCP clients MUST use PKCE with `code_challenge_method=S256`.',
      missingVerifier:
        'This `grant_type={{grantType}}` token request has no `code_verifier`: the authorization server cannot tell that the code is redeemed by the client that asked for it, so an intercepted code is as good as a token. MCP clients MUST use PKCE.',
      plainMethod:
        '`code_challenge_method` is `plain`: the challenge is the verifier itself, so whoever sees the authorization request can redeem the code. MCP clients MUST use `S256`: send BASE64URL(SHA-256(code_verifier)) as the challenge.',
      plainLabel:
        '`code_challenge_method` is `plain`, but the challenge is computed with SHA-256: the authorization server compares it with the verifier as is and the exchange fails, or it accepts a downgraded flow. MCP clients MUST send `S256`.',
      methodOmitted:
        'This authorization request sends `code_challenge` without `code_challenge_method`, and the authorization server then treats it as `plain` (RFC 7636 §4.3). MCP clients MUST send `code_challenge_method=S256`.',
      assumedSupport:
        '`{{expression}}` supplies a default when the authorization server metadata lacks `code_challenge_methods_supported`: the MCP specification requires the client to refuse to proceed then, because the server may not enforce PKCE at all.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#authorization-code-protection',
      'https://www.rfc-editor.org/rfc/rfc7636#section-4.2',
      'https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-1-13#section-7.5.2',
      'https://cwe.mitre.org/data/definitions/345.html',
    ],
  },
  {
    'js-ts': (context) => mergeVisitors(requestChecks(context, 'js-ts'), jsMetadataDefaults(context)),
    python: (context) => mergeVisitors(requestChecks(context, 'python'), pythonMetadataDefaults(context)),
  },
);

function requestChecks(context: CodeRuleContext<MessageId>, language: 'js-ts' | 'python'): SyntaxVisitor {
  const quote = language === 'python' ? '"' : "'";
  return oauthRequestVisitor(context, language, {
    onParameter(parameter, request) {
      if (parameter.name !== 'code_challenge_method' || parameter.text?.toLowerCase() !== 'plain') return;
      const challenge = request()?.parameters.get('code_challenge');
      const computed = challenge ? isS256Computation(context, challenge, request()?.scope) : false;
      const fixes: FixDescriptor[] =
        computed && parameter.textRange ? [{ title: 'Send `code_challenge_method` S256 (the challenge is already SHA-256)', edits: [{ ...parameter.textRange, newText: 'S256' }] }] : [];
      context.report({ messageId: computed ? 'plainLabel' : 'plainMethod', start: parameter.start, end: parameter.end, fixes });
    },
    onRequest(request) {
      if (!request.complete) return;
      const { parameters } = request;
      if (request.kind === 'authorization') {
        const challenge = parameters.get('code_challenge');
        if (!challenge) {
          context.report({ messageId: 'missingChallenge', ...request.anchor });
          return;
        }
        if (!parameters.has('code_challenge_method')) {
          const fixes: FixDescriptor[] = [];
          if (request.appendTarget && isS256Computation(context, challenge, request.scope)) {
            const entry = parameterEntryText(request.appendTarget.style, 'code_challenge_method', `${quote}S256${quote}`);
            fixes.push({ title: 'Add `code_challenge_method` S256 (the challenge is already SHA-256)', edits: [listItemAppend(request.appendTarget.list, entry, context.source)] });
          }
          context.report({ messageId: 'methodOmitted', start: challenge.start, end: challenge.end, fixes });
        }
      } else if (request.grantType === 'authorization_code' && !parameters.has('code_verifier')) {
        context.report({ messageId: 'missingVerifier', data: { grantType: request.grantType }, ...request.anchor });
      }
    },
  });
}

/** Whether the challenge's value (or the variable or local helper it comes from) is a SHA-256 computation. */
function isS256Computation(context: CodeRuleContext<MessageId>, challenge: OAuthParameter, scope: SyntaxNode | undefined): boolean {
  const value = challenge.value;
  if (!value) return false;
  if (S256_COMPUTATION.test(value.text)) return true;
  const name = value.type === 'identifier' || value.type === 'shorthand_property_identifier' ? value.text : undefined;
  if (name && scope) {
    for (const node of scope.descendantsOfType(['variable_declarator', 'assignment_expression', 'assignment'])) {
      if (!node) continue;
      const target = node.childForFieldName(node.type === 'variable_declarator' ? 'name' : 'left');
      if (target?.text !== name) continue;
      const definition = node.childForFieldName(node.type === 'variable_declarator' ? 'value' : 'right');
      if (definition && definesS256(context, definition)) return true;
    }
  }
  return definesS256(context, value);
}

function definesS256(context: CodeRuleContext<MessageId>, expression: SyntaxNode): boolean {
  if (S256_COMPUTATION.test(expression.text)) return true;
  // `await challengeFor(verifier)`: a local helper that hashes.
  let call: SyntaxNode | undefined = expression;
  while (call && (call.type === 'await_expression' || call.type === 'await' || call.type === 'parenthesized_expression')) call = namedChildren(call)[0];
  if (call?.type !== 'call_expression' && call?.type !== 'call') return false;
  const callee = calleeOf(call);
  const helper = callee?.type === 'identifier' ? context.flow.functions.get(callee.text) : undefined;
  return helper !== undefined && S256_COMPUTATION.test(helper.text);
}

/** `metadata.code_challenge_methods_supported ?? ['S256']`, `… || ['plain']`. */
function jsMetadataDefaults(context: CodeRuleContext<MessageId>): SyntaxVisitor {
  if (!context.source.text.includes(METADATA_FIELD)) return {};
  return {
    binary_expression(node) {
      const operator = node.childForFieldName('operator')?.type;
      if (operator !== '??' && operator !== '||') return;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !right || !dottedName(left)?.endsWith(`.${METADATA_FIELD}`) && staticString(left.childForFieldName('index')) !== METADATA_FIELD) return;
      if (right.type !== 'array' || namedChildren(right).length === 0) return;
      context.report({ messageId: 'assumedSupport', data: { expression: compact(node.text) }, start: node.startIndex, end: node.endIndex });
    },
  };
}

/** `metadata.get("code_challenge_methods_supported", ["S256"])`, `… or ["S256"]`. */
function pythonMetadataDefaults(context: CodeRuleContext<MessageId>): SyntaxVisitor {
  if (!context.source.text.includes(METADATA_FIELD)) return {};
  const isNonEmptyList = (node: SyntaxNode | undefined) => (node?.type === 'list' || node?.type === 'tuple') && namedChildren(node).length > 0;
  const readsField = (node: SyntaxNode | null | undefined): boolean => {
    if (!node) return false;
    if (node.type === 'attribute') return node.childForFieldName('attribute')?.text === METADATA_FIELD;
    if (node.type === 'subscript') return staticString(node.childForFieldName('subscript')) === METADATA_FIELD;
    if (node.type === 'call' && calleeName(node) === 'get') return staticString(positionalArguments(node)[0]) === METADATA_FIELD && positionalArguments(node).length === 1;
    return false;
  };
  return {
    call: {
      callees: new Set(['get']),
      visit(call) {
        const [key, fallback] = positionalArguments(call);
        if (staticString(key) !== METADATA_FIELD || !isNonEmptyList(fallback)) return;
        context.report({ messageId: 'assumedSupport', data: { expression: compact(call.text) }, start: call.startIndex, end: call.endIndex });
      },
    },
    boolean_operator(node) {
      if (node.childForFieldName('operator')?.type !== 'or') return;
      const right = node.childForFieldName('right') ?? undefined;
      if (!readsField(node.childForFieldName('left')) || !isNonEmptyList(right)) return;
      context.report({ messageId: 'assumedSupport', data: { expression: compact(node.text) }, start: node.startIndex, end: node.endIndex });
    },
  };
}

function compact(text: string): string {
  const single = text.replace(/\s+/g, ' ');
  return single.length > 80 ? `${single.slice(0, 77)}…` : single;
}

