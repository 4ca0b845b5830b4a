import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import type { TextEdit } from '../../analyzer/finding';
import { sinkLabel } from '../../analyzer/flow/sink-report';
import { FUNCTION_TYPES } from '../../analyzer/flow/tool-handlers';
import type { CodeRuleContext } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { calleeName, dottedName, pairKey, positionalArguments, staticString } from '../../analyzer/syntax/nodes';
import { namedChildren } from '../../analyzer/syntax/tree';
import { identifierWords } from '../../analyzer/text/identifier-words';

type MessageId = 'secretInLog' | 'secretInMcpLog';

type Language = 'js-ts' | 'python';

/** Where a log call sends what it is given. */
type SinkKind = 'log' | 'mcp';

const CONSOLE_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table']);
/** winston, pino, bunyan, log4js, Python `logging` and structlog method names. */
const LOGGER_METHODS = new Set(['log', 'info', 'warn', 'warning', 'error', 'debug', 'trace', 'fatal', 'verbose', 'silly', 'critical', 'exception', 'notice', 'msg']);
const STREAM_WRITES = new Set(['process.stdout.write', 'process.stderr.write', 'sys.stdout.write', 'sys.stderr.write']);
/** FastMCP `Context` methods that send `notifications/message` to the client. */
const MCP_CONTEXT_METHODS = new Set(['log', 'debug', 'info', 'warning', 'warn', 'error']);
const MCP_CONTEXT_NAMES = new Set(['ctx', 'context']);
/** Every method or function name a log sink can end in; other calls are skipped unexamined. */
const LOG_CALLEES = new Set([...CONSOLE_METHODS, ...LOGGER_METHODS, ...MCP_CONTEXT_METHODS, 'write', 'print', 'sendLoggingMessage', 'sendNotification', 'notification', 'send_log_message']);

/** Last name words that hold a credential: `accessToken`, `client_secret`, `Authorization`. */
const CREDENTIAL_WORDS = new Set([
  'token',
  'secret',
  'secrets',
  'password',
  'passwords',
  'passwd',
  'pwd',
  'passphrase',
  'authorization',
  'cookie',
  'cookies',
  'credential',
  'credentials',
  'creds',
  'bearer',
  'apikey',
  'jwt',
]);
/** Qualifiers before `key` that make it a credential (`apiKey`, `private_key`), unlike `cacheKey`. */
const KEY_QUALIFIERS = new Set(['api', 'private', 'secret', 'access', 'signing', 'client', 'encryption', 'master']);
/** Tokens that are not credentials: pagination, progress, cancellation and language-model tokens. */
const NON_CREDENTIAL_TOKEN_QUALIFIERS = new Set([
  'page',
  'next',
  'continuation',
  'sync',
  'progress',
  'cancel',
  'cancellation',
  'resume',
  'cursor',
  'stop',
  'eos',
  'bos',
  'pad',
  'unk',
  'sep',
  'max',
  'min',
  'num',
  'total',
  'input',
  'output',
  'prompt',
  'completion',
  'cached',
  'reasoning',
]);
/** First words of flags about a credential (`hasToken`, `isPasswordSet`), which are booleans. */
const BOOLEAN_PREFIXES = new Set(['has', 'is', 'should', 'needs', 'need', 'can', 'did', 'was', 'were', 'missing', 'no', 'use', 'uses', 'require', 'requires', 'with', 'without']);
/** Objects whose `headers` and `auth` carry the caller's credentials. */
const REQUEST_NAMES = new Set(['req', 'request', 'incoming']);

/** Calls that hand their argument on unchanged, or as text: `String(token)`, `json.dumps(headers)`. */
const JS_PASS_THROUGH_FUNCTIONS = new Set(['String', 'JSON.stringify', 'util.inspect', 'inspect', 'encodeURIComponent', 'encodeURI', 'Object.entries', 'Object.values', 'Object.assign']);
const JS_PASS_THROUGH_METHODS = new Set(['toString', 'toJSON', 'valueOf', 'trim', 'toUpperCase', 'toLowerCase', 'concat']);
const PY_PASS_THROUGH_FUNCTIONS = new Set(['str', 'repr', 'format', 'dict', 'list', 'vars', 'json.dumps', 'pprint.pformat', 'pformat']);
const PY_PASS_THROUGH_METHODS = new Set(['strip', 'decode', 'encode', 'copy', 'items', 'values', 'upper', 'lower']);
/** Lookups by name: `headers.get("authorization")`, `os.getenv("API_KEY")`, `config.get("api_key")`. */
const LOOKUP_METHODS = new Set(['get', 'getenv', 'getHeader', 'header', 'getAll']);

