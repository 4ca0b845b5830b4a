import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import type { TextEdit } from '../../analyzer/finding';
import { splitCommandLine, tokenSource } from '../../analyzer/flow/command-line';
import { lastNames } from '../../analyzer/flow/imports';
import { describeInputs, describeVia, relatedLocations, sinkLabel } from '../../analyzer/flow/sink-report';
import type { TaintedInput } from '../../analyzer/flow/tool-flow';
import type { CodeRuleContext, FixDescriptor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { keywordArguments, listItemRemoval, pairKey, positionalArguments } from '../../analyzer/syntax/nodes';
import { namedChildren } from '../../analyzer/syntax/tree';

type MessageId = 'shellCommand' | 'programFromInput';

/** Sinks that hand a whole command line to a shell. */
const JS_SHELL = new Set(['child_process.exec', 'child_process.execSync', 'shelljs.exec', 'execa.execaCommand', 'execa.execaCommandSync']);
/** Sinks that take a program and an argv array; a shell only with `shell: true`. */
const JS_PROGRAM = new Set(['child_process.spawn', 'child_process.spawnSync', 'child_process.execFile', 'child_process.execFileSync', 'execa.execa', 'execa.execaSync']);
const PY_SHELL = new Set(['os.system', 'os.popen', 'subprocess.getoutput', 'subprocess.getstatusoutput', 'commands.getoutput', 'asyncio.create_subprocess_shell']);
const PY_PROGRAM = new Set(['subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.Popen', 'asyncio.create_subprocess_exec', 'os.execv', 'os.execvp', 'os.execve', 'os.execl', 'os.execlp', 'os.spawnv', 'os.spawnl', 'os.spawnlp', 'os.spawnvp']);
/** Callee names worth a look (import aliases are added by the engine). */
const JS_CALLEES = lastNames([...JS_SHELL, ...JS_PROGRAM]);
const PY_CALLEES = lastNames([...PY_SHELL, ...PY_PROGRAM]);
/** The argv-only twin of each shell sink, for the fix. */
const JS_ARGV_TWIN: Record<string, string> = { exec: 'execFile', execSync: 'execFileSync' };

export default defineRule<MessageId>(
  {
    id: 'no-command-injection',
    group: 'source',
    description: 'Disallow tool input in shell commands and program names',
    defaultSeverity: 'error',
    confidence: 'high',
    cwe: ['CWE-78'],
    owaspMcp: 'MCP05',
    control: 6,
    fix: 'suggestion',
    messages: {
      shellCommand:
        'Tool input {{inputs}} reaches a shell command in {{sink}}{{via}}: the model, or a prompt injection it has read, can run any command with this server\'s privileges.',
      programFromInput: 'Tool input {{inputs}} chooses the program {{sink}} runs{{via}}: the model, or a prompt injection it has read, can run any program on this machine.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations',
      'https://cwe.mitre.org/data/definitions/78.html',
      'https://nodejs.org/api/child_process.html#spawning-bat-and-cmd-files-on-windows',
      'https://docs.python.org/3/library/subprocess.html#security-considerations',
    ],
  },
  {
    'js-ts': (context) => ({
      call_expression: { callees: JS_CALLEES, visit: (call) => visitJsCall(context, call) },
    }),
    python: (context) => ({
      call: { callees: PY_CALLEES, visit: (call) => visitPythonCall(context, call) },
    }),
  },
);

function visitJsCall(context: CodeRuleContext<MessageId>, call: SyntaxNode): void {
  const callee = call.childForFieldName('function');
  const sink = context.flow.imports.qualify(callee);
  if (!sink) return;
  const args = positionalArguments(call);
  const [first, second] = args;
  if (!first) return;
  if (JS_SHELL.has(sink)) {
    reportIfTainted(context, call, first, 'shellCommand', () => jsArgvFix(context, callee, first));
    return;
  }
  if (!JS_PROGRAM.has(sink)) return;
  const options = args.slice(1).find((arg) => arg.type === 'object');
  if (options && jsShellOption(options)) {
    for (const part of [first, ...(second?.type === 'array' ? namedChildren(second) : second ? [second] : [])]) {
      if (reportIfTainted(context, call, part, 'shellCommand', () => [])) return;
    }
    return;
  }
  reportIfTainted(context, call, first, 'programFromInput', () => []);
}

function visitPythonCall(context: CodeRuleContext<MessageId>, call: SyntaxNode): void {
  const callee = call.childForFieldName('function');
  const sink = context.flow.imports.qualify(callee);
  if (!sink) return;
  const [first] = positionalArguments(call);
  if (!first) return;
  if (PY_SHELL.has(sink)) {
    reportIfTainted(context, call, first, 'shellCommand', () => pythonArgvFix(context, call, sink, first));
    return;
  }
  if (!PY_PROGRAM.has(sink)) return;
  const shell = keywordArguments(call).get('shell')?.value;
  if (shell && shell.type !== 'false' && shell.type !== 'none') {
    reportIfTainted(context, call, first, 'shellCommand', () => pythonArgvFix(context, call, sink, first));
    return;
  }
  const program = first.type === 'list' || first.type === 'tuple' ? namedChildren(first)[0] : first;
  if (program) reportIfTainted(context, call, program, 'programFromInput', () => []);
}

function reportIfTainted(
  context: CodeRuleContext<MessageId>,
  call: SyntaxNode,
  argument: SyntaxNode,
  messageId: MessageId,
  fixes: () => FixDescriptor[],
): boolean {
  const inputs: TaintedInput[] = context.flow.taintedInputs(argument, 'command');
  if (inputs.length === 0) return false;
  context.report({
    messageId,
    data: { inputs: describeInputs(inputs), sink: sinkLabel(call.childForFieldName('function')), via: describeVia(inputs) },
    start: argument.startIndex,
    end: argument.endIndex,
    fixes: fixes(),
    related: relatedLocations(inputs),
  });
  return true;
}

function jsShellOption(options: SyntaxNode): boolean {
  return namedChildren(options).some((pair) => {
    if (pair.type === 'shorthand_property_identifier') return pair.text === 'shell';
    const value = pair.childForFieldName('value');
    return pair.type === 'pair' && pairKey(pair) === 'shell' && value !== null && value.type !== 'false' && value.type !== 'undefined' && value.type !== 'null';
  });
}

/** The quote character the command string was written with (after any prefix such as `f`). */
function quoteOf(node: SyntaxNode): string {
  const opening = node.firstChild?.type === 'string_start' ? node.firstChild.text : node.text;
  const quote = opening.replace(/^[a-zA-Z]+/, '')[0];
  return quote === '"' || quote === "'" ? quote : '"';
}

/** `cp.exec(`git log ${b}`, cb)` → `cp.execFile('git', ['log', b], cb)`. */
function jsArgvFix(context: CodeRuleContext<MessageId>, callee: SyntaxNode | null, command: SyntaxNode): FixDescriptor[] {
  if (!callee) return [];
  const tokens = splitCommandLine(command);
  if (!tokens || tokens.length === 0) return [];
  const method = callee.type === 'member_expression' ? callee.childForFieldName('property') : callee.type === 'identifier' ? callee : null;
  const twin = method ? JS_ARGV_TWIN[method.text] : undefined;
  if (!method || !twin) return [];
  const edits: TextEdit[] = [];
  if (callee.type === 'identifier') {
    // A named import: the twin must be imported too.
    const importEdit = addNamedImport(context, method.text, twin);
    if (importEdit === undefined) return [];
    if (importEdit) edits.push(importEdit);
  }
  const quote = "'";
  const [program, ...rest] = tokens.map((token) => tokenSource(token, 'js-ts', quote));
  edits.push({ start: method.startIndex, end: method.endIndex, newText: twin });
  edits.push({ start: command.startIndex, end: command.endIndex, newText: `${program}, [${rest.join(', ')}]` });
  return [{ title: `Run the program without a shell: ${twin}(${program}, [${rest.join(', ')}])`, edits }];
}

/**
 * Adds `twin` beside `existing` in the `import { … }` that brings `existing`: null when it is
 * already imported, undefined when `existing` does not come from a named import.
 */
function addNamedImport(context: CodeRuleContext<MessageId>, existing: string, twin: string): TextEdit | null | undefined {
  for (const statement of namedChildren(context.root).filter((child) => child.type === 'import_statement')) {
    const named = statement.descendantsOfType('named_imports')[0];
    if (!named) continue;
    const specifiers = namedChildren(named).filter((child) => child.type === 'import_specifier');
    const names = specifiers.map((specifier) => specifier.childForFieldName('alias')?.text ?? specifier.childForFieldName('name')?.text);
    if (!names.includes(existing)) continue;
    if (names.includes(twin)) return null;
    const last = specifiers[specifiers.length - 1]!;
    return { start: last.endIndex, end: last.endIndex, newText: `, ${twin}` };
  }
  return undefined;
}

/** `subprocess.run(f"ping -c 1 {host}", shell=True)` → `subprocess.run(["ping", "-c", "1", host])`; `os.system(…)` → `subprocess.call([…])`. */
function pythonArgvFix(context: CodeRuleContext<MessageId>, call: SyntaxNode, sink: string, command: SyntaxNode): FixDescriptor[] {
  const tokens = splitCommandLine(command);
  if (!tokens || tokens.length === 0) return [];
  const quote = quoteOf(command);
  const argv = `[${tokens.map((token) => tokenSource(token, 'python', quote)).join(', ')}]`;
  const edits: TextEdit[] = [{ start: command.startIndex, end: command.endIndex, newText: argv }];
  let replacement: string | undefined;
  if (sink === 'os.system') {
    replacement = 'subprocess.call';
  } else if (sink.startsWith('subprocess.') && sink !== 'subprocess.getoutput' && sink !== 'subprocess.getstatusoutput') {
    const shell = keywordArguments(call).get('shell');
    if (shell) edits.push({ ...listItemRemoval(shell.argument, context.source), newText: '' });
  } else {
    return [];
  }
  if (replacement) {
    const callee = call.childForFieldName('function')!;
    edits.push({ start: callee.startIndex, end: callee.endIndex, newText: replacement });
    if (!context.flow.imports.lookup('subprocess')) {
      const imports = namedChildren(context.root).filter((child) => child.type === 'import_statement' || child.type === 'import_from_statement');
      const anchor = imports[imports.length - 1];
      if (!anchor) return [];
      edits.push({ start: anchor.endIndex, end: anchor.endIndex, newText: '\nimport subprocess' });
    }
  }
  return [{ title: `Run the program without a shell: ${replacement ?? sink}(${argv})`, edits }];
}
