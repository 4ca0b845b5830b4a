import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import type { TextEdit } from '../../analyzer/finding';
import type { CodeRuleContext, FixDescriptor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { dottedName, keywordArguments, listItemAppend, pairKey, positionalArguments } from '../../analyzer/syntax/nodes';
import { namedChildren } from '../../analyzer/syntax/tree';

type MessageId = 'noTimeout' | 'timeoutDisabled';

const PY_REQUESTS_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request']);
const PY_HTTPX_CALLS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'stream', 'Client', 'AsyncClient']);
/** Python calls worth a look. JavaScript gets none: axios instances and default fetch imports take any name. */
const PY_CALLEES = new Set([...PY_REQUESTS_METHODS, ...PY_HTTPX_CALLS, 'urlopen']);
const JS_FETCH = new Set(['node-fetch', 'undici.fetch', 'cross-fetch', 'isomorphic-fetch']);
/** Where each axios call takes its config object: `axios.get(url, config)`, `axios.post(url, data, config)`. */
const AXIOS_CONFIG_INDEX: Record<string, number> = {
  request: 0,
  get: 1,
  delete: 1,
  head: 1,
  options: 1,
  post: 2,
  put: 2,
  patch: 2,
  postForm: 2,
  putForm: 2,
  patchForm: 2,
};
/** Options that bound how long a request may take. */
/** `fetch(…)`, `axios(…)`, `axios.get(…)`, `client.post(…)`: the only calls the rule is handed. */
const JS_CALLEES = new Set(['fetch', 'axios', ...Object.keys(AXIOS_CONFIG_INDEX)]);
const JS_TIMEOUT_KEYS = new Set(['signal', 'timeout']);
const AXIOS_TIMEOUT_KEYS = new Set(['timeout', 'signal', 'cancelToken']);
const PY_SECONDS = '10';
const JS_SIGNAL = 'signal: AbortSignal.timeout(10_000)';
const AXIOS_TIMEOUT = 'timeout: 10_000';
const JS_FUNCTIONS = new Set(['arrow_function', 'function_expression', 'function', 'function_declaration', 'generator_function_declaration', 'method_definition']);

export default defineRule<MessageId>(
  {
    id: 'require-outbound-timeout',
    group: 'source',
    description: 'Require a timeout on outbound HTTP requests made by tools',
    defaultSeverity: 'info',
    confidence: 'medium',
    cwe: ['CWE-1088', 'CWE-400'],
    owaspMcp: 'MCP05',
    control: 6,
    fix: 'suggestion',
    messages: {
      noTimeout:
        '{{call}} has no timeout: if the upstream stalls, this tool call hangs, with its socket open, until the client gives up or the server restarts.',
      timeoutDisabled: '{{call}} turns its timeout off with {{setting}}: if the upstream stalls, this tool call hangs, with its socket open, until the client gives up or the server restarts.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#timeouts',
      'https://cwe.mitre.org/data/definitions/1088.html',
      'https://requests.readthedocs.io/en/latest/user/advanced/#timeouts',
      'https://developer.mozilla.org/en-US/docs/Web/API/AbortSignal/timeout_static',
    ],
  },
  {
    'js-ts': (context) => {
      let axiosState: AxiosState | undefined;
      const axios = () => (axiosState ??= axiosInstances(context));
      return {
        call_expression: {
          callees: JS_CALLEES,
          visit: (call) => {
            const callee = call.childForFieldName('function');
            if (!callee) return;
            if (isFetch(context, callee)) checkFetch(context, call, callee);
            else checkAxios(context, call, callee, axios);
          },
        },
      };
    },
    python: (context) => {
      let sessions: Set<string> | undefined;
      return {
        call: {
          callees: PY_CALLEES,
          visit: (call) => {
            const callee = call.childForFieldName('function');
            const qualified = context.flow.imports.qualify(callee);
            const method = qualified?.slice(qualified.lastIndexOf('.') + 1) ?? '';
            const keywords = keywordArguments(call);
            if (qualified?.startsWith('httpx.') && PY_HTTPX_CALLS.has(method)) {
              // httpx times out after five seconds unless told otherwise.
              const timeout = keywords.get('timeout');
              if (timeout?.value.type === 'none' && isToolCodeOrClient(context, call, method)) reportDisabled(context, callee!, timeout.argument, timeout.value, PY_SECONDS);
              return;
            }
            const isRequests = qualified === `requests.${method}` && PY_REQUESTS_METHODS.has(method);
            const isUrlopen = qualified === 'urllib.request.urlopen';
            const isSession =
              !isRequests &&
              !isUrlopen &&
              callee?.type === 'attribute' &&
              PY_REQUESTS_METHODS.has(callee.childForFieldName('attribute')?.text ?? '') &&
              (sessions ??= requestsSessions(context)).has(callee.childForFieldName('object')?.text ?? '');
            if (!isRequests && !isUrlopen && !isSession) return;
            const timeout = keywords.get('timeout');
            if (timeout) {
              if (timeout.value.type === 'none' && context.flow.isToolCode(call)) reportDisabled(context, callee!, timeout.argument, timeout.value, PY_SECONDS);
              return;
            }
            if (hasPythonSplat(call) || (isUrlopen && positionalArguments(call).length >= 3)) return;
            if (!context.flow.isToolCode(call)) return;
            reportMissing(context, call, callee!, pythonTimeoutFix(context, call));
          },
        },
      };
    },
  },
);

