import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SyntaxNode } from '../../../server/src/analyzer/syntax/syntax-tree';
import { detectFileKind } from '../../../server/src/analyzer/file-kind';
import { SourceText } from '../../../server/src/analyzer/source-text';
import {
  calleeLastName,
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
} from '../../../server/src/analyzer/syntax/nodes';
import { applyEdits } from '../../../server/src/analyzer/text-edits';
import { ruleFixtures } from '../../fuzz/fuzz-support';
import { nodeOf, nodesOf, parseRoot } from '../../helpers/parse';

function remove(text: string, range: { start: number; end: number }): string {
  return applyEdits(text, [{ ...range, newText: '' }]);
}

function sourceOf(path: string, text: string): SourceText {
  return new SourceText(path, text, detectFileKind(path, text)!);
}

void describe('staticString', () => {
  void it('returns the value of string literals and substitution-free templates', async () => {
    assert.equal(staticString(await nodeOf('typescript', "x = 'a\\x41';", 'string')), 'aA');
    assert.equal(staticString(await nodeOf('typescript', 'x = `a`;', 'template_string')), 'a');
    assert.equal(staticString(await nodeOf('python', 'x = "a\\x41"', 'string')), 'aA');
  });

  void it('is undefined for interpolated strings, non-strings and missing nodes', async () => {
    assert.equal(staticString(await nodeOf('typescript', 'x = `a${b}`;', 'template_string')), undefined);
    assert.equal(staticString(await nodeOf('python', 'x = f"a{b}"', 'string')), undefined);
    assert.equal(staticString(await nodeOf('typescript', 'x = 1;', 'number')), undefined);
    assert.equal(staticString(null), undefined);
    assert.equal(staticString(undefined), undefined);
  });
});

void describe('pairKey', () => {
  void it('reads identifier, string, escaped string and number keys; computed keys are undefined', async () => {
    const pairs = await nodesOf('typescript', "x = { a: 1, 'b': 2, \"c\\x41\": 3, 4: 5, [k]: 6, [`t`]: 7 };", 'pair');
    assert.deepEqual(
      pairs.map((pair) => pairKey(pair)),
      ['a', 'b', 'cA', '4', undefined, undefined],
    );
  });
});

void describe('dottedName', () => {
  async function dotted(language: 'typescript' | 'python', source: string, type: string): Promise<string | undefined> {
    return dottedName(await nodeOf(language, source, type));
  }

  void it('joins member chains of plain names', async () => {
    assert.equal(await dotted('typescript', 'a.b.c;', 'member_expression'), 'a.b.c');
    assert.equal(await dotted('typescript', 'this.options.rejectUnauthorized = false;', 'member_expression'), 'this.options.rejectUnauthorized');
    assert.equal(await dotted('typescript', 'name;', 'identifier'), 'name');
  });

  void it('turns string subscripts into segments and looks through parentheses', async () => {
    assert.equal(await dotted('typescript', "process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0';", 'subscript_expression'), 'process.env.NODE_TLS_REJECT_UNAUTHORIZED');
    assert.equal(await dotted('typescript', '(a.b).c;', 'member_expression'), 'a.b.c');
    assert.equal(await dotted('python', 'os.environ["PYTHONHTTPSVERIFY"] = "0"', 'subscript'), 'os.environ.PYTHONHTTPSVERIFY');
    assert.equal(await dotted('python', 'self.ctx.verify_mode = ssl.CERT_NONE', 'attribute'), 'self.ctx.verify_mode');
  });

  void it('is undefined for computed parts and calls', async () => {
    assert.equal(await dotted('typescript', 'a[b].c;', 'member_expression'), undefined);
    assert.equal(await dotted('typescript', 'a().b;', 'member_expression'), undefined);
    assert.equal(await dotted('python', 'os.environ[name] = "0"', 'subscript'), undefined);
    assert.equal(dottedName(null), undefined);
  });
});

