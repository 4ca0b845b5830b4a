import type { SyntaxNode } from '../syntax/syntax-tree';
import type { CodeRuleContext, SyntaxVisitor } from '../rule';
import { calleeName, children, dottedName, namedChildren, pairKey, positionalArguments, staticString } from '../syntax/nodes';

/**
 * OAuth 2.x authorization and token requests that code builds by hand: object literals and dicts
 * (`new URLSearchParams({…})`, `urlencode({…})`, `data={…}`), `dict(k=v)` calls, `params.set('k', v)`
 * / `url.searchParams.append('k', v)` sequences and query-string literals
 * (`` `${issuer}/authorize?response_type=code&client_id=${id}` ``). Shared by the OAuth-flow rules,
 * which ask what a request carries (PKCE, `state`, `resource`) and what a parameter's value is.
 */

/** Parameter names of authorization and token requests (RFC 6749, 7636, 8707, OIDC). */
export const OAUTH_PARAMETERS: ReadonlySet<string> = new Set([
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'resource',
  'grant_type',
  'code',
  'code_verifier',
  'refresh_token',
]);

/** Grant types of the token requests that follow an authorization request. */
const TOKEN_GRANT_TYPES = new Set(['authorization_code', 'refresh_token']);

/** Files that never mention these cannot hold a hand-built request; the visitor stays empty for them. */
const FILE_GATE = /response_type|grant_type|code_challenge|authorizationUrl|buildAuthorizationUrl/;
/** A string literal that may hold a query string with OAuth parameters. */
const QUERY_GATE = /(?:^|[?&'"`])(?:response_type|grant_type|code_challenge_method|client_id|state)=/;
const QUERY_ENTRY = /(?:^|[?&])([A-Za-z_]+)=([^&#]*)/g;
/** Placeholder for an interpolation or a non-literal operand inside a query string. */
const HOLE = '\uFFFF';

/** Calls that send or serialize the object or string they are given, unchanged. */
const SENDERS = new Set([
  'URLSearchParams', 'URL', 'stringify', 'encode', 'urlencode', 'fetch', 'post', 'put', 'request', 'get', 'axios', 'got', 'ky', 'redirect',
  'RedirectResponse', 'open', 'openExternal', 'authorizationUrl', 'buildAuthorizationUrl', 'toString', 'Request',
]);
/** Option keys whose value is the request's body or query. */
const SENT_OPTION_KEYS = new Set(['body', 'data', 'form', 'params', 'searchParams', 'query', 'json', 'qs', 'content']);
/** openid-client calls whose object argument is the authorization request's parameters. */
const OPENID_CLIENT_AUTHORIZATION_CALLS = new Set(['authorizationUrl', 'buildAuthorizationUrl']);

const WRAPPERS = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'await_expression', 'await', 'type_assertion']);
const SCOPE_TYPES = new Set([
  'function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'function',
  'function_definition', 'lambda', 'program', 'module',
]);

export interface OAuthParameter {
  name: string;
  /** The entry: `key: value`, `"key": value`, `key=value`, `p.set('key', value)`, `key=value` in a query string. */
  start: number;
  end: number;
  /** The value expression, when the entry has one in the tree (query-string entries have none). */
  value: SyntaxNode | undefined;
  /** The value when it is a literal (for query strings, the text between `=` and the next `&`). */
  text: string | undefined;
  /** Source range of a literal value's text (without quotes), for replacing it. */
  textRange: { start: number; end: number } | undefined;
}

export type OAuthRequestKind = 'authorization' | 'token';

export interface OAuthRequest {
  kind: OAuthRequestKind;
  /** `authorization_code` or `refresh_token` for token requests. */
  grantType: string | undefined;
  /** Every parameter the request is seen to carry, by name (the first entry of each name). */
  parameters: ReadonlyMap<string, OAuthParameter>;
  /** False when parameters may be added where the analysis cannot see them (spreads, `update()`, dynamic keys, hand-offs). */
  complete: boolean;
  /** Where to point at the request: the `response_type` / `grant_type` entry, or the library call. */
  anchor: { start: number; end: number };
  /** The literal a parameter can be appended to. */
  appendTarget: { list: SyntaxNode; style: 'js-object' | 'py-dict' | 'py-keywords' } | undefined;
  /** Enclosing function (or the module) of the request. */
  scope: SyntaxNode;
}

export interface OAuthRequestHandlers {
  /** Every OAuth parameter entry the file sets, inside a request or not. */
  onParameter?: (parameter: OAuthParameter, request: () => OAuthRequest | undefined) => void;
  /** Every authorization and token request, once. */
  onRequest?: (request: OAuthRequest) => void;
}

type Language = 'js-ts' | 'python';

interface Container {
  /** The literal or the call the entries sit in. */
  node: SyntaxNode;
  entries: OAuthParameter[];
  complete: boolean;
  appendTarget: OAuthRequest['appendTarget'];
}

/**
 * A visitor that finds OAuth parameter entries and the requests they make up. Compose it with a
 * rule's own handlers through {@link mergeVisitors}.
 */
export function oauthRequestVisitor(context: CodeRuleContext<string>, language: Language, handlers: OAuthRequestHandlers): SyntaxVisitor {
  if (!FILE_GATE.test(context.source.text)) return {};
  const seen = new Set<string>();
  const requests = new Map<string, OAuthRequest | undefined>();
  const usesOpenIdClient = () => context.flow.imports.importsAny(new Set(['openid-client']));

  const requestOf = (key: string, build: () => OAuthRequest | undefined): OAuthRequest | undefined => {
    if (!requests.has(key)) requests.set(key, build());
    return requests.get(key);
  };

  /** Reports a container's entries and, when it is a request, the request. */
  const handleContainer = (container: Container, libraryCall?: SyntaxNode) => {
    const binding = bindingOf(container.node, language);
    const scope = scopeOf(container.node);
    const key = binding ? `${scope.id}:${binding}` : `node:${container.node.id}`;
    if (seen.has(`container:${container.node.id}`)) return;
    seen.add(`container:${container.node.id}`);
    const request = () => requestOf(key, () => buildRequest(context, language, container, binding, scope, libraryCall));
    for (const entry of container.entries) handlers.onParameter?.(entry, request);
    if (!handlers.onRequest || !(libraryCall || container.entries.some(isRequestMarker))) return;
    if (seen.has(`request:${key}`)) return;
    const built = request();
    if (!built) return;
    seen.add(`request:${key}`);
    handlers.onRequest(built);
  };

  const handleString = (node: SyntaxNode) => {
    const raw = node.text;
    if (raw.length > 4000 || !QUERY_GATE.test(raw)) return;
    const top = chainTop(node, language);
    if (seen.has(`container:${top.id}`)) return;
    const container = queryContainer(top, language);
    if (container && container.entries.length > 0) handleContainer(container);
  };

  const handleSetCall = (call: SyntaxNode) => {
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'member_expression') return;
    const [keyNode, value] = positionalArguments(call);
    const name = staticString(keyNode);
    if (name === undefined || !OAUTH_PARAMETERS.has(name)) return;
    const receiver = dottedName(callee.childForFieldName('object'));
    if (!receiver) return;
    const variable = receiver.replace(/\.searchParams$/, '');
    const scope = scopeOf(call);
    const key = `${scope.id}:${variable}`;
    const entry: OAuthParameter = { name, start: call.startIndex, end: call.endIndex, value, ...literalValue(value) };
    const request = () => requestOf(key, () => buildRequest(context, language, undefined, variable, scope, undefined));
    handlers.onParameter?.(entry, request);
    if (!handlers.onRequest || !isRequestMarker(entry) || seen.has(`request:${key}`)) return;
    const built = request();
    if (!built) return;
    seen.add(`request:${key}`);
    handlers.onRequest(built);
  };

  if (language === 'js-ts') {
    return {
      object(object) {
        const parentCall = object.parent?.parent;
        const libraryCall =
          parentCall?.type === 'call_expression' && OPENID_CLIENT_AUTHORIZATION_CALLS.has(calleeName(parentCall) ?? '') && usesOpenIdClient() ? parentCall : undefined;
        // Cheap pre-check from the text: most objects name no OAuth parameter.
        if (!libraryCall && !/response_type|grant_type|code_challenge|client_id|\bstate\b/.test(object.text)) return;
        const container = objectContainer(object);
        if (libraryCall || container.entries.length > 0) handleContainer(container, libraryCall);
      },
      string: handleString,
      template_string: handleString,
      call_expression: { callees: new Set(['set', 'append']), visit: handleSetCall },
    };
  }
  return {
    dictionary(dictionary) {
      if (!/response_type|grant_type|code_challenge|client_id|\bstate\b/.test(dictionary.text)) return;
      const container = dictionaryContainer(dictionary);
      if (container.entries.length > 0) handleContainer(container);
    },
    keyword_argument(argument) {
      const name = argument.childForFieldName('name')?.text;
      const list = argument.parent;
      const call = list?.parent;
      if (!name || !OAUTH_PARAMETERS.has(name) || list?.type !== 'argument_list' || call?.type !== 'call') return;
      if (seen.has(`container:${call.id}`)) return;
      handleContainer(keywordContainer(call, list));
    },
    string: handleString,
  };
}

/** A visitor that runs every given visitor's handlers (callee-filtered handlers see the union of their callees). */
export function mergeVisitors(...visitors: SyntaxVisitor[]): SyntaxVisitor {
  const merged: SyntaxVisitor = {};
  for (const visitor of visitors) {
    for (const [type, entry] of Object.entries(visitor)) {
      const existing = merged[type];
      if (!existing) {
        merged[type] = entry;
        continue;
      }
      const first = typeof existing === 'function' ? { callees: undefined, visit: existing } : existing;
      const second = typeof entry === 'function' ? { callees: undefined, visit: entry } : entry;
      if (first.callees && second.callees) {
        const a = first;
        const b = second;
        merged[type] = {
          callees: new Set([...a.callees, ...b.callees]),
          visit(node) {
            const name = calleeName(node);
            if (name === undefined || a.callees.has(name)) a.visit(node);
            if (name === undefined || b.callees.has(name)) b.visit(node);
          },
        };
      } else {
        // An unfiltered handler sees every node; a filtered one only the names it asked for.
        const filter = (handler: { callees: ReadonlySet<string> | undefined; visit: (node: SyntaxNode) => void }) => (node: SyntaxNode) => {
          const name = handler.callees ? calleeName(node) : undefined;
          if (!handler.callees || name === undefined || handler.callees.has(name)) handler.visit(node);
        };
        const runFirst = filter(first);
        const runSecond = filter(second);
        merged[type] = (node: SyntaxNode) => {
          runFirst(node);
          runSecond(node);
        };
      }
    }
  }
  return merged;
}

/** `response_type` asking for a code, or `grant_type` of a code or refresh-token exchange. */
function isRequestMarker(entry: OAuthParameter): boolean {
  if (entry.name === 'response_type') return entry.text !== undefined && entry.text.split(/\s+|\+|%20/).includes('code');
  if (entry.name === 'grant_type') return entry.text !== undefined && TOKEN_GRANT_TYPES.has(entry.text);
  return false;
}

function literalValue(value: SyntaxNode | undefined): Pick<OAuthParameter, 'text' | 'textRange'> {
  const text = staticString(value);
  if (!value || text === undefined) return { text: undefined, textRange: undefined };
  const quote = value.type === 'string' && value.firstChild?.type === 'string_start' ? value.firstChild.text.length : 1;
  return { text, textRange: { start: value.startIndex + quote, end: value.endIndex - 1 } };
}

function unwrapParent(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.parent && WRAPPERS.has(current.parent.type)) current = current.parent;
  return current;
}

