import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse, parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { appendToArray, detectLayout, insertFirstProperty } from '../../../server/src/analyzer/config/json-edits';
import { propertyValue } from '../../../server/src/analyzer/config/json-nodes';
import { detectFileKind } from '../../../server/src/analyzer/file-kind';
import { SourceText } from '../../../server/src/analyzer/source-text';
import { applyEdits } from '../../../server/src/analyzer/text-edits';
import { sharedAnalyzer } from '../../helpers/analyzer';

const PATH = '.vscode/mcp.json';
const INPUT = { type: 'promptString', id: 'github-token', description: 'GitHub token', password: true };

interface Layout {
  name: string;
  /** Replaces each two-space indentation step of a template. */
  indent: string;
  eol: string;
}

const LAYOUTS: Layout[] = [
  { name: '2 spaces, LF', indent: '  ', eol: '\n' },
  { name: '4 spaces, LF', indent: '    ', eol: '\n' },
  { name: 'tabs, LF', indent: '\t', eol: '\n' },
  { name: '2 spaces, CRLF', indent: '  ', eol: '\r\n' },
  { name: '4 spaces, CRLF', indent: '    ', eol: '\r\n' },
  { name: 'tabs, CRLF', indent: '\t', eol: '\r\n' },
];

/** A template written with two-space indentation and \n, in the given layout. */
function render(template: string, layout: Layout): string {
  return template
    .split('\n')
    .map((line) => {
      const spaces = /^ */.exec(line)![0].length;
      return layout.indent.repeat(spaces / 2) + line.slice(spaces);
    })
    .join(layout.eol);
}

function parsed(text: string): { root: JsonNode; source: SourceText } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true });
  assert.deepEqual(errors, []);
  assert.ok(root);
  return { root, source: new SourceText(PATH, text, detectFileKind(PATH, text)!) };
}

/** The JSONC value of `text`, asserting it parses cleanly. */
function valueOf(text: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true });
  assert.deepEqual(errors, [], `does not parse:\n${text}`);
  return value;
}

function assertLineEndings(text: string, eol: string): void {
  if (eol === '\r\n') assert.equal(/(?<!\r)\n/.test(text), false, 'a bare \\n in a CRLF file');
  else assert.equal(text.includes('\r'), false, 'a \\r in an LF file');
}

void describe('detectLayout', () => {
  for (const layout of LAYOUTS) {
    void it(layout.name, () => {
      const { source } = parsed(render('{\n  "servers": {\n    "a": {\n      "command": "npx"\n    }\n  }\n}\n', layout));
      assert.deepEqual(detectLayout(source), { eol: layout.eol, indentUnit: layout.indent });
    });
  }

  void it('defaults to two spaces and LF for single-line JSON', () => {
    assert.deepEqual(detectLayout(parsed('{"servers": {}}').source), { eol: '\n', indentUnit: '  ' });
  });
});

void describe('appendToArray', () => {
  const before = '{\n  "inputs": [\n    {\n      "id": "existing"\n    }\n  ],\n  "servers": {}\n}\n';
  const after = [
    '{',
    '  "inputs": [',
    '    {',
    '      "id": "existing"',
    '    },',
    '    {',
    '      "type": "promptString",',
    '      "id": "github-token",',
    '      "description": "GitHub token",',
    '      "password": true',
    '    }',
    '  ],',
    '  "servers": {}',
    '}',
    '',
  ].join('\n');

  for (const layout of LAYOUTS) {
    void it(`keeps the file's layout: ${layout.name}`, () => {
      const text = render(before, layout);
      const { root, source } = parsed(text);
      const result = applyEdits(text, [appendToArray(propertyValue(root, 'inputs')!, INPUT, source)]);
      assert.equal(result, render(after, layout));
      assertLineEndings(result, layout.eol);
      assert.deepEqual(valueOf(result), { inputs: [{ id: 'existing' }, INPUT], servers: {} });
    });
  }

  void it('replaces an empty array with a multi-line one', () => {
    for (const layout of LAYOUTS) {
      const text = render('{\n  "inputs": [],\n  "servers": {}\n}\n', layout);
      const { root, source } = parsed(text);
      const result = applyEdits(text, [appendToArray(propertyValue(root, 'inputs')!, { id: 'x' }, source)]);
      assert.equal(result, render('{\n  "inputs": [\n    {\n      "id": "x"\n    }\n  ],\n  "servers": {}\n}\n', layout), layout.name);
    }
  });

  void it('appends to an array whose elements share the bracket line', () => {
    const text = '{\n  "args": ["-y", "pkg"]\n}\n';
    const { root, source } = parsed(text);
    const result = applyEdits(text, [appendToArray(propertyValue(root, 'args')!, '--stdio', source)]);
    assert.deepEqual(valueOf(result), { args: ['-y', 'pkg', '--stdio'] });
    assert.equal(result, '{\n  "args": ["-y", "pkg",\n    "--stdio"]\n}\n');
  });

  void it('keeps comments and a trailing comma valid in JSONC', () => {
    const text = '{\n  "inputs": [\n    // first\n    { "id": "a" }, // trailing\n  ]\n}\n';
    const { root, source } = parsed(text);
    const result = applyEdits(text, [appendToArray(propertyValue(root, 'inputs')!, { id: 'b' }, source)]);
    assert.deepEqual(valueOf(result), { inputs: [{ id: 'a' }, { id: 'b' }] });
    assert.ok(result.includes('// first') && result.includes('// trailing'));
  });
});

