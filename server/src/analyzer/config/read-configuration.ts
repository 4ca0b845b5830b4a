import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { FileKind } from '../file-kind';
import { jsonConfiguration, SERVERS_KEY, type McpConfiguration } from './config-model';
import { tomlConfiguration, tomlErrorOffset } from './toml-configuration';
import { yamlConfiguration } from './yaml-configuration';

export interface ParsedConfiguration {
  /** Undefined when nothing could be read: a TOML syntax error, a JSON top level that is not an object. */
  configuration: McpConfiguration | undefined;
  /** The JSON tree, for JSON files. */
  root: JsonNode | undefined;
  /** Syntax errors in order, prefixed with the syntax (`JSON: CommaExpected`). */
  errors: Array<{ message: string; offset: number | undefined }>;
  /** The `#` comments TOML's parser found, for suppression directives. */
  comments: Array<{ text: string; start: number }>;
}

/** Parses a configuration file in its syntax into the normalized model; never throws. */
export function parseConfigurationText(kind: Extract<FileKind, { target: 'mcp-config' }>, text: string): ParsedConfiguration {
  if (kind.syntax === 'toml') {
    try {
      const parsed = tomlConfiguration(text);
      return { configuration: parsed.configuration, root: undefined, errors: [], comments: parsed.comments };
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      return { configuration: undefined, root: undefined, errors: [{ message: `TOML: ${message}`, offset: tomlErrorOffset(error) }], comments: [] };
    }
  }
  if (kind.syntax === 'yaml') {
    const parsed = yamlConfiguration(text);
    return { configuration: parsed.configuration, root: undefined, errors: parsed.errors.map((error) => ({ message: `YAML: ${error.message}`, offset: error.offset })), comments: [] };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return {
    configuration: root?.type === 'object' ? jsonConfiguration(text, root, SERVERS_KEY[kind.format]) : undefined,
    root,
    errors: errors.map((error) => ({ message: `JSON: ${printParseErrorCode(error.error)}`, offset: error.offset })),
    comments: [],
  };
}

export interface ConfigurationRead {
  /** What parsed; empty servers when nothing did. */
  configuration: McpConfiguration;
  /** The first syntax error, one line, when the file does not parse cleanly. */
  error?: string;
}

/**
 * The normalized model of one configuration file (as the audit rules see it), for hosts that list
 * servers. Never throws: a syntax error is returned with whatever still parsed.
 */
export function readConfiguration(kind: Extract<FileKind, { target: 'mcp-config' }>, text: string): ConfigurationRead {
  const parsed = parseConfigurationText(kind, text);
  const first = parsed.errors[0];
  const error = first
    ? kind.syntax === 'json'
      ? `${first.message} at offset ${first.offset}`
      : first.message
    : parsed.configuration
      ? undefined
      : 'JSON: the top level is not an object';
  return { configuration: parsed.configuration ?? { syntax: kind.syntax, servers: [], topLevel: [] }, ...(error ? { error } : {}) };
}