export function scopeOf(node: SyntaxNode): SyntaxNode {
  let current = node;
  for (let parent = node.parent; parent; parent = parent.parent) {
    current = parent;
    if (SCOPE_TYPES.has(parent.type)) return parent;
  }
  return current;
}

/**
 * The variable a container ends up in (`const params = new URLSearchParams({…})` → params,
 * `url = f"…"` → url), so later `params.set(…)` calls count as part of it.
 */
function bindingOf(node: SyntaxNode, language: Language): string | undefined {
  let current = unwrapParent(node);
  let parent = current.parent;
  // `new URLSearchParams({…})`, `new URL(`…`)`: the wrapper object is what gets bound.
  if (parent?.type === 'arguments' && (parent.parent?.type === 'new_expression' || parent.parent?.type === 'call_expression')) {
    const name = calleeName(parent.parent);
    if (name === 'URLSearchParams' || name === 'URL') {
      current = unwrapParent(parent.parent);
      parent = current.parent;
    }
  }
  if (!parent) return undefined;
  if (parent.type === 'variable_declarator' && parent.childForFieldName('value')?.id === current.id) {
    const name = parent.childForFieldName('name');
    return name?.type === 'identifier' ? name.text : undefined;
  }
  if ((parent.type === 'assignment_expression' || parent.type === 'assignment') && parent.childForFieldName('right')?.id === current.id) {
    const left = dottedName(parent.childForFieldName('left'));
    return left && (language === 'python' || !left.includes('.') || left.startsWith('this.')) ? left : undefined;
  }
  return undefined;
}