export default defineRule<MessageId>(
  {
    id: 'no-secret-in-logs',
    group: 'source',
    description: 'Disallow writing credentials to logs and MCP log notifications',
    defaultSeverity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-532'],
    owaspMcp: 'MCP01',
    control: 8,
    fix: 'suggestion',
    messages: {
      secretInLog:
        '`{{expression}}` {{what}}, and {{sink}} writes it to the log{{more}}: log files and log collectors reach more people and systems than the credential was meant for. Log whether it is set, or a short fingerprint, instead.',
      secretInMcpLog:
        '`{{expression}}` {{what}}, and {{sink}} sends it to the MCP client as a log notification{{more}}: the MCP specification forbids credentials in log messages, and the client may show, store or forward them. Log whether it is set instead.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/logging#security',
      'https://cwe.mitre.org/data/definitions/532.html',
      'https://owasp.org/www-project-mcp-top-10/',
      'https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#data-to-exclude',
    ],
  },
  {
    'js-ts': (context) => ({
      call_expression: {
        callees: LOG_CALLEES,
        visit(call) {
          const sink = jsSink(call);
          if (sink) check(context, 'js-ts', call, sink);
        },
      },
    }),
    python: (context) => ({
      call: {
        callees: LOG_CALLEES,
        visit(call) {
          const sink = pythonSink(context, call);
          if (sink) check(context, 'python', call, sink);
        },
      },
    }),
  },
);

function jsSink(call: SyntaxNode): SinkKind | undefined {
  const callee = call.childForFieldName('function');
  const method = calleeName(call);
  if (callee?.type !== 'member_expression' || !method) return undefined;
  const object = dottedName(callee.childForFieldName('object'));
  if (method === 'sendLoggingMessage') return 'mcp';
  if (method === 'sendNotification' || method === 'notification') {
    const [message] = positionalArguments(call);
    const methodPair = message?.type === 'object' ? namedChildren(message).find((pair) => pair.type === 'pair' && pairKey(pair) === 'method') : undefined;
    return staticString(methodPair?.childForFieldName('value')) === 'notifications/message' ? 'mcp' : undefined;
  }
  if (object === 'console' && CONSOLE_METHODS.has(method)) return 'log';
  if (object && STREAM_WRITES.has(`${object}.${method}`)) return 'log';
  return object && isLoggerName(object) && LOGGER_METHODS.has(method) ? 'log' : undefined;
}

function pythonSink(context: CodeRuleContext<MessageId>, call: SyntaxNode): SinkKind | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type === 'identifier') return callee.text === 'print' ? 'log' : undefined;
  const method = calleeName(call);
  if (callee?.type !== 'attribute' || !method) return undefined;
  const object = dottedName(callee.childForFieldName('object'));
  if (method === 'send_log_message') return 'mcp';
  if (object && MCP_CONTEXT_NAMES.has(lastSegment(object)) && MCP_CONTEXT_METHODS.has(method)) return 'mcp';
  if (context.flow.imports.qualify(callee)?.startsWith('logging.') && LOGGER_METHODS.has(method)) return 'log';
  if (object && STREAM_WRITES.has(`${object}.${method}`)) return 'log';
  return object && isLoggerName(object) && LOGGER_METHODS.has(method) ? 'log' : undefined;
}

function lastSegment(dotted: string): string {
  return dotted.slice(dotted.lastIndexOf('.') + 1);
}

/** `logger`, `log`, `this.logger`, `fastify.log`, `requestLogger`, `_LOGGER`; not `catalog` or `math`. */
function isLoggerName(dotted: string): boolean {
  const last = identifierWords(lastSegment(dotted)).at(-1);
  return last === 'log' || last === 'logger';
}

/** True for names that hold a credential: `token`, `refresh_token`, `apiKey`, `Authorization`, `authInfo`. */
function isCredentialName(name: string): boolean {
  const words = identifierWords(name);
  const last = words.at(-1);
  const previous = words.at(-2);
  if (!last) return false;
  if (words.length > 1 && BOOLEAN_PREFIXES.has(words[0]!)) return false;
  if (last === 'token' && words.some((word) => NON_CREDENTIAL_TOKEN_QUALIFIERS.has(word))) return false;
  if (CREDENTIAL_WORDS.has(last)) return true;
  if (last === 'key') return previous !== undefined && KEY_QUALIFIERS.has(previous);
  if (last === 'info') return previous === 'auth';
  if (last === 'header' || last === 'headers') return previous === 'auth' || previous === 'authorization';
  return false;
}

