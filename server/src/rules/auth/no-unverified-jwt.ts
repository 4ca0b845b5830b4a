import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import { isTestPath } from '../../analyzer/file-kind';
import { AssignmentIndex, pythonDictionary } from '../../analyzer/flow/assignments';
import { FUNCTION_TYPES } from '../../analyzer/flow/tool-handlers';
import type { CodeRuleContext, FixDescriptor, SyntaxVisitor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { calleeOf, dictionaryPairs, dottedName, keywordArguments, listItemRemoval, pairKey, positionalArguments, staticString } from '../../analyzer/syntax/nodes';
import { namedChildren } from '../../analyzer/syntax/tree';

type MessageId = 'unverifiedDecode' | 'noneAlgorithm' | 'expiryIgnored';
type Context = CodeRuleContext<MessageId>;
type Language = 'js-ts' | 'python';

/** Calls that read a JWT without checking its signature, by qualified name, and the part they read. */
const JS_DECODERS: ReadonlyMap<string, 'claims' | 'header'> = new Map<string, 'claims' | 'header'>([
  ['jose.decodeJwt', 'claims'],
  ['jose/jwt/decode.decodeJwt', 'claims'],
  ['jose.UnsecuredJWT.decode', 'claims'],
  ['jose.decodeProtectedHeader', 'header'],
  ['jose/decode/protected_header.decodeProtectedHeader', 'header'],
  ['jsonwebtoken.decode', 'claims'],
  ['jwt-decode', 'claims'],
  ['jwt-decode.default', 'claims'],
  ['jwt-decode.jwtDecode', 'claims'],
]);
const JS_DECODE_CALLEES = new Set(['decodeJwt', 'decodeProtectedHeader', 'decode', 'jwtDecode', 'jwt_decode']);
/** `jwt.decode` of PyJWT and python-jose: unverified only with `verify_signature: False` / `verify=False`. */
const PY_JWT_DECODE = new Set(['jwt.decode', 'jose.jwt.decode']);
const PY_UNVERIFIED_READERS: ReadonlyMap<string, 'claims' | 'header'> = new Map<string, 'claims' | 'header'>([
  ['jwt.get_unverified_header', 'header'],
  ['jose.jwt.get_unverified_header', 'header'],
  ['jose.jwt.get_unverified_headers', 'header'],
  ['jose.jwt.get_unverified_claims', 'claims'],
]);
const PY_CALLEES = new Set(['decode', 'get_unverified_header', 'get_unverified_headers', 'get_unverified_claims']);
/** Libraries whose verify options honour `ignoreExpiration` and an `algorithms` list containing 'none'. */
const JS_VERIFYING_MODULES = new Set(['jsonwebtoken', 'express-jwt', 'passport-jwt', '@nestjs/jwt', 'koa-jwt', 'fast-jwt', '@fastify/jwt']);

/** Claims that say who the caller is or what it may do; reading them is an authorization decision. */
const AUTH_CLAIMS = 'sub|scope|scp|scopes|roles?|groups|permissions|perms|aud|iss|azp|client_id|clientId|cid|tid|tenant|tenant_id|tenantId|admin|is_admin|isAdmin|user_id|userId|uid';
/** Properties that hold the authenticated caller of a request (`req.user = …`, `request.state.user = …`). */
const IDENTITY_PROPERTIES = 'user|auth|authInfo|auth_info|principal|identity|claims|currentUser|current_user';
/** Names of functions whose job is to authenticate a caller: whatever they decode, they trust. */
const AUTH_FUNCTION_NAME =
  /verif|authenticat|authori[sz]|(?:check|validate)_?(?:access_?)?(?:token|jwt|bearer)|current_?user|(?:user|principal|identity)_?from_?(?:token|jwt|request|header)|auth_?middleware|require_?auth|bearer/i;
/** A signature check somewhere in the function: jose, jsonwebtoken, SDK verifiers, `verifier.verify(…)`. */
const JS_VERIFY_CALL = /\b(?:jwtVerify|jwtDecrypt|compactVerify|flattenedVerify|generalVerify|verify\w*|validate\w*(?:Token|Jwt)\w*)\s*(?:<[^<>()]*>\s*)?\(/i;
const PY_VERIFY_CALL = /\b(?:verify\w*|validate\w*(?:token|jwt)\w*)\s*\(/i;
/** The token was minted right here, so its claims are this code's own. */
const JS_MINT = /\bsign\s*\(|new\s+SignJWT\b/;
const PY_MINT = /\bjwt\.encode\s*\(|\bsign\s*\(/;
const WRAPPERS = new Set(['await_expression', 'await', 'parenthesized_expression', 'as_expression', 'non_null_expression', 'satisfies_expression', 'type_assertion']);

export default defineRule<MessageId>(
  {
    id: 'no-unverified-jwt',
    group: 'auth',
    description: 'Disallow trusting JWT claims decoded without signature verification, and verification that accepts unsigned or expired tokens',
    defaultSeverity: 'error',
    confidence: 'medium',
    cwe: ['CWE-347', 'CWE-345', 'CWE-613'],
    owaspMcp: 'MCP07',
    control: 1,
    fix: 'suggestion',
    messages: {
      unverifiedDecode:
        '{{decoder}} reads the token {{part}} without checking its signature, and this code then trusts it ({{use}}) with no verification in the same function: anyone can write a token with any `sub`, `scope` or `aud`. MCP servers MUST validate access tokens before trusting them; verify with {{verifier}} and read the claims from its result.',
      noneAlgorithm:
        "{{option}} lists 'none' as an accepted algorithm: an unsigned token, which anyone can write, then passes verification. Allow only the algorithm your issuer signs with.",
      expiryIgnored:
        '{{option}} makes verification accept expired tokens: a leaked or revoked token keeps working forever. Remove it (allow a small clock tolerance instead if clocks drift).',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#token-handling',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices',
      'https://www.rfc-editor.org/rfc/rfc8725#section-3.1',
      'https://cwe.mitre.org/data/definitions/347.html',
      'https://github.com/panva/jose/blob/main/docs/util/decode_jwt/functions/decodeJwt.md',
      'https://pyjwt.readthedocs.io/en/stable/usage.html#reading-the-claimset-without-validation',
    ],
  },
  {
    'js-ts': (context): SyntaxVisitor => {
      if (!mayUseJwt(context, 'js-ts')) return {};
      const checkOptions = context.flow.imports.importsAny(JS_VERIFYING_MODULES);
      return {
        call_expression: {
          callees: JS_DECODE_CALLEES,
          visit(call) {
            const callee = calleeOf(call);
            const qualified = context.flow.imports.qualify(callee);
            const part = qualified ? JS_DECODERS.get(qualified) : undefined;
            if (!callee || !part) return;
            const verifier = qualified!.startsWith('jsonwebtoken') ? '`jwt.verify(token, key, { algorithms, audience, issuer })`' : '`jwtVerify(token, JWKS, { issuer, audience })`';
            checkDecode(context, 'js-ts', call, callee, `\`${dottedName(callee) ?? qualified}\``, part, verifier);
          },
        },
        pair(pair) {
          if (!checkOptions) return;
          const key = pairKey(pair);
          if (key !== 'ignoreExpiration' && key !== 'algorithms') return;
          const value = pair.childForFieldName('value');
          if (!value) return;
          if (key === 'ignoreExpiration') {
            if (value.type !== 'true') return;
            context.report({
              messageId: 'expiryIgnored',
              data: { option: '`ignoreExpiration: true`' },
              start: pair.startIndex,
              end: pair.endIndex,
              fixes: [{ title: 'Remove `ignoreExpiration: true` (reject expired tokens)', edits: [{ ...listItemRemoval(pair, context.source), newText: '' }] }],
            });
          } else if (value.type === 'array') {
            reportNoneAlgorithm(context, value, 'algorithms');
          }
        },
      };
    },
    python: (context): SyntaxVisitor => {
      if (!mayUseJwt(context, 'python')) return {};
      const assignments = new AssignmentIndex();
      const fixedPairs = new Set<number>();
      return {
        call: {
          callees: PY_CALLEES,
          visit(call) {
            const callee = calleeOf(call);
            const qualified = context.flow.imports.qualify(callee);
            if (!callee || !qualified) return;
            const reader = PY_UNVERIFIED_READERS.get(qualified);
            if (reader) {
              checkDecode(context, 'python', call, callee, `\`${dottedName(callee) ?? qualified}\``, reader, '`jwt.decode(token, key, algorithms=[...], audience=...)`');
              return;
            }
            if (!PY_JWT_DECODE.has(qualified)) return;
            const keywords = keywordArguments(call);
            const verify = keywords.get('verify');
            const options = keywords.get('options');
            const optionsDict = options ? pythonDictionary(options.value, assignments) : undefined;
            const optionPairs = optionsDict ? dictionaryPairs(optionsDict) : new Map<string, SyntaxNode>();
            const signatureOff = optionPairs.get('verify_signature');
            const verifier = '`jwt.decode(token, key, algorithms=[...], audience=...)` without turning verification off';
            if (verify?.value.type === 'false') {
              checkDecode(context, 'python', call, verify.argument, '`jwt.decode(…, verify=False)`', 'claims', verifier);
              return;
            }
            if (signatureOff?.childForFieldName('value')?.type === 'false') {
              const where = options && options.value.type !== 'dictionary' ? options.argument : signatureOff;
              checkDecode(context, 'python', call, where, '`jwt.decode` with `"verify_signature": False`', 'claims', verifier);
              return;
            }
            const expiry = optionPairs.get('verify_exp');
            if (expiry?.childForFieldName('value')?.type === 'false') {
              // A dict defined elsewhere is reported at each call that uses it, and fixed once.
              const where = options && options.value.type !== 'dictionary' ? options.argument : expiry;
              const fixes: FixDescriptor[] = [];
              if (!fixedPairs.has(expiry.id)) {
                fixedPairs.add(expiry.id);
                // `options={"verify_exp": False}` alone: the whole argument goes.
                const alone = options?.value.type === 'dictionary' && namedChildren(options.value).length === 1;
                fixes.push({ title: 'Remove `"verify_exp": False` (reject expired tokens)', edits: [{ ...listItemRemoval(alone ? options.argument : expiry, context.source), newText: '' }] });
              }
              context.report({ messageId: 'expiryIgnored', data: { option: '`"verify_exp": False`' }, start: where.startIndex, end: where.endIndex, fixes });
            }
            const algorithms = keywords.get('algorithms')?.value ?? positionalArguments(call)[2];
            if (algorithms && (algorithms.type === 'list' || algorithms.type === 'tuple')) reportNoneAlgorithm(context, algorithms, 'algorithms');
          },
        },
      };
    },
  },
);

function mayUseJwt(context: Context, target: Language): boolean {
  return !isTestPath(context.source.path, target) && /jwt|jose/i.test(context.source.text);
}

/** `algorithms: ['none', …]` / `algorithms=["none"]`: reported on the 'none' entry, removed when others remain. */
function reportNoneAlgorithm(context: Context, list: SyntaxNode, key: string): void {
  const entries = namedChildren(list).filter((child) => child.type !== 'comment');
  for (const entry of entries) {
    if (staticString(entry)?.toLowerCase() !== 'none') continue;
    const others = entries.filter((other) => staticString(other)?.toLowerCase() !== 'none');
    const fixes: FixDescriptor[] = others.length > 0 ? [{ title: `Remove ${entry.text} from \`${key}\``, edits: [{ ...listItemRemoval(entry, context.source), newText: '' }] }] : [];
    context.report({ messageId: 'noneAlgorithm', data: { option: `\`${key}\`` }, start: entry.startIndex, end: entry.endIndex, fixes });
  }
}

/**
 * Reports an unverified decode when it feeds an auth decision and nothing in its function verifies
 * the token: the decode is the only check the token gets.
 */
function checkDecode(
  context: Context,
  language: Language,
  call: SyntaxNode,
  range: SyntaxNode,
  decoder: string,
  part: 'claims' | 'header',
  verifier: string,
): void {
  const fn = enclosingFunction(call);
  const body = fn.childForFieldName('body') ?? fn;
  const text = body.text;
  if ((language === 'js-ts' ? JS_MINT : PY_MINT).test(text)) return;
  if (hasVerification(context, language, body, text, call)) return;
  const use = authUse(language, call, fn, text);
  if (!use) return;
  context.report({ messageId: 'unverifiedDecode', data: { decoder, part, use, verifier }, start: range.startIndex, end: range.endIndex });
}

function hasVerification(context: Context, language: Language, body: SyntaxNode, text: string, call: SyntaxNode): boolean {
  if (language === 'js-ts') return JS_VERIFY_CALL.test(text);
  if (PY_VERIFY_CALL.test(text)) return true;
  // Another `jwt.decode` in the function that keeps the signature check on (the key-selection pattern).
  if (!/\bdecode\s*\(/.test(text)) return false;
  for (const other of body.descendantsOfType('call')) {
    if (!other || other.id === call.id) continue;
    const qualified = context.flow.imports.qualify(calleeOf(other));
    if (!qualified || !PY_JWT_DECODE.has(qualified)) continue;
    const keywords = keywordArguments(other);
    const options = keywords.get('options')?.value;
    if (keywords.get('verify')?.value.type === 'false') continue;
    if (options?.type === 'dictionary' && dictionaryPairs(options).get('verify_signature')?.childForFieldName('value')?.type === 'false') continue;
    if (options && options.type !== 'dictionary') continue;
    if (positionalArguments(other).length >= 2 || keywords.has('key')) return true;
  }
  return false;
}

/** How the decoded value is trusted, described for the message; undefined when it is not. */
function authUse(language: Language, call: SyntaxNode, fn: SyntaxNode, text: string): string | undefined {
  let outer = call;
  while (outer.parent && WRAPPERS.has(outer.parent.type)) outer = outer.parent;
  const parent = outer.parent;
  const name = functionName(fn);
  const inAuthFunction = name !== undefined && AUTH_FUNCTION_NAME.test(name);
  const claims = new RegExp(`^(?:${AUTH_CLAIMS})$`);
  if (parent) {
    switch (parent.type) {
      case 'member_expression':
      case 'attribute': {
        const property = parent.childForFieldName(parent.type === 'attribute' ? 'attribute' : 'property')?.text;
        if (property && claims.test(property)) return `reads \`${property}\``;
        if (property === 'get' && parent.parent?.type === 'call') {
          const key = staticString(positionalArguments(parent.parent)[0]);
          if (key !== undefined && claims.test(key)) return `reads \`${key}\``;
        }
        break;
      }
      case 'subscript_expression':
      case 'subscript': {
        const key = staticString(parent.childForFieldName(parent.type === 'subscript' ? 'subscript' : 'index'));
        if (key !== undefined && claims.test(key)) return `reads \`${key}\``;
        break;
      }
      case 'variable_declarator':
      case 'assignment':
      case 'assignment_expression': {
        const target = parent.childForFieldName(parent.type === 'variable_declarator' ? 'name' : 'left');
        if (!target) break;
        if (target.type === 'identifier') {
          const found = nameUse(language, target.text, text, inAuthFunction);
          if (found) return found;
        } else if (target.type === 'object_pattern') {
          const claim = new RegExp(`\\b(${AUTH_CLAIMS})\\b`).exec(target.text);
          if (claim) return `reads \`${claim[1]}\``;
        } else if (target.type === 'member_expression' || target.type === 'attribute') {
          const property = target.childForFieldName(target.type === 'attribute' ? 'attribute' : 'property')?.text;
          if (property && new RegExp(`^(?:${IDENTITY_PROPERTIES})$`).test(property)) return `stores it as \`${dottedName(target) ?? target.text}\``;
        }
        break;
      }
      case 'return_statement':
        if (inAuthFunction) return `returns it from \`${name}\``;
        break;
      default:
        if (FUNCTION_TYPES.has(parent.type) && inAuthFunction) return `returns it from \`${name}\``;
    }
  }
  if (inAuthFunction) return `inside \`${name}\``;
  return undefined;
}

/** Uses of the variable holding the decoded value, read from the function's text. */
function nameUse(language: Language, name: string, text: string, inAuthFunction: boolean): string | undefined {
  const n = name.replace(/\$/g, '\\$');
  const patterns =
    language === 'js-ts'
      ? [
          new RegExp(`\\b${n}\\s*(?:\\?\\.|!\\.|\\.)\\s*(${AUTH_CLAIMS})\\b`),
          new RegExp(`\\b${n}\\s*(?:\\?\\.)?\\[\\s*['"\`](${AUTH_CLAIMS})['"\`]\\s*\\]`),
          new RegExp(`\\{[^{}]*\\b(${AUTH_CLAIMS})\\b[^{}]*\\}\\s*=\\s*${n}\\b`),
        ]
      : [new RegExp(`\\b${n}\\s*\\[\\s*['"](${AUTH_CLAIMS})['"]\\s*\\]`), new RegExp(`\\b${n}\\.get\\(\\s*['"](${AUTH_CLAIMS})['"]`), new RegExp(`\\b${n}\\.(${AUTH_CLAIMS})\\b`)];
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match) return `reads \`${match[1]}\``;
  }
  const stored = new RegExp(`([\\w$.]*\\.(?:${IDENTITY_PROPERTIES}))\\s*=\\s*${n}\\b`).exec(text);
  if (stored) return `stores it as \`${stored[1]}\``;
  if (inAuthFunction && new RegExp(`\\breturn\\s+${n}\\b`).test(text)) return 'returns it';
  return undefined;
}

/** The function around `node`, else the file itself. */
function enclosingFunction(node: SyntaxNode): SyntaxNode {
  let current = node;
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (FUNCTION_TYPES.has(parent.type)) return parent;
    current = parent;
  }
  return current;
}

/** A function's own name, or the name it is bound to (`const f = () =>`, `{ f: () => }`, `x.f = function`). */
function functionName(fn: SyntaxNode): string | undefined {
  if (!FUNCTION_TYPES.has(fn.type)) return undefined;
  const own = fn.childForFieldName('name');
  if (own) return own.text;
  const parent = fn.parent;
  if (parent?.type === 'variable_declarator') return parent.childForFieldName('name')?.text;
  if (parent?.type === 'pair') return pairKey(parent);
  if (parent?.type === 'assignment_expression') {
    const left = dottedName(parent.childForFieldName('left'));
    return left?.slice(left.lastIndexOf('.') + 1);
  }
  return undefined;
}