/** Whether a container's parameters are complete where it stands: sent or serialized as is, or handed on to code that may add more. */
function sentAsIs(node: SyntaxNode, isString: boolean): boolean {
  let current = unwrapParent(node);
  for (let depth = 0; depth < 4; depth++) {
    const parent = current.parent;
    if (!parent) return true;
    switch (parent.type) {
      case 'return_statement':
      case 'arrow_function':
        // A returned object is often extended by the caller; a returned URL is final.
        return isString;
      case 'pair':
      case 'keyword_argument': {
        const key = parent.type === 'pair' ? (pairKey(parent) ?? staticString(parent.childForFieldName('key'))) : parent.childForFieldName('name')?.text;
        return isString || (key !== undefined && SENT_OPTION_KEYS.has(key));
      }
      case 'arguments':
      case 'argument_list': {
        const call = parent.parent;
        if (!call) return true;
        const name = calleeName(call);
        if (name && SENDERS.has(name)) {
          if (name === 'URLSearchParams' || name === 'URL' || name === 'toString') {
            current = unwrapParent(call);
            continue;
          }
          return true;
        }
        return isString;
      }
      case 'spread_element':
      case 'dictionary_splat':
        return false;
      default:
        return true;
    }
  }
  return true;
}

function objectContainer(object: SyntaxNode): Container {
  const entries: OAuthParameter[] = [];
  let complete = sentAsIs(object, false);
  for (const member of namedChildren(object)) {
    if (member.type === 'pair') {
      const keyNode = member.childForFieldName('key');
      if (keyNode?.type === 'computed_property_name') complete = false;
      const name = pairKey(member);
      if (name === undefined || !OAUTH_PARAMETERS.has(name)) continue;
      const value = member.childForFieldName('value') ?? undefined;
      entries.push({ name, start: member.startIndex, end: member.endIndex, value, ...literalValue(value) });
    } else if (member.type === 'shorthand_property_identifier') {
      if (OAUTH_PARAMETERS.has(member.text)) entries.push({ name: member.text, start: member.startIndex, end: member.endIndex, value: member, text: undefined, textRange: undefined });
    } else if (member.type === 'spread_element') complete = false;
  }
  return { node: object, entries, complete, appendTarget: { list: object, style: 'js-object' } };
}

