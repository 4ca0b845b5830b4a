import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import type { FixDescriptor, MetadataRuleContext } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import type { AnnotationHint, DeclaredMetadata } from '../../analyzer/mcp/tool-metadata';
import { calleeName, calleeOf, dottedName, keywordArguments, namedChildren, pairKey, positionalArguments, staticString } from '../../analyzer/syntax/nodes';
import { identifierWords } from '../../analyzer/text/identifier-words';

type MessageId = 'readOnlyButChanges' | 'notDestructiveButDeletes' | 'undeclaredDestructive' | 'readOnlyByName' | 'notDestructiveByName';

export default defineRule<MessageId>(
  {
    id: 'require-accurate-annotations',
    group: 'tool-metadata',
    description: "Require tool annotations that match what the tool's handler does",
    defaultSeverity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-684'],
    owaspMcp: 'MCP03',
    control: 4,
    fix: 'suggestion',
    messages: {
      readOnlyButChanges:
        "Tool '{{name}}' declares {{hint}}, but its handler {{behaviour}} ({{call}} on line {{line}}): clients that trust the hint skip or soften the approval prompt, so users approve a change they were told cannot happen.",
      notDestructiveButDeletes:
        "Tool '{{name}}' declares {{hint}}, but its handler {{behaviour}} ({{call}} on line {{line}}): the hint says the tool only adds, so clients that trust it run a deletion without the confirmation a destructive tool gets.",
      undeclaredDestructive:
        "Tool '{{name}}' {{behaviour}} ({{call}} on line {{line}}) but declares no annotations. The spec defaults (readOnlyHint: false, destructiveHint: true) fit; declare them explicitly so reviewers and clients see that the tool is destructive.",
      readOnlyByName: "Tool '{{name}}' declares {{hint}}, but its name says it {{verb}}s: clients that trust the hint may run it without asking the user first.",
      notDestructiveByName: "Tool '{{name}}' declares {{hint}}, but its name says it {{verb}}s: clients that trust the hint may run it without the confirmation a destructive tool gets.",
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/server/tools',
      'https://modelcontextprotocol.io/specification/2025-11-25/schema#toolannotations',
      'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations',
    ],
  },
  {
    'tool-metadata': (context) => {
      for (const declaration of context.declarations) {
        if (declaration.kind !== 'tool' || declaration.name === undefined) continue;
        checkTool(context, declaration as DeclaredMetadata & { name: string });
      }
    },
  },
);

type Effect = 'deletes' | 'writes' | 'executes' | 'sends';

/** Something the handler does that a hint can contradict. */
interface Observed {
  effect: Effect;
  /** "deletes files", "runs `git push`". */
  behaviour: string;
  /** The callee as written: "fs.unlink", "requests.post". */
  call: string;
  node: SyntaxNode;
}

const EFFECT_ORDER: readonly Effect[] = ['deletes', 'writes', 'executes', 'sends'];

