import { isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import { configString, serverFromFields, type ConfigEntry, type ConfigField, type ConfigString, type ConfiguredServer, type McpConfiguration, type SourceSpan } from './config-model';

export interface YamlParse {
  configuration: McpConfiguration;
  errors: Array<{ message: string; offset: number }>;
}

function span(node: { range?: [number, number, number] | null }): SourceSpan {
  const range = node.range ?? [0, 0, 0];
  return { start: range[0], end: range[1] };
}

function yamlString(source: string, node: unknown): ConfigString | undefined {
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  return configString(source, node.range[0], node.range[1], node.value);
}

function keyOf(pair: Pair): string | undefined {
  return isScalar(pair.key) && (typeof pair.key.value === 'string' || typeof pair.key.value === 'number') ? String(pair.key.value) : undefined;
}

function fieldOf(source: string, pair: Pair): ConfigField | undefined {
  const key = keyOf(pair);
  if (key === undefined || !isScalar(pair.key)) return undefined;
  const value = pair.value as YamlNode | null;
  const keyRange = span(pair.key);
  const valueRange = value ? span(value) : keyRange;
  const base = { key, keyRange, start: keyRange.start, end: valueRange.end, valueRange, items: [] as ConfigString[], entries: [] as ConfigEntry[] };
  if (isScalar(value)) {
    const text = yamlString(source, value);
    if (text) return { ...base, kind: 'string', scalar: text.value, items: [text] };
    if (typeof value.value === 'boolean') return { ...base, kind: 'boolean', scalar: value.value };
    if (typeof value.value === 'number') return { ...base, kind: 'number', scalar: value.value };
    return { ...base, kind: 'null', scalar: null };
  }
  if (isSeq(value)) return { ...base, kind: 'array', scalar: undefined, items: value.items.map((item) => yamlString(source, item)).filter((item): item is ConfigString => item !== undefined) };
  if (isMap(value)) {
    const entries = value.items.flatMap((entry): ConfigEntry[] => {
      const entryKey = keyOf(entry);
      if (entryKey === undefined || !isScalar(entry.key)) return [];
      const keySpan = span(entry.key);
      const entryValue = entry.value as YamlNode | null;
      return [{ key: entryKey, keyRange: keySpan, start: keySpan.start, end: entryValue ? span(entryValue).end : keySpan.end, value: yamlString(source, entryValue) }];
    });
    return { ...base, kind: 'object', scalar: undefined, entries };
  }
  return { ...base, kind: 'null', scalar: null };
}

function fieldsOf(source: string, node: unknown): ConfigField[] {
  return isMap(node) ? node.items.filter(isPair).map((pair) => fieldOf(source, pair)).filter((field): field is ConfigField => field !== undefined) : [];
}

/**
 * Continue's YAML (`config.yaml`, `.continue/mcpServers/*.yaml`): `mcpServers` is a list of
 * `{ name, type, command, args, env, url }`; a map keyed by name is read too. Syntax errors are
 * returned, not thrown; what parsed is still audited.
 */
export function yamlConfiguration(source: string): YamlParse {
  const document = parseDocument(source, { keepSourceTokens: false, uniqueKeys: false });
  const errors = document.errors.map((error) => ({ message: error.message.split('\n')[0] ?? error.message, offset: error.pos[0] }));
  const topLevel = fieldsOf(source, document.contents);
  const serversPair = isMap(document.contents) ? document.contents.items.find((pair) => keyOf(pair) === 'mcpServers') : undefined;
  const servers: ConfiguredServer[] = [];
  const list = serversPair?.value;
  if (isSeq(list)) {
    for (const item of list.items) {
      if (!isMap(item)) continue;
      const fields = fieldsOf(source, item);
      const name = fields.find((field) => field.key === 'name' && field.kind === 'string');
      const range = span(item);
      servers.push(serverFromFields(name?.items[0]?.value ?? '(unnamed)', name?.items[0] ?? range, range, fields));
    }
  } else if (isMap(list)) {
    for (const pair of list.items) {
      const name = keyOf(pair);
      if (name === undefined || !isScalar(pair.key) || !isMap(pair.value)) continue;
      const keyRange = span(pair.key);
      servers.push(serverFromFields(name, keyRange, { start: keyRange.start, end: span(pair.value).end }, fieldsOf(source, pair.value)));
    }
  }
  return { configuration: { syntax: 'yaml', servers, topLevel }, errors };
}
