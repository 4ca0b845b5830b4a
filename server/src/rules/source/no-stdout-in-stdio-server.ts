import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import type { RelatedLocation, TextEdit } from '../../analyzer/finding';
import { describeInputs } from '../../analyzer/flow/sink-report';
import type { CodeRuleContext, FixDescriptor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { calleeName, dottedName, keywordArguments, listItemAppend, pairKey, positionalArguments, staticString } from '../../analyzer/syntax/nodes';
import { namedChildren } from '../../analyzer/syntax/tree';

type MessageId = 'stdout' | 'stdoutInput' | 'loggingToStdout';

/** `console` methods Node writes to stdout; `error`, `warn`, `trace` and `assert` go to stderr. */
const JS_STDOUT_CONSOLE = new Set(['log', 'info', 'debug', 'table', 'dir', 'dirxml', 'group', 'groupCollapsed', 'count', 'timeLog', 'timeEnd']);
/** The calls the rule looks at, by the callee's last name (the engine skips all others). */
const JS_CALLEES = new Set([...JS_STDOUT_CONSOLE, 'write']);
/** Those whose arguments `console.error` prints the same way, so the swap keeps the message. */
const JS_SWAPPABLE_CONSOLE = new Set(['log', 'info', 'debug']);
const PY_STDOUT_STREAMS = new Set(['sys.stdout', 'sys.__stdout__', 'sys.stdout.buffer']);
const PY_STREAM_WRITES = new Set(['write', 'writelines']);
const PY_PPRINT = new Set(['pprint.pprint', 'pprint.pp']);
const PY_CALLEES = new Set(['print', 'pprint', 'pp', ...PY_STREAM_WRITES, 'StreamHandler', 'basicConfig']);
/** Python SDK (v1 FastMCP, v2 MCPServer) and jlowin/fastmcp server classes. */
const PY_SERVER_CLASSES = new Set(['FastMCP', 'MCPServer']);
const PY_RUN_METHODS = new Set(['run', 'run_async']);

interface Evidence {
  node: SyntaxNode;
  label: string;
}

export default defineRule<MessageId>(
  {
    id: 'no-stdout-in-stdio-server',
    group: 'source',
    description: 'Disallow writing to stdout in a server that speaks MCP over stdio',
    defaultSeverity: 'warning',
    confidence: 'high',
    cwe: ['CWE-436'],
    owaspMcp: 'MCP08',
    control: 8,
    fix: 'safe',
    messages: {
      stdout:
        '{{call}} writes to stdout, which in a stdio MCP server carries only JSON-RPC messages: the client cannot parse this output and may drop it, the message it interrupts, or the connection. Write diagnostics to stderr.',
      stdoutInput:
        '{{call}} writes tool input {{inputs}} to stdout, which in a stdio MCP server carries only JSON-RPC messages: besides breaking the stream, a value holding a newline and a JSON object can forge a protocol message to the client. Write diagnostics to stderr.',
      loggingToStdout:
        '{{call}} sends log records to stdout, which in a stdio MCP server carries only JSON-RPC messages: every log line breaks the stream. Log to stderr (the default).',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#stdio',
      'https://modelcontextprotocol.io/docs/develop/build-server',
      'https://cwe.mitre.org/data/definitions/436.html',
      'https://nodejs.org/api/console.html#class-console',
    ],
  },
  {
    'js-ts': (context) => {
      let evidence: Evidence | null | undefined;
      const stdio = () => (evidence === undefined ? (evidence = jsStdioEvidence(context.root)) : evidence);
      let overridden: { shadowed: boolean; methods: Set<string> } | undefined;
      const consoleState = () => (overridden ??= jsConsoleOverrides(context.root));
      return {
        call_expression: { callees: JS_CALLEES, visit: (call) => {
          const callee = call.childForFieldName('function');
          const name = dottedName(callee);
          if (!callee || !name) return;
          const method = name.slice(name.lastIndexOf('.') + 1);
          let fixes: FixDescriptor[] = [];
          if (name.startsWith('console.') && name.split('.').length === 2 && JS_STDOUT_CONSOLE.has(method)) {
            const state = consoleState();
            if (state.shadowed || state.methods.has(method)) return;
            const property = callee.childForFieldName('property')!;
            if (JS_SWAPPABLE_CONSOLE.has(method)) fixes = [{ title: `Write to stderr: console.error(…)`, edits: [{ start: property.startIndex, end: property.endIndex, newText: 'error' }] }];
          } else if (name === 'process.stdout.write') {
            if (looksLikeProtocolMessage(call)) return;
            const stream = callee.childForFieldName('object')!.childForFieldName('property')!;
            fixes = [{ title: 'Write to stderr: process.stderr.write(…)', edits: [{ start: stream.startIndex, end: stream.endIndex, newText: 'stderr' }] }];
          } else {
            return;
          }
          if (exitsRightAfter(call, 'js-ts')) return;
          const found = stdio();
          if (!found) return;
          report(context, call, callee, found, fixes, 'stdout');
        } },
      };
    },
    python: (context) => {
      let evidence: Evidence | null | undefined;
      const stdio = () => (evidence === undefined ? (evidence = pythonStdioEvidence(context.root)) : evidence);
      let printRebound: boolean | undefined;
      return {
        call: { callees: PY_CALLEES, visit: (call) => {
          const callee = call.childForFieldName('function');
          if (!callee) return;
          const qualified = context.flow.imports.qualify(callee);
          const keywords = keywordArguments(call);
          let fixes: FixDescriptor[];
          let messageId: MessageId = 'stdout';
          if (callee.type === 'identifier' && callee.text === 'print' && isBuiltinLikePrint(context)) {
            printRebound ??= pythonPrintRebound(context.root);
            if (printRebound) return;
            const file = keywords.get('file');
            if (file && !isPythonStdout(context, file.value)) return;
            fixes = pythonStderrFix(context, call, 'file', file?.value);
          } else if (qualified && PY_PPRINT.has(qualified)) {
            const stream = keywords.get('stream')?.value ?? positionalArguments(call)[1];
            if (stream && !isPythonStdout(context, stream)) return;
            fixes = pythonStderrFix(context, call, 'stream', stream);
          } else if (callee.type === 'attribute' && PY_STREAM_WRITES.has(callee.childForFieldName('attribute')?.text ?? '')) {
            const object = callee.childForFieldName('object')!;
            if (!isPythonStdout(context, object)) return;
            fixes = swapToStderr(context, object);
          } else if (qualified === 'logging.StreamHandler' || qualified === 'logging.basicConfig') {
            const stream = keywords.get('stream')?.value ?? (qualified === 'logging.StreamHandler' ? positionalArguments(call)[0] : undefined);
            if (!stream || !isPythonStdout(context, stream)) return;
            fixes = swapToStderr(context, stream);
            messageId = 'loggingToStdout';
          } else {
            return;
          }
          if (messageId === 'stdout' && (exitsRightAfter(call, 'python') || insideStdoutRedirect(context, call))) return;
          const found = stdio();
          if (!found) return;
          report(context, call, callee, found, fixes, messageId);
        } },
      };
    },
  },
);

function report(context: CodeRuleContext<MessageId>, call: SyntaxNode, callee: SyntaxNode, evidence: Evidence, fixes: FixDescriptor[], messageId: MessageId): void {
  const related: RelatedLocation[] = [{ start: evidence.node.startIndex, end: evidence.node.endIndex, message: `the server speaks MCP over stdio here (${evidence.label})` }];
  // Tool input printed on stdout can smuggle a whole JSON-RPC line into the stream.
  const inputs = messageId === 'stdout' && context.flow.isToolCode(call) ? positionalArguments(call).flatMap((arg) => context.flow.taintedInputs(arg, 'code')) : [];
  context.report({
    messageId: inputs.length > 0 ? 'stdoutInput' : messageId,
    data: { call: `\`${callee.text.replace(/\s+/g, '')}\``, inputs: describeInputs(inputs) },
    start: call.startIndex,
    end: callee.endIndex,
    fixes,
    related,
  });
}

/** `new StdioServerTransport()` (TypeScript SDK) or punkpeye/fastmcp's `start({ transportType: 'stdio' })`. */
function jsStdioEvidence(root: SyntaxNode): Evidence | null {
  for (const created of root.descendantsOfType('new_expression')) {
    if (created && /(?:^|\.)StdioServerTransport$/.test(dottedName(created.childForFieldName('constructor')) ?? '')) return { node: created, label: 'StdioServerTransport' };
  }
  for (const pair of root.descendantsOfType('pair')) {
    if (pair && pairKey(pair) === 'transportType' && staticString(pair.childForFieldName('value')) === 'stdio') return { node: pair, label: "transportType: 'stdio'" };
  }
  return null;
}

/**
 * The line that makes this file a stdio server: `stdio_server()` (low-level SDK), `run_stdio_async()`,
 * or `run()` / `run_async()` on a FastMCP instance with no transport or `"stdio"`.
 */
function pythonStdioEvidence(root: SyntaxNode): Evidence | null {
  const calls = root.descendantsOfType('call').filter((call): call is SyntaxNode => call !== null);
  const servers = new Set<string>();
  for (const assignment of root.descendantsOfType('assignment')) {
    const right = assignment?.childForFieldName('right');
    const left = assignment?.childForFieldName('left');
    if (left?.type === 'identifier' && right?.type === 'call' && PY_SERVER_CLASSES.has(calleeName(right) ?? '')) servers.add(left.text);
  }
  for (const call of calls) {
    const name = calleeName(call);
    if (name === 'stdio_server' || name === 'run_stdio_async') return { node: call, label: `${name}()` };
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'attribute' || !PY_RUN_METHODS.has(name ?? '')) continue;
    const receiver = callee.childForFieldName('object');
    const isServer = (receiver?.type === 'identifier' && servers.has(receiver.text)) || (receiver?.type === 'call' && PY_SERVER_CLASSES.has(calleeName(receiver) ?? ''));
    if (!isServer) continue;
    const transport = keywordArguments(call).get('transport')?.value ?? positionalArguments(call)[0];
    if (!transport || pythonTransportValue(transport) === 'stdio') return { node: call, label: `${callee.text}(${transport ? transport.text : ''})` };
  }
  return null;
}