function checkTool(context: MetadataRuleContext<MessageId>, tool: DeclaredMetadata & { name: string }): void {
  const readOnly = tool.annotations.get('readOnlyHint');
  const destructive = tool.annotations.get('destructiveHint');
  const handler = resolveHandler(context, tool.handler);
  const observed = handler ? new HandlerScanner(context).scan(handler) : [];
  const first = (effects: readonly Effect[]) => EFFECT_ORDER.filter((effect) => effects.includes(effect)).map((effect) => observed.find((item) => item.effect === effect)).find((item) => item !== undefined);

  if (observed.length > 0) {
    const line = (item: Observed) => context.source.lines.lineOf(item.node.startIndex) + 1;
    const related = (item: Observed) => [{ start: item.node.startIndex, end: item.node.endIndex, message: `the handler ${item.behaviour} here` }];
    const changes = first(EFFECT_ORDER);
    if (readOnly?.value === true && changes) {
      context.report({ messageId: 'readOnlyButChanges', data: { name: tool.name, hint: written(context, readOnly), behaviour: changes.behaviour, call: changes.call, line: line(changes) }, ...readOnly, fixes: flip(context, readOnly, 'readOnlyHint'), related: related(changes) });
    }
    const deletes = first(['deletes']);
    if (destructive?.value === false && deletes) {
      context.report({ messageId: 'notDestructiveButDeletes', data: { name: tool.name, hint: written(context, destructive), behaviour: deletes.behaviour, call: deletes.call, line: line(deletes) }, ...destructive, fixes: flip(context, destructive, 'destructiveHint'), related: related(deletes) });
    }
    if (tool.annotations.size === 0 && deletes && tool.nameRange) {
      context.report({ messageId: 'undeclaredDestructive', severity: 'info', data: { name: tool.name, behaviour: deletes.behaviour, call: deletes.call, line: line(deletes) }, ...tool.nameRange, related: related(deletes) });
    }
    return;
  }

  // No handler to read (a tools/list file, a handler in another module): the name is the evidence.
  const verb = destructiveVerb(tool.name);
  if (!verb) return;
  if (readOnly?.value === true) context.report({ messageId: 'readOnlyByName', severity: 'info', data: { name: tool.name, hint: written(context, readOnly), verb }, ...readOnly, fixes: flip(context, readOnly, 'readOnlyHint') });
  if (destructive?.value === false) context.report({ messageId: 'notDestructiveByName', severity: 'info', data: { name: tool.name, hint: written(context, destructive), verb }, ...destructive, fixes: flip(context, destructive, 'destructiveHint') });
}

const DESTRUCTIVE_VERBS = new Set(['delete', 'remove', 'drop', 'destroy', 'purge', 'wipe', 'erase', 'truncate', 'rm', 'unlink']);

/** `delete_repo`, `repo.delete`, `removeUser` → the verb; `get_deleted_items`, `undelete` → none. */
function destructiveVerb(name: string): string | undefined {
  const words = identifierWords(name);
  return words.find((word) => DESTRUCTIVE_VERBS.has(word));
}

/** The hint as written: `readOnlyHint: true`, `readOnlyHint=True`, `"readOnlyHint": true`. */
function written(context: MetadataRuleContext<MessageId>, hint: AnnotationHint): string {
  return context.source.text.slice(hint.start, hint.end).replace(/\s+/g, ' ');
}

/** `readOnlyHint: true` → `false`, in the file's own spelling (`True` in Python). */
function flip(context: MetadataRuleContext<MessageId>, hint: AnnotationHint, key: string): FixDescriptor[] | undefined {
  // A saved tools/list result records what a server said; editing it changes nothing.
  if (context.language === undefined) return undefined;
  const written = context.source.text.slice(hint.start, hint.end);
  const match = /(true|false|True|False)\s*$/.exec(written);
  if (!match) return undefined;
  const replacement = { true: 'false', false: 'true', True: 'False', False: 'True' }[match[1] as 'true' | 'false' | 'True' | 'False'];
  const start = hint.start + match.index;
  return [{ title: `Set ${key} to ${replacement}`, edits: [{ start, end: start + match[1]!.length, newText: replacement }] }];
}

function resolveHandler(context: MetadataRuleContext<MessageId>, handler: SyntaxNode | undefined): SyntaxNode | undefined {
  if (handler?.type === 'identifier') return context.flow?.functions.get(handler.text);
  return handler;
}

// ---------------------------------------------------------------------------------------------
// What a handler does, read from the calls in it (and in local helpers it calls, two levels deep)

