import type { Node as JsonNode } from 'jsonc-parser';

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
