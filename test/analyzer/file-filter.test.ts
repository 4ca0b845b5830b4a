import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPathIncluded } from '../../server/src/analyzer/file-filter';

/** The extension's default `mcpWarden.exclude`. */
const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/build/**', '**/.venv/**', '**/venv/**', '**/__pycache__/**'];

void describe('isPathIncluded', () => {
  void it('includes everything when include is empty and nothing is excluded', () => {
    assert.equal(isPathIncluded('src/server.ts', [], []), true);
    assert.equal(isPathIncluded('.vscode/mcp.json', [], []), true);
  });

  void it('applies the default exclusions at any depth', () => {
    assert.equal(isPathIncluded('node_modules/pkg/index.js', [], DEFAULT_EXCLUDE), false);
    assert.equal(isPathIncluded('packages/a/node_modules/pkg/index.js', [], DEFAULT_EXCLUDE), false);
    assert.equal(isPathIncluded('server/.venv/lib/site.py', [], DEFAULT_EXCLUDE), false);
    assert.equal(isPathIncluded('dist/cli.js', [], DEFAULT_EXCLUDE), false);
    assert.equal(isPathIncluded('src/distribution.ts', [], DEFAULT_EXCLUDE), true);
    assert.equal(isPathIncluded('src/server.ts', [], DEFAULT_EXCLUDE), true);
  });

  void it('with include globs, analyzes only matching files', () => {
    const include = ['src/**/*.ts', '**/mcp.json'];
    assert.equal(isPathIncluded('src/tools/add.ts', include, []), true);
    assert.equal(isPathIncluded('.vscode/mcp.json', include, []), true, 'dot folders match');
    assert.equal(isPathIncluded('scripts/build.ts', include, []), false);
    assert.equal(isPathIncluded('src/tools/add.py', include, []), false);
  });

  void it('exclusion wins over inclusion', () => {
    assert.equal(isPathIncluded('src/generated/client.ts', ['src/**'], ['**/generated/**']), false);
    assert.equal(isPathIncluded('src/server.ts', ['src/server.ts'], ['src/server.ts']), false);
    assert.equal(isPathIncluded('src/server.ts', ['src/**'], ['**/generated/**']), true);
  });

  void it('normalises Windows separators', () => {
    assert.equal(isPathIncluded('packages\\a\\node_modules\\x.js', [], DEFAULT_EXCLUDE), false);
    assert.equal(isPathIncluded('src\\tools\\add.ts', ['src/**/*.ts'], []), true);
  });
});
