import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTree } from 'jsonc-parser';
import { jsonConfiguration, SERVERS_KEY } from '../../../server/src/analyzer/config/config-model';
import { objectProperties, propertyValue } from '../../../server/src/analyzer/config/json-nodes';

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

  void it('jsonConfiguration reads the servers under the format\'s key (`servers` for VS Code, `mcpServers` for the others), skipping non-objects', () => {
    const text = '{ "servers": { "a": { "command": "x" }, "b": "not a server" }, "mcpServers": { "c": { "url": "https://c" } } }';
    const root = tree(text);
    assert.deepEqual(
      jsonConfiguration(text, root, SERVERS_KEY.vscode).servers.map((server) => server.name),
      ['a'],
    );
    const [c] = jsonConfiguration(text, root, SERVERS_KEY['mcp-servers']).servers;
    assert.equal(c?.name, 'c');
    assert.equal(c?.url?.value, 'https://c');
    assert.equal(text.slice(c.nameRange.start, c.nameRange.end), '"c"');
    assert.deepEqual(jsonConfiguration('{}', tree('{}'), SERVERS_KEY.vscode).servers, []);
  });
});