/** `"stdio"`, or the default of `os.getenv("MCP_TRANSPORT", "stdio")` / `os.environ.get(…)`. */
function pythonTransportValue(node: SyntaxNode): string | undefined {
  const literal = staticString(node);
  if (literal !== undefined) return literal;
  if (node.type !== 'call') return undefined;
  const callee = dottedName(node.childForFieldName('function'));
  if (callee !== 'os.getenv' && callee !== 'os.environ.get' && callee !== 'getenv') return undefined;
  return staticString(positionalArguments(node)[1] ?? keywordArguments(node).get('default')?.value);
}

/** A file-local `console` (`new Console(process.stderr)`) or `console.log = console.error` redirects output. */
function jsConsoleOverrides(root: SyntaxNode): { shadowed: boolean; methods: Set<string> } {
  const methods = new Set<string>();
  let shadowed = false;
  for (const declarator of root.descendantsOfType('variable_declarator')) {
    if (declarator?.childForFieldName('name')?.text === 'console') shadowed = true;
  }
  for (const assignment of root.descendantsOfType('assignment_expression')) {
    const target = dottedName(assignment?.childForFieldName('left'));
    if (target?.startsWith('console.') && target.split('.').length === 2) methods.add(target.slice('console.'.length));
  }
  return { shadowed, methods };
}

