import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import { lastNames } from '../../analyzer/flow/imports';
import type { CodeRuleContext } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { calleeOf, dottedName, keywordArguments, pairKey, positionalArguments, staticString } from '../../analyzer/syntax/nodes';
import { namedChildren } from '../../analyzer/syntax/tree';

type MessageId = 'shellOpen' | 'uncheckedOpen';

/** Sinks that run a command line through a shell. */
const JS_SHELL = new Set(['child_process.exec', 'child_process.execSync']);
/** Sinks that take a program and an argv; a shell only with `shell: true` or when the program is one. */
const JS_PROGRAM = new Set(['child_process.spawn', 'child_process.spawnSync', 'child_process.execFile', 'child_process.execFileSync']);
/** Calls that hand a URL to the operating system or a browser. */
const JS_OPENERS = new Set(['open', 'opn', 'open.default', 'electron.shell.openExternal', 'vscode.env.openExternal', 'window.open']);
const PY_SHELL = new Set(['os.system', 'os.popen', 'subprocess.getoutput', 'subprocess.getstatusoutput', 'asyncio.create_subprocess_shell']);
const PY_PROGRAM = new Set(['subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.Popen', 'asyncio.create_subprocess_exec']);
const PY_OPENERS = new Set(['webbrowser.open', 'webbrowser.open_new', 'webbrowser.open_new_tab', 'os.startfile', 'click.launch', 'typer.launch']);

const JS_CALLEES = lastNames([...JS_SHELL, ...JS_PROGRAM, ...JS_OPENERS]);
const PY_CALLEES = lastNames([...PY_SHELL, ...PY_PROGRAM, ...PY_OPENERS]);

/** Stands for a value computed at run time inside a command line's text. */
const DYNAMIC = '\u0000';

