import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import type { FixDescriptor, SyntaxHandler, SyntaxVisitor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import type { SourceText } from '../../analyzer/source-text';
import {
  calleeName,
  dottedName,
  enclosingExpressionStatement,
  isOnlyStatementInPythonBlock,
  keywordArguments,
  listItemRemoval,
  pairKey,
  positionalArguments,
  staticString,
  statementRemoval,
} from '../../analyzer/syntax/nodes';

type MessageId = 'verificationOption' | 'verificationEnvironment' | 'unverifiedContext' | 'contextVerificationOff';

/** Option names that switch certificate checking off when set to false. */
const JS_VERIFY_OPTIONS = new Set(['rejectUnauthorized', 'strictSSL']);

/** Environment variables and the values that turn verification off. */
const ENVIRONMENT_SWITCHES: ReadonlyMap<string, (value: string) => boolean> = new Map<string, (value: string) => boolean>([
  ['NODE_TLS_REJECT_UNAUTHORIZED', (value: string) => value === '0'],
  ['PYTHONHTTPSVERIFY', (value: string) => value === '0'],
  // requests treats an empty CA bundle path as "verify nothing".
  ['CURL_CA_BUNDLE', (value: string) => value === ''],
  ['REQUESTS_CA_BUNDLE', (value: string) => value === ''],
]);

/** Python HTTP client calls whose `verify=` / `ssl=` / `verify_ssl=` keyword controls certificate checks. */
const PYTHON_HTTP_CALLS = new Set([
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'head',
  'options',
  'request',
  'stream',
  'send',
  'Client',
  'AsyncClient',
  'HTTPTransport',
  'AsyncHTTPTransport',
  'TCPConnector',
  'ws_connect',
]);
/** Attributes whose assignment can turn verification off. */
const PYTHON_CONTEXT_ATTRIBUTES = new Set(['check_hostname', 'verify_mode', 'verify']);
const PYTHON_VERIFY_KEYWORDS = ['verify', 'ssl', 'verify_ssl'];

// Every check needs one of these words in the file; most files have none, and then no handler runs
// (the rule would otherwise look at every call, attribute and assignment of a Python file). Each
// search reads the whole file: Python's dozen words are looked for with one regular expression
// first, which measured three times faster than a substring search per word.
const ENVIRONMENT_WORDS = [...ENVIRONMENT_SWITCHES.keys()];
const JS_WORDS = [...JS_VERIFY_OPTIONS, ...ENVIRONMENT_WORDS];
const PYTHON_CALL_WORDS = [...PYTHON_VERIFY_KEYWORDS, 'cert_reqs', ...ENVIRONMENT_WORDS];
const PYTHON_ASSIGNMENT_WORDS = [...PYTHON_CONTEXT_ATTRIBUTES, ...ENVIRONMENT_WORDS];
const UNVERIFIED_CONTEXT = '_create_unverified_context';
const PYTHON_WORDS = new RegExp([...new Set([...PYTHON_CALL_WORDS, ...PYTHON_ASSIGNMENT_WORDS, UNVERIFIED_CONTEXT])].join('|'));
/** A `\u…` or `\x…` escape can spell any of the words inside a string key: such files get every handler. */
const CHARACTER_ESCAPE = /\\[ux]/;

function mentionsAny(text: string, words: readonly string[]): boolean {
  return words.some((word) => text.includes(word));
}

export default defineRule<MessageId>(
  {
    id: 'no-disabled-tls-verification',
    group: 'source',
    description: 'Disallow turning off TLS certificate verification',
    defaultSeverity: 'warning',
    confidence: 'high',
    cwe: ['CWE-295'],
    owaspMcp: 'MCP01',
    control: 5,
    fix: 'suggestion',
    messages: {
      verificationOption:
        '{{option}} turns off TLS certificate verification: anyone on the network path can impersonate {{peer}} and read or change the traffic, bearer tokens included.',
      verificationEnvironment:
        'Setting {{variable}} to {{value}} turns off TLS certificate verification for every HTTPS request this process makes, bearer tokens included.',
      unverifiedContext: '`ssl._create_unverified_context` builds a TLS context that accepts any certificate from any host.',
      contextVerificationOff: '{{assignment}} makes this TLS context accept {{what}}.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#communication-security',
      'https://cwe.mitre.org/data/definitions/295.html',
      'https://nodejs.org/api/tls.html#tlsconnectoptions-callback',
      'https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification',
    ],
  },
  {
    'js-ts': (context): SyntaxVisitor => {
      const { source } = context;
      if (!mentionsAny(source.text, JS_WORDS) && !CHARACTER_ESCAPE.test(source.text)) return {};
      return {
        pair(pair) {
          const key = pairKey(pair);
          const value = pair.childForFieldName('value');
          if (!key || !value) return;
          if (JS_VERIFY_OPTIONS.has(key) && value.type === 'false') {
            context.report({
              messageId: 'verificationOption',
              data: { option: `\`${key}: false\``, peer: 'the server' },
              start: pair.startIndex,
              end: pair.endIndex,
              fixes: [{ title: `Remove \`${key}: false\` (verify certificates)`, edits: [{ ...listItemRemoval(pair, source), newText: '' }] }],
            });
            return;
          }
          const environmentSwitch = ENVIRONMENT_SWITCHES.get(key);
          const environmentValue = environmentSwitch ? jsLiteralText(value) : undefined;
          if (environmentValue !== undefined && environmentSwitch?.(environmentValue)) {
            context.report({
              messageId: 'verificationEnvironment',
              data: { variable: key, value: `'${environmentValue}'` },
              start: pair.startIndex,
              end: pair.endIndex,
              fixes: [{ title: `Remove ${key} (verify certificates)`, edits: [{ ...listItemRemoval(pair, source), newText: '' }] }],
            });
          }
        },
        assignment_expression(assignment) {
          const target = dottedName(assignment.childForFieldName('left'));
          const value = assignment.childForFieldName('right');
          if (!target || !value) return;
          const property = target.slice(target.lastIndexOf('.') + 1);
          const statement = enclosingExpressionStatement(assignment);
          const removal = (title: string): FixDescriptor[] =>
            statement ? [{ title, edits: [{ ...statementRemoval(statement, source), newText: '' }] }] : [];
          if (JS_VERIFY_OPTIONS.has(property) && value.type === 'false') {
            context.report({
              messageId: 'verificationOption',
              data: { option: `\`${target} = false\``, peer: 'the server' },
              start: assignment.startIndex,
              end: assignment.endIndex,
              fixes: removal(`Remove \`${target} = false\` (verify certificates)`),
            });
            return;
          }
          const literal = jsLiteralText(value);
          if (target.startsWith('process.env.') && literal !== undefined && ENVIRONMENT_SWITCHES.get(property)?.(literal)) {
            context.report({
              messageId: 'verificationEnvironment',
              data: { variable: property, value: `'${literal}'` },
              start: assignment.startIndex,
              end: assignment.endIndex,
              fixes: removal(`Remove the ${property} assignment (verify certificates)`),
            });
          }
        },
      };
    },
    python: (context) => {
      const { source } = context;
      const handlers: Record<'call' | 'attribute' | 'assignment', SyntaxHandler> = {
        call(call) {
          const name = calleeName(call);
          if (name === 'setdefault' || name === 'putenv') {
            const environment = environmentCall(call);
            if (environment) reportEnvironment(environment.variable, environment.value, call, undefined);
          }
          // Every check below reads a keyword argument; most calls have none.
          if (!call.childForFieldName('arguments')?.namedChildren.some((argument) => argument.type === 'keyword_argument')) return;
          const keywords = keywordArguments(call);
          if (name && PYTHON_HTTP_CALLS.has(name)) {
            for (const keyword of PYTHON_VERIFY_KEYWORDS) {
              const found = keywords.get(keyword);
              if (found?.value.type !== 'false') continue;
              context.report({
                messageId: 'verificationOption',
                data: { option: `\`${keyword}=False\``, peer: 'the server' },
                start: found.argument.startIndex,
                end: found.argument.endIndex,
                fixes: [{ title: `Remove \`${keyword}=False\` (verify certificates)`, edits: [{ ...listItemRemoval(found.argument, source), newText: '' }] }],
              });
            }
          }
          const certReqs = keywords.get('cert_reqs');
          if (certReqs && isCertNone(certReqs.value)) {
            context.report({
              messageId: 'contextVerificationOff',
              data: { assignment: `\`cert_reqs=${certReqs.value.text}\``, what: 'any certificate' },
              start: certReqs.argument.startIndex,
              end: certReqs.argument.endIndex,
              fixes: [{ title: 'Remove `cert_reqs` (verify certificates)', edits: [{ ...listItemRemoval(certReqs.argument, source), newText: '' }] }],
            });
          }
        },
        attribute(attribute) {
          if (attribute.childForFieldName('attribute')?.text !== UNVERIFIED_CONTEXT || dottedName(attribute) !== 'ssl._create_unverified_context') return;
          const parent = attribute.parent;
          const fixes: FixDescriptor[] = [];
          if (parent?.type === 'call' && positionalArguments(parent).length === 0 && keywordArguments(parent).size === 0) {
            fixes.push({
              title: 'Use `ssl.create_default_context()` (verifies certificates and host names)',
              edits: [{ start: attribute.startIndex, end: attribute.endIndex, newText: 'ssl.create_default_context' }],
            });
          } else if (parent?.type === 'assignment' && dottedName(parent.childForFieldName('left')) === 'ssl._create_default_https_context') {
            fixes.push(...pythonStatementRemoval(parent, source, 'Remove the global override (verify certificates)'));
          }
          context.report({ messageId: 'unverifiedContext', start: attribute.startIndex, end: attribute.endIndex, fixes });
        },
        assignment(assignment) {
          const left = assignment.childForFieldName('left');
          // Only `x.check_hostname = …`, `x.verify_mode = …`, `x.verify = …` and `os.environ[…] = …` matter.
          if (left?.type === 'attribute' ? !PYTHON_CONTEXT_ATTRIBUTES.has(left.childForFieldName('attribute')?.text ?? '') : left?.type !== 'subscript') return;
          const right = assignment.childForFieldName('right');
          const target = dottedName(left);
          if (!left || !right || !target) return;
          const property = target.slice(target.lastIndexOf('.') + 1);
          const report = (what: string) =>
            context.report({
              messageId: 'contextVerificationOff',
              data: { assignment: `\`${target} = ${right.text}\``, what },
              start: assignment.startIndex,
              end: assignment.endIndex,
              fixes: pythonStatementRemoval(assignment, source, `Remove \`${target} = ${right.text}\` (verify certificates)`),
            });
          if (left.type === 'attribute' && property === 'check_hostname' && right.type === 'false') report('certificates issued for any host name');
          else if (left.type === 'attribute' && property === 'verify_mode' && isCertNone(right)) report('any certificate');
          else if (left.type === 'attribute' && property === 'verify' && right.type === 'false') {
            context.report({
              messageId: 'verificationOption',
              data: { option: `\`${target} = False\``, peer: 'the server' },
              start: assignment.startIndex,
              end: assignment.endIndex,
              fixes: pythonStatementRemoval(assignment, source, `Remove \`${target} = False\` (verify certificates)`),
            });
          }
          else if (left.type === 'subscript' && target.startsWith('os.environ.')) {
            const value = staticString(right);
            if (value !== undefined) reportEnvironment(property, value, assignment, assignment);
          }
        },
      };
      const { text } = source;
      const escapes = CHARACTER_ESCAPE.test(text);
      if (!escapes && !PYTHON_WORDS.test(text)) return {};
      const mentions = (words: readonly string[]) => escapes || mentionsAny(text, words);
      return {
        ...(mentions(PYTHON_CALL_WORDS) ? { call: handlers.call } : {}),
        ...(text.includes(UNVERIFIED_CONTEXT) ? { attribute: handlers.attribute } : {}),
        ...(mentions(PYTHON_ASSIGNMENT_WORDS) ? { assignment: handlers.assignment } : {}),
      };

      function reportEnvironment(variable: string, value: string, node: SyntaxNode, removable: SyntaxNode | undefined): void {
        if (!ENVIRONMENT_SWITCHES.get(variable)?.(value)) return;
        context.report({
          messageId: 'verificationEnvironment',
          data: { variable, value: `'${value}'` },
          start: node.startIndex,
          end: node.endIndex,
          fixes: removable ? pythonStatementRemoval(removable, source, `Remove the ${variable} assignment (verify certificates)`) : [],
        });
      }
    },
  },
);

/** The text of a string literal or a number, as an environment variable would hold it. */
function jsLiteralText(node: SyntaxNode): string | undefined {
  if (node.type === 'number') return node.text;
  return staticString(node);
}

function isCertNone(node: SyntaxNode): boolean {
  return node.text === 'ssl.CERT_NONE' || node.text === 'CERT_NONE' || staticString(node) === 'CERT_NONE';
}

/** `os.environ.setdefault("X", "0")` and `os.putenv("X", "0")`. */
function environmentCall(call: SyntaxNode): { variable: string; value: string } | undefined {
  const callee = dottedName(call.childForFieldName('function'));
  if (callee !== 'os.environ.setdefault' && callee !== 'os.putenv') return undefined;
  const [name, value] = positionalArguments(call);
  const variable = staticString(name);
  const text = staticString(value);
  return variable !== undefined && text !== undefined ? { variable, value: text } : undefined;
}

/** Removes the statement holding `assignment`; a block left empty gets `pass`. */
function pythonStatementRemoval(assignment: SyntaxNode, source: SourceText, title: string): FixDescriptor[] {
  const statement = enclosingExpressionStatement(assignment);
  if (!statement) return [];
  if (isOnlyStatementInPythonBlock(statement)) {
    return [{ title, edits: [{ start: statement.startIndex, end: statement.endIndex, newText: 'pass' }] }];
  }
  return [{ title, edits: [{ ...statementRemoval(statement, source), newText: '' }] }];
}
