import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { FileKind, McpConfigFormat } from '../file-kind';
import { jsonConfiguration, type McpConfiguration } from './config-model';
import { tomlConfiguration } from './toml-configuration';
import { yamlConfiguration } from './yaml-configuration';

/** Where each format keeps its servers (the same table the analyzer uses). */
const SERVERS_KEYS: Record<McpConfigFormat, string> = { vscode: 'servers', 'mcp-servers': 'mcpServers', zed: 'context_servers', codex: 'mcp_servers', continue: 'mcpServers' };

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
  const empty: McpConfiguration = { syntax: kind.syntax, servers: [], topLevel: [] };
  if (kind.syntax === 'toml') {
    try {
      return { configuration: tomlConfiguration(text).configuration };
    } catch (error) {
      return { configuration: empty, error: `TOML: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}` };
    }
  }
  if (kind.syntax === 'yaml') {
    const parsed = yamlConfiguration(text);
    const first = parsed.errors[0];
    return { configuration: parsed.configuration, ...(first ? { error: `YAML: ${first.message}` } : {}) };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  const error = first ? `JSON: ${printParseErrorCode(first.error)} at offset ${first.offset}` : root?.type !== 'object' ? 'JSON: the top level is not an object' : undefined;
  const configuration = root?.type === 'object' ? jsonConfiguration(text, root, SERVERS_KEYS[kind.format]) : empty;
  return { configuration, ...(error ? { error } : {}) };
}
