import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import type { TextEdit } from '../../analyzer/finding';
import type { CodeRuleContext, FixDescriptor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { type DecodedString, decodeStringNode } from '../../analyzer/syntax/string-literal';
import { dottedName, listItemRemoval, pairKey, positionalArguments, staticString } from '../../analyzer/syntax/nodes';
import { namedChildren } from '../../analyzer/syntax/tree';
import { findSecrets, mayHoldSecret, type SecretMatch } from '../../analyzer/text/secrets';
import { identifierWords } from '../../analyzer/text/identifier-words';
import { isTestPath } from '../../analyzer/file-kind';

type MessageId = 'namedSecret' | 'comparedSecret' | 'literalSecret';

type Language = 'js-ts' | 'python';

/** Where a literal is stored, and how the fix can take it out of the source. */
interface Binding {
  /** The name the value is stored under; it lets a random-looking value count as a secret. */
  name: string;
  /** Compared with the name (`token === "…"`) rather than stored in it. */
  compared?: boolean;
  /**
   * The environment variable the fix reads instead. Undefined for a `replace` fix means the one
   * named after the binding (derived only when a finding needs it: most literals are no secret).
   */
  environmentName: string | undefined;
  /** How the fix rewrites the code; `replace` puts the environment lookup where the literal was. */
  fix: { kind: 'replace'; jsx: boolean } | { kind: 'drop'; start: number; end: number; newText: string } | undefined;
}

// Test code builds tokens, JWTs and connection strings to exercise its subject; only
// provider-shaped keys stay findings there, because a real key leaks from a test as from anything.

/** Name words that mark deliberately fake data: `FAKE_TOKEN`, `mockApiKey`, `test_password`. */
const TEST_DATA_WORDS = new Set(['fake', 'mock', 'mocked', 'dummy', 'test', 'testing', 'sample', 'example', 'stub', 'fixture', 'demo']);

/** Names that hold something about a secret, not the secret: its pattern, hash, label or variable name. */
const DESCRIBES_A_SECRET = /(?:pattern|regexp?|_re|format|prefix|suffix|label|hint|message|msg|description|policy|hash|digest|checksum|fingerprint|env|var|field|param|column|header_name|key_name)$/i;

/** The variable each provider's SDK reads by convention, for a value stored under a generic name. */
const PROVIDER_VARIABLES: Readonly<Record<string, string>> = {
  'GitHub token': 'GITHUB_TOKEN',
  'GitHub fine-grained token': 'GITHUB_TOKEN',
  'GitLab token': 'GITLAB_TOKEN',
  'Anthropic API key': 'ANTHROPIC_API_KEY',
  'OpenAI API key': 'OPENAI_API_KEY',
  'Stripe key': 'STRIPE_SECRET_KEY',
  'Slack token': 'SLACK_TOKEN',
  'AWS access key ID': 'AWS_ACCESS_KEY_ID',
  'Google API key': 'GOOGLE_API_KEY',
  'Hugging Face token': 'HF_TOKEN',
  'npm token': 'NPM_TOKEN',
  'Linear API key': 'LINEAR_API_KEY',
  'Notion token': 'NOTION_TOKEN',
  'Groq API key': 'GROQ_API_KEY',
  'SendGrid API key': 'SENDGRID_API_KEY',
};
/** Name words that say what a value is for but not whose it is: `auth`, `api_key`, `token`. */
const GENERIC_NAME_WORDS = new Set(['api', 'key', 'apikey', 'token', 'auth', 'secret', 'password', 'access', 'bearer', 'credential', 'credentials']);

/** Passwords of documentation URLs and of default local accounts (`https://user:pass@host`). */
const ILLUSTRATIVE_PASSWORD = /^(?:pass(?:word|wd)?|pwd|pw|secret|changeme|user(?:name)?|admin|root|guest|test|postgres|mysql|redis|foo|bar|\*+|x+|\[.*|.*\s.*)$/i;
const DOCUMENTATION_HOST = /^(?:[\w-]+\.)*(?:example\.(?:com|org|net)|host(?:name)?(?:\.com)?|domain\.com|(?:foo|bar|baz)\.com|server)(?:[:/?#]|$)/i;
/** Regular expressions assigned to `TOKEN = r"[-!#$%&'*+.^_`|~0-9a-zA-Z]+"`-style names. */
const REGULAR_EXPRESSION = /\[[^\]]*\][*+?{]|\(\?|\\[dwsb]|^\^.*\$$/;

const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)(?:[:/?#]|$)/i;

/** Base64 text after a PEM header: a key, not a parser looking for the header. */
const PEM_BODY = /^\s*(?:Proc-Type:|[A-Za-z0-9+/=]{16,})/;

/** A plain word after an authorization scheme is prose ("Basic authentication"), not a credential. */
const PLAIN_WORD = /^[A-Z]?[a-z]+[.!?:,]?$/;

/** Wrappers a literal passes through on its way to a binding: `(x as string)`, `a ? b : c`. */
const TRANSPARENT_PARENTS = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'type_assertion']);

const JS_FALLBACK_OPERATORS = new Set(['??', '||']);
const COMPARISON_OPERATORS = new Set(['===', '==', '!==', '!=']);

export default defineRule<MessageId>(
  {
    id: 'no-hardcoded-secret',
    group: 'source',
    description: 'Disallow credentials written as literals in source code',
    defaultSeverity: 'error',
    confidence: 'high',
    cwe: ['CWE-798'],
    owaspMcp: 'MCP01',
    control: 1,
    fix: 'suggestion',
    messages: {
      namedSecret:
        'Hardcoded {{kind}} in `{{name}}`: anyone who can read this source, a package built from it or its history can use it. Read it from the environment or a secret manager at run time, and rotate the exposed credential.',
      comparedSecret:
        'Hardcoded {{kind}} compared with `{{name}}`: anyone who can read this source, a package built from it or its history can pass this check. Compare with a value read from the environment or a secret manager, and rotate the exposed credential.',
      literalSecret:
        'Hardcoded {{kind}} in a string literal: anyone who can read this source, a package built from it or its history can use it. Read it from the environment or a secret manager at run time, and rotate the exposed credential.',
    },
    references: [
      'https://cwe.mitre.org/data/definitions/798.html',
      'https://owasp.org/www-project-mcp-top-10/',
      'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices',
    ],
  },
  {
    'js-ts': (context) => {
      const inTestFile = isTestPath(context.source.path, 'js-ts');
      const check = (literal: SyntaxNode) => checkLiteral(context, 'js-ts', literal, inTestFile);
      return { string: check, template_string: check };
    },
    python: (context) => {
      const inTestFile = isTestPath(context.source.path, 'python');
      return { string: (literal) => checkLiteral(context, 'python', literal, inTestFile) };
    },
  },
);

/** No credential findSecrets knows is shorter than 8 characters, or contains no letter or digit run of 8. */
const TOO_SHORT_OR_PLAIN = /^.{0,9}$|^[^A-Za-z0-9]*$/s;

function checkLiteral(context: CodeRuleContext<MessageId>, language: Language, literal: SyntaxNode, inTestFile: boolean): void {
  // Most literals are short labels: rule them out from the raw text before decoding anything (and
  // the shortest by their length, before their text is even read).
  if (literal.endIndex - literal.startIndex <= 9) return;
  const text = literal.text;
  if (TOO_SHORT_OR_PLAIN.test(text) || !mayHoldSecret(text)) return;
  const decoded = decodeStringNode(literal);
  if (!decoded || decoded.value.length === 0) return;
  const binding = language === 'js-ts' ? jsBinding(literal) : pythonBinding(context, literal);
  const hasEscapes = decoded.pieces.some((piece) => piece.escaped);
  for (const segment of staticSegments(decoded)) {
    const value = decoded.value.slice(segment.start, segment.end);
    // A name only vouches for the whole value, not for text around an interpolation.
    const name = decoded.isComplete ? binding?.name : undefined;
    for (const secret of findSecrets(value, name)) {
      if (!isReportable(secret, value, name, inTestFile)) continue;
      const range = hasEscapes ? { start: decoded.start, end: decoded.end } : decoded.sourceRange(segment.start + secret.start, segment.start + secret.end);
      const wholeValue = decoded.isComplete && secret.start === 0 && secret.end === value.length;
      context.report({
        messageId: binding?.compared ? 'comparedSecret' : binding ? 'namedSecret' : 'literalSecret',
        data: { kind: secret.kind, ...(binding ? { name: binding.name } : {}) },
        ...range,
        fixes: binding && wholeValue ? environmentFix(context, language, literal, withProviderVariable(binding, secret)) : [],
      });
    }
  }
}

/** Value ranges written contiguously in the source: a template's text between interpolations. */
function staticSegments(decoded: DecodedString): Array<{ start: number; end: number }> {
  const segments: Array<{ start: number; end: number }> = [];
  let current: { start: number; end: number; sourceEnd: number } | undefined;
  for (const piece of decoded.pieces) {
    if (current && current.sourceEnd === piece.sourceStart) {
      current.end = piece.valueEnd;
      current.sourceEnd = piece.sourceEnd;
      continue;
    }
    if (current) segments.push(current);
    current = { start: piece.valueStart, end: piece.valueEnd, sourceEnd: piece.sourceEnd };
  }
  if (current) segments.push(current);
  return segments.map(({ start, end }) => ({ start, end }));
}

/** `Anthropic(api_key="sk-ant-…")` reads ANTHROPIC_API_KEY rather than API_KEY. */
function withProviderVariable(binding: Binding, secret: SecretMatch): Binding {
  const conventional = PROVIDER_VARIABLES[secret.kind];
  const generic = identifierWords(binding.name.slice(binding.name.lastIndexOf('.') + 1)).every((word) => GENERIC_NAME_WORDS.has(word));
  return conventional && generic && binding.fix?.kind === 'replace' ? { ...binding, environmentName: conventional } : binding;
}

function isReportable(secret: SecretMatch, value: string, name: string | undefined, inTestFile: boolean): boolean {
  const generic = secret.confidence === 'medium';
  const authorization = secret.kind.endsWith(' credential');
  const connectionUrl = secret.kind === 'password in a connection URL';
  if (authorization && PLAIN_WORD.test(value.slice(secret.start, secret.end))) return false;
  // Local development databases ship with well-known passwords; the URL names no reachable host.
  if (connectionUrl) {
    const host = value.slice(value.indexOf('@', secret.end) + 1);
    if (LOOPBACK_HOST.test(host) || DOCUMENTATION_HOST.test(host) || ILLUSTRATIVE_PASSWORD.test(decodedPassword(value.slice(secret.start, secret.end)))) return false;
  }
  if (generic && name !== undefined && (DESCRIBES_A_SECRET.test(name) || identifierWords(name).some((word) => TEST_DATA_WORDS.has(word)))) return false;
  if (generic && (value.includes('://') || value.startsWith('/') || REGULAR_EXPRESSION.test(value) || isMadeOfWords(value))) return false;
  if (secret.kind === 'private key' && !PEM_BODY.test(value.slice(secret.end))) return false;
  if (inTestFile && (generic || authorization || connectionUrl || secret.kind === 'JSON Web Token')) return false;
  return true;
}

function decodedPassword(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * `FlowPasswordRequiredResultV2`, `token_sha256_to_refresh`: identifiers and messages made of words
 * are random-looking by entropy alone. Random text rarely has long runs of letters with vowels.
 */
function isMadeOfWords(value: string): boolean {
  const chunks = value.replace(/([a-z])([A-Z])/g, '$1 $2').split(/[^A-Za-z]+/).filter(Boolean);
  const letters = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const inWords = chunks.filter((chunk) => chunk.length >= 4 && /[aeiouy]/i.test(chunk)).reduce((sum, chunk) => sum + chunk.length, 0);
  return letters > 0 && inWords / letters >= 0.7;
}

/** `apiKey` → `API_KEY`, `self.token` → `TOKEN`, `x-api-key` → `X_API_KEY`. */
function environmentVariableName(name: string): string | undefined {
  const upper = identifierWords(name.slice(name.lastIndexOf('.') + 1)).join('_').toUpperCase();
  return /^[A-Z_][A-Z0-9_]*$/.test(upper) ? upper : undefined;
}

function climbTransparent(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.parent && TRANSPARENT_PARENTS.has(current.parent.type)) current = current.parent;
  return current;
}

function isSameNode(a: SyntaxNode | null | undefined, b: SyntaxNode): boolean {
  return !!a && a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;
}

function lastSegment(dotted: string | undefined): string | undefined {
  return dotted?.slice(dotted.lastIndexOf('.') + 1) || undefined;
}

function named(name: string | undefined, jsx = false): Binding | undefined {
  if (!name) return undefined;
  return { name, environmentName: undefined, fix: { kind: 'replace', jsx } };
}

/** `process.env.API_KEY` / `import.meta.env.API_KEY` → `API_KEY`. */
function jsEnvironmentLookup(node: SyntaxNode): string | undefined {
  const dotted = dottedName(node);
  const match = dotted ? /^(?:process\.env|import\.meta\.env)\.(\w+)$/.exec(dotted) : null;
  return match?.[1];
}

function jsBinding(literal: SyntaxNode): Binding | undefined {
  let node = climbTransparent(literal);
  let parent = node.parent;
  if (parent?.type === 'ternary_expression' && !isSameNode(parent.childForFieldName('condition'), node)) {
    node = climbTransparent(parent);
    parent = node.parent;
  }
  if (parent?.type === 'binary_expression' && isSameNode(parent.childForFieldName('right'), node)) {
    const operator = parent.childForFieldName('operator')?.type ?? '';
    const left = parent.childForFieldName('left');
    if (JS_FALLBACK_OPERATORS.has(operator) && left) {
      const variable = jsEnvironmentLookup(left);
      if (variable) return { name: variable, environmentName: variable, fix: { kind: 'drop', start: parent.startIndex, end: parent.endIndex, newText: left.text } };
      const outer = jsBinding(climbTransparent(parent));
      return outer && { ...outer, fix: outer.fix && { kind: 'replace', jsx: false } };
    }
  }
  if (parent?.type === 'binary_expression' && COMPARISON_OPERATORS.has(parent.childForFieldName('operator')?.type ?? '')) {
    const other = isSameNode(parent.childForFieldName('right'), node) ? parent.childForFieldName('left') : parent.childForFieldName('right');
    const name = lastSegment(dottedName(other));
    return name ? { name, compared: true, environmentName: undefined, fix: undefined } : undefined;
  }
  if (!parent) return undefined;
  const valueOf = (field: string) => isSameNode(parent.childForFieldName(field), node);
  switch (parent.type) {
    case 'variable_declarator':
      return valueOf('value') && parent.childForFieldName('name')?.type === 'identifier' ? named(parent.childForFieldName('name')?.text) : undefined;
    case 'assignment_expression': {
      const left = parent.childForFieldName('left');
      if (!valueOf('right') || !left) return undefined;
      // Writing the environment itself: there is nothing to read the value from.
      const variable = jsEnvironmentLookup(left);
      if (variable) return { name: variable, environmentName: undefined, fix: undefined };
      return named(lastSegment(dottedName(left)));
    }
    case 'pair':
      return valueOf('value') ? named(pairKey(parent)) : undefined;
    case 'public_field_definition':
    case 'field_definition': {
      const key = parent.childForFieldName(parent.type === 'field_definition' ? 'property' : 'name');
      return valueOf('value') && key ? named(key.text.replace(/^#/, '')) : undefined;
    }
    case 'required_parameter':
    case 'optional_parameter':
      return valueOf('value') && parent.childForFieldName('pattern')?.type === 'identifier' ? named(parent.childForFieldName('pattern')?.text) : undefined;
    case 'assignment_pattern':
    case 'object_assignment_pattern':
      return valueOf('right') ? named(parent.childForFieldName('left')?.text) : undefined;
    case 'jsx_attribute': {
      const [attribute] = namedChildren(parent);
      return attribute?.type === 'property_identifier' ? named(attribute.text, true) : undefined;
    }
    default:
      return undefined;
  }
}

/** `os.getenv("API_KEY", …)`, `os.environ.get("API_KEY", …)`, `os.environ["API_KEY"]` → `API_KEY`. */
function pythonEnvironmentLookup(context: CodeRuleContext<MessageId>, node: SyntaxNode): string | undefined {
  if (node.type === 'call') {
    const callee = context.flow.imports.qualify(node.childForFieldName('function'));
    if (callee !== 'os.getenv' && callee !== 'os.environ.get') return undefined;
    return staticString(positionalArguments(node)[0]);
  }
  if (node.type === 'subscript' && context.flow.imports.qualify(node.childForFieldName('value')) === 'os.environ') {
    return staticString(node.childForFieldName('subscript'));
  }
  return undefined;
}

function pythonBinding(context: CodeRuleContext<MessageId>, literal: SyntaxNode): Binding | undefined {
  let node = climbTransparent(literal);
  let parent = node.parent;
  if (parent?.type === 'conditional_expression' && !isSameNode(namedChildren(parent)[1], node)) {
    node = climbTransparent(parent);
    parent = node.parent;
  }
  if (parent?.type === 'boolean_operator' && isSameNode(parent.childForFieldName('right'), node) && parent.childForFieldName('operator')?.type === 'or') {
    const left = parent.childForFieldName('left');
    const variable = left ? pythonEnvironmentLookup(context, left) : undefined;
    if (left && variable) return { name: variable, environmentName: variable, fix: { kind: 'drop', start: parent.startIndex, end: parent.endIndex, newText: left.text } };
    return pythonBinding(context, climbTransparent(parent));
  }
  if (!parent) return undefined;
  const valueOf = (field: string) => isSameNode(parent.childForFieldName(field), node);
  switch (parent.type) {
    case 'assignment': {
      const left = parent.childForFieldName('left');
      if (!valueOf('right') || !left) return undefined;
      const variable = pythonEnvironmentLookup(context, left);
      if (variable) return { name: variable, environmentName: undefined, fix: undefined };
      return named(lastSegment(dottedName(left)));
    }
    case 'keyword_argument':
    case 'default_parameter':
    case 'typed_default_parameter':
      return valueOf('value') ? named(parent.childForFieldName('name')?.text) : undefined;
    case 'pair':
      return valueOf('value') ? named(staticString(parent.childForFieldName('key'))) : undefined;
    case 'comparison_operator': {
      const other = namedChildren(parent).find((operand) => !isSameNode(operand, node));
      const name = lastSegment(dottedName(other));
      return name ? { name, compared: true, environmentName: undefined, fix: undefined } : undefined;
    }
    case 'argument_list': {
      const call = parent.parent;
      if (call?.type !== 'call' || !isSameNode(positionalArguments(call)[1], node)) return undefined;
      const variable = pythonEnvironmentLookup(context, call);
      if (!variable) return undefined;
      const { start, end } = listItemRemoval(node, context.source);
      return { name: variable, environmentName: variable, fix: { kind: 'drop', start, end, newText: '' } };
    }
    default:
      return undefined;
  }
}

function environmentFix(context: CodeRuleContext<MessageId>, language: Language, literal: SyntaxNode, binding: Binding): FixDescriptor[] {
  const { fix } = binding;
  const environmentName = binding.environmentName ?? (fix?.kind === 'replace' ? environmentVariableName(binding.name) : undefined);
  if (!environmentName || !fix) return [];
  const title = (lookup: string) => `Read the secret from the environment (${lookup})`;
  if (fix.kind === 'drop') {
    return [{ title: `Remove the hardcoded fallback (read ${environmentName} from the environment only)`, edits: [{ start: fix.start, end: fix.end, newText: fix.newText }] }];
  }
  if (language === 'js-ts') {
    const lookup = `process.env.${environmentName}`;
    return [{ title: title(lookup), edits: [{ start: literal.startIndex, end: literal.endIndex, newText: fix.jsx ? `{${lookup}}` : lookup }] }];
  }
  const access = pythonEnvironAccess(context);
  const lookup = `${access.expression}["${environmentName}"]`;
  return [{ title: title(lookup), edits: [{ start: literal.startIndex, end: literal.endIndex, newText: lookup }, ...access.edits] }];
}

/** How this file reaches `os.environ`, adding `import os` when nothing binds it. */
function pythonEnvironAccess(context: CodeRuleContext<MessageId>): { expression: string; edits: TextEdit[] } {
  const { imports } = context.flow;
  const os = imports.lookup('os');
  if (os?.module === 'os' && os.name === undefined) return { expression: 'os.environ', edits: [] };
  const environ = imports.lookup('environ');
  if (environ?.module === 'os' && environ.name === 'environ') return { expression: 'environ', edits: [] };
  return { expression: 'os.environ', edits: [pythonImportInsertion(context)] };
}

/** `import os` before the first import, else after the docstring and `__future__` imports. */
function pythonImportInsertion(context: CodeRuleContext<MessageId>): TextEdit {
  const { source } = context;
  const statements = namedChildren(context.root).filter((statement) => statement.type !== 'comment');
  const firstImport = statements.find((statement) => statement.type === 'import_statement' || statement.type === 'import_from_statement');
  const lineStart = (offset: number) => source.lines.lineStart(source.lines.lineOf(offset));
  if (firstImport) return { start: lineStart(firstImport.startIndex), end: lineStart(firstImport.startIndex), newText: 'import os\n' };
  let index = 0;
  const isDocstring = (statement: SyntaxNode | undefined) => statement?.type === 'expression_statement' && namedChildren(statement)[0]?.type === 'string';
  if (isDocstring(statements[0])) index = 1;
  while (statements[index]?.type === 'future_import_statement') index++;
  const next = statements[index];
  if (next) return { start: lineStart(next.startIndex), end: lineStart(next.startIndex), newText: 'import os\n\n' };
  return { start: source.text.length, end: source.text.length, newText: `${source.text.endsWith('\n') || source.text === '' ? '' : '\n'}import os\n` };
}
