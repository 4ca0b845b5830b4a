import type { Node as JsonNode } from 'jsonc-parser';
import type { McpConfigFormat } from '../file-kind';
import { DecodedString } from '../syntax/string-literal';
import { decodeJsonString } from './json-string';

/**
 * One model of an MCP client configuration, whatever the file's syntax (JSON, TOML, YAML) and
 * client: the servers with their command, arguments, environment, headers and URL, each value
 * with its exact source range. Audit rules read this model, so one rule covers every client.
 */
export type ConfigSyntax = 'json' | 'toml' | 'yaml';

export interface SourceSpan {
  start: number;
  end: number;
}

/** A string value as written (quotes included in start/end) and as the client reads it. */
export interface ConfigString extends SourceSpan {
  value: string;
  /** Maps a range of `value` to the source, through escapes. */
  decoded: DecodedString;
}

export type ConfigScalar = string | number | boolean | null;

/** Any key of a server entry (or of the file), for rules about keys the model does not name. */
export interface ConfigField extends SourceSpan {
  key: string;
  keyRange: SourceSpan;
  /** The value's range. */
  valueRange: SourceSpan;
  kind: 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';
  scalar: ConfigScalar | undefined;
  /** String items of an array value, in order. */
  items: ConfigString[];
  /** Entries of an object value. */
  entries: ConfigEntry[];
}

/** A `KEY: value` entry of `env` or `headers`. */
export interface ConfigEntry extends SourceSpan {
  key: string;
  keyRange: SourceSpan;
  /** Undefined when the value is not a string. */
  value: ConfigString | undefined;
}

export interface ConfiguredServer {
  name: string;
  nameRange: SourceSpan;
  /** The whole entry. */
  range: SourceSpan;
  /** Every key of the entry as written. */
  fields: ConfigField[];
  type: ConfigString | undefined;
  command: ConfigString | undefined;
  /** `args`; non-string items are left out. */
  args: ConfigString[];
  /** `url`, `serverUrl` (Windsurf) or `httpUrl` (Gemini), whichever is present. */
  url: ConfigString | undefined;
  env: ConfigEntry[];
  headers: ConfigEntry[];
}

export interface McpConfiguration {
  syntax: ConfigSyntax;
  servers: ConfiguredServer[];
  /** Top-level keys of the file. */
  topLevel: ConfigField[];
}

/** Where each configuration format keeps its servers. */
export const SERVERS_KEY: Readonly<Record<McpConfigFormat, string>> = { vscode: 'servers', 'mcp-servers': 'mcpServers', zed: 'context_servers', codex: 'mcp_servers', continue: 'mcpServers' };

/** Builds the decoding map of a string written at [start, end) whose value is `value`. */
export function configString(source: string, start: number, end: number, value: string): ConfigString {
  const raw = source.slice(start, end);
  const rawString = (offset: number, length: number) =>
    new DecodedString(value, [{ valueStart: 0, valueEnd: value.length, sourceStart: offset, sourceEnd: offset + length, escaped: false }], start, end, true);
  let decoded: DecodedString;
  if (raw === value) decoded = rawString(start, value.length);
  else {
    const quote = raw.startsWith('"""') || raw.startsWith("'''") ? 3 : raw.startsWith('"') || raw.startsWith("'") ? 1 : 0;
    const inner = raw.slice(quote, raw.length - quote);
    if (quote > 0 && inner === value) decoded = rawString(start + quote, value.length);
    else if (quote === 1 && raw.startsWith('"')) {
      const json = decodeJsonString(source, start, end - start);
      decoded = json.value === value ? json : opaque(value, start, end);
    } else decoded = opaque(value, start, end);
  }
  return { value, start, end, decoded };
}

/** A value whose source cannot be mapped character by character (folded YAML, TOML line continuations). */
function opaque(value: string, start: number, end: number): DecodedString {
  return new DecodedString(value, [{ valueStart: 0, valueEnd: value.length, sourceStart: start, sourceEnd: end, escaped: true }], start, end, true);
}

const URL_KEYS = ['url', 'serverUrl', 'httpUrl'];