function dictionaryContainer(dictionary: SyntaxNode): Container {
  const entries: OAuthParameter[] = [];
  let complete = sentAsIs(dictionary, false);
  for (const member of namedChildren(dictionary)) {
    if (member.type === 'pair') {
      const keyNode = member.childForFieldName('key');
      const name = staticString(keyNode);
      if (name === undefined) {
        complete = false;
        continue;
      }
      if (!OAUTH_PARAMETERS.has(name)) continue;
      const value = member.childForFieldName('value') ?? undefined;
      entries.push({ name, start: member.startIndex, end: member.endIndex, value, ...literalValue(value) });
    } else if (member.type === 'dictionary_splat') complete = false;
  }
  return { node: dictionary, entries, complete, appendTarget: { list: dictionary, style: 'py-dict' } };
}

function keywordContainer(call: SyntaxNode, list: SyntaxNode): Container {
  const entries: OAuthParameter[] = [];
  let complete = calleeName(call) === 'dict' && sentAsIs(call, false);
  for (const argument of namedChildren(list)) {
    if (argument.type === 'keyword_argument') {
      const name = argument.childForFieldName('name')?.text;
      if (!name || !OAUTH_PARAMETERS.has(name)) continue;
      const value = argument.childForFieldName('value') ?? undefined;
      entries.push({ name, start: argument.startIndex, end: argument.endIndex, value, ...literalValue(value) });
    } else if (argument.type === 'dictionary_splat' || argument.type === 'list_splat') complete = false;
    else if (calleeName(call) === 'dict') complete = false;
  }
  return { node: call, entries, complete, appendTarget: { list, style: 'py-keywords' } };
}