function reportMissing(context: CodeRuleContext<MessageId>, call: SyntaxNode, callee: SyntaxNode, fixes: FixDescriptor[]): void {
  context.report({ messageId: 'noTimeout', data: { call: `\`${callee.text.replace(/\s+/g, '')}\`` }, start: call.startIndex, end: callee.endIndex, fixes });
}

/** `timeout=None` (Python) or `timeout: 0` (axios): the library's way of saying "wait forever". */
function reportDisabled(context: CodeRuleContext<MessageId>, callee: SyntaxNode, setting: SyntaxNode, value: SyntaxNode, bounded: string): void {
  context.report({
    messageId: 'timeoutDisabled',
    data: { call: `\`${callee.text.replace(/\s+/g, '')}\``, setting: `\`${setting.text}\`` },
    start: setting.startIndex,
    end: setting.endIndex,
    fixes: [{ title: `Time out after 10 seconds: ${setting.text.replace(value.text, bounded)}`, edits: [{ start: value.startIndex, end: value.endIndex, newText: bounded }] }],
  });
}

/** `httpx.Client(timeout=None)` outlives the line it is on: report it wherever a file defines tools. */
function isToolCodeOrClient(context: CodeRuleContext<MessageId>, call: SyntaxNode, method: string): boolean {
  if (method === 'Client' || method === 'AsyncClient') return context.flow.handlers.length > 0;
  return context.flow.isToolCode(call);
}

/** `requests.get(url, **options)` may carry a timeout the rule cannot see. */
function hasPythonSplat(call: SyntaxNode): boolean {
  const list = call.childForFieldName('arguments');
  return list !== null && namedChildren(list).some((argument) => argument.type === 'dictionary_splat');
}

/** Names bound to `requests.Session()` (plain assignments and `with … as s`), unless their `request` is patched. */
function requestsSessions(context: CodeRuleContext<MessageId>): Set<string> {
  const sessions = new Set<string>();
  const isSession = (node: SyntaxNode | null | undefined) => node?.type === 'call' && context.flow.imports.qualify(node.childForFieldName('function')) === 'requests.Session';
  for (const assignment of context.root.descendantsOfType('assignment')) {
    const left = assignment?.childForFieldName('left');
    if (left?.type === 'identifier' && isSession(assignment?.childForFieldName('right'))) sessions.add(left.text);
  }
  for (const item of context.root.descendantsOfType('as_pattern')) {
    const target = item?.childForFieldName('alias');
    if (target && isSession(namedChildren(item)[0])) sessions.add(target.text);
  }
  for (const assignment of context.root.descendantsOfType('assignment')) {
    const target = dottedName(assignment?.childForFieldName('left'));
    if (target?.endsWith('.request') || target?.endsWith('.send')) sessions.delete(target.slice(0, target.lastIndexOf('.')));
  }
  return sessions;
}