function isRequest(node: SyntaxNode | null): boolean {
  const dotted = dottedName(node);
  return dotted !== undefined && REQUEST_NAMES.has(lastSegment(dotted));
}

/** `a.b.c` → `c`; `a["x-api-key"]` → `x-api-key`; undefined for other expressions. */
function accessedName(node: SyntaxNode): string | undefined {
  switch (node.type) {
    case 'identifier':
      return node.text;
    case 'member_expression':
    case 'attribute':
      return node.childForFieldName(node.type === 'attribute' ? 'attribute' : 'property')?.text;
    case 'subscript_expression':
      return staticString(node.childForFieldName('index'));
    case 'subscript':
      return staticString(node.childForFieldName('subscript'));
    default:
      return undefined;
  }
}

/** A logged credential: the expression that names it, and the expression the fix replaces. */
interface Sensitive {
  node: SyntaxNode;
  /** `dict(request.headers)` as a whole: `dict("[redacted]")` would not run. */
  target: SyntaxNode;
}

/** How one file is read. */
interface Scan {
  language: Language;
  /** The file splits text into tokens (a tokenizer, a lexer), so a bare `token` is a piece of text. */
  textTokens: boolean;
}

const TEXT_TOKENIZING = /tokeni[sz]|\blexer\b|\btiktoken\b|_to_tokens\b/i;
/** Whether the file tokenizes text, per file: log calls are many, and the answer is the file's. */
const tokenizingFiles = new WeakMap<object, boolean>();

function tokenizesText(source: { text: string }): boolean {
  let tokenizing = tokenizingFiles.get(source);
  if (tokenizing === undefined) tokenizingFiles.set(source, (tokenizing = TEXT_TOKENIZING.test(source.text)));
  return tokenizing;
}

/** Loops over pieces of text: `for (const token of text.split(' '))`, `for token in tokens`. */
const TEXT_PIECES = /\btokens\b|split|lex|chars|words|tokeni[sz]/i;

/** A bare `token` that is a piece of text, not a credential. */
function isTextToken(identifier: SyntaxNode, scan: Scan): boolean {
  if (identifier.type !== 'identifier' || identifier.text !== 'token') return false;
  if (scan.textTokens) return true;
  for (let ancestor = identifier.parent; ancestor; ancestor = ancestor.parent) {
    if (ancestor.type !== 'for_in_statement' && ancestor.type !== 'for_statement') continue;
    if (ancestor.childForFieldName('left')?.text !== 'token') continue;
    return TEXT_PIECES.test(ancestor.childForFieldName('right')?.text ?? '');
  }
  return false;
}

const REFERENCE_TYPES = new Set(['identifier', 'member_expression', 'attribute', 'subscript_expression', 'subscript']);

/**
 * The parts of a logged expression whose value is a credential. Derived values stop the search:
 * `token.length`, `redact(token)`, `token.slice(0, 4)`, `!!token`, `token === expected`.
 */
