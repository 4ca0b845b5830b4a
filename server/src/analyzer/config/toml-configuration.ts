import { parseTOML } from 'toml-eslint-parser';
import type { AST } from 'toml-eslint-parser';
import { configString, serverFromFields, type ConfigEntry, type ConfigField, type ConfigString, type McpConfiguration, type SourceSpan } from './config-model';

type TomlValue = AST.TOMLKeyValue['value'];

function span(node: { range: [number, number] }): SourceSpan {
  return { start: node.range[0], end: node.range[1] };
}

function keyNames(key: AST.TOMLKey): string[] {
  return key.keys.map((part) => (part.type === 'TOMLBare' ? part.name : String(part.value)));
}

function tomlString(source: string, node: TomlValue): ConfigString | undefined {
  return node.type === 'TOMLValue' && node.kind === 'string' ? configString(source, node.range[0], node.range[1], node.value) : undefined;
}

/** A server's key collected from tables, dotted keys and inline tables alike. */
interface Collected {
  key: string;
  keyRange: SourceSpan;
  range: SourceSpan;
  value: TomlValue | undefined;
  /** Entries added by `[mcp_servers.x.env]` tables or `env.X = …` dotted keys. */
  entries: ConfigEntry[];
}

interface CollectedServer {
  name: string;
  nameRange: SourceSpan;
  range: SourceSpan;
  fields: Map<string, Collected>;
}

export interface TomlParse {
  configuration: McpConfiguration;
  /** Whole-line and trailing `#` comments, for suppression directives. */
  comments: Array<{ text: string; start: number }>;
}

/**
 * Codex `config.toml`: `[mcp_servers.<name>]` tables (with `[mcp_servers.<name>.env]` sub-tables or
 * dotted keys), or inline tables under `[mcp_servers]`. Throws on TOML syntax errors.
 */
export function tomlConfiguration(source: string): TomlParse {
  const program = parseTOML(source);
  const servers = new Map<string, CollectedServer>();
  const serverOf = (name: string, nameRange: SourceSpan, range: SourceSpan): CollectedServer => {
    let server = servers.get(name);
    if (!server) {
      server = { name, nameRange, range, fields: new Map() };
      servers.set(name, server);
    } else {
      server.range = { start: Math.min(server.range.start, range.start), end: Math.max(server.range.end, range.end) };
    }
    return server;
  };
  const addValue = (server: CollectedServer, rest: string[], keyRange: SourceSpan, range: SourceSpan, value: TomlValue) => {
    const [field, ...deeper] = rest;
    if (field === undefined) {
      // `name = { command = "…", env = { … } }`
      if (value.type === 'TOMLInlineTable') for (const pair of value.body) addValue(server, keyNames(pair.key), span(pair.key.keys[0]!), span(pair), pair.value);
      return;
    }
    let collected = server.fields.get(field);
    if (deeper.length === 0) {
      if (!collected) server.fields.set(field, { key: field, keyRange, range, value, entries: [] });
      else collected.value = value;
      return;
    }
    if (!collected) {
      collected = { key: field, keyRange, range, value: undefined, entries: [] };
      server.fields.set(field, collected);
    }
    collected.entries.push({ key: deeper.join('.'), keyRange, start: range.start, end: range.end, value: tomlString(source, value) });
  };
  const topLevel: ConfigField[] = [];
  for (const top of program.body) {
    for (const item of top.body) {
      const tableKey = item.type === 'TOMLTable' ? item.resolvedKey.map(String) : [];
      const pairs = item.type === 'TOMLTable' ? item.body : [item];
      for (const pair of pairs) {
        const path = [...tableKey, ...keyNames(pair.key)];
        if (path.length === 1 && item.type !== 'TOMLTable') topLevel.push(fieldOf(source, path[0]!, span(pair.key), span(pair), pair.value, []));
        if (path[0] !== 'mcp_servers' || path.length < 2) continue;
        const name = path[1]!;
        // The server's name as written: in the table header, or the pair's own key.
        const nameNode = tableKey.length >= 2 && item.type === 'TOMLTable' ? item.key.keys[1] : pair.key.keys[tableKey.length === 1 ? 0 : 1];
        const server = serverOf(name, nameNode ? span(nameNode) : span(pair.key), item.type === 'TOMLTable' && tableKey.length >= 2 ? span(item) : span(pair));
        const lastKey = pair.key.keys[pair.key.keys.length - 1]!;
        addValue(server, path.slice(2), span(lastKey), span(pair), pair.value);
      }
      // An empty `[mcp_servers.x]` table still declares the server.
      if (item.type === 'TOMLTable' && tableKey[0] === 'mcp_servers' && tableKey.length >= 2) {
        const nameNode = item.key.keys[1];
        serverOf(tableKey[1]!, nameNode ? span(nameNode) : span(item.key), span(item));
        const rest = tableKey.slice(2);
        if (rest.length === 1 && !servers.get(tableKey[1]!)!.fields.has(rest[0]!)) {
          const keyNode = item.key.keys[2]!;
          servers.get(tableKey[1]!)!.fields.set(rest[0]!, { key: rest[0]!, keyRange: span(keyNode), range: span(item), value: undefined, entries: [] });
        }
      }
    }
  }
  const configuration: McpConfiguration = {
    syntax: 'toml',
    topLevel,
    servers: [...servers.values()].map((server) =>
      serverFromFields(
        server.name,
        server.nameRange,
        server.range,
        [...server.fields.values()].map((field) => fieldOf(source, field.key, field.keyRange, field.range, field.value, field.entries)),
      ),
    ),
  };
  const comments = program.comments.map((comment) => ({ text: source.slice(comment.range[0], comment.range[1]), start: comment.range[0] }));
  return { configuration, comments };
}

function fieldOf(source: string, key: string, keyRange: SourceSpan, range: SourceSpan, value: TomlValue | undefined, entries: ConfigEntry[]): ConfigField {
  const valueRange = value ? span(value) : range;
  const base = { key, keyRange, start: range.start, end: range.end, valueRange, items: [] as ConfigString[], entries };
  if (!value) return { ...base, kind: 'object', scalar: undefined };
  switch (value.type) {
    case 'TOMLValue': {
      const text = tomlString(source, value);
      if (text) return { ...base, kind: 'string', scalar: text.value, items: [text] };
      if (value.kind === 'boolean') return { ...base, kind: 'boolean', scalar: value.value };
      if (value.kind === 'integer' || value.kind === 'float') return { ...base, kind: 'number', scalar: Number(value.value) };
      return { ...base, kind: 'string', scalar: undefined };
    }
    case 'TOMLArray':
      return { ...base, kind: 'array', scalar: undefined, items: value.elements.map((element) => tomlString(source, element)).filter((item): item is ConfigString => item !== undefined) };
    case 'TOMLInlineTable':
      return {
        ...base,
        kind: 'object',
        scalar: undefined,
        entries: [...entries, ...value.body.map((pair) => ({ key: keyNames(pair.key).join('.'), keyRange: span(pair.key), ...span(pair), value: tomlString(source, pair.value) }))],
      };
    default:
      return { ...base, kind: 'object', scalar: undefined };
  }
}

/** toml-eslint-parser errors carry the offset of the problem. */
export function tomlErrorOffset(error: unknown): number | undefined {
  const offset = (error as { index?: unknown }).index;
  return typeof offset === 'number' ? offset : undefined;
}
