import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import type { TextEdit } from '../../analyzer/finding';
import { isTestPath } from '../../analyzer/file-kind';
import { AssignmentIndex, pythonDictionary } from '../../analyzer/flow/assignments';
import { FUNCTION_TYPES } from '../../analyzer/flow/tool-handlers';
import type { CodeRuleContext, FixDescriptor, SyntaxVisitor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { calleeOf, dictionaryPairs, dottedName, keywordArguments, listItemAppend, listItemRemoval, pairKey, positionalArguments, unwrapExpression } from '../../analyzer/syntax/nodes';
import { namedChildren } from '../../analyzer/syntax/tree';

type MessageId = 'missingAudience' | 'missingAlgorithms' | 'audienceCheckDisabled' | 'verifierWithoutAudience';
type Context = CodeRuleContext<MessageId>;

const PLACEHOLDER = "<this server's canonical URL>";
const JS_AUDIENCE_OPTION = `audience: "${PLACEHOLDER}"`;
const PY_AUDIENCE_KEYWORD = `audience="${PLACEHOLDER}"`;

/** Verification calls that take an options object with `audience`, and the library they belong to. */
const JS_VERIFIERS: ReadonlyMap<string, 'jose' | 'jsonwebtoken'> = new Map<string, 'jose' | 'jsonwebtoken'>([
  ['jose.jwtVerify', 'jose'],
  ['jose.jwtDecrypt', 'jose'],
  ['jose/jwt/verify.jwtVerify', 'jose'],
  ['jose/jwt/decrypt.jwtDecrypt', 'jose'],
  ['jsonwebtoken.verify', 'jsonwebtoken'],
]);
const JS_VERIFY_CALLEES = new Set(['jwtVerify', 'jwtDecrypt', 'verify']);
/** PyJWT and python-jose. */
const PY_DECODERS = new Set(['jwt.decode', 'jose.jwt.decode']);

const AUDIENCE_WORD = '(?:aud|audience|resource)';
const COMPARISON = String.raw`(?:[!=]==?|\.includes\s*\(|\.some\s*\(|\bnot\s+in\b|\bin\b)`;
/**
 * Code that binds a token to this server by hand: the `aud` / `resource` claim compared or
 * looked up, an `audience` passed to some verifier, the SDKs' `checkResourceAllowed`.
 */
const AUDIENCE_CHECK = new RegExp(
  [
    String.raw`\b${AUDIENCE_WORD}\b['"]?\s*\]?\s*\)?\s*${COMPARISON}`,
    String.raw`${COMPARISON}\s*[\w$.]*(?:\[\s*['"]|\.get\(\s*['"])?${AUDIENCE_WORD}\b`,
    String.raw`\baudience\s*[:=]`,
    String.raw`check_?resource_?allowed`,
  ].join('|'),
  'i',
);
/** A verifier that hands the token to something else to verify or decode: judged there, not here. */
const DELEGATES = /\b(?=[\w$]*(?:verif|decod|validat))[\w$]+\s*(?:<[^<>()]*>\s*)?\(/i;
const CALLED_NAME = /\b([A-Za-z_$][\w$]*)\s*\(/g;

export default defineRule<MessageId>(
  {
    id: 'require-token-audience',
    group: 'auth',
    description: 'Require access-token verification to check that the token was issued for this server (audience)',
    defaultSeverity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-287', 'CWE-345'],
    owaspMcp: 'MCP07',
    control: 1,
    fix: 'suggestion',
    messages: {
      missingAudience:
        '{{call}} verifies the token without {{option}}{{consequence}}: a token its issuer minted for any other service passes here. MCP servers MUST validate that access tokens were issued specifically for them as the intended audience (RFC 8707); pass this server\'s canonical URL as {{option}}.',
      missingAlgorithms:
        '{{call}} has no `algorithms` allow-list: jsonwebtoken then accepts whichever algorithm the token header names among those that fit the key. Pin the algorithm your issuer signs with (`algorithms: [\'RS256\']`).',
      audienceCheckDisabled:
        '{{option}} switches the audience check off: a token issued for any other service passes here. MCP servers MUST validate that access tokens were issued specifically for them as the intended audience (RFC 8707).',
      verifierWithoutAudience:
        '`{{name}}` returns {{result}} without checking that the token was issued for this server (`aud` / `resource`), and {{middleware}} checks only scopes and expiry: a token minted for another service is accepted. MCP servers MUST validate that access tokens were issued specifically for them as the intended audience (RFC 8707).',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#token-handling',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#token-audience-binding-and-validation',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#access-token-privilege-restriction',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices#token-passthrough',
      'https://www.rfc-editor.org/rfc/rfc8707',
      'https://www.rfc-editor.org/rfc/rfc8725#section-3.9',
      'https://cwe.mitre.org/data/definitions/287.html',
    ],
  },
  {
    'js-ts': (context): SyntaxVisitor => {
      if (isTestPath(context.source.path, 'js-ts')) return {};
      const text = context.source.text;
      const usesJwt = /jwt|jose/i.test(text);
      const hasVerifier = text.includes('verifyAccessToken');
      if (!usesJwt && !hasVerifier) return {};
      const assignments = new AssignmentIndex();
      const fixedObjects = new Set<number>();
      const checkVerifier = (fn: SyntaxNode | null | undefined, name: SyntaxNode | null | undefined) => {
        if (fn && name && FUNCTION_TYPES.has(fn.type)) checkJsVerifier(context, fn, name);
      };
      return {
        call_expression: {
          callees: JS_VERIFY_CALLEES,
          visit(call) {
            if (usesJwt) checkJsVerifyCall(context, call, assignments, fixedObjects);
          },
        },
        method_definition(method) {
          if (!hasVerifier) return;
          const name = method.childForFieldName('name');
          if (name?.text === 'verifyAccessToken') checkVerifier(method, name);
        },
        pair(pair) {
          if (!hasVerifier) return;
          const key = pair.childForFieldName('key');
          if (key?.text === 'verifyAccessToken') checkVerifier(pair.childForFieldName('value'), key);
        },
      };
    },
    python: (context): SyntaxVisitor => {
      if (isTestPath(context.source.path, 'python')) return {};
      const text = context.source.text;
      const usesJwt = /jwt|jose/i.test(text);
      const hasVerifier = text.includes('AccessToken');
      if (!usesJwt && !hasVerifier) return {};
      const assignments = new AssignmentIndex();
      const fixedPairs = new Set<number>();
      return {
        call: {
          callees: new Set(['decode']),
          visit(call) {
            if (usesJwt) checkPyDecode(context, call, assignments, fixedPairs);
          },
        },
        function_definition(fn) {
          if (!hasVerifier) return;
          const name = fn.childForFieldName('name');
          if (name && (name.text === 'verify_token' || name.text === 'load_access_token')) checkPyVerifier(context, fn, name);
        },
      };
    },
  },
);

function checkJsVerifyCall(context: Context, call: SyntaxNode, assignments: AssignmentIndex, fixedObjects: Set<number>): void {
  const callee = calleeOf(call);
  const qualified = context.flow.imports.qualify(callee);
  const library = qualified ? JS_VERIFIERS.get(qualified) : undefined;
  if (!callee || !library) return;
  const args = positionalArguments(call);
  const third = args[2];
  let optionsArgument: SyntaxNode | undefined;
  if (third && (library === 'jose' || args.length >= 4 || !isFunctionLike(context, third))) optionsArgument = third;
  let options: SyntaxNode | undefined;
  if (optionsArgument) {
    options = objectLiteral(optionsArgument, assignments);
    // Options built elsewhere (a call, a parameter): what they hold is unknown.
    if (!options) return;
  }
  const keys = options ? objectKeys(options) : { names: new Set<string>(), open: false };
  if (keys.open) return;
  const name = `\`${dottedName(callee) ?? callee.text}\``;
  const range = optionsArgument ?? callee;
  if (!keys.names.has('audience') && !AUDIENCE_CHECK.test(enclosingBody(call).text)) {
    const fixes: FixDescriptor[] = [];
    const title = 'Add an `audience` option (fill in this server\'s canonical URL)';
    if (options && !fixedObjects.has(options.id)) {
      fixedObjects.add(options.id);
      fixes.push({ title, edits: [listItemAppend(options, JS_AUDIENCE_OPTION, context.source)] });
    } else if (!options && args[1]) {
      fixes.push({ title, edits: [{ start: args[1].endIndex, end: args[1].endIndex, newText: `, { ${JS_AUDIENCE_OPTION} }` }] });
    }
    context.report({
      messageId: 'missingAudience',
      data: { call: name, option: 'an `audience` option', consequence: '' },
      start: range.startIndex,
      end: range.endIndex,
      fixes,
    });
  }
  if (library === 'jsonwebtoken' && !keys.names.has('algorithms')) {
    context.report({ messageId: 'missingAlgorithms', data: { call: name }, start: range.startIndex, end: range.endIndex });
  }
}

function checkPyDecode(context: Context, call: SyntaxNode, assignments: AssignmentIndex, fixedPairs: Set<number>): void {
  const callee = calleeOf(call);
  const qualified = context.flow.imports.qualify(callee);
  if (!callee || !qualified || !PY_DECODERS.has(qualified)) return;
  const argumentList = call.childForFieldName('arguments');
  if (!argumentList) return;
  const items = namedChildren(argumentList);
  // `**kwargs` may carry `audience`; five positionals reach python-jose's `audience` parameter.
  if (items.some((item) => item.type === 'dictionary_splat' || item.type === 'list_splat') || positionalArguments(call).length >= 5) return;
  const keywords = keywordArguments(call);
  // Decoding without a signature check is no-unverified-jwt's finding; an audience would not help.
  if (keywords.get('verify')?.value.type === 'false') return;
  const optionsValue = keywords.get('options')?.value;
  const options = optionsValue ? pythonDictionary(optionsValue, assignments) : undefined;
  if (optionsValue && !options && optionsValue.type !== 'none') return;
  const optionPairs = options ? dictionaryPairs(options) : new Map<string, SyntaxNode>();
  if (optionPairs.get('verify_signature')?.childForFieldName('value')?.type === 'false') return;
  const hasAudience = keywords.has('audience');
  const addAudience = (): TextEdit[] => (hasAudience ? [] : [listItemAppend(argumentList, PY_AUDIENCE_KEYWORD, context.source)]);
  const audienceOff = optionPairs.get('verify_aud');
  if (audienceOff?.childForFieldName('value')?.type === 'false') {
    // A dict defined elsewhere is reported at each call that uses it, and fixed once.
    const optionsArgument = keywords.get('options')!.argument;
    const where = optionsValue?.type === 'dictionary' ? audienceOff : optionsArgument;
    const audienceFixEdits = (): TextEdit[] => {
      if (optionsValue?.type !== 'dictionary' || namedChildren(optionsValue).length > 1) {
        return [{ ...listItemRemoval(audienceOff, context.source), newText: '' }, ...addAudience()];
      }
      // `options={"verify_aud": False}` alone: the whole argument goes (or becomes the audience).
      if (hasAudience) return [{ ...listItemRemoval(optionsArgument, context.source), newText: '' }];
      return [{ start: optionsArgument.startIndex, end: optionsArgument.endIndex, newText: PY_AUDIENCE_KEYWORD }];
    };
    const fixes: FixDescriptor[] = [];
    if (!fixedPairs.has(audienceOff.id)) {
      fixedPairs.add(audienceOff.id);
      fixes.push({
        title: hasAudience ? 'Remove `"verify_aud": False` (check the audience)' : 'Check the audience (fill in this server\'s canonical URL)',
        edits: audienceFixEdits(),
      });
    }
    context.report({ messageId: 'audienceCheckDisabled', data: { option: '`"verify_aud": False`' }, start: where.startIndex, end: where.endIndex, fixes });
    return;
  }
  if (hasAudience || AUDIENCE_CHECK.test(enclosingBody(call).text)) return;
  context.report({
    messageId: 'missingAudience',
    data: { call: `\`${dottedName(callee) ?? callee.text}\``, option: 'an `audience=` argument', consequence: ', so any token without an `aud` claim is accepted' },
    start: callee.startIndex,
    end: callee.endIndex,
    fixes: [{ title: 'Add `audience=` (fill in this server\'s canonical URL)', edits: addAudience() }],
  });
}

/** An MCP SDK `verifyAccessToken` that builds AuthInfo itself and never looks at `aud` / `resource`. */
function checkJsVerifier(context: Context, fn: SyntaxNode, name: SyntaxNode): void {
  const body = fn.childForFieldName('body');
  if (!body) return;
  const results = returnedValues(fn, body).filter((value) => value.type === 'object' && hasKeys(value, ['clientId', 'scopes']));
  if (results.length === 0) return;
  const text = checkedText(context, body, results);
  if (DELEGATES.test(text) || AUDIENCE_CHECK.test(text)) return;
  context.report({
    messageId: 'verifierWithoutAudience',
    data: { name: name.text, result: 'AuthInfo', middleware: '`requireBearerAuth`' },
    start: name.startIndex,
    end: name.endIndex,
  });
}

/** A Python SDK `TokenVerifier.verify_token` (or provider `load_access_token`) that returns `AccessToken(…)` unchecked. */
function checkPyVerifier(context: Context, fn: SyntaxNode, name: SyntaxNode): void {
  const body = fn.childForFieldName('body');
  if (!body) return;
  const results = body.descendantsOfType('call').filter((call): call is SyntaxNode => call !== null && /(?:^|\.)AccessToken$/.test(dottedName(call.childForFieldName('function')) ?? ''));
  if (results.length === 0) return;
  const text = checkedText(context, body, results);
  if (DELEGATES.test(text) || AUDIENCE_CHECK.test(text)) return;
  context.report({
    messageId: 'verifierWithoutAudience',
    data: { name: name.text, result: 'an `AccessToken`', middleware: "the SDK's bearer-auth middleware" },
    start: name.startIndex,
    end: name.endIndex,
  });
}

/** The body's text without the returned result (copying `aud` into it is not a check), plus local helpers it calls. */
function checkedText(context: Context, body: SyntaxNode, results: SyntaxNode[]): string {
  const source = context.source.text;
  let text = '';
  let position = body.startIndex;
  for (const result of [...results].sort((a, b) => a.startIndex - b.startIndex)) {
    if (result.startIndex < position) continue;
    text += source.slice(position, result.startIndex);
    position = result.endIndex;
  }
  text += source.slice(position, body.endIndex);
  const helpers = new Set<string>();
  for (const match of text.matchAll(CALLED_NAME)) {
    const helper = context.flow.functions.get(match[1]!);
    if (helper && !helpers.has(match[1]!)) {
      helpers.add(match[1]!);
      text += `\n${helper.text}`;
    }
  }
  return text;
}

/** Values the function returns (its own `return`s, or an arrow's expression body). */
function returnedValues(fn: SyntaxNode, body: SyntaxNode): SyntaxNode[] {
  if (body.type !== 'statement_block') return [unwrapExpression(body)];
  const values: SyntaxNode[] = [];
  for (const statement of body.descendantsOfType('return_statement')) {
    if (!statement || ownerFunction(statement)?.id !== fn.id) continue;
    const value = namedChildren(statement)[0];
    if (value) values.push(unwrapExpression(value));
  }
  return values;
}

function ownerFunction(node: SyntaxNode): SyntaxNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (FUNCTION_TYPES.has(current.type)) return current;
  return undefined;
}

function enclosingBody(node: SyntaxNode): SyntaxNode {
  const fn = ownerFunction(node);
  if (fn) return fn.childForFieldName('body') ?? fn;
  let current = node;
  while (current.parent) current = current.parent;
  return current;
}

function isFunctionLike(context: Context, node: SyntaxNode): boolean {
  return FUNCTION_TYPES.has(node.type) || (node.type === 'identifier' && context.flow.functions.has(node.text));
}

/** An object literal, directly or through the variable it was last assigned to. */
function objectLiteral(node: SyntaxNode, assignments: AssignmentIndex): SyntaxNode | undefined {
  const value = unwrapExpression(node);
  if (value.type === 'object') return value;
  if (value.type !== 'identifier') return undefined;
  const values = assignments.valuesOf(value);
  const last = values[values.length - 1];
  const resolved = last ? unwrapExpression(last) : undefined;
  return resolved?.type === 'object' ? resolved : undefined;
}

/** Keys of an object literal; `open` when a spread may add more. */
function objectKeys(object: SyntaxNode): { names: Set<string>; open: boolean } {
  const names = new Set<string>();
  let open = false;
  for (const member of namedChildren(object)) {
    if (member.type === 'pair') {
      const key = pairKey(member);
      if (key === undefined) open = true;
      else names.add(key);
    } else if (member.type === 'shorthand_property_identifier') names.add(member.text);
    else if (member.type === 'method_definition') names.add(member.childForFieldName('name')?.text ?? '');
    else if (member.type === 'spread_element') open = true;
  }
  return { names, open };
}

function hasKeys(object: SyntaxNode, required: string[]): boolean {
  const { names } = objectKeys(object);
  return required.every((key) => names.has(key));
}