void describe('insertFirstProperty', () => {
  const before = '{\n  "servers": {\n    "github": {\n      "command": "npx"\n    }\n  }\n}\n';
  const after = [
    '{',
    '  "inputs": [',
    '    {',
    '      "type": "promptString",',
    '      "id": "github-token",',
    '      "description": "GitHub token",',
    '      "password": true',
    '    }',
    '  ],',
    '  "servers": {',
    '    "github": {',
    '      "command": "npx"',
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');

  for (const layout of LAYOUTS) {
    void it(`keeps the file's layout: ${layout.name}`, () => {
      const text = render(before, layout);
      const { root, source } = parsed(text);
      const result = applyEdits(text, [insertFirstProperty(root, 'inputs', [INPUT], source)]);
      assert.equal(result, render(after, layout));
      assertLineEndings(result, layout.eol);
      assert.deepEqual(valueOf(result), { inputs: [INPUT], servers: { github: { command: 'npx' } } });
    });
  }

  void it('goes before a leading comment and keeps it', () => {
    const text = '{\n  // Workspace MCP servers\n  "servers": {}\n}\n';
    const { root, source } = parsed(text);
    const result = applyEdits(text, [insertFirstProperty(root, 'inputs', [], source)]);
    assert.equal(result, '{\n  "inputs": [],\n  // Workspace MCP servers\n  "servers": {}\n}\n');
  });

  void it('produces valid JSON for a single-line object', () => {
    const text = '{"servers": {"a": {"command": "npx"}}}';
    const { root, source } = parsed(text);
    const result = applyEdits(text, [insertFirstProperty(root, 'inputs', [{ id: 'x' }], source)]);
    assert.deepEqual(JSON.parse(result), { inputs: [{ id: 'x' }], servers: { a: { command: 'npx' } } });
  });

  void it('escapes the key', () => {
    const text = '{\n  "servers": {}\n}';
    const { root, source } = parsed(text);
    const result = applyEdits(text, [insertFirstProperty(root, 'we"ird', 1, source)]);
    assert.deepEqual(valueOf(result), { 'we"ird': 1, servers: {} });
  });
});

void describe('json edits through the plaintext-secret fix', () => {
  const template = [
    '{',
    '  "servers": {',
    '    "github": {',
    '      "command": "npx",',
    '      "env": {',
    '        "GITHUB_TOKEN": "ghp_R8uT4bW1qZk9sLx2VnC7mPd3Hy6Ja0Fe5Gio"',
    '      }',
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');

  for (const layout of LAYOUTS) {
    void it(`moves the secret to an input and keeps the layout: ${layout.name}`, async () => {
      const text = render(template, layout);
      const analyzer = await sharedAnalyzer();
      const { findings, notices } = await analyzer.analyze({ path: PATH, text });
      assert.deepEqual(notices, []);
      const fix = findings[0]?.fixes[0];
      assert.ok(fix, 'the finding has a fix');
      const fixed = applyEdits(text, fix.edits);
      assertLineEndings(fixed, layout.eol);
      assert.deepEqual(valueOf(fixed), {
        inputs: [{ type: 'promptString', id: 'github-token', description: "GITHUB_TOKEN for the 'github' MCP server", password: true }],
        servers: { github: { command: 'npx', env: { GITHUB_TOKEN: '${input:github-token}' } } },
      });
      assert.ok(fixed.includes(`${layout.eol}${layout.indent}"inputs": [${layout.eol}${layout.indent.repeat(2)}{${layout.eol}`), 'indented like the file');
      assert.deepEqual((await analyzer.analyze({ path: PATH, text: fixed })).findings, []);
    });
  }
});