void describe('calleeLastName (the callee filter of the engine)', () => {
  void it('reads the last name before the arguments, past `?.` and type arguments', async () => {
    const last = async (code: string, type = 'call_expression') => calleeLastName(await nodeOf('typescript', code, type));
    assert.equal(await last('fetch(url);'), 'fetch');
    assert.equal(await last('a.b.exec (cmd);'), 'exec');
    assert.equal(await last('client?.query?.(sql);'), 'query');
    assert.equal(await last('db.get<Row, Map<K, V>>(sql);'), 'get');
    assert.equal(await last('new cp.ChildProcess(x);', 'new_expression'), 'ChildProcess');
    assert.equal(await last('f()(x);'), undefined);
    assert.equal(await last('(await g)(x);'), undefined);
    assert.equal(await last("a['run'](x);"), undefined);
    assert.equal(calleeLastName(await nodeOf('python', 'os . system (cmd)', 'call')), 'system');
  });

  // The scan replaced a regular expression that ran for every call in a file; it must read the same name.
  void it('reads what the former regular expression read, for every call in the rule fixtures', async () => {
    const former = /(?<![\w$])([A-Za-z_$][\w$]*)\s*(?:\?\.)?\s*(?:<[^()]*>)?\s*(?:\?\.)?\s*$/;
    let calls = 0;
    for (const fixture of ruleFixtures(['.ts', '.py'])) {
      const root = await parseRoot(fixture.name.endsWith('.py') ? 'python' : 'typescript', fixture.text);
      for (const call of root.descendantsOfType(['call_expression', 'new_expression', 'call'])) {
        const argumentsNode = call.lastChild;
        const expected = argumentsNode && argumentsNode.startIndex > call.startIndex ? former.exec(fixture.text.slice(Math.max(call.startIndex, argumentsNode.startIndex - 300), argumentsNode.startIndex))?.[1] : undefined;
        assert.equal(calleeLastName(call), expected, `${fixture.name}: ${call.text.slice(0, 60)}`);
        calls++;
      }
    }
    assert.ok(calls > 2000, `only ${calls} calls`);
  });
});

void describe('calleeName', () => {
  void it('is the last segment of the callee', async () => {
    assert.equal(calleeName(await nodeOf('typescript', 'fetch(url);', 'call_expression')), 'fetch');
    assert.equal(calleeName(await nodeOf('typescript', 'server.registerTool(a, b);', 'call_expression')), 'registerTool');
    assert.equal(calleeName(await nodeOf('typescript', 'new https.Agent({});', 'new_expression')), 'Agent');
    assert.equal(calleeName(await nodeOf('typescript', 'new McpServer({});', 'new_expression')), 'McpServer');
    assert.equal(calleeName(await nodeOf('python', 'requests.get(url)', 'call')), 'get');
    assert.equal(calleeName(await nodeOf('python', 'FastMCP("x")', 'call')), 'FastMCP');
  });

  void it('is the method name of a call on a call result', async () => {
    assert.equal(calleeName(await nodeOf('typescript', "z.string().describe('x');", 'call_expression')), 'describe');
  });

  void it(
    'is the last segment for a string-subscript callee too',
    async () => {
      assert.equal(calleeName(await nodeOf('python', 'requests["get"](url, verify=False)', 'call')), 'get');
      assert.equal(calleeName(await nodeOf('typescript', "server['tool']('a', 'b');", 'call_expression')), 'tool');
    },
  );
});

void describe('keywordArguments and positionalArguments', () => {
  void it('separates Python keyword and positional arguments', async () => {
    const call = await nodeOf('python', 'requests.get(url, 5, verify=False, timeout=3)', 'call');
    const keywords = keywordArguments(call);
    assert.deepEqual([...keywords.keys()], ['verify', 'timeout']);
    assert.equal(keywords.get('verify')?.value.type, 'false');
    assert.equal(keywords.get('verify')?.argument.text, 'verify=False');
    assert.deepEqual(positionalArguments(call).map((argument) => argument.text), ['url', '5']);
  });

  void it('skips comments among JS arguments', async () => {
    const call = await nodeOf('typescript', 'f(a, /* note */ b);', 'call_expression');
    assert.deepEqual(positionalArguments(call).map((argument) => argument.text), ['a', 'b']);
    assert.equal(keywordArguments(call).size, 0);
  });

  void it('is empty for calls without arguments', async () => {
    const call = await nodeOf('python', 'f()', 'call');
    assert.deepEqual(positionalArguments(call), []);
    assert.equal(keywordArguments(call).size, 0);
  });
});