const JS_FS_DELETE = new Set(['unlink', 'unlinkSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync', 'remove', 'removeSync', 'emptyDir', 'emptyDirSync']);
const JS_FS_WRITE = new Set([
  'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createWriteStream', 'mkdir', 'mkdirSync', 'rename', 'renameSync', 'copyFile', 'copyFileSync', 'cp', 'cpSync', 'truncate',
  'truncateSync', 'symlink', 'symlinkSync', 'chmod', 'chmodSync', 'outputFile', 'outputFileSync', 'outputJson', 'writeJson', 'writeJSON', 'writeJsonSync', 'copy', 'copySync', 'move', 'moveSync', 'ensureDir', 'ensureFile', 'mkdirp',
]);
const JS_FS_MODULES = new Set(['fs', 'fs/promises', 'fs-extra', 'graceful-fs']);
const JS_EXEC = new Set(['exec', 'execSync', 'execFile', 'execFileSync', 'spawn', 'spawnSync', 'fork', 'execa', 'execaSync', 'execaCommand', 'execaCommandSync', '$']);
const JS_EXEC_MODULES = new Set(['child_process', 'execa', 'zx', 'shelljs', 'cross-spawn']);
const JS_HTTP_MODULES = new Set(['axios', 'got', 'ky', 'superagent', 'node-fetch', 'undici', 'cross-fetch']);
const FETCH_MODULES = new Set(['node-fetch', 'undici', 'cross-fetch']);
const HTTP_METHODS = new Set(['post', 'put', 'patch', 'delete']);
/** Receivers whose `.post/.put/.patch/.delete` is an HTTP request. */
const HTTP_RECEIVER = /(?:^|\.)\w*(?:client|api|http|session|axios|requests|httpx|rest|octokit)$/i;
/** Receivers whose `.delete` removes stored data, not an entry of an in-memory `Map`. */
const STORE_RECEIVER = /(?:^|\.)\w*(?:prisma|supabase|db|database|repo|repository|bucket|storage|s3|collection|model|redis|table)$/i;
/** Scratch space a tool may clean up without being destructive. */
const SCRATCH = /te?mp|cache|lock/i;
/** Writes that keep a read-only tool read-only: logs, audit trails, caches, temporary files. */
const BOOKKEEPING = /log|audit|cache|te?mp|trace|metric/i;
/** URLs of POST endpoints that read: search, GraphQL queries, RPC, model inference. */
const READING_POST = /search|query|graphql|rpc|completions|embeddings|chat|generate|translate|classify|predict|infer|summar|lookup|_count|validate|render|tokenize/i;
const SQL_METHODS = new Set(['query', 'execute', 'executemany', 'executescript', 'exec', 'run', 'raw', '$executeRaw', '$executeRawUnsafe', 'queryRaw', 'unsafe']);
const SQL_DELETE = /^\s*(?:DELETE|DROP|TRUNCATE)\b/i;
const SQL_WRITE = /^\s*(?:INSERT|UPDATE|REPLACE|MERGE|UPSERT|CREATE|ALTER)\b/i;

const PY_DELETE = new Set(['os.remove', 'os.unlink', 'os.rmdir', 'os.removedirs', 'shutil.rmtree']);
const PY_WRITE = new Set(['os.rename', 'os.replace', 'os.makedirs', 'os.mkdir', 'os.truncate', 'os.chmod', 'os.symlink', 'shutil.move', 'shutil.copy', 'shutil.copy2', 'shutil.copyfile', 'shutil.copytree']);
const PY_EXEC = new Set([
  'subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.Popen', 'subprocess.getoutput', 'subprocess.getstatusoutput', 'os.system', 'os.popen',
  'asyncio.create_subprocess_exec', 'asyncio.create_subprocess_shell',
]);
const PY_HTTP_MODULES = new Set(['requests', 'httpx', 'aiohttp']);
const PY_PATH_WRITE = new Set(['write_text', 'write_bytes', 'touch', 'mkdir']);
const PY_PATH_DELETE = new Set(['unlink', 'rmdir']);

/** Commands that only read, by program (and subcommand for multi-command tools). */
const READ_ONLY_PROGRAMS = new Set([
  'ls', 'cat', 'head', 'tail', 'grep', 'egrep', 'rg', 'ag', 'wc', 'stat', 'file', 'du', 'df', 'ps', 'uname', 'whoami', 'id', 'date', 'pwd', 'echo', 'which', 'env', 'printenv', 'hostname',
  'uptime', 'free', 'tree', 'jq', 'yq', 'sha256sum', 'shasum', 'md5sum', 'diff', 'cut', 'sort', 'uniq', 'nslookup', 'dig', 'host', 'whois', 'ping', 'lsof', 'netstat', 'ss', 'ffprobe', 'pdftotext', 'identify', 'tesseract', 'cloc', 'tokei',
]);
const READ_ONLY_SUBCOMMANDS: Readonly<Record<string, ReadonlySet<string>>> = {
  git: new Set(['log', 'status', 'diff', 'show', 'blame', 'ls-files', 'ls-tree', 'rev-parse', 'describe', 'shortlog', 'grep', 'cat-file', 'rev-list', 'reflog']),
  kubectl: new Set(['get', 'describe', 'logs', 'top', 'version', 'explain', 'api-resources']),
  docker: new Set(['ps', 'images', 'inspect', 'logs', 'version', 'info', 'stats']),
  npm: new Set(['ls', 'list', 'view', 'info', 'outdated', 'search']),
  pip: new Set(['list', 'show', 'freeze']),
  systemctl: new Set(['status', 'is-active', 'list-units']),
  brew: new Set(['list', 'info', 'search']),
};