function pythonTimeoutFix(context: CodeRuleContext<MessageId>, call: SyntaxNode): FixDescriptor[] {
  const list = call.childForFieldName('arguments');
  if (list?.type !== 'argument_list') return [];
  return [{ title: `Time out after ${PY_SECONDS} seconds: timeout=${PY_SECONDS}`, edits: [listItemAppend(list, `timeout=${PY_SECONDS}`, context.source)] }];
}

/** The global `fetch` (or node-fetch / undici's), not a local function or method of that name. */
function isFetch(context: CodeRuleContext<MessageId>, callee: SyntaxNode): boolean {
  const name = dottedName(callee);
  if (name === 'globalThis.fetch') return true;
  if (callee.type !== 'identifier') return false;
  const imported = context.flow.imports.qualify(callee);
  if (imported !== undefined) return JS_FETCH.has(imported);
  return name === 'fetch' && !context.flow.functions.has('fetch');
}

function checkFetch(context: CodeRuleContext<MessageId>, call: SyntaxNode, callee: SyntaxNode): void {
  const [resource, init] = positionalArguments(call);
  if (!resource || positionalArguments(call).length > 2) return;
  // A `Request` object may carry its own signal.
  if (resource.type === 'new_expression' || (!init && resource.type === 'identifier' && /request/i.test(resource.text))) return;
  if (!init) {
    if (!context.flow.isToolCode(call)) return;
    reportMissing(context, call, callee, [{ title: 'Time out after 10 seconds: AbortSignal.timeout(10_000)', edits: [{ start: resource.endIndex, end: resource.endIndex, newText: `, { ${JS_SIGNAL} }` }] }]);
    return;
  }
  const options = objectOptions(context, init);
  if (!options || hasAnyKey(options, JS_TIMEOUT_KEYS)) return;
  if (!context.flow.isToolCode(call)) return;
  reportMissing(context, call, callee, [{ title: 'Time out after 10 seconds: signal: AbortSignal.timeout(10_000)', edits: [listItemAppend(options, JS_SIGNAL, context.source)] }]);
}

interface AxiosState {
  /** axios instances of the file (`const api = axios.create({...})`) that set no timeout. */
  unbounded: Set<string>;
  /** `axios.defaults.timeout = …` gives the default instance a timeout. */
  defaultsBounded: boolean;
}

function axiosInstances(context: CodeRuleContext<MessageId>): AxiosState {
  const unbounded = new Set<string>();
  let defaultsBounded = false;
  for (const declarator of context.root.descendantsOfType('variable_declarator')) {
    const name = declarator?.childForFieldName('name');
    const value = declarator?.childForFieldName('value');
    if (name?.type !== 'identifier' || value?.type !== 'call_expression' || context.flow.imports.qualify(value.childForFieldName('function')) !== 'axios.create') continue;
    const [config] = positionalArguments(value);
    if (!config || (config.type === 'object' && !hasAnyKey(config, AXIOS_TIMEOUT_KEYS) && !hasSpread(config))) unbounded.add(name.text);
  }
  for (const assignment of context.root.descendantsOfType('assignment_expression')) {
    const target = dottedName(assignment?.childForFieldName('left'));
    if (!target?.endsWith('.defaults.timeout')) continue;
    const owner = target.slice(0, -'.defaults.timeout'.length);
    if (context.flow.imports.qualify(assignment?.childForFieldName('left')?.childForFieldName('object')?.childForFieldName('object')) === 'axios') defaultsBounded = true;
    unbounded.delete(owner);
  }
  return { unbounded, defaultsBounded };
}

