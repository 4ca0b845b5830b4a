import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import { describeInputs, describeVia, relatedLocations, sinkLabel } from '../../analyzer/flow/sink-report';
import type { CodeRuleContext } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { dottedName, keywordArguments, pairKey, positionalArguments, staticString } from '../../analyzer/syntax/nodes';
import { namedChildren } from '../../analyzer/syntax/tree';
import { FUNCTION_TYPES } from '../../analyzer/flow/tool-handlers';
import { lastNames } from '../../analyzer/flow/imports';

type MessageId = 'pathFromInput';
type Operation = 'read' | 'write' | 'delete' | 'list' | 'move or overwrite' | 'inspect' | 'change the permissions of';

/** A file-system call: what it does, and which arguments (by position, or Python keyword) are paths. */
interface FileSink {
  operation: Operation;
  positions: readonly number[];
  keywords?: readonly string[];
  /** Takes a mode (`'w'`, `"a+"`) that decides between reading and writing. */
  opens?: boolean;
}

const sink = (operation: Operation, positions: readonly number[] = [0], keywords?: readonly string[]): FileSink => ({ operation, positions, keywords });

/** Node `fs` functions by name; the `Sync` twins and the promise API share them. */
const NODE_FS: Record<string, FileSink> = {
  readFile: sink('read'),
  createReadStream: sink('read'),
  open: { ...sink('read'), opens: true },
  opendir: sink('list'),
  readdir: sink('list'),
  readlink: sink('inspect'),
  watch: sink('inspect'),
  watchFile: sink('inspect'),
  stat: sink('inspect'),
  lstat: sink('inspect'),
  access: sink('inspect'),
  writeFile: sink('write'),
  appendFile: sink('write'),
  createWriteStream: sink('write'),
  mkdir: sink('write'),
  mkdtemp: sink('write'),
  truncate: sink('write'),
  utimes: sink('write'),
  unlink: sink('delete'),
  rm: sink('delete'),
  rmdir: sink('delete'),
  chmod: sink('change the permissions of'),
  chown: sink('change the permissions of'),
  lchown: sink('change the permissions of'),
  copyFile: sink('move or overwrite', [0, 1]),
  cp: sink('move or overwrite', [0, 1]),
  rename: sink('move or overwrite', [0, 1]),
  link: sink('move or overwrite', [0, 1]),
  symlink: sink('move or overwrite', [0, 1]),
  // fs-extra
  readJson: sink('read'),
  writeJson: sink('write'),
  outputFile: sink('write'),
  outputJson: sink('write'),
  ensureDir: sink('write'),
  ensureFile: sink('write'),
  mkdirp: sink('write'),
  mkdirs: sink('write'),
  emptyDir: sink('delete'),
  remove: sink('delete'),
  copy: sink('move or overwrite', [0, 1]),
  move: sink('move or overwrite', [0, 1]),
};
const NODE_FS_MODULES = new Set(['fs', 'fs/promises', 'fs.promises', 'fs-extra', 'fs-extra.promises', 'graceful-fs']);
/** Runtime globals with file APIs (no import needed). */
const JS_GLOBAL_SINKS: Record<string, FileSink> = {
  'Deno.readTextFile': sink('read'),
  'Deno.readFile': sink('read'),
  'Deno.open': sink('read'),
  'Deno.readDir': sink('list'),
  'Deno.writeTextFile': sink('write'),
  'Deno.writeFile': sink('write'),
  'Deno.remove': sink('delete'),
  'Bun.file': sink('read'),
  'Bun.write': sink('write'),
};