/** The outermost `+` chain (or Python implicit concatenation) a string is part of. */
function chainTop(node: SyntaxNode, language: Language): SyntaxNode {
  let current = node;
  for (let parent = current.parent; parent; parent = current.parent) {
    const isConcatenation =
      parent.type === 'concatenated_string' ||
      ((parent.type === 'binary_expression' || parent.type === 'binary_operator') && parent.childForFieldName('operator')?.type === '+') ||
      (language === 'python' && parent.type === 'parenthesized_expression' && parent.parent?.type === 'binary_operator');
    if (!isConcatenation) break;
    current = parent;
  }
  return current;
}

interface Piece {
  text: string;
  /** Source offset of text[0]; -1 for a hole. */
  start: number;
}

/** The literal pieces of a string expression in order, with holes for interpolations and other operands. */
function pieces(node: SyntaxNode, out: Piece[], depth = 0): void {
  if (depth > 40) {
    out.push({ text: HOLE, start: -1 });
    return;
  }
  switch (node.type) {
    case 'string':
      if (node.firstChild?.type === 'string_start') {
        for (const child of children(node)) {
          if (child.type === 'string_start' || child.type === 'string_end') continue;
          if (child.type === 'interpolation') out.push({ text: HOLE, start: -1 });
          else out.push({ text: child.text, start: child.startIndex });
        }
      } else out.push({ text: node.text.slice(1, -1), start: node.startIndex + 1 });
      return;
    case 'template_string':
      for (const child of children(node)) {
        if (child.type === '`') continue;
        if (child.type === 'template_substitution') out.push({ text: HOLE, start: -1 });
        else out.push({ text: child.text, start: child.startIndex });
      }
      return;
    case 'concatenated_string':
    case 'parenthesized_expression':
      for (const child of namedChildren(node)) pieces(child, out, depth + 1);
      return;
    case 'binary_expression':
    case 'binary_operator': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (node.childForFieldName('operator')?.type === '+' && left && right) {
        pieces(left, out, depth + 1);
        pieces(right, out, depth + 1);
        return;
      }
      out.push({ text: HOLE, start: -1 });
      return;
    }
    default:
      out.push({ text: HOLE, start: -1 });
  }
}