class HandlerScanner {
  private readonly visited = new Set<number>();
  private readonly found: Observed[] = [];
  private readonly python: boolean;

  constructor(private readonly context: MetadataRuleContext<MessageId>) {
    this.python = context.language === 'python';
  }

  scan(handler: SyntaxNode): Observed[] {
    this.visit(handler, 0);
    return this.found;
  }

  private visit(fn: SyntaxNode, depth: number): void {
    if (this.visited.has(fn.id)) return;
    this.visited.add(fn.id);
    for (const call of fn.descendantsOfType(this.python ? 'call' : 'call_expression')) {
      if (!call) continue;
      const observed = this.python ? this.pythonCall(call) : this.jsCall(call);
      if (observed) this.found.push(observed);
      const callee = calleeOf(call);
      const helper = callee?.type === 'identifier' && depth < 2 ? this.context.flow?.functions.get(callee.text) : undefined;
      if (helper) this.visit(helper, depth + 1);
    }
  }

  private observed(effect: Effect, behaviour: string, call: SyntaxNode, label?: string): Observed {
    const callee = calleeOf(call);
    return { effect, behaviour, call: label ?? `${dottedName(callee) ?? callee?.text.slice(0, 40) ?? 'a call'}()`, node: callee ?? call };
  }

  private jsCall(call: SyntaxNode): Observed | undefined {
    const callee = calleeOf(call);
    const written = calleeName(call);
    if (!callee || !written) return undefined;
    // `const run = promisify(execFile)`: `run(…)` is child_process.execFile.
    const qualified = this.context.flow?.imports.qualify(callee);
    const dot = qualified?.lastIndexOf('.') ?? -1;
    const module = qualified === undefined ? undefined : dot < 0 ? qualified : qualified.slice(0, dot);
    const name = qualified === undefined || dot < 0 ? written : qualified.slice(dot + 1);
    const dotted = dottedName(callee);
    const args = positionalArguments(call);

    if (module !== undefined && JS_FS_MODULES.has(module.replace(/\.promises$/, ''))) {
      if (JS_FS_DELETE.has(name)) return this.delete(call, 'deletes files', args[0]);
      if (JS_FS_WRITE.has(name)) return this.write(call, args[0]);
      return undefined;
    }
    if (module !== undefined && JS_EXEC_MODULES.has(module) && (JS_EXEC.has(name) || qualified === module)) return this.command(call, commandWordsJs(name, args), args[0]);
    const isFetch = module === undefined ? dotted === 'fetch' : FETCH_MODULES.has(module) && (name === 'fetch' || qualified === module);
    if (isFetch || (module !== undefined && JS_HTTP_MODULES.has(module) && (qualified === module || name === 'request'))) {
      const options = isFetch ? args[1] : args[0];
      const method = staticString(objectValue(options, 'method'))?.toUpperCase();
      const url = isFetch ? args[0] : objectValue(options, 'url');
      return method ? this.request(call, method, url) : undefined;
    }
    if (HTTP_METHODS.has(name) && callee.type === 'member_expression') {
      const receiver = dottedName(callee.childForFieldName('object'));
      if ((module !== undefined && JS_HTTP_MODULES.has(module)) || (receiver !== undefined && HTTP_RECEIVER.test(receiver))) return this.request(call, name.toUpperCase(), args[0]);
      if (name === 'delete' && receiver !== undefined && STORE_RECEIVER.test(receiver)) return this.observed('deletes', 'deletes data', call);
    }
    if (/^(?:deleteMany|deleteOne|findOneAndDelete|findByIdAndDelete|bulkDelete)$|^delete[A-Z]\w*$/.test(name) && !/Property$/.test(name) && callee.type === 'member_expression') {
      return this.delete(call, 'deletes data', undefined, name);
    }
    if (SQL_METHODS.has(name) && callee.type === 'member_expression') return this.sql(call, args[0]);
    return undefined;
  }