const PY_SINKS: Record<string, FileSink> = {
  open: { ...sink('read', [0], ['file']), opens: true },
  'io.open': { ...sink('read', [0], ['file']), opens: true },
  'codecs.open': { ...sink('read', [0], ['filename']), opens: true },
  'os.open': sink('read', [0], ['path']),
  'aiofiles.open': { ...sink('read', [0], ['file']), opens: true },
  'os.listdir': sink('list', [0], ['path']),
  'os.scandir': sink('list', [0], ['path']),
  'os.walk': sink('list', [0], ['top']),
  'glob.glob': sink('list', [0], ['pathname']),
  'glob.iglob': sink('list', [0], ['pathname']),
  'os.stat': sink('inspect', [0], ['path']),
  'os.lstat': sink('inspect', [0], ['path']),
  'os.readlink': sink('inspect', [0], ['path']),
  'os.makedirs': sink('write', [0], ['name']),
  'os.mkdir': sink('write', [0], ['path']),
  'os.truncate': sink('write', [0], ['path']),
  'os.utime': sink('write', [0], ['path']),
  'os.remove': sink('delete', [0], ['path']),
  'os.unlink': sink('delete', [0], ['path']),
  'os.rmdir': sink('delete', [0], ['path']),
  'os.removedirs': sink('delete', [0], ['name']),
  'shutil.rmtree': sink('delete', [0], ['path']),
  'os.chmod': sink('change the permissions of', [0], ['path']),
  'os.chown': sink('change the permissions of', [0], ['path']),
  'shutil.chown': sink('change the permissions of', [0], ['path']),
  'os.rename': sink('move or overwrite', [0, 1], ['src', 'dst']),
  'os.renames': sink('move or overwrite', [0, 1], ['old', 'new']),
  'os.replace': sink('move or overwrite', [0, 1], ['src', 'dst']),
  'os.symlink': sink('move or overwrite', [0, 1], ['src', 'dst']),
  'os.link': sink('move or overwrite', [0, 1], ['src', 'dst']),
  'shutil.copy': sink('move or overwrite', [0, 1], ['src', 'dst']),
  'shutil.copy2': sink('move or overwrite', [0, 1], ['src', 'dst']),
  'shutil.copyfile': sink('move or overwrite', [0, 1], ['src', 'dst']),
  'shutil.copytree': sink('move or overwrite', [0, 1], ['src', 'dst']),
  'shutil.move': sink('move or overwrite', [0, 1], ['src', 'dst']),
  'shutil.unpack_archive': sink('move or overwrite', [0, 1], ['filename', 'extract_dir']),
  'aiofiles.os.remove': sink('delete', [0], ['path']),
  'aiofiles.os.unlink': sink('delete', [0], ['path']),
  'aiofiles.os.rename': sink('move or overwrite', [0, 1], ['src', 'dst']),
  'aiofiles.os.listdir': sink('list', [0], ['path']),
  'aiofiles.os.makedirs': sink('write', [0], ['name']),
  'aiofiles.os.mkdir': sink('write', [0], ['path']),
  'flask.send_file': sink('read', [0], ['path_or_file']),
  'starlette.responses.FileResponse': sink('read', [0], ['path']),
  'fastapi.responses.FileResponse': sink('read', [0], ['path']),
};

/**
 * `pathlib.Path` methods: the path is the receiver (`Path(p).read_text()`). None of these names is a
 * `str` method, except `replace`, which `str` calls with two arguments and `Path` with one.
 */
const PATH_METHODS: Record<string, { operation: Operation; argumentIsPath?: boolean; arity?: number; opens?: boolean }> = {
  read_text: { operation: 'read' },
  read_bytes: { operation: 'read' },
  open: { operation: 'read', opens: true },
  write_text: { operation: 'write' },
  write_bytes: { operation: 'write' },
  touch: { operation: 'write' },
  mkdir: { operation: 'write' },
  iterdir: { operation: 'list' },
  glob: { operation: 'list', argumentIsPath: true },
  rglob: { operation: 'list', argumentIsPath: true },
  unlink: { operation: 'delete' },
  rmdir: { operation: 'delete' },
  chmod: { operation: 'change the permissions of' },
  rename: { operation: 'move or overwrite', argumentIsPath: true },
  replace: { operation: 'move or overwrite', argumentIsPath: true, arity: 1 },
  symlink_to: { operation: 'move or overwrite', argumentIsPath: true },
  hardlink_to: { operation: 'move or overwrite', argumentIsPath: true },
};