/** `axios(config)`, `axios(url, config)`, `axios.get(url, config)`, `api.post(url, data, config)`. */
function checkAxios(context: CodeRuleContext<MessageId>, call: SyntaxNode, callee: SyntaxNode, state: () => AxiosState): void {
  const qualified = context.flow.imports.qualify(callee);
  const args = positionalArguments(call);
  let configIndex: number | undefined;
  if (qualified === 'axios') {
    if (state().defaultsBounded) return;
    configIndex = args[0]?.type === 'object' ? 0 : 1;
  } else if (callee.type === 'member_expression') {
    const method = callee.childForFieldName('property')?.text ?? '';
    if (!(method in AXIOS_CONFIG_INDEX)) return;
    const receiver = callee.childForFieldName('object');
    const isDefault = qualified === `axios.${method}` && !state().defaultsBounded;
    const isInstance = !isDefault && receiver?.type === 'identifier' && state().unbounded.has(receiver.text);
    if (!isDefault && !isInstance) return;
    configIndex = AXIOS_CONFIG_INDEX[method];
  }
  if (configIndex === undefined || args.length === 0) return;
  const config = args[configIndex];
  const edits: TextEdit[] = [];
  if (config) {
    const options = objectOptions(context, config);
    if (!options) return;
    const timeout = namedChildren(options).find((member) => member.type === 'pair' && pairKey(member) === 'timeout');
    const value = timeout?.childForFieldName('value');
    if (timeout && value?.type === 'number' && Number(value.text.replace(/_/g, '')) === 0) {
      if (context.flow.isToolCode(call)) reportDisabled(context, callee, timeout, value, '10_000');
      return;
    }
    if (hasAnyKey(options, AXIOS_TIMEOUT_KEYS)) return;
    edits.push(listItemAppend(options, AXIOS_TIMEOUT, context.source));
  } else {
    const last = args[args.length - 1]!;
    const padding = Array.from({ length: configIndex - args.length }, () => 'undefined, ').join('');
    edits.push({ start: last.endIndex, end: last.endIndex, newText: `, ${padding}{ ${AXIOS_TIMEOUT} }` });
  }
  if (!context.flow.isToolCode(call)) return;
  reportMissing(context, call, callee, [{ title: `Time out after 10 seconds: ${AXIOS_TIMEOUT}`, edits }]);
}

/**
 * The options object a call receives: an object literal in place, or one a `const` of the enclosing
 * function is bound to. Undefined when the rule cannot see all of its keys.
 */
function objectOptions(context: CodeRuleContext<MessageId>, node: SyntaxNode): SyntaxNode | undefined {
  if (node.type === 'object') return hasSpread(node) ? undefined : node;
  if (node.type !== 'identifier') return undefined;
  const declared = constObject(node);
  if (!declared || hasSpread(declared)) return undefined;
  // `options.signal = …` later on.
  const assigned = context.root.descendantsOfType('assignment_expression').some((assignment) => dottedName(assignment?.childForFieldName('left'))?.startsWith(`${node.text}.`));
  return assigned ? undefined : declared;
}

/** The object literal `name` is bound to by a `const` in the function around `use`. */
function constObject(use: SyntaxNode): SyntaxNode | undefined {
  let fn: SyntaxNode | null = use.parent;
  while (fn && !JS_FUNCTIONS.has(fn.type)) fn = fn.parent;
  const body = fn?.childForFieldName('body');
  if (!body) return undefined;
  const found = body.descendantsOfType('lexical_declaration').filter((declaration) => declaration?.firstChild?.text === 'const' && declaration.startIndex < use.startIndex);
  for (const declaration of found.reverse()) {
    for (const declarator of namedChildren(declaration).filter((child) => child.type === 'variable_declarator')) {
      if (declarator.childForFieldName('name')?.text !== use.text) continue;
      const value = declarator.childForFieldName('value');
      return value?.type === 'object' ? value : undefined;
    }
  }
  return undefined;
}

function hasSpread(object: SyntaxNode): boolean {
  return namedChildren(object).some((member) => member.type === 'spread_element');
}

function hasAnyKey(object: SyntaxNode, keys: ReadonlySet<string>): boolean {
  return namedChildren(object).some((member) => {
    if (member.type === 'shorthand_property_identifier') return keys.has(member.text);
    if (member.type === 'pair') return keys.has(pairKey(member) ?? '');
    if (member.type === 'method_definition') return keys.has(member.childForFieldName('name')?.text ?? '');
    return false;
  });
}
