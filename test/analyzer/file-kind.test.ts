import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectFileKind, type FileKind } from '../../server/src/analyzer/file-kind';

const TYPESCRIPT: FileKind = { target: 'js-ts', language: 'typescript', lineComment: '//' };
const TSX: FileKind = { target: 'js-ts', language: 'tsx', lineComment: '//' };
const JAVASCRIPT: FileKind = { target: 'js-ts', language: 'javascript', lineComment: '//' };
const PYTHON: FileKind = { target: 'python', language: 'python', lineComment: '#' };
const VSCODE: FileKind = { target: 'mcp-config', format: 'vscode', client: 'vscode', syntax: 'json', lineComment: '//' };

function mcpServers(client: Extract<FileKind, { target: 'mcp-config' }>['client']): FileKind {
  return { target: 'mcp-config', format: 'mcp-servers', client, syntax: 'json', lineComment: undefined };
}

void describe('detectFileKind: code files', () => {
  const cases: Array<[string, FileKind]> = [
    ['src/server.ts', TYPESCRIPT],
    ['src/server.mts', TYPESCRIPT],
    ['src/server.cts', TYPESCRIPT],
    ['src/App.tsx', TSX],
    ['src/server.js', JAVASCRIPT],
    ['src/server.mjs', JAVASCRIPT],
    ['src/server.cjs', JAVASCRIPT],
    ['src/App.jsx', JAVASCRIPT],
    ['server/main.py', PYTHON],
  ];
  for (const [path, kind] of cases) {
    void it(`${path} is ${kind.target === 'mcp-config' ? kind.format : 'language' in kind ? kind.language : kind.target}`, () => {
      assert.deepEqual(detectFileKind(path, ''), kind);
    });
  }

  void it('ignores the case of the extension and accepts Windows paths', () => {
    assert.deepEqual(detectFileKind('SRC/SERVER.TS', ''), TYPESCRIPT);
    assert.deepEqual(detectFileKind('C:\\work\\server\\Main.PY', ''), PYTHON);
  });

  void it('skips declaration files', () => {
    assert.equal(detectFileKind('types/index.d.ts', 'export declare const a: { rejectUnauthorized: false };'), undefined);
    assert.equal(detectFileKind('types/index.d.mts', ''), undefined);
    assert.equal(detectFileKind('types/index.d.cts', ''), undefined);
    assert.equal(detectFileKind('types/INDEX.D.TS', ''), undefined);
    assert.equal(detectFileKind('types/index.d.ts', '', 'typescript'), undefined, 'the language id does not override the skip');
  });

  void it('does not mistake a name merely ending in d.ts for a declaration file', () => {
    assert.deepEqual(detectFileKind('src/board.ts', ''), TYPESCRIPT);
  });

  void it('does not analyze unsupported files', () => {
    for (const path of ['README.md', 'src/style.css', 'Makefile', 'server.py.txt', 'tsconfig.json', 'src/tsx', '.env']) {
      assert.equal(detectFileKind(path, '{"servers": {}}'), undefined, path);
    }
  });

  void it('reads dependency manifests, lockfiles and VS Code tasks as manifests', () => {
    for (const path of ['package.json', 'app/pyproject.toml', 'requirements.txt', 'requirements-dev.txt', '.vscode/tasks.json']) {
      assert.equal(detectFileKind(path, '{}')?.target, 'manifest', path);
    }
  });
});

void describe('detectFileKind: MCP configuration files', () => {
  void it('recognises Claude Code .mcp.json as strict JSON', () => {
    assert.deepEqual(detectFileKind('project/.mcp.json', '{}'), mcpServers('claude-code'));
    assert.deepEqual(detectFileKind('.mcp.json', ''), mcpServers('claude-code'));
  });

  void it('recognises Claude Desktop configs', () => {
    assert.deepEqual(detectFileKind('/Users/me/Library/Application Support/Claude/claude_desktop_config.json', ''), mcpServers('claude-desktop'));
  });

  void it('recognises Windsurf configs only under a windsurf folder', () => {
    assert.deepEqual(detectFileKind('/home/me/.codeium/windsurf/mcp_config.json', ''), mcpServers('windsurf'));
    assert.equal(detectFileKind('/home/me/project/mcp_config.json', '{"mcpServers": {}}'), undefined);
  });

  void it('recognises Cursor configs in .cursor folders', () => {
    assert.deepEqual(detectFileKind('project/.cursor/mcp.json', '{"servers": {}}'), mcpServers('cursor'));
    assert.deepEqual(detectFileKind('/home/me/.cursor/mcp.json', ''), mcpServers('cursor'));
  });

  void it('recognises VS Code workspace and profile files whatever they contain', () => {
    assert.deepEqual(detectFileKind('project/.vscode/mcp.json', ''), VSCODE);
    assert.deepEqual(detectFileKind('C:\\project\\.vscode\\mcp.json', ''), VSCODE);
    assert.deepEqual(detectFileKind('/home/me/.config/Code/User/mcp.json', ''), VSCODE);
    assert.deepEqual(detectFileKind('/home/me/.config/Code/User/profiles/5c2e1a/mcp.json', ''), VSCODE);
  });

  void it('classifies any other mcp.json by its top-level key', () => {
    assert.deepEqual(detectFileKind('config/mcp.json', '{\n  "servers": {}\n}'), VSCODE);
    assert.deepEqual(detectFileKind('config/mcp.json', '{\n  "mcpServers": {}\n}'), mcpServers('generic'));
    assert.deepEqual(detectFileKind('config/mcp.json', '{"mcpServers" : {"a": {"command": "x"}}}'), mcpServers('generic'));
    assert.equal(detectFileKind('config/mcp.json', '{"name": "not an mcp config"}'), undefined);
    assert.equal(detectFileKind('config/mcp.json', ''), undefined);
  });

  void it('does not treat other JSON files or other names as MCP configs', () => {
    assert.equal(detectFileKind('config/servers.json', '{"mcpServers": {}}'), undefined);
    assert.equal(detectFileKind('config/mcp.jsonc', '{"servers": {}}'), undefined);
    assert.equal(detectFileKind('.vscode/settings.json', '{"servers": {}}'), undefined);
  });
});

void describe('detectFileKind: documents without a meaningful path', () => {
  void it('uses the editor language id for untitled documents', () => {
    assert.deepEqual(detectFileKind('Untitled-1', '', 'typescript'), TYPESCRIPT);
    assert.deepEqual(detectFileKind('Untitled-1', '', 'typescriptreact'), TSX);
    assert.deepEqual(detectFileKind('Untitled-1', '', 'javascript'), JAVASCRIPT);
    assert.deepEqual(detectFileKind('Untitled-1', '', 'javascriptreact'), JAVASCRIPT);
    assert.deepEqual(detectFileKind('Untitled-2', '', 'python'), PYTHON);
  });

  void it('ignores unknown language ids and missing ones', () => {
    assert.equal(detectFileKind('Untitled-1', '{"servers": {}}', 'json'), undefined);
    assert.equal(detectFileKind('Untitled-1', '', 'markdown'), undefined);
    assert.equal(detectFileKind('Untitled-1', ''), undefined);
  });

  void it('lets a known extension win over the language id', () => {
    assert.deepEqual(detectFileKind('script.py', '', 'typescript'), PYTHON);
  });
});