/** Express `res.sendFile` / `res.download`: safe with a `root` option, which rejects `..`. */
const EXPRESS_FILE_METHODS = new Set(['sendFile', 'download']);
/** Callee names worth a look; everything else is skipped before any tree work. */
const JS_CALLEES = new Set([...Object.keys(NODE_FS), ...Object.keys(NODE_FS).map((name) => `${name}Sync`), ...lastNames(Object.keys(JS_GLOBAL_SINKS)), ...EXPRESS_FILE_METHODS]);
const PY_CALLEES = new Set([...lastNames(Object.keys(PY_SINKS)), 'open', ...Object.keys(PATH_METHODS)]);
const EXPRESS_RESPONSE_NAMES = /^(?:res|resp|response)$/;

export default defineRule<MessageId>(
  {
    id: 'no-path-traversal',
    group: 'source',
    description: 'Disallow tool input in file-system paths without a containment check',
    defaultSeverity: 'error',
    confidence: 'high',
    cwe: ['CWE-22'],
    owaspMcp: 'MCP05',
    control: 6,
    fix: 'none',
    messages: {
      pathFromInput:
        'Tool input {{inputs}} reaches the file path of {{sink}}{{via}} without being resolved and checked against a root directory: `../` segments or an absolute path let the model, or a prompt injection it has read, {{operation}} files outside the directory this tool is meant to use.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/server/resources#security-considerations',
      'https://cwe.mitre.org/data/definitions/22.html',
      'https://owasp.org/www-community/attacks/Path_Traversal',
      'https://nodejs.org/api/path.html#pathresolvepaths',
      'https://docs.python.org/3/library/pathlib.html#pathlib.PurePath.is_relative_to',
    ],
  },
  {
    'js-ts': (context) => ({
      call_expression: {
        callees: JS_CALLEES,
        visit(call) {
          const callee = call.childForFieldName('function');
          const args = positionalArguments(call);
          const found = jsSink(context, callee, args);
          if (!found) return;
          for (const index of found.positions) {
            const argument = args[index];
            if (argument && reportIfTainted(context, call, argument, openMode(found, args[1]))) return;
          }
        },
      },
    }),
    python: (context) => ({
      call: { callees: PY_CALLEES, visit: (call) => visitPythonCall(context, call) },
    }),
  },
);

function visitPythonCall(context: CodeRuleContext<MessageId>, call: SyntaxNode): void {
  const callee = call.childForFieldName('function');
  const found = pythonSink(context, callee);
  if (found) {
    const args = positionalArguments(call);
    const keywords = keywordArguments(call);
    const paths = [...found.positions.map((index) => args[index]), ...(found.keywords ?? []).map((name) => keywords.get(name)?.value)];
    const operation = openMode(found, keywords.get('mode')?.value ?? args[1]);
    for (const argument of paths) if (argument && reportIfTainted(context, call, argument, operation)) return;
    return;
  }
  if (callee?.type !== 'attribute') return;
  const method = own(PATH_METHODS, callee.childForFieldName('attribute')?.text ?? '');
  const receiver = callee.childForFieldName('object');
  const args = positionalArguments(call);
  if (!method || !receiver || (method.arity !== undefined && args.length !== method.arity)) return;
  if (reportIfTainted(context, call, receiver, openMode(method, keywordArguments(call).get('mode')?.value ?? args[0]))) return;
  if (method.argumentIsPath && args[0]) reportIfTainted(context, call, args[0], method.operation);
}

/** `open(p, "w")`, `fs.open(p, 'a')`: an open for writing writes. */
function openMode(found: { operation: Operation; opens?: boolean }, mode: SyntaxNode | undefined): Operation {
  return found.opens === true && /[wax+]/.test(staticString(mode) ?? '') ? 'write' : found.operation;
}