function queryContainer(top: SyntaxNode, language: Language): Container | undefined {
  const parts: Piece[] = [];
  pieces(top, parts);
  // Offsets of each character of the joined text (holes map to -1).
  let joined = '';
  const offsets: number[] = [];
  for (const part of parts) {
    joined += part.text;
    for (let i = 0; i < part.text.length; i++) offsets.push(part.start < 0 ? -1 : part.start + i);
  }
  if (!QUERY_GATE.test(joined.replace(/\uFFFF/g, "'"))) return undefined;
  const entries: OAuthParameter[] = [];
  let complete = sentAsIs(top, true);
  // A hole where a parameter name would go (`?${params}`, `&${extra}`) may add any parameter.
  if (/[?&]\uFFFF/.test(joined)) complete = false;
  for (const match of joined.matchAll(QUERY_ENTRY)) {
    const name = match[1]!;
    if (!OAUTH_PARAMETERS.has(name)) continue;
    const keyIndex = match.index + match[0].length - match[2]!.length - name.length - 1;
    const valueIndex = keyIndex + name.length + 1;
    const start = offsets[keyIndex]!;
    const value = match[2]!;
    const lastValueOffset = value.length > 0 ? offsets[valueIndex + value.length - 1]! : -1;
    // Up to the value's last literal character, or just past `=` when the value is interpolated.
    const end = lastValueOffset >= 0 ? lastValueOffset + 1 : offsets[valueIndex - 1]! + 1;
    const isLiteral = value.length > 0 && !value.includes(HOLE);
    const valueStart = isLiteral ? offsets[valueIndex]! : -1;
    entries.push({
      name,
      start,
      end,
      value: undefined,
      text: isLiteral ? decodeQueryValue(value) : value === '' ? '' : undefined,
      textRange: isLiteral && valueStart >= 0 ? { start: valueStart, end: valueStart + value.length } : undefined,
    });
  }
  void language;
  return { node: top, entries, complete, appendTarget: undefined };
}