  private pythonCall(call: SyntaxNode): Observed | undefined {
    const callee = calleeOf(call);
    const name = calleeName(call);
    if (!callee || !name) return undefined;
    const qualified = this.context.flow?.imports.qualify(callee);
    const args = positionalArguments(call);
    const keywords = keywordArguments(call);

    if (qualified !== undefined) {
      if (PY_DELETE.has(qualified)) return this.delete(call, 'deletes files', args[0]);
      if (PY_WRITE.has(qualified)) return this.write(call, args[0]);
      if (PY_EXEC.has(qualified)) return this.command(call, commandWordsPython(args[0]), args[0]);
      const module = qualified.split('.')[0]!;
      if (PY_HTTP_MODULES.has(module)) {
        if (HTTP_METHODS.has(name)) return this.request(call, name.toUpperCase(), args[0] ?? keywords.get('url')?.value);
        if (name === 'request') return this.request(call, staticString(args[0] ?? keywords.get('method')?.value)?.toUpperCase() ?? '', args[1] ?? keywords.get('url')?.value);
        return undefined;
      }
    }
    if ((callee.type === 'identifier' && name === 'open') || qualified === 'aiofiles.open') {
      const mode = staticString(args[1] ?? keywords.get('mode')?.value);
      return mode !== undefined && /[wax+]/.test(mode) ? this.write(call, args[0], `open(…, '${mode}')`) : undefined;
    }
    if (callee.type !== 'attribute') return undefined;
    const receiver = dottedName(callee.childForFieldName('object'));
    if (qualified === undefined && PY_PATH_DELETE.has(name) && args.length === 0) return this.delete(call, 'deletes files', callee.childForFieldName('object') ?? undefined);
    // `Path(…).write_text()`, `path.open("w")`: the path is the receiver.
    if (qualified === undefined && PY_PATH_WRITE.has(name)) return this.write(call, callee.childForFieldName('object') ?? undefined);
    if (name === 'open' && args.length > 0) {
      const mode = staticString(args[0]);
      if (mode !== undefined && /[wax+]/.test(mode)) return this.write(call, callee.childForFieldName('object') ?? undefined);
    }
    if (HTTP_METHODS.has(name) && receiver !== undefined && HTTP_RECEIVER.test(receiver)) return this.request(call, name.toUpperCase(), args[0] ?? keywords.get('url')?.value);
    if (name === 'delete' && receiver !== undefined && STORE_RECEIVER.test(receiver)) return this.observed('deletes', 'deletes data', call);
    if (/^(?:delete|remove|drop|purge|destroy)_\w+$/.test(name)) return this.delete(call, 'deletes data', undefined, name);
    if (SQL_METHODS.has(name)) return this.sql(call, args[0]);
    return undefined;
  }

  /** A deletion, unless of the tool's own temporary files or cache entries (`rm(tmpDir)`, `delete_cache_entry()`). */
  private delete(call: SyntaxNode, behaviour: string, target: SyntaxNode | undefined, method?: string): Observed | undefined {
    if ((target && SCRATCH.test(target.text.slice(0, 200))) || (method && SCRATCH.test(method))) return undefined;
    return this.observed('deletes', behaviour, call);
  }

  /** A file write, unless it only keeps a log, an audit trail, a cache or a temporary file. */
  private write(call: SyntaxNode, target: SyntaxNode | undefined, label?: string): Observed | undefined {
    if (target && BOOKKEEPING.test(target.text.slice(0, 200))) return undefined;
    return this.observed('writes', 'writes files', call, label);
  }