void describe('listItemRemoval', () => {
  async function removePair(text: string, key: string): Promise<string> {
    const pair = (await nodesOf('typescript', text, 'pair')).find((candidate) => pairKey(candidate) === key);
    assert.ok(pair, `no pair ${key}`);
    return remove(text, listItemRemoval(pair, sourceOf('a.ts', text)));
  }

  void it('removes a middle, first or last item of a one-line list with its comma', async () => {
    const text = 'const o = { a: 1, b: 2, c: 3 };';
    assert.equal(await removePair(text, 'b'), 'const o = { a: 1, c: 3 };');
    assert.equal(await removePair(text, 'a'), 'const o = { b: 2, c: 3 };');
    assert.equal(await removePair(text, 'c'), 'const o = { a: 1, b: 2 };');
  });

  void it('removes the whole line, trailing comment included, when the item stands alone on it', async () => {
    const text = 'const o = {\n  keepAlive: true,\n  rejectUnauthorized: false, // self-signed upstream\n  timeout: 5,\n};\n';
    assert.equal(await removePair(text, 'rejectUnauthorized'), 'const o = {\n  keepAlive: true,\n  timeout: 5,\n};\n');
  });

  void it('removes a last item without a trailing comma together with the preceding comma', async () => {
    const text = 'const o = {\n  keepAlive: true,\n  rejectUnauthorized: false\n};\n';
    assert.equal(await removePair(text, 'rejectUnauthorized'), 'const o = {\n  keepAlive: true\n};\n');
  });

  void it('removes a Python keyword argument', async () => {
    for (const [text, expected] of [
      ['requests.get(url, verify=False)', 'requests.get(url)'],
      ['requests.get(url, verify=False, timeout=3)', 'requests.get(url, timeout=3)'],
      ['requests.get(verify=False, url=url)', 'requests.get(url=url)'],
    ] as const) {
      const argument = (await nodesOf('python', text, 'keyword_argument')).find((candidate) => candidate.text === 'verify=False')!;
      assert.equal(remove(text, listItemRemoval(argument, sourceOf('a.py', text))), expected);
    }
  });
});

void describe('statementRemoval and enclosingExpressionStatement', () => {
  async function assignmentStatement(text: string): Promise<SyntaxNode> {
    const assignment = await nodeOf('typescript', text, 'assignment_expression');
    const statement = enclosingExpressionStatement(assignment);
    assert.ok(statement);
    return statement;
  }

  void it('removes a statement with its whole line when it stands alone', async () => {
    const text = "a();\nprocess.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; // insecure\nb();\n";
    assert.equal(remove(text, statementRemoval(await assignmentStatement(text), sourceOf('a.ts', text))), 'a();\nb();\n');
  });

  void it('removes only the statement when it shares its line', async () => {
    const text = "a(); process.env.X = '0'; b();\n";
    assert.equal(remove(text, statementRemoval(await assignmentStatement(text), sourceOf('a.ts', text))), 'a();  b();\n');
  });

  void it('removes the last line of a file without a final line break', async () => {
    const text = "a();\noptions.rejectUnauthorized = false;";
    assert.equal(remove(text, statementRemoval(await assignmentStatement(text), sourceOf('a.ts', text))), 'a();\n');
  });

  void it('is undefined when the expression is only part of the statement', async () => {
    assert.equal(enclosingExpressionStatement(await nodeOf('typescript', 'f(x = 1);', 'assignment_expression')), undefined);
    assert.equal(enclosingExpressionStatement(await nodeOf('typescript', 'const y = (x = 1);', 'assignment_expression')), undefined);
  });
});

void describe('isOnlyStatementInPythonBlock', () => {
  async function statementOf(text: string): Promise<SyntaxNode> {
    const statement = enclosingExpressionStatement(await nodeOf('python', text, 'assignment'));
    assert.ok(statement);
    return statement;
  }

  void it('is true for the only statement of a block, comments aside', async () => {
    assert.equal(isOnlyStatementInPythonBlock(await statementOf('if debug:\n    ctx.check_hostname = False\n')), true);
    assert.equal(isOnlyStatementInPythonBlock(await statementOf('if debug:\n    # insecure\n    ctx.check_hostname = False\n')), true);
  });

  void it('is false with sibling statements or at module level', async () => {
    assert.equal(isOnlyStatementInPythonBlock(await statementOf('if debug:\n    ctx.check_hostname = False\n    log()\n')), false);
    assert.equal(isOnlyStatementInPythonBlock(await statementOf('ctx.check_hostname = False\n')), false);
  });
});