/** Assembles a server from its fields (shared by every syntax). */
export function serverFromFields(name: string, nameRange: SourceSpan, range: SourceSpan, fields: ConfigField[]): ConfiguredServer {
  const field = (key: string) => fields.find((candidate) => candidate.key === key);
  const stringOf = (key: string) => {
    const found = field(key);
    return found?.kind === 'string' ? found.items[0] : undefined;
  };
  // Zed's older shape nests the command: `command: { path, args, env }`.
  const nestedCommand = field('command')?.kind === 'object' ? field('command') : undefined;
  const nested = (key: string) => nestedCommand?.entries.find((entry) => entry.key === key);
  return {
    name,
    nameRange,
    range,
    fields,
    type: stringOf('type') ?? stringOf('transport'),
    command: stringOf('command') ?? nested('path')?.value,
    args: field('args')?.items ?? [],
    url: URL_KEYS.map(stringOf).find((value) => value !== undefined),
    env: field('env')?.entries ?? [],
    headers: field('headers')?.entries ?? field('http_headers')?.entries ?? [],
  };
}

// JSON ------------------------------------------------------------------------------------------

function jsonField(source: string, property: JsonNode): ConfigField | undefined {
  const [keyNode, valueNode] = property.children ?? [];
  if (!keyNode || !valueNode || typeof keyNode.value !== 'string') return undefined;
  const valueRange = { start: valueNode.offset, end: valueNode.offset + valueNode.length };
  const base = {
    key: keyNode.value,
    keyRange: { start: keyNode.offset, end: keyNode.offset + keyNode.length },
    start: property.offset,
    end: property.offset + property.length,
    valueRange,
    items: [] as ConfigString[],
    entries: [] as ConfigEntry[],
  };
  switch (valueNode.type) {
    case 'string':
      return { ...base, kind: 'string', scalar: String(valueNode.value), items: [jsonString(source, valueNode)] };
    case 'number':
    case 'boolean':
    case 'null':
      return { ...base, kind: valueNode.type, scalar: valueNode.value as ConfigScalar };
    case 'array':
      return { ...base, kind: 'array', scalar: undefined, items: (valueNode.children ?? []).filter((item) => item.type === 'string').map((item) => jsonString(source, item)) };
    case 'object':
      return { ...base, kind: 'object', scalar: undefined, entries: jsonEntries(source, valueNode) };
    default:
      return undefined;
  }
}

function jsonString(source: string, node: JsonNode): ConfigString {
  return { value: String(node.value), start: node.offset, end: node.offset + node.length, decoded: decodeJsonString(source, node.offset, node.length) };
}

function jsonEntries(source: string, object: JsonNode): ConfigEntry[] {
  return (object.children ?? []).flatMap((property) => {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode || !valueNode || typeof keyNode.value !== 'string') return [];
    return [
      {
        key: keyNode.value,
        keyRange: { start: keyNode.offset, end: keyNode.offset + keyNode.length },
        start: property.offset,
        end: property.offset + property.length,
        value: valueNode.type === 'string' ? jsonString(source, valueNode) : undefined,
      },
    ];
  });
}

function jsonFields(source: string, object: JsonNode | undefined): ConfigField[] {
  if (object?.type !== 'object') return [];
  return (object.children ?? []).map((property) => jsonField(source, property)).filter((field): field is ConfigField => field !== undefined);
}

/** The servers of a JSON configuration under `serversKey` (`servers`, `mcpServers`, `context_servers`). */
export function jsonConfiguration(source: string, root: JsonNode | undefined, serversKey: string): McpConfiguration {
  const topLevel = jsonFields(source, root);
  const serversNode = (root?.children ?? []).find((property) => property.children?.[0]?.value === serversKey)?.children?.[1];
  const servers: ConfiguredServer[] = [];
  for (const property of serversNode?.type === 'object' ? (serversNode.children ?? []) : []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode || valueNode?.type !== 'object' || typeof keyNode.value !== 'string') continue;
    servers.push(
      serverFromFields(keyNode.value, { start: keyNode.offset, end: keyNode.offset + keyNode.length }, { start: property.offset, end: property.offset + property.length }, jsonFields(source, valueNode)),
    );
  }
  return { syntax: 'json', servers, topLevel };
}
