import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { getNodeValue, type Node as JsonNode } from 'jsonc-parser';
import geminiSettingsSchema from '../../../../schemas/gemini-settings.schema.json';
import mcpServersSchema from '../../../../schemas/mcp-servers.schema.json';
import vscodeMcpSchema from '../../../../schemas/vscode-mcp.schema.json';
import zedSettingsSchema from '../../../../schemas/zed-settings.schema.json';
import type { McpClient, McpConfigFormat } from '../file-kind';

/**
 * Validates a JSON MCP configuration against the JSON Schema of its format (the same files
 * `schemas/` contributes to the editor), and turns ajv's errors into readable problems anchored
 * on the exact JSONC key or value, one per real mistake (anyOf/oneOf/if branches collapsed).
 */
export type ConfigSchemaId = 'vscode-mcp' | 'mcp-servers' | 'gemini-settings' | 'zed-settings';

const SCHEMAS: Record<ConfigSchemaId, object> = {
  'vscode-mcp': vscodeMcpSchema,
  'mcp-servers': mcpServersSchema,
  'gemini-settings': geminiSettingsSchema,
  'zed-settings': zedSettingsSchema,
};

/** The key under which each schema keeps the servers. */
export const SCHEMA_SERVERS_KEY: Record<ConfigSchemaId, string> = {
  'vscode-mcp': 'servers',
  'mcp-servers': 'mcpServers',
  'gemini-settings': 'mcpServers',
  'zed-settings': 'context_servers',
};

/** The schema of a JSON configuration; undefined for TOML and YAML formats. */
export function configSchemaFor(format: McpConfigFormat, client: McpClient): ConfigSchemaId | undefined {
  switch (format) {
    case 'vscode':
      return 'vscode-mcp';
    case 'zed':
      return 'zed-settings';
    case 'mcp-servers':
      return client === 'gemini' ? 'gemini-settings' : 'mcp-servers';
    default:
      return undefined;
  }
}

let ajv: Ajv | undefined;
const compiled = new Map<ConfigSchemaId, ValidateFunction>();

/** Compiles each schema once per process, on first use. */
function validatorFor(id: ConfigSchemaId): ValidateFunction {
  let validate = compiled.get(id);
  if (!validate) {
    ajv ??= new Ajv({ allErrors: true, strict: false, verbose: true });
    validate = ajv.compile(SCHEMAS[id]);
    compiled.set(id, validate);
  }
  return validate;
}

export type JsonPath = Array<string | number>;

export interface SchemaProblem {
  /** Where in the document, as keys and array indices (`['servers', 'github', 'args', 2]`). */
  path: JsonPath;
  /** ajv's keyword (`type`, `enum`, `required`, `anyOf`, …). */
  keyword: string;
  /** The server the problem is in, if any. */
  server: string | undefined;
  /** What is wrong, e.g. "`type` must be one of stdio, http, sse". */
  problem: string;
  /** The source range to underline: the key for object/array values and missing keys, else the value. */
  start: number;
  end: number;
}

/** Every schema problem of `root` (a parsed JSONC tree), deduplicated. */
export function validateConfigJson(root: JsonNode, schema: ConfigSchemaId): SchemaProblem[] {
  const validate = validatorFor(schema);
  if (validate(getNodeValue(root))) return [];
  return readableProblems(root, validate.errors ?? [], SCHEMA_SERVERS_KEY[schema]);
}