/** A command line that opens something: `open …`, `xdg-open …`, `start …`, `cmd /c start …`, `Start-Process …`. */
const OPENER_COMMAND =
  /^\s*(?:["']?(?:\/usr\/bin\/)?(?:open|xdg-open|gio\s+open|wslview|sensible-browser|x-www-browser|explorer(?:\.exe)?|start|rundll32(?:\.exe)?\s+url\.dll\S*)["']?|cmd(?:\.exe)?\s+\/[ck]\s+start|(?:powershell|pwsh)(?:\.exe)?\b[^\0]*\bstart-process|start-process)(?=\s|$)/i;
/** Programs that open their argument (no shell involved). */
const OPENER_PROGRAMS = new Set(['open', 'xdg-open', 'gio', 'wslview', 'sensible-browser', 'x-www-browser', 'explorer', 'explorer.exe', 'rundll32', 'rundll32.exe']);
const SHELL_PROGRAMS = /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|zsh|dash|ksh)$/;
const WINDOWS_SHELLS = /^(?:cmd|powershell|pwsh)(?:\.exe)?$/i;

/** Names that say a value is a URL (`authUrl`, `authorizationUrl`, `params.url`, `link`). */
const URL_NAME = /ur[il]|href|link|auth|elicit|verification|redirect|location|endpoint/i;
/** Names that say a URL came from an OAuth or elicitation flow, MCP or not. */
const FLOW_NAME = /auth|elicit|verification/i;

/** Reading `.protocol` / `.scheme`, or comparing against `https:` in the function before the open. */
const JS_SCHEME_CHECK = /\.protocol\b|startsWith\(\s*['"`]https?:|\/\^\(?https|\b(?:is|assert|validate|check|ensure|verify)\w*(?:Url|URL|Uri|URI|Scheme|Protocol|Https?)\w*\s*\(/;
const PY_SCHEME_CHECK = /\.scheme\b|startswith\(\s*\(?\s*[rbuRBU]?['"]https?:|re\.(?:match|fullmatch|search)\(\s*r?['"]\^\(?https|\b(?:is|assert|validate|check|ensure|verify)_?\w*(?:url|uri|scheme|protocol|https?)\w*\s*\(/i;

const JS_FUNCTIONS = new Set(['function_declaration', 'function_expression', 'function', 'arrow_function', 'method_definition', 'generator_function_declaration', 'generator_function']);

export default defineRule<MessageId>(
  {
    id: 'no-unsafe-url-open',
    group: 'auth',
    description: 'Disallow opening server-provided URLs through a shell or without a scheme check',
    defaultSeverity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-78', 'CWE-601'],
    owaspMcp: 'MCP05',
    control: 5,
    fix: 'none',
    messages: {
      shellOpen:
        '{{sink}} opens {{url}} through a shell: a server-provided authorization or elicitation URL holding `&`, `;`, `|`, `$(…)` or quotes runs commands on the user\'s machine. MCP clients MUST NOT use a shell to open URLs; pass the URL as one argv item to a program, after a scheme check.',
      uncheckedOpen:
        '{{sink}} opens {{url}} with no scheme check in this function: a malicious server can supply a `file:`, `javascript:`, `vbscript:` or custom-protocol URL that runs code. MCP clients MUST only open `https:` authorization URLs (`http:` only for loopback) and reject every other scheme.',
    },
    references: [
      'https://modelcontextprotocol.io/docs/tutorials/security/security_best_practices#oauth-authorization-url-validation',
      'https://cwe.mitre.org/data/definitions/78.html',
      'https://cwe.mitre.org/data/definitions/601.html',
      'https://nvd.nist.gov/vuln/detail/CVE-2025-6514',
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

type Language = 'js-ts' | 'python';

/** A string expression's text with each run-time part replaced by DYNAMIC, and those parts. */
interface Shape {
  text: string;
  dynamic: SyntaxNode[];
}

function visitJsCall(context: CodeRuleContext<MessageId>, call: SyntaxNode): void {
  const callee = calleeOf(call);
  const sink = context.flow.imports.qualify(callee) ?? (dottedName(callee) === 'window.open' ? 'window.open' : undefined);
  if (!sink) return;
  const args = positionalArguments(call);
  const [first, second] = args;
  if (!first) return;
  if (JS_SHELL.has(sink)) {
    checkShellCommand(context, call, first, 'js-ts');
    return;
  }
  if (JS_PROGRAM.has(sink)) {
    const argv = second?.type === 'array' ? namedChildren(second).filter((item) => item.type !== 'comment') : [];
    const options = args.slice(1).find((arg) => arg.type === 'object');
    const shell = options !== undefined && namedChildren(options).some((pair) => pair.type === 'pair' && pairKey(pair) === 'shell' && pair.childForFieldName('value')?.type === 'true');
    checkProgram(context, call, first, argv, shell, 'js-ts');
    return;
  }
  if (JS_OPENERS.has(sink)) checkOpenedUrl(context, call, first, 'js-ts');
}

function visitPythonCall(context: CodeRuleContext<MessageId>, call: SyntaxNode): void {
  const sink = context.flow.imports.qualify(calleeOf(call));
  if (!sink) return;
  const [first] = positionalArguments(call);
  if (!first) return;
  if (PY_SHELL.has(sink)) {
    checkShellCommand(context, call, first, 'python');
    return;
  }
  if (PY_PROGRAM.has(sink)) {
    const shellValue = keywordArguments(call).get('shell')?.value;
    const shell = shellValue !== undefined && shellValue.type !== 'false' && shellValue.type !== 'none';
    if (first.type === 'list' || first.type === 'tuple') {
      const [program, ...argv] = namedChildren(first).filter((item) => item.type !== 'comment');
      if (program) checkProgram(context, call, program, argv, shell, 'python');
    } else if (shell) {
      checkShellCommand(context, call, first, 'python');
    }
    return;
  }
  if (PY_OPENERS.has(sink)) checkOpenedUrl(context, call, first, 'python');
}

/** `exec(`open ${url}`)`, `os.system(f"xdg-open {url}")`. */
function checkShellCommand(context: CodeRuleContext<MessageId>, call: SyntaxNode, command: SyntaxNode, language: Language): boolean {
  const shape = resolvedShape(command, call, language);
  if (!shape || shape.dynamic.length === 0) return false;
  let text = shape.text;
  let opened = shape.dynamic;
  // `${opener} ${url}` with `const opener = isWindows ? 'start' : 'open'`.
  const head = shape.dynamic[0]!;
  if (text.startsWith(DYNAMIC) && (isOpenerWordExpression(head) || (head.type === 'identifier' && isOpenerWordExpression(localValue(head.text, call, language) ?? head)))) {
    text = `open${text.slice(1)}`;
    opened = shape.dynamic.slice(1);
  }
  if (opened.length === 0 || !OPENER_COMMAND.test(text)) return false;
  if (!opened.some((part) => isUrlLike(context, part.text, language))) return false;
  report(context, 'shellOpen', call, command, opened[opened.length - 1] ?? command);
  return true;
}

/** `spawn('sh', ['-c', …])`, `spawn('cmd', ['/c', 'start', '', url])`, `execFile('xdg-open', [url])`. */
function checkProgram(context: CodeRuleContext<MessageId>, call: SyntaxNode, programNode: SyntaxNode, argv: SyntaxNode[], shell: boolean, language: Language): void {
  const program = staticString(programNode) ?? resolvedStatic(programNode, call, language);
  if (program === undefined) return;
  const name = program.slice(program.lastIndexOf('/') + 1);
  if (SHELL_PROGRAMS.test(program) || WINDOWS_SHELLS.test(name)) {
    // `sh -c "<line>"`, `cmd /c start "" <url>`, `powershell -Command Start-Process <url>`: the shell reads the URL.
    const line = argv.map((item) => staticString(item) ?? DYNAMIC).join(' ');
    const startsOpener = OPENER_COMMAND.test(`${name} ${line}`) || argv.some((item) => { const shape = resolvedShape(item, call, language); return shape !== undefined && OPENER_COMMAND.test(shape.text); });
    if (!startsOpener) return;
    for (const item of argv) {
      if (staticString(item) !== undefined) continue;
      if (checkShellCommand(context, call, item, language)) return;
      if (isUrlLike(context, item.text, language) && !hasFixedScheme(item, language)) {
        report(context, 'shellOpen', call, item, item);
        return;
      }
    }
    return;
  }
  if (!OPENER_PROGRAMS.has(name.toLowerCase())) return;
  const url = argv.find((item) => staticString(item) === undefined && !hasFixedScheme(item, language));
  if (!url || !isUrlLike(context, url.text, language)) return;
  if (shell) report(context, 'shellOpen', call, url, url);
  else if (!hasSchemeCheck(call, language)) report(context, 'uncheckedOpen', call, url, url);
}

/** `open(url)`, `shell.openExternal(url)`, `vscode.env.openExternal(vscode.Uri.parse(url))`, `webbrowser.open(url)`. */
function checkOpenedUrl(context: CodeRuleContext<MessageId>, call: SyntaxNode, argument: SyntaxNode, language: Language): void {
  const url = unwrapUrl(argument);
  if (staticString(url) !== undefined || hasFixedScheme(url, language)) return;
  if (!isUrlLike(context, url.text, language) || hasSchemeCheck(call, language)) return;
  report(context, 'uncheckedOpen', call, argument, argument);
}

function report(context: CodeRuleContext<MessageId>, messageId: MessageId, call: SyntaxNode, range: SyntaxNode, url: SyntaxNode): void {
  const callee = calleeOf(call);
  context.report({
    messageId,
    data: { sink: `\`${(callee?.text ?? 'call').replace(/\s+/g, '').slice(0, 40)}\``, url: `\`${url.text.replace(/\s+/g, ' ').slice(0, 40)}\`` },
    start: range.startIndex,
    end: range.endIndex,
  });
}

/** `new URL(x)`, `URL.parse(x)`, `vscode.Uri.parse(x)`, `x.toString()`, `String(x)`, `x.href` → x. */
function unwrapUrl(node: SyntaxNode): SyntaxNode {
  let current = node;
  for (let depth = 0; depth < 4; depth++) {
    if (current.type === 'new_expression' || current.type === 'call_expression' || current.type === 'call') {
      const callee = dottedName(calleeOf(current)) ?? '';
      const [inner] = positionalArguments(current);
      if (/(?:^|\.)(?:URL|Uri\.parse|URL\.parse|String|str|parse|urlparse)$/.test(callee) && inner) {
        current = inner;
        continue;
      }
      const fn = calleeOf(current);
      if (/^(?:member_expression|attribute)$/.test(fn?.type ?? '') && /\.(?:toString|geturl)$/.test(callee || (fn?.text ?? ''))) {
        const object = fn!.childForFieldName('object');
        if (object) {
          current = object;
          continue;
        }
      }
    }
    if ((current.type === 'member_expression' || current.type === 'attribute') && /\.href$/.test(current.text)) {
      current = current.childForFieldName('object') ?? current;
      continue;
    }
    break;
  }
  return current;
}

/** A URL whose scheme is written in the code: `https://github.com/login?code=${c}`, `"https://x/" + path`. */
function hasFixedScheme(node: SyntaxNode, language: Language): boolean {
  const shape = shapeOf(node, language);
  return shape !== undefined && /^[a-z][a-z0-9+.-]*:/i.test(shape.text);
}

function isUrlLike(context: CodeRuleContext<MessageId>, text: string, language: Language): boolean {
  if (!URL_NAME.test(text)) return false;
  return FLOW_NAME.test(text) || isMcpFile(context, language);
}

const mcpFiles = new WeakMap<object, boolean>();

/** Whether the file imports an MCP SDK (then any URL it opens may come from a server). */
function isMcpFile(context: CodeRuleContext<MessageId>, language: Language): boolean {
  let known = mcpFiles.get(context.source);
  if (known === undefined) {
    const text = context.source.text;
    known =
      language === 'python'
        ? /^[ \t]*(?:from[ \t]+(?:mcp|fastmcp)(?:\.[\w.]+)?[ \t]+import|import[ \t]+(?:mcp|fastmcp)\b)/m.test(text)
        : /(?:from|require\(|import\()\s*['"]@modelcontextprotocol\//.test(text);
    mcpFiles.set(context.source, known);
  }
  return known;
}

/** Whether the function holding `call` reads `.protocol`/`.scheme` or calls a URL validator before it. */
function hasSchemeCheck(call: SyntaxNode, language: Language): boolean {
  const scope = enclosingFunction(call, language);
  const before = scope ? scope.text.slice(0, call.startIndex - scope.startIndex) : '';
  return (language === 'python' ? PY_SCHEME_CHECK : JS_SCHEME_CHECK).test(before);
}

function enclosingFunction(node: SyntaxNode, language: Language): SyntaxNode | undefined {
  let topmost: SyntaxNode = node;
  for (let current = node.parent; current; current = current.parent) {
    if (language === 'python' ? current.type === 'function_definition' : JS_FUNCTIONS.has(current.type)) return current;
    topmost = current;
  }
  return topmost;
}

/** The shape of `node`, or of the string a local `const x = …` / `x = …` in the same function gave it. */
function resolvedShape(node: SyntaxNode, call: SyntaxNode, language: Language): Shape | undefined {
  const shape = shapeOf(node, language);
  if (shape && !(shape.dynamic.length === 1 && shape.text === DYNAMIC && shape.dynamic[0]!.type === 'identifier')) return shape;
  const value = node.type === 'identifier' ? localValue(node.text, call, language) : undefined;
  return value ? shapeOf(value, language) : shape;
}

function resolvedStatic(node: SyntaxNode, call: SyntaxNode, language: Language): string | undefined {
  if (node.type !== 'identifier') return undefined;
  const value = localValue(node.text, call, language);
  return value ? staticString(value) : undefined;
}

/** The value last assigned to a local name before `call`, in the function holding it. */
function localValue(name: string, call: SyntaxNode, language: Language): SyntaxNode | undefined {
  const scope = enclosingFunction(call, language);
  if (!scope) return undefined;
  const type = language === 'python' ? 'assignment' : 'variable_declarator';
  let found: SyntaxNode | undefined;
  for (const declaration of scope.descendantsOfType(type)) {
    if (!declaration || declaration.startIndex > call.startIndex) continue;
    const target = declaration.childForFieldName(language === 'python' ? 'left' : 'name');
    const value = declaration.childForFieldName(language === 'python' ? 'right' : 'value');
    if (target?.text === name && value) found = value;
  }
  return found;
}

/** `process.platform === 'win32' ? 'start' : 'open'` as the first word of a command line. */
function isOpenerWordExpression(node: SyntaxNode): boolean {
  return /['"`](?:open|xdg-open|start|explorer)['"`]/.test(node.text);
}

/** Text of a string expression with run-time parts as DYNAMIC: literals, templates, f-strings, `+` chains, `%` and `.format`. */
function shapeOf(node: SyntaxNode, language: Language): Shape | undefined {
  switch (node.type) {
    case 'string':
    case 'template_string': {
      const literal = staticString(node);
      if (literal !== undefined) return { text: literal, dynamic: [] };
      let text = '';
      const dynamic: SyntaxNode[] = [];
      for (const child of namedChildren(node)) {
        if (child.type === 'template_substitution' || child.type === 'interpolation') {
          const expression = language === 'python' ? child.childForFieldName('expression') : namedChildren(child)[0];
          text += DYNAMIC;
          if (expression) dynamic.push(expression);
        } else if (child.type === 'string_fragment' || child.type === 'string_content') {
          text += child.text;
        } else if (child.type === 'escape_sequence') {
          text += child.text;
        }
      }
      return { text, dynamic };
    }
    case 'parenthesized_expression': {
      const inner = namedChildren(node).filter((child) => child.type !== 'comment');
      return inner.length === 1 ? shapeOf(inner[0]!, language) : undefined;
    }
    case 'binary_expression':
    case 'binary_operator': {
      const operator = node.childForFieldName('operator')?.text;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !right) return undefined;
      const leftShape = shapeOf(left, language) ?? { text: DYNAMIC, dynamic: [left] };
      if (operator === '%' && language === 'python') return { text: leftShape.text.replace(/%[sr]/g, DYNAMIC), dynamic: [...leftShape.dynamic, right] };
      if (operator !== '+') return undefined;
      const rightShape = shapeOf(right, language) ?? { text: DYNAMIC, dynamic: [right] };
      if (leftShape.text === DYNAMIC && rightShape.text === DYNAMIC) return undefined;
      return { text: leftShape.text + rightShape.text, dynamic: [...leftShape.dynamic, ...rightShape.dynamic] };
    }
    case 'call': {
      // "open {}".format(url)
      const fn = node.childForFieldName('function');
      if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'format') return undefined;
      const object = fn.childForFieldName('object');
      const template = object ? staticString(object) : undefined;
      if (template === undefined) return undefined;
      const args = positionalArguments(node);
      return { text: template.replace(/\{[^{}]*\}/g, DYNAMIC), dynamic: args.length > 0 ? args : [node] };
    }
    default:
      return undefined;
  }
}