/** A hand-written JSON-RPC frame (`serializeMessage(…)`, an object with a `jsonrpc` key) is an MCP message. */
function looksLikeProtocolMessage(call: SyntaxNode): boolean {
  return positionalArguments(call).some((arg) => /\bserializeMessage\s*\(|["']?\bjsonrpc\b["']?\s*:/.test(arg.text));
}

/** `print = functools.partial(print, file=sys.stderr)` or `builtins.print = …` sends every print to stderr. */
function pythonPrintRebound(root: SyntaxNode): boolean {
  return root.descendantsOfType('assignment').some((assignment) => {
    const target = dottedName(assignment?.childForFieldName('left'));
    return (target === 'print' || target === 'builtins.print') && /stderr/.test(assignment?.childForFieldName('right')?.text ?? '');
  });
}

function isPythonStdout(context: CodeRuleContext<MessageId>, node: SyntaxNode): boolean {
  if (node.type === 'none') return true;
  const qualified = context.flow.imports.qualify(node) ?? dottedName(node);
  return qualified !== undefined && PY_STDOUT_STREAMS.has(qualified);
}

/** The built-in `print`, or rich's, which also writes to stdout. */
function isBuiltinLikePrint(context: CodeRuleContext<MessageId>): boolean {
  const binding = context.flow.imports.lookup('print');
  return !binding || binding.module === 'rich' || binding.module.startsWith('rich.');
}

/** Inside `with contextlib.redirect_stdout(sys.stderr):` output already goes to stderr. */
function insideStdoutRedirect(context: CodeRuleContext<MessageId>, node: SyntaxNode): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type !== 'with_statement') continue;
    const clause = namedChildren(current).find((child) => child.type === 'with_clause');
    const redirects = (clause?.descendantsOfType('call') ?? []).some((call) => {
      const callee = call?.childForFieldName('function');
      return (context.flow.imports.qualify(callee) ?? dottedName(callee)) === 'contextlib.redirect_stdout';
    });
    if (redirects) return true;
  }
  return false;
}

