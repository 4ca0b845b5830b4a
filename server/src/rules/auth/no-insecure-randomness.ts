import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import { AssignmentIndex } from '../../analyzer/flow/assignments';
import type { ImportTable } from '../../analyzer/flow/imports';
import { FUNCTION_TYPES } from '../../analyzer/flow/tool-handlers';
import type { CodeRuleContext, FixDescriptor, SyntaxVisitor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import type { TextEdit } from '../../analyzer/finding';
import { calleeOf, dottedName, namedChildren, pairKey, positionalArguments, staticString, unwrapExpression } from '../../analyzer/syntax/nodes';
import type { SourceText } from '../../analyzer/source-text';
import { identifierWords } from '../../analyzer/text/identifier-words';

type MessageId = 'predictable' | 'invisibleCharacters';

// ---------------------------------------------------------------------------------------------
// Names that say "this value is a secret identifier"
// ---------------------------------------------------------------------------------------------

/** First words of flags and measurements about a secret (`hasToken`, `isStateValid`), not the secret. */
const BOOLEAN_PREFIXES = new Set(['has', 'is', 'should', 'needs', 'can', 'did', 'was', 'use', 'uses', 'require', 'requires', 'with', 'without', 'no', 'max', 'min', 'num']);
/** `token` words that are not credentials: pagination, progress, cancellation and language-model tokens. */
const NON_CREDENTIAL_TOKEN_QUALIFIERS = new Set([
  'page', 'next', 'continuation', 'sync', 'progress', 'cancel', 'cancellation', 'resume', 'resumption', 'cursor', 'stop',
  'eos', 'bos', 'pad', 'unk', 'sep', 'total', 'input', 'output', 'prompt', 'completion', 'cached', 'reasoning', 'sampled', 'vocab', 'special',
]);
const KEY_QUALIFIERS = new Set(['api', 'private', 'secret', 'access', 'signing', 'client', 'encryption', 'master', 'session', 'hmac']);
const CODE_QUALIFIERS = new Set([
  'auth', 'authorization', 'verification', 'verify', 'reset', 'invite', 'invitation', 'otp', 'device', 'confirmation', 'confirm',
  'login', 'magic', 'activation', 'recovery', 'backup', 'pairing', 'mfa', 'security', 'one', 'time',
]);
const STATE_QUALIFIERS = new Set(['oauth', 'auth', 'authorization', 'authorize', 'csrf', 'login', 'sso', 'pkce', 'redirect', 'callback', 'consent']);
/** Leading verbs of functions that mint a value: `generateState`, `new_session_id`, `makeNonce`. */
const GENERATOR_VERBS = new Set(['generate', 'gen', 'create', 'new', 'make', 'mint', 'issue', 'random', 'rand', 'build']);
/** Trailing words of factories: `sessionIdGenerator`, `tokenFactory`. */
const GENERATOR_NOUNS = new Set(['generator', 'factory', 'gen']);

interface SecretName {
  /** What the value is, in words: "session ID", "OAuth state". */
  what: string;
  requirement: string;
}

const SESSION_REQUIREMENT =
  'The MCP transports spec says session IDs SHOULD be cryptographically secure, and the security best practices say servers MUST use secure, non-deterministic session IDs from a secure random number generator.';
const STATE_REQUIREMENT = 'The MCP security best practices say proxy servers MUST generate a cryptographically secure random `state` for each authorization request.';
const SECRET_REQUIREMENT = 'Use a cryptographically secure generator (`crypto.randomUUID()`, `crypto.randomBytes()`, Python `secrets`).';

/**
 * What a name says its value is when that value must be unguessable, or undefined:
 * `sessionId`, `mcp-session-id`, `oauthState`, `code_verifier`, `csrfToken`, `apiKey`, `otp`.
 * A bare `state` counts only in files that speak OAuth (`oauthFile`).
 */
export function secretIdentifierName(name: string, oauthFile: () => boolean): SecretName | undefined {
  const words = identifierWords(name);
  return secretWords(words, oauthFile);
}

function secretWords(words: readonly string[], oauthFile: () => boolean): SecretName | undefined {
  const last = words.at(-1);
  const previous = words.at(-2);
  if (!last) return undefined;
  if (words.length > 1 && BOOLEAN_PREFIXES.has(words[0]!)) return undefined;
  const generic = (what: string): SecretName => ({ what, requirement: SECRET_REQUIREMENT });
  switch (last) {
    case 'token':
    case 'tokens':
      if (words.some((word) => NON_CREDENTIAL_TOKEN_QUALIFIERS.has(word))) return undefined;
      if (words.includes('csrf') || words.includes('xsrf')) return generic('CSRF token');
      if (words.includes('session')) return { what: 'session token', requirement: SESSION_REQUIREMENT };
      return generic('token');
    case 'secret':
      return generic('secret');
    case 'password':
    case 'passwd':
    case 'passphrase':
    case 'passcode':
      return generic('password');
    case 'nonce':
      return generic('nonce');
    case 'verifier':
      return generic('PKCE code verifier');
    case 'csrf':
    case 'xsrf':
      return generic('CSRF token');
    case 'otp':
    case 'totp':
    case 'hotp':
      return generic('one-time code');
    case 'apikey':
      return generic('API key');
    case 'sid':
      return { what: 'session ID', requirement: SESSION_REQUIREMENT };
    case 'state':
      if (words.length === 1 ? oauthFile() : previous !== undefined && STATE_QUALIFIERS.has(previous)) {
        return { what: 'OAuth state', requirement: STATE_REQUIREMENT };
      }
      return undefined;
    case 'id':
    case 'identifier':
    case 'handle':
    case 'cookie':
      if (previous === 'session' || previous === 'sess') return { what: 'session ID', requirement: SESSION_REQUIREMENT };
      if (previous === 'state' && last === 'handle') return { what: 'state handle', requirement: SESSION_REQUIREMENT };
      if (previous === 'consent' && last !== 'cookie') return generic('consent ID');
      return undefined;
    case 'key':
      if (previous === 'api') return generic('API key');
      return previous !== undefined && KEY_QUALIFIERS.has(previous) ? generic('secret key') : undefined;
    case 'code':
      return previous !== undefined && CODE_QUALIFIERS.has(previous) ? generic(previous === 'auth' || previous === 'authorization' ? 'authorization code' : 'one-time code') : undefined;
    default:
      return undefined;
  }
}

/** A function whose job is to mint a secret: `generateSessionId`, `new_state`, `sessionIdGenerator`, `tokenFactory`. */
function secretGeneratorName(name: string, oauthFile: () => boolean): SecretName | undefined {
  let words = identifierWords(name);
  if (words.length > 1 && GENERATOR_VERBS.has(words[0]!)) words = words.slice(1);
  else if (words.length > 1 && GENERATOR_NOUNS.has(words.at(-1)!)) words = words.slice(0, -1);
  else return undefined;
  return secretWords(words, oauthFile);
}

/** Names of values that tick up: `counter`, `nextId`, `this.sessionCount`, `_seq`. */
function isCounterName(name: string): boolean {
  const words = identifierWords(name);
  const last = words.at(-1);
  if (!last) return false;
  if (['counter', 'count', 'seq', 'sequence', 'serial', 'ctr', 'incr', 'increment'].includes(last)) return true;
  return words.length > 1 && (words[0] === 'next' || words[0] === 'last') && (last === 'id' || last === 'number' || last === 'num');
}

/** Names of values where randomness is used as noise, not as a secret: `jitter`, `delayMs`, `sampleRate`. */
const BENIGN_USE = /jitter|delay|backoff|wait|sleep|timeout|retry|sampl|shuffle|probab|chance|weight|interval|latency|(?:^|[^a-z])ms$/i;
const BENIGN_CALLS = new Set(['setTimeout', 'setInterval', 'sleep', 'delay', 'wait']);

// ---------------------------------------------------------------------------------------------
// Sources
// ---------------------------------------------------------------------------------------------

type SourceKind = 'random' | 'time' | 'counter';

interface Hit {
  node: SyntaxNode;
  kind: SourceKind;
  /** `Math.random()`, `random.choice()`, `++n`. */
  label: string;
  why: string;
}

const WHY_RANDOM = 'is not a cryptographically secure generator: its output can be reconstructed from a few earlier values';
const WHY_TIME = 'is a timestamp, which an attacker can narrow down to a handful of candidates';
const WHY_UUID1 = 'makes a time-based UUID from the clock and the host\'s node ID, which an attacker can guess';
const WHY_COUNTER = 'is a counter: its values are sequential, so knowing one reveals the others';

const JS_MATH_RANDOM = new Set(['Math.random', 'globalThis.Math.random', 'window.Math.random']);
const JS_TIME = new Set(['Date.now', 'performance.now', 'globalThis.performance.now', 'process.hrtime', 'process.hrtime.bigint']);
/** Callee last names of secure generators; matching one anywhere in a value clears it. */
const JS_SECURE_NAMES = new Set(['randomUUID', 'randomBytes', 'randomFillSync', 'randomFill', 'getRandomValues', 'randomInt', 'nanoid', 'uuidv4', 'uuidV4', 'generateSecret', 'generateKeySync']);
const PY_RANDOM_FUNCTIONS = new Set(['random', 'randint', 'randrange', 'choice', 'choices', 'getrandbits', 'randbytes', 'sample', 'uniform', 'rand', 'randn', 'bytes', 'integers']);
const PY_TIME = new Set([
  'time.time', 'time.time_ns', 'time.monotonic', 'time.monotonic_ns', 'time.perf_counter', 'time.perf_counter_ns',
  'datetime.datetime.now', 'datetime.datetime.utcnow', 'datetime.datetime.today',
]);
const PY_SECURE_NAMES = new Set(['token_hex', 'token_urlsafe', 'token_bytes', 'urandom', 'uuid4', 'SystemRandom', 'randbits']);

type Classified = { kind: SourceKind; label: string; why: string } | 'secure' | undefined;

function classifyJsCall(call: SyntaxNode, imports: ImportTable): Classified {
  const callee = calleeOf(call);
  if (call.type === 'new_expression') {
    return callee?.text === 'Date' && positionalArguments(call).length === 0 ? { kind: 'time', label: 'new Date()', why: WHY_TIME } : undefined;
  }
  const dotted = dottedName(callee);
  const name = dotted?.slice(dotted.lastIndexOf('.') + 1) ?? callee?.childForFieldName('property')?.text;
  if (dotted && JS_MATH_RANDOM.has(dotted)) return { kind: 'random', label: 'Math.random()', why: WHY_RANDOM };
  if (name === 'pseudoRandomBytes') return { kind: 'random', label: `${dotted ?? name}()`, why: 'is deprecated (DEP0115) and makes no promise of cryptographic strength' };
  if (dotted && JS_TIME.has(dotted)) return { kind: 'time', label: `${dotted}()`, why: WHY_TIME };
  if (name && JS_SECURE_NAMES.has(name)) return 'secure';
  const qualified = imports.qualify(callee);
  if (qualified === 'uuid.v1' || qualified === 'uuid.v6') return { kind: 'time', label: `${dotted ?? 'v1'}()`, why: WHY_UUID1 };
  if (qualified === 'uuid.v4' || qualified === 'uuid.v7' || qualified?.startsWith('nanoid.')) return 'secure';
  return undefined;
}

function classifyPythonCall(call: SyntaxNode, imports: ImportTable): Classified {
  const callee = call.childForFieldName('function');
  const qualified = imports.qualify(callee);
  const name = qualified?.slice(qualified.lastIndexOf('.') + 1) ?? (callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee?.text);
  if (qualified) {
    if (qualified.startsWith('secrets.') || qualified === 'os.urandom' || qualified === 'uuid.uuid4' || qualified === 'random.SystemRandom') return 'secure';
    const isRandom = (qualified.startsWith('random.') && qualified.split('.').length === 2) || qualified.startsWith('numpy.random.');
    if (isRandom && name && PY_RANDOM_FUNCTIONS.has(name)) return { kind: 'random', label: `${dottedName(callee) ?? qualified}()`, why: WHY_RANDOM };
    if (qualified === 'uuid.uuid1') return { kind: 'time', label: `${dottedName(callee) ?? 'uuid1'}()`, why: WHY_UUID1 };
    if (PY_TIME.has(qualified)) return { kind: 'time', label: `${dottedName(callee) ?? qualified}()`, why: WHY_TIME };
  }
  if (name && PY_SECURE_NAMES.has(name)) return 'secure';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Following a value back to what it is made of
// ---------------------------------------------------------------------------------------------

/** Methods whose receiver and arguments both flow into the result (`a.concat(b)`, `h.update(x)`). */
const CARRYING_METHODS = new Set(['concat', 'update', 'format', 'join', 'from', 'map', 'replace', 'encode', 'hexdigest', 'digest']);
/** Methods whose arguments pick from the receiver (`chars.charAt(i)`): only randomness of the index matters. */
const INDEXING_METHODS = new Set(['charAt', 'at', 'charCodeAt', 'fromCharCode', 'choice']);
/** Plain functions that pass their argument's value on: `String(x)`, `str(x)`, `Math.floor(x)`, `hashlib.sha256(x)`. */
const WRAPPERS = new Set([
  'String', 'Number', 'parseInt', 'parseFloat', 'BigInt', 'encodeURIComponent', 'btoa', 'Buffer.from',
  'Math.floor', 'Math.ceil', 'Math.round', 'Math.trunc', 'Math.abs',
  'str', 'int', 'hex', 'repr', 'format', 'bytes', 'float', 'abs', 'round',
  'hashlib.sha256', 'hashlib.sha1', 'hashlib.md5', 'hashlib.sha512', 'base64.b64encode', 'base64.urlsafe_b64encode', 'base64.b32encode',
]);

type Mode = 'value' | 'index';

class ValueWalk {
  readonly hits: Hit[] = [];
  secure = false;
  private budget = 120;
  private resolutions = 0;
  private readonly seen = new Set<number>();

  constructor(
    private readonly python: boolean,
    private readonly imports: ImportTable,
    private readonly assignments: () => AssignmentIndex,
  ) {}

  classify(call: SyntaxNode): Classified {
    return this.python ? classifyPythonCall(call, this.imports) : classifyJsCall(call, this.imports);
  }

  addHit(node: SyntaxNode, kind: SourceKind, label: string, why: string, mode: Mode): void {
    if (mode === 'value' || kind === 'random') this.hits.push({ node, kind, label, why });
  }

  inspect(input: SyntaxNode | null | undefined, mode: Mode): void {
    if (!input || this.budget-- <= 0) return;
    const node = unwrapExpression(input);
    switch (node.type) {
      case 'call_expression':
      case 'new_expression':
      case 'call':
        return this.inspectCall(node, mode);
      case 'member_expression':
      case 'attribute': {
        const property = node.childForFieldName(node.type === 'attribute' ? 'attribute' : 'property');
        if (property && isCounterName(property.text)) return this.addHit(node, 'counter', `\`${node.text}\``, WHY_COUNTER, mode);
        return this.inspect(node.childForFieldName('object'), mode);
      }
      case 'subscript_expression':
        this.inspect(node.childForFieldName('object'), mode);
        return this.inspect(node.childForFieldName('index'), 'index');
      case 'subscript':
        this.inspect(node.childForFieldName('value'), mode);
        return this.inspect(node.childForFieldName('subscript'), 'index');
      case 'binary_expression':
      case 'binary_operator':
      case 'boolean_operator':
        this.inspect(node.childForFieldName('left'), mode);
        return this.inspect(node.childForFieldName('right'), mode);
      case 'ternary_expression':
        this.inspect(node.childForFieldName('consequence'), mode);
        return this.inspect(node.childForFieldName('alternative'), mode);
      case 'conditional_expression': {
        const parts = namedChildren(node);
        this.inspect(parts[0], mode);
        return this.inspect(parts[2], mode);
      }
      case 'unary_expression':
        return this.inspect(node.childForFieldName('argument'), mode);
      case 'unary_operator':
        return this.inspect(node.childForFieldName('argument'), mode);
      case 'update_expression':
        return this.addHit(node, 'counter', `\`${node.text}\``, WHY_COUNTER, mode);
      case 'template_string':
        for (const part of namedChildren(node)) if (part.type === 'template_substitution') this.inspect(namedChildren(part)[0], mode);
        return;
      case 'string':
        if (this.python) for (const part of namedChildren(node)) if (part.type === 'interpolation') this.inspect(part.childForFieldName('expression'), mode);
        return;
      case 'array':
      case 'list':
      case 'tuple':
        for (const item of namedChildren(node)) this.inspect(item, mode);
        return;
      case 'arrow_function':
      case 'lambda': {
        const body = node.childForFieldName('body');
        if (body && body.type !== 'statement_block') this.inspect(body, mode);
        return;
      }
      case 'generator_expression':
      case 'list_comprehension':
        return this.inspect(node.childForFieldName('body'), mode);
      case 'identifier':
        return this.inspectName(node, mode);
      default:
        return;
    }
  }

  private inspectName(node: SyntaxNode, mode: Mode): void {
    if (isCounterName(node.text)) return this.addHit(node, 'counter', `\`${node.text}\``, WHY_COUNTER, mode);
    if (this.resolutions >= 4 || this.seen.has(node.startIndex)) return;
    this.seen.add(node.startIndex);
    this.resolutions++;
    for (const value of this.assignments().valuesOf(node)) this.inspect(value, mode);
  }

  private inspectCall(call: SyntaxNode, mode: Mode): void {
    const classified = this.classify(call);
    if (classified === 'secure') {
      this.secure = true;
      return;
    }
    if (classified) return this.addHit(call, classified.kind, classified.label, classified.why, mode);
    if (call.type === 'new_expression') return;
    const callee = this.python ? call.childForFieldName('function') : calleeOf(call);
    const argumentsNode = call.childForFieldName('arguments');
    const argumentNodes = argumentsNode?.type === 'generator_expression' ? [argumentsNode] : argumentsNode ? namedChildren(argumentsNode).filter((child) => child.type !== 'keyword_argument' && child.type !== 'comment') : [];
    const dotted = dottedName(callee);
    if (dotted && WRAPPERS.has(dotted)) {
      for (const argument of argumentNodes) this.inspect(argument, mode);
      return;
    }
    if (callee?.type === 'member_expression' || callee?.type === 'attribute') {
      const method = callee.childForFieldName(callee.type === 'attribute' ? 'attribute' : 'property')?.text ?? '';
      this.inspect(callee.childForFieldName('object'), mode);
      if (CARRYING_METHODS.has(method)) for (const argument of argumentNodes) this.inspect(argument, mode);
      else if (INDEXING_METHODS.has(method)) for (const argument of argumentNodes) this.inspect(argument, 'index');
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The rule
// ---------------------------------------------------------------------------------------------

/** Cheap pre-check on a name before the node's value is read. */
const MAYBE_SECRET = /token|secret|pass|nonce|verifier|csrf|xsrf|otp|key|sid|state|id|handle|cookie|code|generator|factory/i;
const OAUTH_FILE = /oauth|authoriz|redirect_uri|redirectUri|code_challenge|codeChallenge|pkce/i;
/** Calls that store a value under a name: `params.set('state', v)`, `res.setHeader('Mcp-Session-Id', v)`. */
const KEYED_SETTERS = new Set(['set', 'append', 'setHeader', 'header', 'cookie', 'setItem', 'set_cookie', 'setdefault']);
const MATH_RANDOM_STRING_METHODS = new Set(['toString', 'slice', 'substring', 'substr', 'toUpperCase', 'padStart', 'padEnd']);
const PY_SECRET_FIX = 'secrets.token_urlsafe(32)';

interface Context {
  /** Shown in the message: `sessionIdGenerator`, `state`. */
  name: string;
  secret: SecretName;
}

export default defineRule<MessageId>(
  {
    id: 'no-insecure-randomness',
    group: 'auth',
    description: 'Disallow predictable values (Math.random, timestamps, counters, time-based UUIDs) as session IDs, OAuth state, nonces, PKCE verifiers and tokens',
    defaultSeverity: 'warning',
    confidence: 'high',
    cwe: ['CWE-330', 'CWE-338'],
    owaspMcp: 'MCP07',
    control: 3,
    fix: 'suggestion',
    messages: {
      predictable: '{{source}} {{why}}; here it produces the {{what}} in `{{name}}`. {{requirement}}',
      invisibleCharacters:
        'The session ID from `sessionIdGenerator` contains {{character}}; the MCP transports spec says a session ID MUST only contain visible ASCII characters (0x21 to 0x7E), so clients may reject it or send it back altered.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices#session-hijacking',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices#confused-deputy-problem',
      'https://cwe.mitre.org/data/definitions/330.html',
      'https://cwe.mitre.org/data/definitions/338.html',
    ],
  },
  {
    'js-ts': (context) => visitor(context, false),
    python: (context) => visitor(context, true),
  },
);

function visitor(context: CodeRuleContext<MessageId>, python: boolean): SyntaxVisitor {
  const { source } = context;
  let oauth: boolean | undefined;
  const oauthFile = () => (oauth ??= OAUTH_FILE.test(source.text));
  let index: AssignmentIndex | undefined;
  const assignments = () => (index ??= new AssignmentIndex());
  const reported = new Set<number>();
  const imports = () => context.flow.imports;
  const newWalk = () => new ValueWalk(python, imports(), assignments);

  /** A value stored under a secret name. */
  const checkValue = (name: string, value: SyntaxNode | null | undefined, secret?: SecretName) => {
    if (!value || (!secret && !MAYBE_SECRET.test(name))) return;
    const found = secret ?? secretIdentifierName(name, oauthFile);
    if (!found) return;
    if (FUNCTION_TYPES.has(value.type) || value.type === 'lambda') return checkGenerator(name, value, found);
    const walk = newWalk();
    walk.inspect(value, 'value');
    report(walk, { name, secret: found }, value);
  };

  /** A function that returns a secret: every returned value, and randomness anywhere in its body. */
  const checkGenerator = (name: string, fn: SyntaxNode, secret: SecretName) => {
    const body = fn.childForFieldName('body');
    if (!body) return;
    const walk = newWalk();
    const returned: SyntaxNode[] = [];
    if (body.type !== 'statement_block' && body.type !== 'block') returned.push(body);
    else {
      for (const statement of body.descendantsOfType('return_statement')) {
        if (!statement || nearestFunction(statement)?.startIndex !== fn.startIndex) continue;
        const value = namedChildren(statement)[0];
        if (value) returned.push(value);
      }
    }
    for (const value of returned) walk.inspect(value, 'value');
    if (name === 'sessionIdGenerator') for (const value of returned) checkVisibleAscii(value);
    if (walk.secure) return;
    // A source stored under a secret name of its own (`const state = …; return state`) is reported there, with its fix.
    walk.hits.splice(0, walk.hits.length, ...walk.hits.filter((hit) => !storedUnderSecretName(hit.node)));
    if (body.type === 'statement_block' || body.type === 'block') {
      for (const call of body.descendantsOfType(python ? 'call' : 'call_expression')) {
        if (!call || !/random|pseudoRandomBytes|choice|randint|randrange|getrandbits|randbytes|sample|uniform/.test(call.text.slice(0, 60))) continue;
        const classified = walk.classify(call);
        if (classified === 'secure') return;
        // Values stored under a name were followed from the returns already (`key += chars[…]; return key`).
        if (classified?.kind === 'random' && !isBenignUse(call) && storedUnder(call, python) === undefined) walk.hits.push({ node: call, ...classified });
      }
    }
    report(walk, { name, secret }, returned.length === 1 ? returned[0] : undefined);
  };

  const report = (walk: ValueWalk, target: Context, value: SyntaxNode | undefined) => {
    if (walk.secure) return;
    const hit = walk.hits.find((candidate) => !reported.has(candidate.node.startIndex));
    if (!hit) return;
    for (const each of walk.hits) reported.add(each.node.startIndex);
    const fix = value ? (python ? pythonFix(value, hit, imports(), context.root, source) : jsFix(value, hit, imports())) : undefined;
    context.report({
      messageId: 'predictable',
      data: { source: hit.kind === 'counter' ? hit.label : `\`${hit.label}\``, why: hit.why, what: target.secret.what, name: target.name, requirement: target.secret.requirement },
      start: hit.node.startIndex,
      end: hit.node.endIndex,
      fixes: fix ? [fix] : [],
    });
  };

  /** SRC-19: literal text in a returned session ID outside 0x21–0x7E (`\`session ${id}\``). */
  const checkVisibleAscii = (value: SyntaxNode) => {
    const node = unwrapExpression(value);
    const parts = node.type === 'template_string' ? namedChildren(node).filter((part) => part.type === 'string_fragment') : node.type === 'string' ? [node] : [];
    for (const part of parts) {
      const text = part.type === 'string' ? (staticString(part) ?? '') : part.text;
      const offset = [...text].findIndex((character) => character.codePointAt(0)! < 0x21 || character.codePointAt(0)! > 0x7e);
      if (offset < 0) continue;
      const character = [...text][offset]!;
      const code = character.codePointAt(0)!;
      const described = code === 0x20 ? 'a space' : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
      context.report({ messageId: 'invisibleCharacters', data: { character: described }, start: part.startIndex, end: part.endIndex });
      return;
    }
  };

  /** Whether `node` is part of a value assigned to a secret name (which reports it itself). */
  const storedUnderSecretName = (node: SyntaxNode): boolean => {
    const name = storedUnder(node, python);
    return name !== undefined && secretIdentifierName(name, oauthFile) !== undefined;
  };

  const checkFunction = (fn: SyntaxNode) => {
    const name = fn.childForFieldName('name')?.text;
    if (!name) return;
    const secret = secretGeneratorName(name, oauthFile);
    if (secret) checkGenerator(name, fn, secret);
  };

  /** `params.set('state', v)`, `res.setHeader('Mcp-Session-Id', v)`, `response.set_cookie("session", v)`. */
  const keyedSetter = {
    callees: KEYED_SETTERS,
    visit(call: SyntaxNode) {
      const [key, value] = positionalArguments(call);
      const name = staticString(key);
      if (name !== undefined && value) checkValue(name, value);
    },
  };

  if (!python) {
    return {
      pair(pair) {
        const key = pairKey(pair);
        const value = pair.childForFieldName('value');
        if (!key || !value) return;
        if (key === 'sessionIdGenerator') {
          if (FUNCTION_TYPES.has(value.type)) checkGenerator(key, value, { what: 'session ID', requirement: SESSION_REQUIREMENT });
          return;
        }
        if (FUNCTION_TYPES.has(value.type)) {
          const secret = secretGeneratorName(key, oauthFile) ?? secretIdentifierName(key, oauthFile);
          if (secret) checkGenerator(key, value, secret);
          return;
        }
        checkValue(key, value);
      },
      variable_declarator(declarator) {
        const name = declarator.childForFieldName('name');
        if (name?.type !== 'identifier' || !MAYBE_SECRET.test(name.text)) return;
        const value = declarator.childForFieldName('value');
        if (!value) return;
        if (FUNCTION_TYPES.has(value.type)) {
          const secret = secretGeneratorName(name.text, oauthFile);
          if (secret) checkGenerator(name.text, value, secret);
          return;
        }
        checkValue(name.text, value);
      },
      public_field_definition(field) {
        const name = field.childForFieldName('name');
        const value = field.childForFieldName('value');
        if (name && value && !FUNCTION_TYPES.has(value.type)) checkValue(name.text, value);
      },
      assignment_expression(assignment) {
        const name = assignedName(assignment.childForFieldName('left'));
        if (name) checkValue(name, assignment.childForFieldName('right'));
      },
      augmented_assignment_expression(assignment) {
        const name = assignedName(assignment.childForFieldName('left'));
        if (name) checkValue(name, assignment.childForFieldName('right'));
      },
      function_declaration: checkFunction,
      method_definition(method) {
        const name = method.childForFieldName('name')?.text;
        if (name === 'sessionIdGenerator') checkGenerator(name, method, { what: 'session ID', requirement: SESSION_REQUIREMENT });
        else checkFunction(method);
      },
      call_expression: keyedSetter,
    };
  }
  return {
    assignment(assignment) {
      const name = assignedName(assignment.childForFieldName('left'));
      if (name) checkValue(name, assignment.childForFieldName('right'));
    },
    augmented_assignment(assignment) {
      const name = assignedName(assignment.childForFieldName('left'));
      if (name) checkValue(name, assignment.childForFieldName('right'));
    },
    keyword_argument(argument) {
      const name = argument.childForFieldName('name')?.text;
      if (name) checkValue(name, argument.childForFieldName('value'));
    },
    pair(pair) {
      const key = staticString(pair.childForFieldName('key'));
      if (key !== undefined) checkValue(key, pair.childForFieldName('value'));
    },
    function_definition: checkFunction,
    call: keyedSetter,
  };
}

/** The name of the assignment, declaration, object or keyword entry whose value `node` is part of, within its statement. */
function storedUnder(node: SyntaxNode, python: boolean): string | undefined {
  let current: SyntaxNode | null = node;
  for (let depth = 0; current && depth < 8; depth++, current = current.parent) {
    const parent: SyntaxNode | null = current.parent;
    if (!parent || FUNCTION_TYPES.has(parent.type) || parent.type === 'return_statement' || parent.type === 'block' || parent.type === 'statement_block') return undefined;
    const name = storedName(parent, python);
    if (name !== undefined) return name;
  }
  return undefined;
}

/** The name under which `node` stores its value, for assignments, declarations, object and keyword entries. */
function storedName(node: SyntaxNode, python: boolean): string | undefined {
  switch (node.type) {
    case 'variable_declarator':
      return node.childForFieldName('name')?.type === 'identifier' ? node.childForFieldName('name')!.text : undefined;
    case 'assignment_expression':
    case 'augmented_assignment_expression':
    case 'assignment':
    case 'augmented_assignment':
      return assignedName(node.childForFieldName('left'));
    case 'pair':
      return python ? staticString(node.childForFieldName('key')) : pairKey(node);
    case 'keyword_argument':
      return node.childForFieldName('name')?.text;
    default:
      return undefined;
  }
}

/** The name a value is stored under: `x`, `this.sessionId`, `params["state"]`, `self.code_verifier`. */
function assignedName(left: SyntaxNode | null): string | undefined {
  if (!left) return undefined;
  switch (left.type) {
    case 'identifier':
      return left.text;
    case 'member_expression':
      return left.childForFieldName('property')?.text;
    case 'attribute':
      return left.childForFieldName('attribute')?.text;
    case 'subscript_expression':
      return staticString(left.childForFieldName('index'));
    case 'subscript':
      return staticString(left.childForFieldName('subscript'));
    default:
      return undefined;
  }
}

function nearestFunction(node: SyntaxNode): SyntaxNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (FUNCTION_TYPES.has(current.type)) return current;
  return undefined;
}

/** Randomness used as noise inside a generator: `setTimeout(r, Math.random() * 50)`, `jitter = random.uniform(0, 1)`. */
function isBenignUse(call: SyntaxNode): boolean {
  let current: SyntaxNode | null = call;
  for (let depth = 0; current && depth < 5; depth++, current = current.parent) {
    const parent: SyntaxNode | null = current.parent;
    if (!parent) return false;
    switch (parent.type) {
      case 'variable_declarator':
      case 'pair':
      case 'keyword_argument':
      case 'assignment':
      case 'assignment_expression': {
        const name = parent.childForFieldName('name') ?? parent.childForFieldName('key') ?? parent.childForFieldName('left');
        return name !== null && BENIGN_USE.test(name.text);
      }
      case 'arguments':
      case 'argument_list': {
        const owner = parent.parent;
        const callee = owner ? (owner.type === 'call' ? owner.childForFieldName('function') : calleeOf(owner)) : null;
        const dotted = dottedName(callee);
        const last = dotted?.slice(dotted.lastIndexOf('.') + 1);
        if (last && BENIGN_CALLS.has(last)) return true;
        break;
      }
      case 'statement_block':
      case 'block':
        return false;
      default:
        break;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Fixes (mechanical cases only)
// ---------------------------------------------------------------------------------------------

/** How `crypto.randomUUID()` is spelled in this file. */
function randomUuidCall(imports: ImportTable): string {
  const randomUUID = imports.lookup('randomUUID');
  if (randomUUID?.module === 'crypto' && randomUUID.name === 'randomUUID') return 'randomUUID()';
  const crypto = imports.lookup('crypto');
  if (crypto?.module === 'crypto' && crypto.name === undefined) return 'crypto.randomUUID()';
  return 'globalThis.crypto.randomUUID()';
}

/** `Math.random().toString(36).slice(2)` → `crypto.randomUUID()`; `uuid.v1()` → `crypto.randomUUID()`. */
function jsFix(value: SyntaxNode, hit: Hit, imports: ImportTable): FixDescriptor | undefined {
  const outer = unwrapExpression(value);
  const replacement = randomUuidCall(imports);
  const title = `Use \`${replacement}\` (cryptographically secure)`;
  if (hit.label === 'Math.random()') {
    let current = outer;
    let stringified = false;
    const isHit = (node: SyntaxNode) => node.startIndex === hit.node.startIndex && node.endIndex === hit.node.endIndex;
    while (current.type === 'call_expression' && !isHit(current)) {
      const callee = calleeOf(current);
      if (callee?.type !== 'member_expression') break;
      const method = callee.childForFieldName('property')?.text ?? '';
      if (!MATH_RANDOM_STRING_METHODS.has(method)) return undefined;
      if (method === 'toString') stringified = true;
      current = unwrapExpression(callee.childForFieldName('object') ?? current);
    }
    if (!stringified || !isHit(current)) return undefined;
    return { title, edits: [{ start: outer.startIndex, end: outer.endIndex, newText: replacement }] };
  }
  if (/^(?:[\w$]+\.)?v1\(\)$|^uuidv1\(\)$/i.test(hit.label) && hit.node.type === 'call_expression' && positionalArguments(hit.node).length === 0) {
    return { title, edits: [{ start: hit.node.startIndex, end: hit.node.endIndex, newText: replacement }] };
  }
  return undefined;
}

/**
 * Python: `"".join(random.choice(a) for _ in range(n))`, `"".join(random.choices(a, k=n))`,
 * `str(random.random())`, `random.randbytes(n).hex()` → `secrets.token_urlsafe(32)`;
 * `uuid.uuid1()` → `uuid.uuid4()`.
 */
function pythonFix(value: SyntaxNode, hit: Hit, imports: ImportTable, root: SyntaxNode, source: SourceText): FixDescriptor | undefined {
  const outer = unwrapExpression(value);
  if (hit.label.endsWith('uuid1()')) {
    const callee = hit.node.childForFieldName('function');
    if (callee?.type === 'attribute' && imports.lookup(callee.childForFieldName('object')?.text ?? '')?.module === 'uuid') {
      const attribute = callee.childForFieldName('attribute')!;
      return { title: 'Use `uuid.uuid4()` (random, from os.urandom)', edits: [{ start: attribute.startIndex, end: attribute.endIndex, newText: 'uuid4' }] };
    }
    return undefined;
  }
  if (hit.kind !== 'random' || !isPythonRandomString(outer, hit)) return undefined;
  const bare = imports.lookup('token_urlsafe')?.module === 'secrets';
  const edits: TextEdit[] = [{ start: outer.startIndex, end: outer.endIndex, newText: bare ? 'token_urlsafe(32)' : PY_SECRET_FIX }];
  const secrets = imports.lookup('secrets');
  if (!bare && !(secrets?.module === 'secrets' && secrets.name === undefined)) {
    const insertion = pythonImportInsertion(root, source, 'import secrets');
    if (!insertion) return undefined;
    edits.unshift(insertion);
  }
  return { title: `Use \`${bare ? 'token_urlsafe(32)' : PY_SECRET_FIX}\` (cryptographically secure)`, edits };
}

function isPythonRandomString(outer: SyntaxNode, hit: Hit): boolean {
  if (outer.type !== 'call') return false;
  const callee = outer.childForFieldName('function');
  const argumentsNode = outer.childForFieldName('arguments');
  const sameNode = (node: SyntaxNode | null | undefined) => node !== null && node !== undefined && node.startIndex === hit.node.startIndex && node.endIndex === hit.node.endIndex;
  // "".join(random.choice(a) for _ in range(n)) / "".join(random.choices(a, k=n))
  if (callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'join' && staticString(callee.childForFieldName('object')) !== undefined) {
    if (argumentsNode?.type === 'generator_expression') return sameNode(argumentsNode.childForFieldName('body'));
    const [argument] = positionalArguments(outer);
    return sameNode(argument);
  }
  // str(random.random()), hex(random.getrandbits(128))
  if (callee?.type === 'identifier' && (callee.text === 'str' || callee.text === 'hex')) return sameNode(positionalArguments(outer)[0]);
  // random.randbytes(16).hex()
  if (callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'hex') return sameNode(callee.childForFieldName('object'));
  return false;
}

/**
 * An edit that adds `statement` (an import) to a Python module: before its first import, else
 * after the docstring and `from __future__` imports. Reusable for any rule that adds an import.
 */
export function pythonImportInsertion(root: SyntaxNode, source: SourceText, statement: string): TextEdit | undefined {
  const statements = namedChildren(root);
  let anchor: SyntaxNode | undefined;
  for (const [position, node] of statements.entries()) {
    if (node.type === 'comment' || node.type === 'future_import_statement') continue;
    if (position === 0 && node.type === 'expression_statement' && namedChildren(node)[0]?.type === 'string') continue;
    anchor = node;
    break;
  }
  const firstImport = statements.find((node) => node.type === 'import_statement' || node.type === 'import_from_statement');
  const target = firstImport ?? anchor;
  if (!target) return { start: source.text.length, end: source.text.length, newText: `${source.text.endsWith('\n') || source.text === '' ? '' : '\n'}${statement}\n` };
  const lineStart = source.lines.lineStart(source.lines.lineOf(target.startIndex));
  if (source.text.slice(lineStart, target.startIndex).trim() !== '') return undefined;
  return { start: lineStart, end: lineStart, newText: `${statement}\n` };
}
