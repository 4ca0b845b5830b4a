import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import type { CodeRuleContext, FixDescriptor, SyntaxVisitor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { calleeName, calleeOf, children, dottedName, namedChildren, positionalArguments, staticString, unwrapExpression } from '../../analyzer/syntax/nodes';
import { identifierWords } from '../../analyzer/text/identifier-words';

type MessageId = 'prefixMatch' | 'containment' | 'patternMatch';

type Language = 'js-ts' | 'python';

const STRING_METHODS = new Set(['startsWith', 'endsWith', 'includes', 'indexOf', 'match', 'search', 'startswith', 'endswith', 'find']);
const JS_CALLEES = new Set(['startsWith', 'endsWith', 'includes', 'indexOf', 'match', 'search', 'test', 'minimatch', 'isMatch']);
const PY_CALLEES = new Set(['startswith', 'endswith', 'find', 'match', 'search', 'fullmatch', 'fnmatch', 'fnmatchcase']);
/** Value-preserving calls a redirect URI passes through: `String(x)`, `x.toLowerCase()`, `str(x)`. */
const TRANSPARENT_CALLS = new Set(['String', 'str', 'toLowerCase', 'toUpperCase', 'trim', 'lower', 'strip', 'decodeURIComponent', 'unquote', 'toString']);
/** Last words of names that hold a collection of URIs. */
const COLLECTION_WORDS = new Set(['uris', 'urls', 'list', 'set', 'array', 'allowlist', 'whitelist', 'registry', 'registered', 'allowed']);
const REDIRECT_WORDS = new Set(['redirect', 'callback']);
const URI_WORDS = new Set(['uri', 'url', 'uris', 'urls']);
const ARRAY_CALLBACK_METHODS = new Set(['some', 'find', 'filter', 'every', 'findIndex']);

type Shape = 'single' | 'collection';

/** A literal that is a whole absolute URI, so comparing for equality with it is meaningful. */
const FULL_URI = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+/i;

export default defineRule<MessageId>(
  {
    id: 'require-exact-redirect-uri',
    group: 'auth',
    description: 'Require exact string matching when validating OAuth redirect URIs',
    defaultSeverity: 'error',
    confidence: 'medium',
    cwe: ['CWE-601', 'CWE-20'],
    owaspMcp: 'MCP07',
    control: 5,
    fix: 'suggestion',
    messages: {
      prefixMatch:
        '`{{expression}}` accepts any redirect URI that {{relation}}: an attacker registers or crafts a look-alike (`https://app.example.com.evil.net`, `…/callback/../attacker`) and receives the authorization code. The MCP spec requires authorization servers to validate redirect URIs by exact string match against the registered ones.',
      containment:
        '`{{expression}}` checks that one string contains the other, not that the redirect URI equals a registered one: any URI embedding the registered value (in a path, query or subdomain) passes and receives the authorization code. The MCP spec requires exact string matching of redirect URIs.',
      patternMatch:
        '`{{expression}}` matches the redirect URI against a {{kind}}: patterns are easy to get wrong (unescaped dots, missing anchors, wildcards) and let attacker-controlled URIs receive the authorization code. The MCP spec requires exact string matching of redirect URIs against the registered values.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#open-redirection',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices#confused-deputy-problem',
      'https://datatracker.ietf.org/doc/html/draft-ietf-oauth-security-topics#section-4.1',
      'https://cwe.mitre.org/data/definitions/601.html',
    ],
  },
  {
    'js-ts': (context): SyntaxVisitor => {
      if (!/redirect|callback/i.test(context.source.text)) return {};
      return { call_expression: { callees: JS_CALLEES, visit: (call) => checkJsCall(context, call) } };
    },
    python: (context): SyntaxVisitor => {
      if (!/redirect|callback/i.test(context.source.text)) return {};
      return {
        call: { callees: PY_CALLEES, visit: (call) => checkPythonCall(context, call) },
        comparison_operator: (comparison) => checkPythonIn(context, comparison),
      };
    },
  },
);

/** Whether a name's words say it holds redirect URIs, and whether one or many. */
function shapeOfName(name: string | undefined): Shape | undefined {
  if (!name) return undefined;
  const words = identifierWords(name);
  if (!words.some((word) => REDIRECT_WORDS.has(word)) || !words.some((word) => URI_WORDS.has(word))) return undefined;
  const last = words[words.length - 1]!;
  return COLLECTION_WORDS.has(last) ? 'collection' : 'single';
}

/** The redirect-URI shape of an expression: a name, `req.query.redirect_uri`, `params.get('redirect_uri')`, `String(x)`. */
function shapeOf(node: SyntaxNode | null | undefined, depth = 0): Shape | undefined {
  if (!node || depth > 3) return undefined;
  const expression = unwrapExpression(node);
  switch (expression.type) {
    case 'identifier':
    case 'property_identifier':
      return shapeOfName(expression.text);
    case 'member_expression':
    case 'attribute':
    case 'subscript_expression':
    case 'subscript': {
      const path = dottedName(expression);
      if (path) return shapeOfName(path.slice(path.lastIndexOf('.') + 1));
      // `client.redirect_uris[0]` is one of the registered URIs.
      const object = expression.childForFieldName(expression.type === 'subscript' ? 'value' : 'object');
      return shapeOf(object, depth + 1) === 'collection' ? 'single' : undefined;
    }
    case 'call_expression':
    case 'call': {
      const name = calleeName(expression);
      if (name === 'get' || name === 'getAll') return shapeOfName(staticString(positionalArguments(expression)[0]));
      if (name && TRANSPARENT_CALLS.has(name)) {
        const callee = calleeOf(expression);
        const receiver = callee?.type === 'member_expression' || callee?.type === 'attribute' ? callee.childForFieldName('object') : undefined;
        return shapeOf(receiver ?? positionalArguments(expression)[0], depth + 1);
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Literals that validate the form of a URI rather than match it against a registered one:
 * a scheme (`https://`), a loopback origin (`http://localhost`), punctuation (`#`, `/`, `*`).
 */
function isFormCheckLiteral(node: SyntaxNode | undefined): boolean {
  const value = staticString(node);
  if (value === undefined) return false;
  if (!/[A-Za-z0-9]/.test(value)) return true;
  return /^(?:[a-z][a-z0-9+.-]*:(?:\/\/)?)?(?:localhost|127\.0\.0\.1|\[::1\])?:?$/i.test(value);
}

/** A regex source that only matches one literal string (`^https://a\.example\.com/cb$`). */
function isExactPattern(source: string): boolean {
  if (!source.startsWith('^') || !(source.endsWith('$') || source.endsWith('\\Z'))) return false;
  const body = source.slice(1, source.endsWith('\\Z') ? -2 : -1);
  return !/(?<!\\)[.*+?[\](){}|]/.test(body.replace(/\\\\/g, ''));
}

/** A parameter of the arrow function `call` sits in, when that function is the callback of `redirectUris.some(…)`. */
function collectionCallbackParameter(call: SyntaxNode): string | undefined {
  let fn: SyntaxNode | null = call.parent;
  for (let depth = 0; fn && depth < 4 && fn.type !== 'arrow_function' && fn.type !== 'function_expression' && fn.type !== 'lambda'; depth++) fn = fn.parent;
  if (!fn || (fn.type !== 'arrow_function' && fn.type !== 'function_expression')) return undefined;
  const outer = fn.parent?.parent;
  if (outer?.type !== 'call_expression' || !ARRAY_CALLBACK_METHODS.has(calleeName(outer) ?? '')) return undefined;
  const callee = calleeOf(outer);
  if (callee?.type !== 'member_expression' || shapeOf(callee.childForFieldName('object')) !== 'collection') return undefined;
  const parameter = fn.childForFieldName('parameter') ?? namedChildren(fn.childForFieldName('parameters') ?? fn)[0];
  const name = parameter?.type === 'identifier' ? parameter : parameter?.childForFieldName('pattern');
  return name?.type === 'identifier' ? name.text : undefined;
}

function isRedirectOperand(node: SyntaxNode | undefined, callbackParameter: string | undefined): boolean {
  if (!node) return false;
  if (shapeOf(node) === 'single') return true;
  return callbackParameter !== undefined && unwrapExpression(node).text === callbackParameter;
}

function compact(text: string): string {
  const single = text.replace(/\s+/g, ' ');
  return single.length > 80 ? `${single.slice(0, 77)}…` : single;
}

function checkJsCall(context: CodeRuleContext<MessageId>, call: SyntaxNode): void {
  const name = calleeName(call);
  const callee = calleeOf(call);
  const args = positionalArguments(call);
  if (!name) return;
  if (name === 'minimatch' || name === 'isMatch') {
    if (shapeOf(args[0]) === 'single') context.report({ messageId: 'patternMatch', data: { expression: compact(call.text), kind: 'glob pattern' }, start: call.startIndex, end: call.endIndex });
    return;
  }
  if (callee?.type !== 'member_expression') return;
  const receiver = callee.childForFieldName('object');
  if (!receiver) return;
  if (name === 'test') {
    const pattern = unwrapExpression(receiver);
    if (!isRedirectOperand(args[0], collectionCallbackParameter(call))) return;
    if (pattern.type === 'regex' && isExactPattern(pattern.childForFieldName('pattern')?.text ?? '')) return;
    const isPattern = pattern.type === 'regex' || (pattern.type === 'new_expression' && calleeName(pattern) === 'RegExp') || /regex|pattern|re$/i.test(pattern.text);
    if (isPattern) context.report({ messageId: 'patternMatch', data: { expression: compact(call.text), kind: 'regular expression' }, start: call.startIndex, end: call.endIndex });
    return;
  }
  if (!STRING_METHODS.has(name) || args.length !== 1) return;
  const parameter = collectionCallbackParameter(call);
  const receiverShape = shapeOf(receiver);
  // `redirectUris.includes(uri)` / `.indexOf(uri)`: exact membership in the registered list.
  if (receiverShape === 'collection') return;
  const receiverIsRedirect = receiverShape === 'single' || isRedirectOperand(receiver, parameter);
  const argument = args[0]!;
  const argumentIsRedirect = isRedirectOperand(argument, parameter);
  if (name === 'match' || name === 'search') {
    if (!receiverIsRedirect) return;
    const pattern = unwrapExpression(argument);
    if (pattern.type === 'regex' && isExactPattern(pattern.childForFieldName('pattern')?.text ?? '')) return;
    context.report({ messageId: 'patternMatch', data: { expression: compact(call.text), kind: 'regular expression' }, start: call.startIndex, end: call.endIndex });
    return;
  }
  if (isFormCheckLiteral(argument)) return;
  // `uri.includes(x)` on a single URI, or `'…'.includes(uri)` on a string literal.
  const receiverIsString = receiverIsRedirect || unwrapExpression(receiver).type === 'string' || unwrapExpression(receiver).type === 'template_string';
  if (!(receiverIsRedirect || (argumentIsRedirect && receiverIsString))) return;
  if (!receiverIsRedirect && name !== 'includes' && name !== 'indexOf') return;
  reportStringMethod(context, call, name, receiver, argument, 'js-ts');
}

function checkPythonCall(context: CodeRuleContext<MessageId>, call: SyntaxNode): void {
  const name = calleeName(call);
  const callee = calleeOf(call);
  const args = positionalArguments(call);
  if (!name) return;
  const qualified = context.flow.imports.qualify(callee) ?? dottedName(callee);
  if (name === 'fnmatch' || name === 'fnmatchcase') {
    if (qualified?.startsWith('fnmatch') && shapeOf(args[0]) === 'single') context.report({ messageId: 'patternMatch', data: { expression: compact(call.text), kind: 'glob pattern' }, start: call.startIndex, end: call.endIndex });
    return;
  }
  if (name === 'match' || name === 'search' || name === 'fullmatch') {
    // `re.match(pattern, uri)` or `compiled.match(uri)`.
    const isModuleCall = qualified === `re.${name}` || qualified === `regex.${name}`;
    const subject = isModuleCall ? args[1] : args[0];
    if (!isRedirectOperand(subject, undefined)) return;
    if (isModuleCall && isExactPattern(staticString(args[0]) ?? '.')) return;
    context.report({ messageId: 'patternMatch', data: { expression: compact(call.text), kind: 'regular expression' }, start: call.startIndex, end: call.endIndex });
    return;
  }
  if (callee?.type !== 'attribute' || args.length !== 1) return;
  const receiver = callee.childForFieldName('object');
  if (!receiver || shapeOf(receiver) !== 'single' || isFormCheckLiteral(args[0])) return;
  reportStringMethod(context, call, name, receiver, args[0]!, 'python');
}

/** `"example.com" in redirect_uri`, `redirect_uri in "https://a https://b"`; not `uri in client.redirect_uris`. */
function checkPythonIn(context: CodeRuleContext<MessageId>, comparison: SyntaxNode): void {
  const operands = namedChildren(comparison);
  const operators = children(comparison).filter((child) => !child.isNamed);
  if (operands.length !== 2 || operators.length === 0 || !operators.every((operator) => operator.type === 'in' || operator.type === 'not in')) return;
  const [needle, haystack] = operands as [SyntaxNode, SyntaxNode];
  const haystackShape = shapeOf(haystack);
  if (haystackShape === 'collection') return;
  const haystackIsString = haystackShape === 'single' || unwrapExpression(haystack).type === 'string';
  if (!haystackIsString) return;
  if (haystackShape !== 'single' && shapeOf(needle) !== 'single') return;
  if (isFormCheckLiteral(needle)) return;
  const negated = operators[0]!.type === 'not in';
  const literal = staticString(needle) ?? staticString(haystack);
  const fixes: FixDescriptor[] = literal !== undefined && !FULL_URI.test(literal) ? [] : [{ title: `Compare the redirect URI exactly (\`${negated ? '!=' : '=='}\`)`, edits: [{ start: comparison.startIndex, end: comparison.endIndex, newText: `${haystack.text} ${negated ? '!=' : '=='} ${needle.text}` }] }];
  context.report({ messageId: 'containment', data: { expression: compact(comparison.text) }, start: comparison.startIndex, end: comparison.endIndex, fixes });
}

function reportStringMethod(context: CodeRuleContext<MessageId>, call: SyntaxNode, name: string, receiver: SyntaxNode, argument: SyntaxNode, language: Language): void {
  const expression = compact(call.text);
  const fixes = exactComparisonFix(call, name, receiver, argument, language);
  if (name === 'startsWith' || name === 'startswith') {
    context.report({ messageId: 'prefixMatch', data: { expression, relation: 'begins with the registered value' }, start: call.startIndex, end: call.endIndex, fixes });
  } else if (name === 'endsWith' || name === 'endswith') {
    context.report({ messageId: 'prefixMatch', data: { expression, relation: 'ends with the registered value' }, start: call.startIndex, end: call.endIndex, fixes });
  } else {
    context.report({ messageId: 'containment', data: { expression }, start: call.startIndex, end: call.endIndex, fixes });
  }
}

/**
 * `a.startsWith(b)` → `a === b` (`!a.startsWith(b)` → `a !== b`), Python `a.startswith(b)` → `a == b`;
 * offered only where the call is used as a condition, so the replacement keeps its meaning.
 */
function exactComparisonFix(call: SyntaxNode, name: string, receiver: SyntaxNode, argument: SyntaxNode, language: Language): FixDescriptor[] {
  if (name === 'indexOf' || name === 'find' || name === 'match' || name === 'search') return [];
  if (argument.type === 'spread_element' || argument.type === 'list_splat') return [];
  // `uri.endsWith('.example.com/cb')` compared for equality with a fragment would never match: only whole URIs qualify.
  const literal = staticString(argument);
  if (literal !== undefined && !FULL_URI.test(literal)) return [];
  const receiverLiteral = staticString(unwrapExpression(receiver));
  if (receiverLiteral !== undefined && !FULL_URI.test(receiverLiteral)) return [];
  const [equal, notEqual] = language === 'python' ? ['==', '!='] : ['===', '!=='];
  const parent = call.parent;
  const negation = parent && ((parent.type === 'unary_expression' && parent.text.startsWith('!')) || parent.type === 'not_operator') ? parent : undefined;
  const target = negation ?? call;
  const operator = negation ? notEqual : equal;
  const context = target.parent?.type;
  const safeContexts = ['parenthesized_expression', 'arrow_function', 'lambda', 'return_statement', 'variable_declarator', 'arguments', 'argument_list', 'expression_statement', 'assignment', 'if_statement', 'while_statement', 'elif_clause'];
  const inLogical = context === 'binary_expression' || context === 'boolean_operator';
  if (!context || (!safeContexts.includes(context) && !inLogical)) return [];
  if (context === 'binary_expression' && !/^(?:&&|\|\|)$/.test(target.parent.childForFieldName('operator')?.type ?? '')) return [];
  const text = `${receiver.text} ${operator} ${argument.text}`;
  return [{ title: `Compare the redirect URI exactly (\`${operator}\`)`, edits: [{ start: target.startIndex, end: target.endIndex, newText: text }] }];
}