function sensitiveParts(node: SyntaxNode, scan: Scan, found: Sensitive[]): void {
  const recurse = (child: SyntaxNode | null | undefined) => {
    if (child) sensitiveParts(child, scan, found);
  };
  switch (node.type) {
    case 'identifier':
    case 'shorthand_property_identifier':
      if (isCredentialName(node.text) && !isTextToken(node, scan) && !isNonCredentialCallbackValue(node)) found.push({ node, target: node });
      return;
    case 'member_expression':
    case 'attribute':
    case 'subscript_expression':
    case 'subscript': {
      const name = accessedName(node);
      const objectField = node.type === 'subscript' ? 'value' : 'object';
      const dotted = dottedName(node);
      if (isEnumConstant(node, objectField)) return;
      if ((name !== undefined && isCredentialName(name)) || dotted === 'process.env' || dotted === 'os.environ') found.push({ node, target: node });
      else if ((name === 'headers' || name === 'auth' || name === 'cookies') && isRequest(node.childForFieldName(objectField))) found.push({ node, target: node });
      return;
    }
    case 'call_expression':
    case 'call':
      sensitiveCallParts(node, scan, found);
      return;
    case 'template_string':
    case 'string':
      for (const child of namedChildren(node)) {
        if (child.type === 'template_substitution' || child.type === 'interpolation') recurse(namedChildren(child)[0]);
      }
      return;
    case 'binary_expression': {
      const operator = node.childForFieldName('operator')?.type;
      if (operator === '+' || operator === '??' || operator === '||') recurse(node.childForFieldName('left'));
      if (operator === '+' || operator === '??' || operator === '||' || operator === '&&') recurse(node.childForFieldName('right'));
      return;
    }
    case 'binary_operator': {
      const operator = node.childForFieldName('operator')?.type;
      if (operator === '+') recurse(node.childForFieldName('left'));
      if (operator === '+' || operator === '%') recurse(node.childForFieldName('right'));
      return;
    }
    case 'boolean_operator':
      if (node.childForFieldName('operator')?.type === 'or') recurse(node.childForFieldName('left'));
      recurse(node.childForFieldName('right'));
      return;
    case 'ternary_expression':
      recurse(node.childForFieldName('consequence'));
      recurse(node.childForFieldName('alternative'));
      return;
    case 'conditional_expression': {
      const [consequence, , alternative] = namedChildren(node);
      recurse(consequence);
      recurse(alternative);
      return;
    }
    case 'pair':
    case 'keyword_argument': {
      const name = node.type === 'pair' ? (scan.language === 'js-ts' ? pairKey(node) : staticString(node.childForFieldName('key'))) : node.childForFieldName('name')?.text;
      const value = node.childForFieldName('value');
      if (!value) return;
      const before = found.length;
      recurse(value);
      // `{ apiKey: config.key }` logs a credential under its name even when the value's name hides it.
      if (found.length === before && name !== undefined && isCredentialName(name) && REFERENCE_TYPES.has(value.type) && !isDerivedProperty(value)) found.push({ node: value, target: value });
      return;
    }
    case 'object':
    case 'dictionary':
    case 'array':
    case 'list':
    case 'tuple':
    case 'set':
    case 'arguments':
    case 'argument_list':
    case 'parenthesized_expression':
    case 'await_expression':
    case 'await':
    case 'as_expression':
    case 'satisfies_expression':
    case 'non_null_expression':
    case 'spread_element':
    case 'list_splat':
    case 'dictionary_splat':
    case 'template_substitution':
    case 'interpolation':
      for (const child of namedChildren(node)) recurse(child);
      return;
    default:
      return;
  }
}