const JS_EXIT = /^process\.exit\(\s*0?\s*\);?$/;
const PY_EXIT = /^(?:sys\.exit|exit|quit|os\._exit)\(\s*0?\s*\)$|^raise SystemExit(?:\(\s*0?\s*\))?$/;

/**
 * Output followed by a successful exit in the same block is a command-line mode (`--version`,
 * `--help`) or a shutdown message, printed while no MCP session is running.
 */
function exitsRightAfter(call: SyntaxNode, target: 'js-ts' | 'python'): boolean {
  let statement: SyntaxNode | null = call;
  while (statement && statement.type !== 'expression_statement') {
    if (statement.type === 'await_expression' || statement.type === 'await' || statement.type === 'call_expression' || statement.type === 'call') statement = statement.parent;
    else return false;
  }
  const block = statement?.parent;
  if (!statement || !block) return false;
  const statements = namedChildren(block).filter((child) => child.type !== 'comment');
  const last = statements[statements.length - 1];
  if (!last || last.id === statement.id) return false;
  return (target === 'js-ts' ? JS_EXIT : PY_EXIT).test(last.text.replace(/\s+/g, ' ').trim());
}

/** `print(x)` → `print(x, file=sys.stderr)`; `file=sys.stdout` → `file=sys.stderr`. */
function pythonStderrFix(context: CodeRuleContext<MessageId>, call: SyntaxNode, keyword: string, current: SyntaxNode | undefined): FixDescriptor[] {
  if (current) return swapToStderr(context, current);
  const list = call.childForFieldName('arguments');
  if (list?.type !== 'argument_list') return [];
  const sys = pythonSysName(context);
  const edits: TextEdit[] = [listItemAppend(list, `${keyword}=${sys.name}.stderr`, context.source)];
  if (sys.importEdit) edits.push(sys.importEdit);
  return [{ title: `Write to stderr: ${keyword}=sys.stderr`, edits }];
}

function swapToStderr(context: CodeRuleContext<MessageId>, stream: SyntaxNode): FixDescriptor[] {
  const sys = pythonSysName(context);
  const buffer = (context.flow.imports.qualify(stream) ?? dottedName(stream))?.endsWith('.buffer') === true;
  const replacement = `${sys.name}.stderr${buffer ? '.buffer' : ''}`;
  const edits: TextEdit[] = [{ start: stream.startIndex, end: stream.endIndex, newText: replacement }];
  if (sys.importEdit) edits.push(sys.importEdit);
  return [{ title: `Write to stderr: ${replacement.replace(/^\w+\./, 'sys.')}`, edits }];
}

/** The name `sys` is imported under, or `sys` with the import to add. */
function pythonSysName(context: CodeRuleContext<MessageId>): { name: string; importEdit?: TextEdit } {
  const root = context.root;
  for (const statement of namedChildren(root).filter((child) => child.type === 'import_statement')) {
    for (const name of statement.childrenForFieldName('name')) {
      if (name?.type === 'dotted_name' && name.text === 'sys') return { name: 'sys' };
      if (name?.type === 'aliased_import' && name.childForFieldName('name')?.text === 'sys') return { name: name.childForFieldName('alias')?.text ?? 'sys' };
    }
  }
  const statements = namedChildren(root).filter((child) => child.type !== 'comment');
  const imports = statements.filter((child) => child.type === 'import_statement');
  const lastImport = imports[imports.length - 1];
  // After the plain imports, where the standard library usually sits.
  if (lastImport) return { name: 'sys', importEdit: { start: lastImport.endIndex, end: lastImport.endIndex, newText: '\nimport sys' } };
  const fromImport = statements.find((child) => child.type === 'import_from_statement');
  if (fromImport) return { name: 'sys', importEdit: { start: fromImport.startIndex, end: fromImport.startIndex, newText: 'import sys\n' } };
  const first = statements.find((child) => child.type !== 'future_import_statement' && !(child.type === 'expression_statement' && namedChildren(child)[0]?.type === 'string'));
  const at = first?.startIndex ?? root.endIndex;
  return { name: 'sys', importEdit: { start: at, end: at, newText: 'import sys\n\n' } };
}
