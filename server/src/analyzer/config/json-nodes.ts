import type { Node as JsonNode } from 'jsonc-parser';
import type { McpConfigFormat } from '../file-kind';

export interface JsonProperty {
  key: string;
  keyNode: JsonNode;
  valueNode: JsonNode;
  /** The `property` node: key, colon and value. */
  propertyNode: JsonNode;
}

export function objectProperties(node: JsonNode | undefined): JsonProperty[] {
  if (node?.type !== 'object') return [];
  const properties: JsonProperty[] = [];
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (keyNode && valueNode && typeof keyNode.value === 'string') properties.push({ key: keyNode.value, keyNode, valueNode, propertyNode: property });
  }
  return properties;
}

export function propertyValue(node: JsonNode | undefined, key: string): JsonNode | undefined {
  return objectProperties(node).find((property) => property.key === key)?.valueNode;
}

export interface ServerEntry {
  name: string;
  nameNode: JsonNode;
  definition: JsonNode;
}

/** The configured servers: `servers` in VS Code's format, `mcpServers` in the others. */
export function serverEntries(root: JsonNode, format: McpConfigFormat): ServerEntry[] {
  const servers = propertyValue(root, format === 'vscode' ? 'servers' : 'mcpServers');
  return objectProperties(servers)
    .filter((property) => property.valueNode.type === 'object')
    .map((property) => ({ name: property.key, nameNode: property.keyNode, definition: property.valueNode }));
}
