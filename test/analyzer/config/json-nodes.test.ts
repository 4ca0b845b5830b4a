import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTree } from 'jsonc-parser';
import { objectProperties, propertyValue, serverEntries } from '../../../server/src/analyzer/config/json-nodes';

function tree(text: string) {
  const root = parseTree(text, [], { allowTrailingComma: true });
  assert.ok(root);
  return root;
}

void describe('json-nodes', () => {
  void it('objectProperties lists keys with their nodes, in order', () => {
    const text = '{ "b": 1, "a": { "x": true }, }';
    const properties = objectProperties(tree(text));
    assert.deepEqual(
      properties.map((property) => property.key),
      ['b', 'a'],
    );
    const [, a] = properties;
    assert.equal(text.slice(a!.keyNode.offset, a!.keyNode.offset + a!.keyNode.length), '"a"');
    assert.equal(a!.valueNode.type, 'object');
    assert.equal(text.slice(a!.propertyNode.offset, a!.propertyNode.offset + a!.propertyNode.length), '"a": { "x": true }');
  });

  void it('objectProperties is empty for non-objects and missing nodes', () => {
    assert.deepEqual(objectProperties(tree('[1, 2]')), []);
    assert.deepEqual(objectProperties(undefined), []);
  });

  void it('propertyValue finds a value by key', () => {
    const root = tree('{ "servers": { "a": {} }, "inputs": [] }');
    assert.equal(propertyValue(root, 'inputs')?.type, 'array');
    assert.equal(propertyValue(root, 'missing'), undefined);
    assert.equal(propertyValue(undefined, 'inputs'), undefined);
  });

  void it('serverEntries reads `servers` for VS Code and `mcpServers` for the others, skipping non-objects', () => {
    const text = '{ "servers": { "a": { "command": "x" }, "b": "not a server" }, "mcpServers": { "c": { "url": "https://c" } } }';
    const root = tree(text);
    assert.deepEqual(
      serverEntries(root, 'vscode').map((entry) => entry.name),
      ['a'],
    );
    const [c] = serverEntries(root, 'mcp-servers');
    assert.equal(c?.name, 'c');
    assert.equal(c?.definition.type, 'object');
    assert.equal(c?.nameNode.value, 'c');
    assert.deepEqual(serverEntries(tree('{}'), 'vscode'), []);
  });
});