function readableProblems(root: JsonNode, errors: readonly ErrorObject[], serversKey: string): SchemaProblem[] {
  // A failed anyOf/oneOf reports each branch's errors too; the combinator's own error (rendered from
  // its branches) says it once. `if` errors only repeat the failed `then`.
  const combinators = errors.filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf');
  const branchOf = (error: ErrorObject) => combinators.find((combinator) => combinator !== error && error.schemaPath.startsWith(`${combinator.schemaPath}/`));
  const branchErrors = new Map<ErrorObject, ErrorObject[]>();
  for (const error of errors) {
    const combinator = branchOf(error);
    if (combinator) branchErrors.set(combinator, [...(branchErrors.get(combinator) ?? []), error]);
  }
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'if' || branchOf(error)) continue;
    const path = parseInstancePath(root, error.instancePath);
    if (!path) continue;
    const node = nodeAt(root, path);
    if (!node) continue;
    const problem = describe(error, path, node, branchErrors.get(error) ?? [], serversKey);
    const range = rangeFor(error, node);
    const server = path[0] === serversKey && path.length >= 2 ? String(path[1]) : undefined;
    const key = `${range.start}:${problem}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ path, keyword: error.keyword, server, problem, ...range });
  }
  return problems;
}

/** `/servers/a~1b/args/2` → `['servers', 'a/b', 'args', 2]`, numbers where the node is an array. */
function parseInstancePath(root: JsonNode, instancePath: string): JsonPath | undefined {
  if (instancePath === '') return [];
  const path: JsonPath = [];
  let node: JsonNode | undefined = root;
  for (const raw of instancePath.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node?.type === 'array') {
      const index = Number(segment);
      path.push(index);
      node = node.children?.[index];
    } else {
      path.push(segment);
      node = propertyNode(node, segment)?.children?.[1];
    }
    if (!node) return undefined;
  }
  return path;
}

function propertyNode(object: JsonNode | undefined, key: string): JsonNode | undefined {
  if (object?.type !== 'object') return undefined;
  // The last duplicate wins, as in JSON.parse and getNodeValue.
  let found: JsonNode | undefined;
  for (const property of object.children ?? []) if (property.children?.[0]?.value === key) found = property;
  return found;
}

export function nodeAt(root: JsonNode, path: JsonPath): JsonNode | undefined {
  let node: JsonNode | undefined = root;
  for (const segment of path) node = typeof segment === 'number' ? node?.children?.[segment] : propertyNode(node, segment)?.children?.[1];
  return node;
}

/** The key node of a property value, if `node` is one. */
export function keyNodeOf(node: JsonNode): JsonNode | undefined {
  return node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
}

function rangeFor(error: ErrorObject, node: JsonNode): { start: number; end: number } {
  if (error.keyword === 'additionalProperties') {
    const key = propertyNode(node, String((error.params as { additionalProperty?: unknown }).additionalProperty))?.children?.[0];
    if (key) return span(key);
  }
  const key = keyNodeOf(node);
  const onKey = error.keyword === 'required' || error.keyword === 'not' || error.keyword === 'false schema' || node.type === 'object' || node.type === 'array';
  if (onKey && key) return span(key);
  if (node.type === 'object' || node.type === 'array') return { start: node.offset, end: node.offset + 1 };
  return span(node);
}

function span(node: JsonNode): { start: number; end: number } {
  return { start: node.offset, end: node.offset + node.length };
}

/** The part of the path below the server entry, for "`args[2]` must be a string". */
function relativePath(path: JsonPath, serversKey: string): JsonPath {
  return path[0] === serversKey && path.length >= 2 ? path.slice(2) : path;
}

export function formatPath(path: JsonPath): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
}

const ARTICLE_TYPES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

function typeList(types: unknown): string {
  const list = (Array.isArray(types) ? types : String(types).split(',')).map((type) => ARTICLE_TYPES[String(type)] ?? String(type));
  return list.length <= 1 ? (list[0] ?? 'valid') : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
}

function describe(error: ErrorObject, path: JsonPath, node: JsonNode, branches: readonly ErrorObject[], serversKey: string): string {
  const below = relativePath(path, serversKey);
  const name = below.length > 0 ? `\`${formatPath(below)}\`` : path.length > 0 ? 'the entry' : 'the file';
  const params = error.params as Record<string, unknown>;
  const custom = customMessage(error);
  switch (error.keyword) {
    case 'type':
      return `${name} must be ${typeList(params.type)}, not ${jsonTypeOf(node)}`;
    case 'enum':
      return `${name} must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')} (found ${JSON.stringify(getNodeValue(node))})`;
    case 'const':
      return `${name} must be ${JSON.stringify(params.allowedValue)}`;
    case 'required': {
      const missing = `\`${String(params.missingProperty)}\``;
      const typeValue = node.type === 'object' ? (propertyNode(node, 'type')?.children?.[1]?.value as unknown) : undefined;
      const because = error.schemaPath.includes('/then/') && typeof typeValue === 'string' ? ` because its \`type\` is "${typeValue}"` : '';
      return `${name} needs ${missing}${because}`;
    }
    case 'minLength':
      return params.limit === 1 ? `${name} must not be empty` : `${name} must have at least ${String(params.limit)} characters`;
    case 'minProperties':
      return `${name} must not be empty`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${name} ${error.message ?? 'is out of range'}`;
    case 'pattern':
      return custom ?? `${name} must match ${String(params.pattern)}`;
    case 'additionalProperties':
      return `unknown key \`${String(params.additionalProperty)}\` in ${name}`;
    case 'not':
    case 'false schema':
      return custom ?? `${name} is not allowed here`;
    case 'anyOf':
    case 'oneOf':
      return custom ?? describeBranches(name, branches);
    default:
      return `${name} ${error.message ?? 'is invalid'}`;
  }
}

/** The schema's own `errorMessage` / `patternErrorMessage` (VS Code shows the same text). */
function customMessage(error: ErrorObject): string | undefined {
  const schema = error.parentSchema as { errorMessage?: unknown; patternErrorMessage?: unknown } | undefined;
  const message = error.keyword === 'pattern' ? (schema?.patternErrorMessage ?? schema?.errorMessage) : schema?.errorMessage;
  return typeof message === 'string' ? message.replace(/\.$/, '') : undefined;
}

/** One sentence for a failed anyOf/oneOf: the keys one of which is needed, or the accepted types. */
function describeBranches(name: string, branches: readonly ErrorObject[]): string {
  const missing = branches.filter((branch) => branch.keyword === 'required').map((branch) => `\`${String((branch.params as { missingProperty?: unknown }).missingProperty)}\``);
  if (missing.length > 0 && missing.length === branches.length) return `${name} needs one of ${[...new Set(missing)].join(', ')}`;
  const types = branches.filter((branch) => branch.keyword === 'type').map((branch) => (branch.params as { type?: unknown }).type);
  if (types.length > 0) return `${name} must be ${typeList(types.flatMap((type) => String(type).split(',')))}`;
  return `${name} matches none of the accepted shapes`;
}

function jsonTypeOf(node: JsonNode): string {
  switch (node.type) {
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return String(node.value);
    default:
      return 'null';
  }
}