/** A table entry, never an inherited `Object.prototype` member (`fs.toString`). */
function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function jsSink(context: CodeRuleContext<MessageId>, callee: SyntaxNode | null, args: SyntaxNode[]): FileSink | undefined {
  const qualified = context.flow.imports.qualify(callee);
  if (qualified) {
    const dot = qualified.lastIndexOf('.');
    return dot > 0 && NODE_FS_MODULES.has(qualified.slice(0, dot)) ? own(NODE_FS, qualified.slice(dot + 1).replace(/Sync$/, '')) : undefined;
  }
  const dotted = dottedName(callee);
  const runtime = dotted ? own(JS_GLOBAL_SINKS, dotted) : undefined;
  if (runtime && !context.flow.imports.lookup(dotted!.split('.')[0]!)) return runtime;
  if (callee?.type !== 'member_expression') return undefined;
  const method = callee.childForFieldName('property')?.text ?? '';
  const receiver = callee.childForFieldName('object');
  if (!EXPRESS_FILE_METHODS.has(method) || !receiver || !EXPRESS_RESPONSE_NAMES.test(receiver.text)) return undefined;
  if (args.slice(1).some((argument) => argument.type === 'object' && namedChildren(argument).some((pair) => pair.type === 'pair' && pairKey(pair) === 'root'))) return undefined;
  return sink('read');
}

function pythonSink(context: CodeRuleContext<MessageId>, callee: SyntaxNode | null): FileSink | undefined {
  const qualified = context.flow.imports.qualify(callee);
  if (qualified) return own(PY_SINKS, qualified);
  // The builtin, unless the file defines its own `open`.
  if (callee?.type === 'identifier' && callee.text === 'open' && !context.flow.functions.has('open')) return PY_SINKS.open;
  return undefined;
}

function reportIfTainted(context: CodeRuleContext<MessageId>, call: SyntaxNode, argument: SyntaxNode, operation: Operation): boolean {
  const inputs = context.flow.taintedInputs(argument, 'path');
  if (inputs.length === 0 || (context.language !== 'python' && containedByRelativeCheck(context, argument))) return false;
  context.report({
    messageId: 'pathFromInput',
    data: { inputs: describeInputs(inputs), sink: sinkLabel(call.childForFieldName('function')), via: describeVia(inputs), operation },
    start: argument.startIndex,
    end: argument.endIndex,
    related: relatedLocations(inputs),
  });
  return true;
}

/**
 * A common Node idiom: `const rel = path.relative(root, full); if (rel.startsWith('..') ||
 * path.isAbsolute(rel)) throw …`. `path.relative` resolves both sides itself, so the check contains
 * `full` even when `full` was only joined.
 */
function containedByRelativeCheck(context: CodeRuleContext<MessageId>, argument: SyntaxNode): boolean {
  if (argument.type !== 'identifier') return false;
  let fn: SyntaxNode | null = argument.parent;
  while (fn && !FUNCTION_TYPES.has(fn.type)) fn = fn.parent;
  const body = fn?.childForFieldName('body');
  if (!body) return false;
  const before = (node: SyntaxNode | null): node is SyntaxNode => node !== null && node.startIndex < argument.startIndex;
  const relativeNames = new Set(
    body
      .descendantsOfType('variable_declarator')
      .filter(before)
      .filter((declarator) => {
        const value = declarator.childForFieldName('value');
        return value?.type === 'call_expression' && context.flow.imports.qualify(value.childForFieldName('function')) === 'path.relative' && positionalArguments(value)[1]?.text === argument.text;
      })
      .map((declarator) => declarator.childForFieldName('name')?.text),
  );
  return body
    .descendantsOfType('call_expression')
    .filter(before)
    .some((check) => {
      const callee = check.childForFieldName('function');
      return (
        callee?.type === 'member_expression' &&
        callee.childForFieldName('property')?.text === 'startsWith' &&
        relativeNames.has(callee.childForFieldName('object')?.text) &&
        staticString(positionalArguments(check)[0])?.startsWith('..') === true &&
        inIfCondition(check)
      );
    });
}

function inIfCondition(node: SyntaxNode): boolean {
  for (let current = node; current.parent; current = current.parent) {
    if (current.parent.type === 'if_statement') return current.parent.childForFieldName('condition')?.id === current.id;
    if (current.parent.type === 'statement_block') return false;
  }
  return false;
}