  private request(call: SyntaxNode, method: string, url: SyntaxNode | undefined): Observed | undefined {
    if (method === 'DELETE') return this.observed('deletes', 'sends a DELETE request', call);
    if (method === 'PUT' || method === 'PATCH') return this.observed('writes', `sends a ${method} request`, call);
    // A POST to a search, GraphQL or inference endpoint reads; one whose URL is not written here may not.
    if (method === 'POST' && !(url && READING_POST.test(url.text.slice(0, 200)))) return this.observed('sends', 'sends a POST request', call);
    return undefined;
  }

  private sql(call: SyntaxNode, statement: SyntaxNode | undefined): Observed | undefined {
    // `session.execute(text("DELETE …"))`
    const inner = statement?.type === 'call' || statement?.type === 'call_expression' ? positionalArguments(statement)[0] : statement;
    const text = inner ? literalPrefix(inner) : undefined;
    if (text === undefined) return undefined;
    const verb = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase();
    if (SQL_DELETE.test(text)) return this.observed('deletes', `runs SQL ${verb}`, call);
    if (SQL_WRITE.test(text)) return this.observed('writes', `runs SQL ${verb}`, call);
    return undefined;
  }

  private command(call: SyntaxNode, words: string[] | undefined, program: SyntaxNode | undefined): Observed | undefined {
    if (words) return isReadOnlyCommand(words) ? undefined : this.observed('executes', `runs \`${words.slice(0, 2).join(' ')}\``, call);
    // A command the tool input chooses can do anything; one picked from the server's own table
    // (often an allow-list of read-only commands) is no evidence either way.
    const chosenByInput = program !== undefined && (this.context.flow?.taintedInputs(program, 'command').length ?? 0) > 0;
    return chosenByInput ? this.observed('executes', 'runs a command the tool input chooses', call) : undefined;
  }
}

function objectValue(node: SyntaxNode | undefined, key: string): SyntaxNode | undefined {
  if (node?.type !== 'object') return undefined;
  const pair = namedChildren(node).find((child) => child.type === 'pair' && pairKey(child) === key);
  return pair?.childForFieldName('value') ?? undefined;
}

/** The text a string starts with, up to its first interpolation (`git log ${ref}` → `git log `). */
function literalPrefix(node: SyntaxNode): string | undefined {
  const complete = staticString(node);
  if (complete !== undefined) return complete;
  if (node.type === 'template_string') return node.text.slice(1).split('${')[0];
  if (node.type === 'string' && /^[A-Za-z]*f/i.test(node.text)) return node.text.replace(/^[A-Za-z]*("""|'''|"|')/, '').split('{')[0];
  return undefined;
}

function commandWordsJs(name: string, args: readonly SyntaxNode[]): string[] | undefined {
  const first = args[0];
  if (!first) return undefined;
  if (name === 'exec' || name === 'execSync' || name === 'execaCommand' || name === 'execaCommandSync') return wordsOf(literalPrefix(first));
  const program = staticString(first);
  if (program === undefined) return undefined;
  const list = args[1]?.type === 'array' ? namedChildren(args[1]) : [];
  const subcommand = list[0] ? staticString(list[0]) : undefined;
  return subcommand === undefined ? [program] : [program, subcommand];
}

function commandWordsPython(first: SyntaxNode | undefined): string[] | undefined {
  if (!first) return undefined;
  if (first.type === 'list' || first.type === 'tuple') {
    const items = namedChildren(first);
    const program = items[0] ? staticString(items[0]) : undefined;
    if (program === undefined) return undefined;
    const subcommand = items[1] ? staticString(items[1]) : undefined;
    return subcommand === undefined ? [program] : [program, subcommand];
  }
  return wordsOf(literalPrefix(first));
}

function wordsOf(text: string | undefined): string[] | undefined {
  const words = text?.trim().split(/\s+/).filter(Boolean);
  return words && words.length > 0 ? words : undefined;
}

function isReadOnlyCommand(words: readonly string[]): boolean {
  const program = (words[0] ?? '').split('/').pop() ?? '';
  if (READ_ONLY_PROGRAMS.has(program)) return !words.slice(1).some((word) => /[;&|>`]|\$\(/.test(word));
  const subcommands = READ_ONLY_SUBCOMMANDS[program];
  return subcommands !== undefined && words[1] !== undefined && subcommands.has(words[1]);
}
