import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import { describeInputs, describeVia, relatedLocations, sinkLabel } from '../../analyzer/flow/sink-report';
import type { TextEdit } from '../../analyzer/finding';
import type { CodeRuleContext, FixDescriptor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { calleeOf, dottedName, keywordArguments, positionalArguments } from '../../analyzer/syntax/nodes';
import { namedChildren } from '../../analyzer/syntax/tree';
import { lastNames } from '../../analyzer/flow/imports';

type MessageId = 'codeFromInput';
type Context = CodeRuleContext<MessageId>;

/** Globals that compile a string, and whether every argument is code (`new Function(a, b, body)`). */
const JS_GLOBAL_SINKS: ReadonlyMap<string, 'first' | 'all'> = new Map<string, 'first' | 'all'>([
  ['eval', 'first'],
  ['Function', 'all'],
  // A string first argument is compiled as a function body (browsers, Deno, Bun).
  ['setTimeout', 'first'],
  ['setInterval', 'first'],
]);
const JS_GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'global', 'self']);
const JS_MODULE_SINKS = new Set(['vm.runInNewContext', 'vm.runInThisContext', 'vm.runInContext', 'vm.compileFunction', 'vm.Script', 'vm.SourceTextModule']);
const PY_BUILTIN_SINKS = new Set(['eval', 'exec', 'compile']);
/** Callee names worth a look (the engine adds import aliases). */
const JS_CALLEES = new Set([...JS_GLOBAL_SINKS.keys(), ...lastNames(JS_MODULE_SINKS)]);

export default defineRule<MessageId>(
  {
    id: 'no-code-injection',
    group: 'source',
    description: 'Disallow tool input in code that is evaluated',
    defaultSeverity: 'error',
    confidence: 'high',
    cwe: ['CWE-94', 'CWE-95'],
    owaspMcp: 'MCP05',
    control: 6,
    fix: 'suggestion',
    messages: {
      codeFromInput:
        'Tool input {{inputs}} reaches {{sink}}{{via}}, which runs it as code: the model, or a prompt injection it has read, can run any code with this server\'s privileges.',
    },
    references: [
      'https://cwe.mitre.org/data/definitions/94.html',
      'https://cwe.mitre.org/data/definitions/95.html',
      'https://nodejs.org/api/vm.html#vm-executing-javascript',
      'https://docs.python.org/3/library/functions.html#eval',
      'https://docs.python.org/3/library/ast.html#ast.literal_eval',
      'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations',
    ],
  },
  {
    'js-ts': (context) => {
      const check = (call: SyntaxNode, callee: SyntaxNode | null) => {
        const mode = jsSinkMode(context, callee);
        if (!mode) return;
        const args = positionalArguments(call);
        for (const argument of mode === 'all' ? args : args.slice(0, 1)) if (reportIfTainted(context, callee, argument, () => [])) return;
      };
      const visit = (call: SyntaxNode) => check(call, calleeOf(call));
      return {
        call_expression: { callees: JS_CALLEES, visit },
        new_expression: { callees: JS_CALLEES, visit },
      };
    },
    python: (context) => ({
      call: {
        callees: PY_BUILTIN_SINKS,
        visit(call) {
          const callee = calleeOf(call);
          const name = pythonSink(context, callee);
          if (!name) return;
          const [source] = positionalArguments(call);
          if (source) reportIfTainted(context, callee, source, () => (name === 'eval' ? literalEvalFix(context, call, callee!) : []));
        },
      },
    }),
  },
);

function isShadowed(context: Context, name: string): boolean {
  return context.flow.functions.has(name) || context.flow.imports.lookup(name) !== undefined;
}

/** `eval`, `window.eval`, `new Function`, `vm.runInNewContext`; not `page.eval` or `model.eval`. */
function jsSinkMode(context: Context, callee: SyntaxNode | null): 'first' | 'all' | undefined {
  if (!callee) return undefined;
  const qualified = context.flow.imports.qualify(callee);
  if (qualified) return JS_MODULE_SINKS.has(qualified) ? 'first' : undefined;
  const dotted = dottedName(callee);
  if (!dotted) return undefined;
  const parts = dotted.split('.');
  const name = parts.length === 1 ? parts[0]! : parts.length === 2 && JS_GLOBAL_OBJECTS.has(parts[0]!) ? parts[1]! : undefined;
  if (name === undefined || (parts.length === 1 && isShadowed(context, name))) return undefined;
  return JS_GLOBAL_SINKS.get(name);
}

/** The builtin `eval`, `exec` or `compile` (also as `builtins.eval`); not `re.compile` or `model.eval`. */
function pythonSink(context: Context, callee: SyntaxNode | null): string | undefined {
  if (callee?.type === 'identifier') return PY_BUILTIN_SINKS.has(callee.text) && !isShadowed(context, callee.text) ? callee.text : undefined;
  const qualified = context.flow.imports.qualify(callee);
  const name = qualified?.startsWith('builtins.') ? qualified.slice('builtins.'.length) : undefined;
  return name && PY_BUILTIN_SINKS.has(name) ? name : undefined;
}

function reportIfTainted(context: Context, callee: SyntaxNode | null, argument: SyntaxNode, fixes: () => FixDescriptor[]): boolean {
  const inputs = context.flow.taintedInputs(argument, 'code');
  if (inputs.length === 0) return false;
  context.report({
    messageId: 'codeFromInput',
    data: { inputs: describeInputs(inputs), sink: sinkLabel(callee), via: describeVia(inputs) },
    start: argument.startIndex,
    end: argument.endIndex,
    fixes: fixes(),
    related: relatedLocations(inputs),
  });
  return true;
}

/**
 * `eval(text)` → `ast.literal_eval(text)`, which accepts only Python literals (numbers, strings,
 * lists, dicts, …). Not offered when `eval` gets globals or locals: then it is meant to run code.
 */
function literalEvalFix(context: Context, call: SyntaxNode, callee: SyntaxNode): FixDescriptor[] {
  if (callee.type !== 'identifier' || positionalArguments(call).length !== 1 || keywordArguments(call).size > 0) return [];
  const edits: TextEdit[] = [{ start: callee.startIndex, end: callee.endIndex, newText: 'ast.literal_eval' }];
  const ast = context.flow.imports.lookup('ast');
  if (ast) return ast.module === 'ast' && ast.name === undefined ? [fix(edits)] : [];
  const importEdit = astImport(context);
  return importEdit ? [fix([...edits, importEdit])] : [];
}

function fix(edits: TextEdit[]): FixDescriptor {
  return { title: 'Accept Python literals only: ast.literal_eval(…) (no names, calls or operators)', edits };
}

/** `import ast` in alphabetical order among the plain imports, else after the last import. */
function astImport(context: Context): TextEdit | undefined {
  const imports = namedChildren(context.root).filter((child) => child.type === 'import_statement' || child.type === 'import_from_statement');
  const plain = imports.filter((statement) => statement.type === 'import_statement');
  const next = plain.find((statement) => (statement.childForFieldName('name')?.text ?? '') > 'ast');
  if (next) return { start: next.startIndex, end: next.startIndex, newText: 'import ast\n' };
  const anchor = plain[plain.length - 1] ?? imports[imports.length - 1];
  return anchor ? { start: anchor.endIndex, end: anchor.endIndex, newText: '\nimport ast' } : undefined;
}