/** `EnvironmentVariableNames.MSI_SECRET`, `TokenType.ACCESS_TOKEN`: the name of a credential, not its value. */
function isEnumConstant(node: SyntaxNode, objectField: string): boolean {
  const object = dottedName(node.childForFieldName(objectField));
  const name = accessedName(node);
  return object !== undefined && name !== undefined && /^[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*$/.test(lastSegment(object)) && /^[A-Z][A-Z0-9_]*$/.test(name);
}

/** `token.length`, `headers.size`: a property that describes the value instead of holding it. */
function isDerivedProperty(node: SyntaxNode): boolean {
  const name = accessedName(node);
  return name !== undefined && node.type !== 'identifier' && /^(?:length|size|count|type|kind|expires\w*|expiry|scopes?|issuer|audience)$/i.test(name);
}

function sensitiveCallParts(call: SyntaxNode, scan: Scan, found: Sensitive[]): void {
  const callee = call.childForFieldName('function');
  const dotted = dottedName(callee);
  const method = calleeName(call);
  const args = call.childForFieldName('arguments');
  const [first] = positionalArguments(call);
  const functions = scan.language === 'js-ts' ? JS_PASS_THROUGH_FUNCTIONS : PY_PASS_THROUGH_FUNCTIONS;
  const methods = scan.language === 'js-ts' ? JS_PASS_THROUGH_METHODS : PY_PASS_THROUGH_METHODS;
  if (dotted !== undefined && functions.has(dotted)) {
    if (args) passThrough(call, args, scan, found);
    return;
  }
  const receiver = callee?.type === 'member_expression' || callee?.type === 'attribute' ? callee.childForFieldName('object') : null;
  if (!receiver || !method) return;
  if (methods.has(method)) {
    passThrough(call, receiver, scan, found);
    return;
  }
  // `"Token: {}".format(token)`
  if (method === 'format' && receiver.type === 'string') {
    if (args) sensitiveParts(args, scan, found);
    return;
  }
  const looked = staticString(first);
  if (LOOKUP_METHODS.has(method) && looked !== undefined && isCredentialName(looked)) found.push({ node: call, target: call });
}

/** Credentials handed to `call` as a whole are redacted with it: `String(token)` → `'[redacted]'`. */
function passThrough(call: SyntaxNode, input: SyntaxNode, scan: Scan, found: Sensitive[]): void {
  const inner: Sensitive[] = [];
  sensitiveParts(input, scan, inner);
  const direct = input.type === 'arguments' || input.type === 'argument_list' ? namedChildren(input) : [input];
  for (const item of inner) {
    const handedOver = direct.some((node) => node.startIndex === item.target.startIndex && node.endIndex === item.target.endIndex);
    found.push(handedOver ? { node: item.node, target: call } : item);
  }
}

function check(context: CodeRuleContext<MessageId>, language: Language, call: SyntaxNode, sink: SinkKind): void {
  const args = call.childForFieldName('arguments');
  if (!args) return;
  const found: Sensitive[] = [];
  sensitiveParts(args, { language, textTokens: tokenizesText(context.source) }, found);
  const first = found[0]?.node;
  if (!first) return;
  const expression = first.text.replace(/\s+/g, ' ');
  context.report({
    messageId: sink === 'mcp' ? 'secretInMcpLog' : 'secretInLog',
    data: {
      expression: expression.length > 60 ? `${expression.slice(0, 57)}...` : expression,
      what: describe(first),
      sink: sinkLabel(call.childForFieldName('function')),
      more: found.length > 1 ? ` (with ${found.length - 1} more)` : '',
    },
    start: first.startIndex,
    end: first.endIndex,
    fixes: [{ title: `Log [redacted] instead of ${found.length > 1 ? 'the credentials' : `\`${expression.slice(0, 40)}\``}`, edits: found.map((item) => redaction(item.target, language)) }],
  });
}

function describe(node: SyntaxNode): string {
  const dotted = dottedName(node);
  if (dotted === 'process.env' || dotted === 'os.environ') return 'holds every secret passed in the environment';
  if (accessedName(node) === 'headers') return "carries the caller's Authorization and Cookie headers";
  return 'looks like a credential';
}

/** Replaces a logged credential: the text `[redacted]` inside a template or f-string, else a string literal. */
function redaction(node: SyntaxNode, language: Language): TextEdit {
  const parent = node.parent;
  if (parent && (parent.type === 'template_substitution' || parent.type === 'interpolation') && namedChildren(parent)[0]?.startIndex === node.startIndex) {
    return { start: parent.startIndex, end: parent.endIndex, newText: '[redacted]' };
  }
  if (node.type === 'shorthand_property_identifier') return { start: node.startIndex, end: node.endIndex, newText: `${node.text}: '[redacted]'` };
  return { start: node.startIndex, end: node.endIndex, newText: `${literalQuote(node, language)}[redacted]${literalQuote(node, language)}` };
}

/** The quote a new literal needs: Python before 3.12 cannot reuse an f-string's own quote inside it. */
function literalQuote(node: SyntaxNode, language: Language): string {
  if (language === 'js-ts') return "'";
  for (let ancestor = node.parent; ancestor; ancestor = ancestor.parent) {
    if (ancestor.type === 'string') return ancestor.firstChild?.text.includes('"') ? "'" : '"';
  }
  return '"';
}

/** Callbacks whose `token` is a position, not a credential: `onresumptiontoken: (token) => …`, `onProgressToken`. */
const NON_CREDENTIAL_CALLBACK = /resum|progress|page|cursor|continuation|event/i;

/** A parameter of a callback that receives a resumption, progress or page token. */
function isNonCredentialCallbackValue(identifier: SyntaxNode): boolean {
  for (let current = identifier.parent; current; current = current.parent) {
    if (!FUNCTION_TYPES.has(current.type)) continue;
    const parameters = current.childForFieldName('parameters') ?? current.childForFieldName('parameter');
    if (!parameters?.text.match(/[A-Za-z_$][\w$]*/g)?.includes(identifier.text)) return false;
    const holder = current.parent;
    const key = holder?.type === 'pair' ? pairKey(holder) : holder?.type === 'assignment_expression' ? dottedName(holder.childForFieldName('left')) : undefined;
    return key !== undefined && NON_CREDENTIAL_CALLBACK.test(key);
  }
  return false;
}
