import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import type { TextEdit } from '../../analyzer/finding';
import { AssignmentIndex } from '../../analyzer/flow/assignments';
import type { CodeRuleContext, FixDescriptor, SyntaxVisitor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import type { SourceText } from '../../analyzer/source-text';
import { calleeOf, keywordArguments, listItemAppend, namedChildren, pairKey, positionalArguments, staticString, unwrapExpression } from '../../analyzer/syntax/nodes';
import { identifierWords } from '../../analyzer/text/identifier-words';

type MessageId = 'missingAttributes' | 'sessionMiddleware' | 'hostPrefix' | 'sessionSetting';

// ---------------------------------------------------------------------------------------------
// Which cookies matter
// ---------------------------------------------------------------------------------------------

/** Words of cookie names (and of the values they carry) that identify or authorise a user. */
const SENSITIVE_WORDS = new Set([
  'session', 'sess', 'sid', 'auth', 'token', 'jwt', 'consent', 'state', 'csrf', 'xsrf', 'login', 'remember', 'refresh', 'access',
  'credential', 'credentials', 'oauth', 'nonce', 'verifier', 'pkce', 'secret', 'identity', 'approved', 'approval', 'approvals', 'bearer',
]);
/** Words that mark a cookie as harmless even next to a sensitive word (`cookie_consent`, `analytics_session`). */
const HARMLESS_WORDS = new Set([
  'theme', 'locale', 'lang', 'language', 'tz', 'timezone', 'analytics', 'ga', 'gid', 'utm', 'pref', 'prefs', 'preference', 'preferences',
  'banner', 'tracking', 'marketing', 'gdpr', 'privacy', 'dark', 'mode', 'color', 'font', 'sidebar', 'layout', 'currency', 'tour', 'onboarding',
]);
const CONSENT_WORDS = new Set(['consent', 'approved', 'approval', 'approvals']);

type Sensitivity = { consent: boolean } | undefined;

function wordsOf(text: string): string[] {
  return identifierWords(text.replace(/^__(?:Host|Secure)-/, ''));
}

/** Sensitive when the name says so; a name that says nothing defers to the value (`res.cookie(NAME, sessionId)`). */
function sensitivity(name: string | undefined, valueText: string | undefined): Sensitivity {
  const judge = (words: readonly string[]): Sensitivity | 'harmless' | undefined => {
    if (words.some((word) => HARMLESS_WORDS.has(word))) return 'harmless';
    // `cookie_consent`, `cookiesAccepted`: the banner's record of the visitor's cookie choice.
    if (words.some((word) => word === 'cookie' || word === 'cookies') && words.some((word) => CONSENT_WORDS.has(word) || word === 'accepted')) return 'harmless';
    if (words.some((word) => SENSITIVE_WORDS.has(word))) return { consent: words.some((word) => CONSENT_WORDS.has(word)) };
    return undefined;
  };
  const byName = name === undefined ? undefined : judge(wordsOf(name));
  if (byName === 'harmless') return undefined;
  if (byName) return byName;
  if (valueText === undefined || valueText.length > 120) return undefined;
  const byValue = judge(wordsOf(valueText));
  return byValue === 'harmless' ? undefined : byValue;
}

// ---------------------------------------------------------------------------------------------
// Attributes
// ---------------------------------------------------------------------------------------------

type Attribute = 'HttpOnly' | 'Secure' | 'SameSite';

const CONSEQUENCES: Record<Attribute, string> = {
  HttpOnly: 'any script that runs on the page (an XSS payload, a compromised dependency) can read it',
  Secure: 'the browser also sends it over plain HTTP, where anyone on the network path can copy it',
  SameSite: 'the browser attaches it to requests other sites trigger, which enables CSRF against the endpoint',
};
const CONSENT_REQUIREMENT =
  ' The MCP security best practices say consent cookies MUST use the `__Host-` prefix and set `Secure`, `HttpOnly` and `SameSite=Lax`.';

/** The attribute's state in an options object: present and strong, weakened, or absent. */
type AttributeState = { kind: 'ok' } | { kind: 'weak'; value: SyntaxNode } | { kind: 'absent' };

interface Missing {
  attribute: Attribute;
  state: AttributeState;
}

function list(items: readonly string[]): string {
  return items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "without the HttpOnly attribute and with Secure turned off", and what each gap allows. */
function describe(missing: readonly Missing[]): { attributes: string; consequences: string } {
  const absent = missing.filter((item) => item.state.kind === 'absent').map((item) => item.attribute);
  const weak = missing.filter((item) => item.state.kind === 'weak').map((item) => (item.attribute === 'SameSite' ? 'SameSite set to None' : `${item.attribute} turned off`));
  const parts: string[] = [];
  if (absent.length > 0) parts.push(`without the ${list(absent)} attribute${absent.length > 1 ? 's' : ''}`);
  if (weak.length > 0) parts.push(`with ${list(weak)}`);
  return { attributes: parts.join(' and '), consequences: missing.map((item) => CONSEQUENCES[item.attribute]).join('; ') };
}

/** JS option values: `true` / `'lax'` pass, `false` / `'none'` fail, anything computed is trusted. */
function jsAttributeState(object: SyntaxNode | undefined, key: string, attribute: Attribute, allowAuto = false): AttributeState {
  if (!object) return { kind: 'absent' };
  const pair = namedChildren(object).find((child) => child.type === 'pair' && pairKey(child) === key);
  if (!pair) return { kind: 'absent' };
  const value = unwrapExpression(pair.childForFieldName('value')!);
  if (value.type === 'false' || value.type === 'null' || value.type === 'undefined') return { kind: 'weak', value };
  if (attribute === 'SameSite') {
    const text = staticString(value)?.toLowerCase();
    return text === 'none' || text === '' ? { kind: 'weak', value } : { kind: 'ok' };
  }
  const text = staticString(value);
  if (text !== undefined && !(allowAuto && text === 'auto')) return { kind: 'weak', value };
  return { kind: 'ok' };
}

function hasSpread(object: SyntaxNode): boolean {
  return namedChildren(object).some((child) => child.type === 'spread_element' || child.type === 'dictionary_splat');
}

/** Appends several items to a list in one edit (separate insertions at one point would conflict). */
function appendItems(list: SyntaxNode, items: readonly string[], source: SourceText): TextEdit {
  const probe = listItemAppend(list, items[0]!, source);
  const last = namedChildren(list).filter((child) => child.type !== 'comment').at(-1);
  const multiline = probe.newText.includes('\n') && last !== undefined;
  const joined = multiline ? items.join(`,\n${source.indentationAt(last.startIndex)}`) : items.join(', ');
  return listItemAppend(list, joined, source);
}

// ---------------------------------------------------------------------------------------------
// Rule
// ---------------------------------------------------------------------------------------------

const JS_OPTION: Record<Attribute, { key: string; good: string }> = {
  HttpOnly: { key: 'httpOnly', good: 'true' },
  Secure: { key: 'secure', good: 'true' },
  SameSite: { key: 'sameSite', good: "'lax'" },
};
const PY_OPTION: Record<Attribute, { key: string; good: string }> = {
  HttpOnly: { key: 'httponly', good: 'True' },
  Secure: { key: 'secure', good: 'True' },
  SameSite: { key: 'samesite', good: '"lax"' },
};
const ALL_ATTRIBUTES: readonly Attribute[] = ['HttpOnly', 'Secure', 'SameSite'];
const SET_COOKIE_HEADER = /^set-cookie$/i;
const STARLETTE = /^[ \t]*(?:from|import)[ \t]+(?:starlette|fastapi)\b/m;
const SAMESITE_NONE_DEFAULT = /^[ \t]*(?:from|import)[ \t]+(?:flask|werkzeug|django|quart|aiohttp|sanic)\b/m;
const SESSION_SETTING = /^(?:SESSION|CSRF|REMEMBER)_COOKIE_(SECURE|HTTPONLY|SAMESITE)$/;

export default defineRule<MessageId>(
  {
    id: 'require-secure-cookie',
    group: 'auth',
    description: 'Require HttpOnly, Secure and SameSite on session, auth and consent cookies, and the __Host- prefix on consent cookies',
    defaultSeverity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-614', 'CWE-1004', 'CWE-1275'],
    owaspMcp: 'MCP07',
    control: 3,
    fix: 'suggestion',
    messages: {
      missingAttributes: 'The {{what}} cookie {{name}} is set {{attributes}}: {{consequences}}.{{requirement}}',
      sessionMiddleware: 'The {{library}} session cookie is configured {{attributes}}: {{consequences}}.',
      sessionSetting: '`{{setting}} = {{value}}` turns off the {{attribute}} attribute of the framework\'s {{cookie}} cookie: {{consequence}}.',
      hostPrefix:
        'The consent cookie {{name}} has no `__Host-` prefix, so a sibling subdomain or a plain-HTTP page can overwrite it (cookie tossing) and forge consent. The MCP security best practices say consent cookies MUST use the `__Host-` prefix.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices#confused-deputy-problem',
      'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Set-Cookie',
      'https://expressjs.com/en/api.html#res.cookie',
      'https://www.starlette.io/responses/#set-cookie',
      'https://cwe.mitre.org/data/definitions/614.html',
      'https://cwe.mitre.org/data/definitions/1004.html',
      'https://cwe.mitre.org/data/definitions/1275.html',
    ],
  },
  {
    'js-ts': (context) => jsVisitor(context),
    python: (context) => pythonVisitor(context),
  },
);

interface CookieCall {
  nameNode: SyntaxNode | undefined;
  valueNode: SyntaxNode | undefined;
  /** The options argument, when there is one. */
  options: SyntaxNode | undefined;
  /** Where a missing options argument goes. */
  argumentList: SyntaxNode | null;
  /** How this library spells SameSite=Lax (Hono's type wants `'Lax'`). */
  lax?: string;
}

function jsVisitor(context: CodeRuleContext<MessageId>): SyntaxVisitor {
  const { source } = context;
  let index: AssignmentIndex | undefined;
  const resolveObject = (node: SyntaxNode | undefined): SyntaxNode | undefined => {
    if (!node) return undefined;
    const unwrapped = unwrapExpression(node);
    if (unwrapped.type === 'object') return unwrapped;
    if (unwrapped.type !== 'identifier') return undefined;
    const values = (index ??= new AssignmentIndex()).valuesOf(unwrapped);
    return values.length === 1 && values[0]!.type === 'object' ? values[0] : undefined;
  };

  const checkCookie = (call: CookieCall, reportNode: SyntaxNode) => {
    const name = call.nameNode ? staticString(call.nameNode) : undefined;
    const nameText = name ?? (call.nameNode?.type === 'identifier' || call.nameNode?.type === 'member_expression' ? call.nameNode.text : undefined);
    const valueText = call.valueNode && call.valueNode.text.length <= 120 ? call.valueNode.text : undefined;
    const sensitive = sensitivity(nameText, valueText);
    if (!sensitive) return;
    const shown = name !== undefined ? `\`${name}\`` : `\`${call.nameNode?.text ?? 'cookie'}\``;
    if (sensitive.consent && name !== undefined && !name.startsWith('__Host-') && call.nameNode) {
      context.report({ messageId: 'hostPrefix', data: { name: shown }, start: call.nameNode.startIndex, end: call.nameNode.endIndex });
    }
    const object = call.options ? resolveObject(call.options) : undefined;
    if (call.options && !object) return; // options built elsewhere: cannot tell
    const missing = ALL_ATTRIBUTES.map((attribute) => ({ attribute, state: jsAttributeState(object, JS_OPTION[attribute].key, attribute) })).filter(
      (item) => item.state.kind !== 'ok' && !(item.state.kind === 'absent' && object && hasSpread(object)),
    );
    if (missing.length === 0) return;
    const edits: TextEdit[] = [];
    const good = (attribute: Attribute) => (attribute === 'SameSite' && call.lax ? call.lax : JS_OPTION[attribute].good);
    const absent = missing.filter((item) => item.state.kind === 'absent').map((item) => `${JS_OPTION[item.attribute].key}: ${good(item.attribute)}`);
    for (const item of missing) {
      if (item.state.kind === 'weak') edits.push({ start: item.state.value.startIndex, end: item.state.value.endIndex, newText: good(item.attribute) });
    }
    if (absent.length > 0) {
      if (object) edits.push(appendItems(object, absent, source));
      else if (call.argumentList) edits.push(listItemAppend(call.argumentList, `{ ${absent.join(', ')} }`, source));
    }
    const described = describe(missing);
    const target = call.options ?? reportNode;
    context.report({
      messageId: 'missingAttributes',
      data: { what: sensitive.consent ? 'consent' : 'sensitive', name: shown, ...described, requirement: sensitive.consent ? CONSENT_REQUIREMENT : '' },
      start: target.startIndex,
      end: target.endIndex,
      fixes: edits.length > 0 ? [{ title: `Set ${missing.map((item) => item.attribute).join(', ')} on the cookie`, edits }] : [],
    });
  };

  const checkHeaderValue = (value: SyntaxNode | undefined) => {
    if (!value) return;
    const node = unwrapExpression(value);
    if (node.type === 'array') {
      for (const item of namedChildren(node)) checkHeaderValue(item);
      return;
    }
    checkSetCookieString(context, node, false);
  };

  return {
    call_expression: {
      callees: new Set(['cookie', 'serialize', 'setCookie', 'setHeader', 'header', 'set', 'append', 'session', 'cookieSession']),
      visit(call) {
        const callee = calleeOf(call);
        const argumentList = call.childForFieldName('arguments');
        const args = positionalArguments(call);
        const qualified = context.flow.imports.qualify(callee);
        const method = callee?.type === 'member_expression' ? callee.childForFieldName('property')?.text : callee?.text;
        if (qualified === 'express-session' || qualified === 'cookie-session') return checkSessionMiddleware(context, call, qualified, resolveObject(args[0]));
        if (method === 'cookie' && callee?.type === 'member_expression') {
          return checkCookie({ nameNode: args[0], valueNode: args[1], options: args[2], argumentList }, call);
        }
        if (qualified === 'cookie.serialize') return checkCookie({ nameNode: args[0], valueNode: args[1], options: args[2], argumentList }, call);
        if (method === 'setCookie' && qualified?.startsWith('hono/cookie')) {
          return checkCookie({ nameNode: args[1], valueNode: args[2], options: args[3], argumentList, lax: "'Lax'" }, call);
        }
        if ((method === 'setHeader' || method === 'header' || method === 'set' || method === 'append') && SET_COOKIE_HEADER.test(staticString(args[0]) ?? '')) {
          checkHeaderValue(args[1]);
        }
      },
    },
    pair(pair) {
      if (SET_COOKIE_HEADER.test(pairKey(pair) ?? '')) checkHeaderValue(pair.childForFieldName('value') ?? undefined);
    },
  };
}

/** express-session: `cookie.secure` defaults to false, `httpOnly` to true. cookie-session: options at the top level. */
function checkSessionMiddleware(context: CodeRuleContext<MessageId>, call: SyntaxNode, library: string, options: SyntaxNode | undefined): void {
  const { source } = context;
  const callee = calleeOf(call)!;
  if (!options) {
    if (positionalArguments(call).length > 0) return; // options built elsewhere
  }
  if (options && hasSpread(options)) return;
  const isExpressSession = library === 'express-session';
  let cookieObject: SyntaxNode | undefined = options;
  let cookiePair: SyntaxNode | undefined;
  if (isExpressSession && options) {
    cookiePair = namedChildren(options).find((child) => child.type === 'pair' && pairKey(child) === 'cookie');
    const value = cookiePair?.childForFieldName('value');
    cookieObject = value ? unwrapExpression(value) : undefined;
    if (value && cookieObject?.type !== 'object') return;
    if (cookieObject && hasSpread(cookieObject)) return;
  }
  const missing: Missing[] = [];
  const secure = jsAttributeState(cookieObject, 'secure', 'Secure', true);
  // express-session leaves Secure off unless asked; cookie-session sets it from the request's protocol.
  if (secure.kind === 'weak' || (secure.kind === 'absent' && isExpressSession)) missing.push({ attribute: 'Secure', state: secure });
  const httpOnly = jsAttributeState(cookieObject, 'httpOnly', 'HttpOnly');
  if (httpOnly.kind === 'weak') missing.push({ attribute: 'HttpOnly', state: httpOnly });
  const sameSite = jsAttributeState(cookieObject, 'sameSite', 'SameSite');
  if (sameSite.kind === 'weak') missing.push({ attribute: 'SameSite', state: sameSite });
  if (missing.length === 0) return;
  const edits: TextEdit[] = [];
  for (const item of missing) if (item.state.kind === 'weak') edits.push({ start: item.state.value.startIndex, end: item.state.value.endIndex, newText: JS_OPTION[item.attribute].good });
  if (secure.kind === 'absent' && isExpressSession) {
    if (cookieObject) edits.push(appendItems(cookieObject, ['secure: true'], source));
    else if (options) edits.push(appendItems(options, ["cookie: { secure: true, httpOnly: true, sameSite: 'lax' }"], source));
  }
  const target = missing.find((item) => item.state.kind === 'weak')?.state;
  const node = target?.kind === 'weak' ? (target.value.parent ?? target.value) : (cookiePair ?? callee);
  context.report({
    messageId: 'sessionMiddleware',
    data: { library: `\`${library}\``, ...describe(missing) },
    start: node.startIndex,
    end: node.endIndex,
    fixes: edits.length > 0 ? [{ title: `Set ${missing.map((item) => item.attribute).join(', ')} on the session cookie`, edits }] : [],
  });
}

/**
 * A literal `Set-Cookie` header value (`'sid=' + id + '; Path=/'`, `` `sid=${id}; HttpOnly` ``,
 * f-strings): the attributes are read from the literal parts, the name from the first.
 */
function checkSetCookieString(context: CodeRuleContext<MessageId>, node: SyntaxNode, python: boolean): void {
  const fragments: SyntaxNode[] = [];
  const collect = (part: SyntaxNode, depth: number) => {
    if (depth > 8) return;
    const unwrapped = unwrapExpression(part);
    if (unwrapped.type === 'string' || unwrapped.type === 'template_string') fragments.push(unwrapped);
    else if (unwrapped.type === 'binary_expression' || unwrapped.type === 'binary_operator') {
      collect(unwrapped.childForFieldName('left')!, depth + 1);
      collect(unwrapped.childForFieldName('right')!, depth + 1);
    }
  };
  collect(node, 0);
  if (fragments.length === 0) return;
  const literalText = fragments.map((fragment) => literalParts(fragment).join('\n')).join('\n');
  const name = /^\s*([^=;\s]+)=/.exec(literalText)?.[1];
  if (name === undefined) return;
  const sensitive = sensitivity(name, undefined);
  if (!sensitive) return;
  const attributes = literalText.toLowerCase();
  const missing: Missing[] = [];
  if (!/;\s*httponly\b/.test(attributes)) missing.push({ attribute: 'HttpOnly', state: { kind: 'absent' } });
  if (!/;\s*secure\b/.test(attributes)) missing.push({ attribute: 'Secure', state: { kind: 'absent' } });
  if (!/;\s*samesite\s*=\s*(?:lax|strict)\b/.test(attributes)) missing.push({ attribute: 'SameSite', state: { kind: 'absent' } });
  if (sensitive.consent && !name.startsWith('__Host-')) {
    context.report({ messageId: 'hostPrefix', data: { name: `\`${name}\`` }, start: fragments[0]!.startIndex, end: fragments[0]!.endIndex });
  }
  if (missing.length === 0) return;
  const last = fragments.at(-1)!;
  const fixes: FixDescriptor[] = [];
  // Only a value that ends in the literal can take the attributes at its end.
  if (last.endIndex === unwrapExpression(node).endIndex && !/samesite\s*=\s*none/i.test(attributes)) {
    const closing = python ? namedChildren(last).find((child) => child.type === 'string_end') : undefined;
    const insertAt = python ? closing?.startIndex : last.endIndex - 1;
    if (insertAt !== undefined) {
      const added = missing.map((item) => (item.attribute === 'SameSite' ? 'SameSite=Lax' : item.attribute)).join('; ');
      fixes.push({ title: `Add ${missing.map((item) => item.attribute).join(', ')} to the Set-Cookie header`, edits: [{ start: insertAt, end: insertAt, newText: `; ${added}` }] });
    }
  }
  context.report({
    messageId: 'missingAttributes',
    data: { what: sensitive.consent ? 'consent' : 'sensitive', name: `\`${name}\``, ...describe(missing), requirement: sensitive.consent ? CONSENT_REQUIREMENT : '' },
    start: node.startIndex,
    end: node.endIndex,
    fixes,
  });
}

/** The literal text pieces of a string or template (interpolations left out). */
function literalParts(node: SyntaxNode): string[] {
  const whole = staticString(node);
  if (whole !== undefined) return [whole];
  return namedChildren(node)
    .filter((child) => child.type === 'string_fragment' || child.type === 'string_content')
    .map((child) => child.text);
}

// ---------------------------------------------------------------------------------------------
// Python
// ---------------------------------------------------------------------------------------------

function pythonVisitor(context: CodeRuleContext<MessageId>): SyntaxVisitor {
  const { source } = context;
  let starlette: boolean | undefined;
  let sameSiteDefaultsNone: boolean | undefined;
  const isStarlette = () => (starlette ??= STARLETTE.test(source.text));
  const noSameSiteByDefault = () => (sameSiteDefaultsNone ??= !isStarlette() && SAMESITE_NONE_DEFAULT.test(source.text));

  const pyState = (keyword: { value: SyntaxNode } | undefined, attribute: Attribute): AttributeState => {
    if (!keyword) return { kind: 'absent' };
    const value = keyword.value;
    if (value.type === 'false' || value.type === 'none') return { kind: 'weak', value };
    if (attribute === 'SameSite') {
      const text = staticString(value)?.toLowerCase();
      return text === 'none' || text === '' ? { kind: 'weak', value } : { kind: 'ok' };
    }
    return { kind: 'ok' };
  };

  const checkSetCookie = (call: SyntaxNode) => {
    const args = positionalArguments(call);
    const keywords = keywordArguments(call);
    const nameNode = args[0] ?? keywords.get('key')?.value ?? keywords.get('name')?.value;
    const valueNode = args[1] ?? keywords.get('value')?.value;
    const name = staticString(nameNode);
    const nameText = name ?? (nameNode?.type === 'identifier' || nameNode?.type === 'attribute' ? nameNode.text : undefined);
    const sensitive = sensitivity(nameText, valueNode && valueNode.text.length <= 120 ? valueNode.text : undefined);
    if (!sensitive) return;
    const shown = `\`${name ?? nameNode?.text ?? 'cookie'}\``;
    if (sensitive.consent && name !== undefined && !name.startsWith('__Host-') && nameNode) {
      context.report({ messageId: 'hostPrefix', data: { name: shown }, start: nameNode.startIndex, end: nameNode.endIndex });
    }
    if ([...keywords.keys()].some((key) => key.startsWith('**')) || namedChildren(call.childForFieldName('arguments')!).some((child) => child.type === 'dictionary_splat')) return;
    const missing: Missing[] = [];
    for (const attribute of ALL_ATTRIBUTES) {
      const state = pyState(keywords.get(PY_OPTION[attribute].key), attribute);
      if (state.kind === 'ok') continue;
      // Starlette/FastAPI default to samesite="lax"; with an unknown framework the default is unknown.
      if (attribute === 'SameSite' && state.kind === 'absent' && !noSameSiteByDefault()) continue;
      missing.push({ attribute, state });
    }
    if (missing.length === 0) return;
    const edits: TextEdit[] = [];
    for (const item of missing) if (item.state.kind === 'weak') edits.push({ start: item.state.value.startIndex, end: item.state.value.endIndex, newText: PY_OPTION[item.attribute].good });
    const absent = missing.filter((item) => item.state.kind === 'absent').map((item) => `${PY_OPTION[item.attribute].key}=${PY_OPTION[item.attribute].good}`);
    const argumentList = call.childForFieldName('arguments');
    if (absent.length > 0 && argumentList) edits.push(appendItems(argumentList, absent, source));
    const callee = call.childForFieldName('function')!;
    const attributeNode = callee.type === 'attribute' ? (callee.childForFieldName('attribute') ?? callee) : callee;
    context.report({
      messageId: 'missingAttributes',
      data: { what: sensitive.consent ? 'consent' : 'sensitive', name: shown, ...describe(missing), requirement: sensitive.consent ? CONSENT_REQUIREMENT : '' },
      start: attributeNode.startIndex,
      end: attributeNode.endIndex,
      fixes: edits.length > 0 ? [{ title: `Set ${missing.map((item) => item.attribute).join(', ')} on the cookie`, edits }] : [],
    });
  };

  /** Starlette `SessionMiddleware`: `https_only` defaults to False, `same_site` to "lax". */
  const checkSessionMiddleware = (call: SyntaxNode) => {
    const [first] = positionalArguments(call);
    if (first?.text !== 'SessionMiddleware') return;
    const keywords = keywordArguments(call);
    const missing: Missing[] = [];
    const httpsOnly = pyState(keywords.get('https_only'), 'Secure');
    if (httpsOnly.kind !== 'ok') missing.push({ attribute: 'Secure', state: httpsOnly });
    const sameSite = pyState(keywords.get('same_site'), 'SameSite');
    if (sameSite.kind === 'weak') missing.push({ attribute: 'SameSite', state: sameSite });
    if (missing.length === 0) return;
    const edits: TextEdit[] = [];
    if (httpsOnly.kind === 'weak') edits.push({ start: httpsOnly.value.startIndex, end: httpsOnly.value.endIndex, newText: 'True' });
    if (sameSite.kind === 'weak') edits.push({ start: sameSite.value.startIndex, end: sameSite.value.endIndex, newText: '"lax"' });
    const argumentList = call.childForFieldName('arguments');
    if (httpsOnly.kind === 'absent' && argumentList) edits.push(appendItems(argumentList, ['https_only=True'], source));
    const weak = httpsOnly.kind === 'weak' ? keywords.get('https_only')!.argument : sameSite.kind === 'weak' ? keywords.get('same_site')!.argument : first;
    context.report({
      messageId: 'sessionMiddleware',
      data: { library: 'Starlette `SessionMiddleware`', ...describe(missing) },
      start: weak.startIndex,
      end: weak.endIndex,
      fixes: edits.length > 0 ? [{ title: `Set ${missing.map((item) => item.attribute).join(', ')} on the session cookie`, edits }] : [],
    });
  };

  /** `app.config["SESSION_COOKIE_SECURE"] = False`, Django's `SESSION_COOKIE_HTTPONLY = False`. */
  const checkSetting = (setting: string, value: SyntaxNode | null | undefined, node: SyntaxNode) => {
    const match = SESSION_SETTING.exec(setting);
    if (!match || !value) return;
    const attribute: Attribute = match[1] === 'SECURE' ? 'Secure' : match[1] === 'HTTPONLY' ? 'HttpOnly' : 'SameSite';
    const weak = attribute === 'SameSite' ? value.type === 'none' || staticString(value)?.toLowerCase() === 'none' : value.type === 'false';
    if (!weak) return;
    const good = attribute === 'SameSite' ? '"Lax"' : 'True';
    const cookie = setting.startsWith('CSRF') ? 'CSRF' : setting.startsWith('REMEMBER') ? 'remember-me' : 'session';
    context.report({
      messageId: 'sessionSetting',
      data: { setting, value: value.text, attribute, cookie, consequence: CONSEQUENCES[attribute] },
      start: node.startIndex,
      end: node.endIndex,
      fixes: [{ title: `Set ${setting} to ${good}`, edits: [{ start: value.startIndex, end: value.endIndex, newText: good }] }],
    });
  };

  return {
    call: {
      callees: new Set(['set_cookie', 'add_middleware', 'Middleware', 'update', 'append', '__setitem__']),
      visit(call) {
        const callee = call.childForFieldName('function');
        const name = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee?.text;
        if (name === 'set_cookie') return checkSetCookie(call);
        if (name === 'add_middleware' || name === 'Middleware') return checkSessionMiddleware(call);
        if (name === 'update') {
          for (const [keyword, { argument, value }] of keywordArguments(call)) checkSetting(keyword, value, argument);
          return;
        }
        if (name === 'append') {
          const [header, value] = positionalArguments(call);
          if (value && SET_COOKIE_HEADER.test(staticString(header) ?? '')) checkSetCookieString(context, value, true);
        }
      },
    },
    assignment(assignment) {
      const left = assignment.childForFieldName('left');
      const right = assignment.childForFieldName('right');
      if (!left || !right) return;
      if (left.type === 'identifier') return checkSetting(left.text, right, assignment);
      if (left.type !== 'subscript') return;
      const key = staticString(left.childForFieldName('subscript'));
      if (key === undefined) return;
      if (SET_COOKIE_HEADER.test(key)) return checkSetCookieString(context, right, true);
      checkSetting(key, right, assignment);
    },
    pair(pair) {
      if (SET_COOKIE_HEADER.test(staticString(pair.childForFieldName('key')) ?? '')) {
        const value = pair.childForFieldName('value');
        if (value) checkSetCookieString(context, value, true);
      }
    },
  };
}