function decodeQueryValue(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/** Keys set on `variable` after it was built, read from the scope's text: `p.set('k', …)`, `p.k = …`, `p["k"] = …`. */
function mutations(scopeText: string, scopeStart: number, variable: string): { entries: OAuthParameter[]; complete: boolean } {
  const name = variable.replace(/[.$]/g, (c) => `\\${c}`);
  const entries: OAuthParameter[] = [];
  let complete = true;
  const push = (key: string, index: number, length: number, text?: string) => {
    if (OAUTH_PARAMETERS.has(key)) entries.push({ name: key, start: scopeStart + index, end: scopeStart + index + length, value: undefined, text, textRange: undefined });
  };
  const setCall = new RegExp(`(?<![\\w$.])${name}(?:\\.searchParams)?\\.(?:set|append)\\(\\s*(?:(['"])(\\w+)\\1(?:\\s*,\\s*(['"])([^'"\\\\]*)\\3\\s*\\))?)?`, 'g');
  for (const match of scopeText.matchAll(setCall)) {
    if (match[2]) push(match[2], match.index, match[0].length, match[4]);
    else complete = false;
  }
  for (const match of scopeText.matchAll(new RegExp(`(?<![\\w$.])${name}(?:\\.(\\w+)|\\[\\s*(?:(['"])(\\w+)\\2)?[^\\]]*\\])\\s*=(?!=)`, 'g'))) {
    const key = match[1] ?? match[3];
    if (key === 'search' || key === 'href' || (!key && !match[1])) complete = false;
    else if (key) push(key, match.index, match[0].length);
  }
  const escapes = [
    `\\.\\.\\.\\s*${name}\\b`,
    `\\*\\*\\s*${name}\\b`,
    `Object\\.assign\\([^)]*(?<![\\w$.])${name}\\b`,
    `(?<![\\w$.])${name}\\.update\\(`,
    `(?<![\\w$.])${name}\\s*(?:\\+|\\|)=`,
    `(?<![\\w$.])${name}\\s*=\\s*${name}\\s*\\+`,
    `\\bdict\\(\\s*${name}\\b`,
    `(?<![\\w$.])${name}\\.search\\s*\\+=`,
  ];
  if (escapes.some((pattern) => new RegExp(pattern).test(scopeText))) complete = false;
  return { entries, complete };
}

/** The container a variable was first bound to in its scope (`const p = new URLSearchParams({…})`), if a literal. */
function definitionOf(scope: SyntaxNode, variable: string, language: Language): { container: Container | undefined; found: boolean } {
  if (variable.includes('.')) return { container: undefined, found: false };
  const types = language === 'python' ? ['assignment'] : ['variable_declarator', 'assignment_expression'];
  for (const node of scope.descendantsOfType(types)) {
    if (!node) continue;
    const target = node.childForFieldName(node.type === 'variable_declarator' ? 'name' : 'left');
    if (target?.text !== variable) continue;
    let value = node.childForFieldName(node.type === 'variable_declarator' ? 'value' : 'right');
    while (value && WRAPPERS.has(value.type)) value = namedChildren(value)[0] ?? null;
    if (!value) return { container: undefined, found: false };
    if (value.type === 'new_expression' || value.type === 'call_expression') {
      const name = calleeName(value);
      if (name !== 'URLSearchParams' && name !== 'URL') return { container: undefined, found: false };
      const [argument] = positionalArguments(value);
      if (!argument) return { container: { node: value, entries: [], complete: true, appendTarget: undefined }, found: true };
      const inner = argument.type === 'object' ? objectContainer(argument) : ['string', 'template_string', 'binary_expression'].includes(argument.type) ? queryContainer(argument, language) : undefined;
      // `new URL(base)` with a plain base URL carries no parameters yet.
      return { container: inner ?? (name === 'URL' ? { node: value, entries: [], complete: true, appendTarget: undefined } : undefined), found: inner !== undefined || name === 'URL' };
    }
    if (value.type === 'object') return { container: objectContainer(value), found: true };
    if (value.type === 'dictionary') return { container: dictionaryContainer(value), found: true };
    return { container: undefined, found: false };
  }
  return { container: undefined, found: false };
}

function buildRequest(
  context: CodeRuleContext<string>,
  language: Language,
  container: Container | undefined,
  variable: string | undefined,
  scope: SyntaxNode,
  libraryCall: SyntaxNode | undefined,
): OAuthRequest | undefined {
  let entries: OAuthParameter[] = container ? [...container.entries] : [];
  let complete = container?.complete ?? true;
  if (variable) {
    if (!container) {
      // Built by `.set()` calls only: the base must be a fresh URLSearchParams / URL in this scope.
      const definition = definitionOf(scope, variable, language);
      if (!definition.found || !definition.container) complete = false;
      else {
        entries = [...definition.container.entries];
        complete = definition.container.complete;
        container = definition.container;
      }
    }
    const scopeText = context.source.text.slice(scope.startIndex, scope.endIndex);
    const mutated = mutations(scopeText, scope.startIndex, variable);
    entries.push(...mutated.entries.filter((entry) => !entries.some((known) => known.start <= entry.start && entry.start < known.end)));
    complete &&= mutated.complete;
  }
  const parameters = new Map<string, OAuthParameter>();
  for (const entry of entries) if (!parameters.has(entry.name)) parameters.set(entry.name, entry);
  const responseType = parameters.get('response_type');
  const grantType = parameters.get('grant_type');
  if (responseType && isRequestMarker(responseType)) {
    return { kind: 'authorization', grantType: undefined, parameters, complete, anchor: responseType, appendTarget: container?.appendTarget, scope };
  }
  if (grantType && isRequestMarker(grantType)) {
    return { kind: 'token', grantType: grantType.text, parameters, complete, anchor: grantType, appendTarget: container?.appendTarget, scope };
  }
  if (libraryCall) {
    const callee = libraryCall.childForFieldName('function');
    const name = callee?.type === 'member_expression' ? callee.childForFieldName('property') : callee;
    const anchor = name ? { start: name.startIndex, end: name.endIndex } : { start: libraryCall.startIndex, end: libraryCall.endIndex };
    return { kind: 'authorization', grantType: undefined, parameters, complete, anchor, appendTarget: container?.appendTarget, scope };
  }
  return undefined;
}

/**
 * The text to append a parameter to a request's literal: `resource: '…'` to an object,
 * `"resource": "…"` to a dict, `resource="…"` to `dict(…)`.
 */
export function parameterEntryText(style: NonNullable<OAuthRequest['appendTarget']>['style'], name: string, valueText: string): string {
  if (style === 'js-object') return `${name}: ${valueText}`;
  if (style === 'py-dict') return `"${name}": ${valueText}`;
  return `${name}=${valueText}`;
}
