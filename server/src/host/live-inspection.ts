/**
 * Live inspection of one configured MCP server, only ever on the user's explicit request: start it
 * (stdio) or contact it (Streamable HTTP / SSE) with the official SDK, list its tools, prompts and
 * resources within a time limit, and always stop the process afterwards.
 */
import { createHash } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { ConfiguredServer } from '../analyzer/config/config-model';
import type { McpClient } from '../analyzer/file-kind';
import type { ServerTransport } from '../protocol';
import { MASK, maskCommandLine, transportOf } from './server-inventory';
import { TOOL_VERSION } from './version';

export type LaunchTarget =
  | { transport: 'stdio'; command: string; args: string[]; env: Record<string, string>; cwd: string | undefined }
  | { transport: 'http' | 'sse'; url: string; headers: Record<string, string> };

export interface VariableContext {
  workspaceFolder: string | undefined;
  home: string;
  env: Readonly<Record<string, string | undefined>>;
  client: McpClient;
}

export class LaunchError extends Error {}

/**
 * Resolves `${env:X}`, `${workspaceFolder}` and `${userHome}` (and, in Claude Code files, `${X}` /
 * `${X:-default}`). Anything else, `${input:…}` first of all, is refused: the inspection must run
 * exactly what the user saw, and an input would need VS Code's prompt.
 */
export function resolveVariables(value: string, context: VariableContext, where: string): string {
  return value.replace(/\$\{([^{}]*)\}/g, (whole, body: string) => {
    if (body.startsWith('input:')) throw new LaunchError(`${where} uses ${whole}: input variables are prompted for by VS Code and cannot be resolved here; replace it with \${env:…} to inspect this server`);
    if (body === 'workspaceFolder') {
      if (!context.workspaceFolder) throw new LaunchError(`${where} uses \${workspaceFolder} but no workspace folder is open`);
      return context.workspaceFolder;
    }
    if (body === 'userHome') return context.home;
    const env = /^env:([A-Za-z_][A-Za-z0-9_]*)$/.exec(body) ?? (context.client === 'claude-code' ? /^([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/s.exec(body) : null);
    if (env) {
      const found = context.env[env[1]!];
      if (found !== undefined) return found;
      if (env[2] !== undefined) return env[2];
      throw new LaunchError(`${where} uses ${whole} but ${env[1]} is not set in the language server's environment`);
    }
    throw new LaunchError(`${where} uses ${whole}, which MCP Warden does not resolve (only \${env:NAME}, \${workspaceFolder} and \${userHome})`);
  });
}

/** What a live inspection of `server` would start or contact, with variables resolved. Throws LaunchError when it cannot. */
export function resolveLaunch(server: ConfiguredServer, context: VariableContext): { target: LaunchTarget; notes: string[] } {
  const notes: string[] = [];
  const transport: ServerTransport = transportOf(server, context.client);
  const resolve = (value: string, where: string) => resolveVariables(value, context, `${server.name}: ${where}`);
  const field = (key: string) => server.fields.find((candidate) => candidate.key === key);
  if (field('envFile')) notes.push('envFile is not loaded by MCP Warden: variables from it are missing');
  if (transport === 'stdio') {
    if (!server.command) throw new LaunchError(`${server.name} has no command`);
    if (field('command')?.kind === 'object') notes.push('nested command object (older Zed shape)');
    const env: Record<string, string> = {};
    for (const entry of server.env) {
      if (entry.value) env[entry.key] = resolve(entry.value.value, `env ${entry.key}`);
      else {
        const raw = field('env')?.entries.find((candidate) => candidate.key === entry.key);
        if (raw && !raw.value) notes.push(`env ${entry.key} is not a string and is left out`);
      }
    }
    // Codex `env_vars`: names of variables passed through from the client's environment.
    for (const name of field('env_vars')?.items ?? []) {
      const value = context.env[name.value];
      if (value !== undefined) env[name.value] = value;
    }
    const cwdField = field('cwd');
    const cwd = cwdField?.kind === 'string' && cwdField.items[0] ? resolve(cwdField.items[0].value, 'cwd') : context.workspaceFolder;
    return {
      target: { transport: 'stdio', command: resolve(server.command.value, 'command'), args: server.args.map((arg, index) => resolve(arg.value, `args[${index}]`)), env, cwd },
      notes,
    };
  }
  if (transport === 'http' || transport === 'sse') {
    if (!server.url) throw new LaunchError(`${server.name} has no url`);
    const url = resolve(server.url.value, 'url');
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new LaunchError(`${server.name}: url is not a valid URL`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new LaunchError(`${server.name}: only http(s) URLs can be inspected, not ${parsed.protocol}`);
    const headers: Record<string, string> = {};
    for (const entry of server.headers) if (entry.value) headers[entry.key] = resolve(entry.value.value, `headers ${entry.key}`);
    // Codex `bearer_token_env_var`.
    const bearerVariable = field('bearer_token_env_var')?.items[0]?.value;
    if (bearerVariable) {
      const token = context.env[bearerVariable];
      if (token === undefined) throw new LaunchError(`${server.name}: bearer_token_env_var ${bearerVariable} is not set in the language server's environment`);
      headers.Authorization = `Bearer ${token}`;
    }
    return { target: { transport, url, headers }, notes };
  }
  throw new LaunchError(`${server.name}: neither a command nor a url; the transport is unknown`);
}

/** The launch as the consent dialog shows it: the full command line or URL, env and header values masked. */
export function describeTarget(target: LaunchTarget): { commandLine?: string; cwd?: string; url?: string; env: string[]; headers: string[] } {
  if (target.transport === 'stdio') {
    return {
      commandLine: maskCommandLine(target.command, target.args, false),
      ...(target.cwd ? { cwd: target.cwd } : {}),
      env: Object.keys(target.env).map((key) => `${key}=${MASK}`),
      headers: [],
    };
  }
  return { url: target.url, env: [], headers: Object.keys(target.headers).map((key) => `${key}: ${MASK}`) };
}

/** Identifies a resolved launch (secrets included, so an edited token also changes it); only the hash leaves the server. */
export function launchFingerprint(target: LaunchTarget): string {
  return createHash('sha256').update(JSON.stringify(target)).digest('hex');
}

export interface LiveTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema?: unknown;
  outputSchema?: unknown;
  annotations?: unknown;
}

export interface LiveDefinitions {
  serverName?: string;
  serverVersion?: string;
  instructions?: string;
  tools: LiveTool[];
  prompts: Array<{ name: string; title?: string; description?: string; arguments?: unknown }>;
  resources: Array<{ name: string; uri?: string; title?: string; description?: string; mimeType?: string }>;
}

export type LiveResult = { ok: true; definitions: LiveDefinitions } | { ok: false; error: string };

export interface InspectOptions {
  /** For connect + every list call together; the process is killed after it. */
  timeoutMs?: number;
}

const MAX_PAGES = 20;
const STDERR_TAIL = 2000;

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
}

function pick<T extends object>(value: T, keys: readonly (keyof T)[]): Partial<T> {
  const picked: Partial<T> = {};
  for (const key of keys) if (value[key] !== undefined) picked[key] = value[key];
  return picked;
}

/** Connects, lists every page of tools, prompts and resources the server has capabilities for, and disconnects. Never throws. */
export async function inspectLive(target: LaunchTarget, options: InspectOptions = {}): Promise<LiveResult> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  let stderr = '';
  let transport: Transport;
  if (target.transport === 'stdio') {
    const stdio = new StdioClientTransport({ command: target.command, args: target.args, env: target.env, ...(target.cwd ? { cwd: target.cwd } : {}), stderr: 'pipe' });
    stdio.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    transport = stdio;
  } else {
    let url: URL;
    try {
      url = new URL(target.url);
    } catch {
      return { ok: false, error: 'the URL is not valid' };
    }
    const requestInit = { headers: target.headers };
    transport = target.transport === 'sse' ? new SSEClientTransport(url, { requestInit }) : new StreamableHTTPClientTransport(url, { requestInit });
  }
  const client = new Client({ name: 'mcp-warden', version: TOOL_VERSION }, { capabilities: {} });
  let failure: ((error: Error) => void) | undefined;
  const failed = new Promise<never>((_resolve, reject) => {
    failure = reject;
  });
  failed.catch(() => undefined);
  client.onerror = (error) => {
    const text = errorText(error);
    const garbage = /JSON|Unexpected token|parse|^\[/i.test(text) || (error as { name?: string }).name === 'ZodError';
    // Over HTTP the SDK also reports a refused optional GET stream here; only unparsable output is fatal there.
    if (garbage) failure?.(new Error(`the server sent something that is not JSON-RPC${text.startsWith('[') ? '' : ` (${text})`}`));
    else if (target.transport === 'stdio') failure?.(new Error(text));
  };
  client.onclose = () => failure?.(new Error('the server closed the connection'));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no complete answer within ${Math.round(timeoutMs / 1000)} s; the server was stopped`)), timeoutMs);
  });
  const requestOptions = { timeout: timeoutMs };
  const work = async (): Promise<LiveDefinitions> => {
    await client.connect(transport, requestOptions);
    const capabilities = client.getServerCapabilities() ?? {};
    const info = client.getServerVersion();
    const definitions: LiveDefinitions = { tools: [], prompts: [], resources: [] };
    if (info?.name) definitions.serverName = info.name;
    if (info?.version) definitions.serverVersion = info.version;
    const instructions = client.getInstructions();
    if (instructions) definitions.instructions = instructions;
    if (capabilities.tools) {
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const listed = await client.listTools(cursor ? { cursor } : {}, requestOptions);
        definitions.tools.push(...listed.tools.map((tool) => pick(tool, ['name', 'title', 'description', 'inputSchema', 'outputSchema', 'annotations']) as LiveTool));
        cursor = listed.nextCursor;
        if (!cursor) break;
      }
    }
    if (capabilities.prompts) {
      const listed = await client.listPrompts({}, requestOptions);
      definitions.prompts = listed.prompts.map((prompt) => pick(prompt, ['name', 'title', 'description', 'arguments']) as LiveDefinitions['prompts'][number]);
    }
    if (capabilities.resources) {
      const listed = await client.listResources({}, requestOptions);
      definitions.resources = listed.resources.map((resource) => pick(resource, ['name', 'uri', 'title', 'description', 'mimeType']) as LiveDefinitions['resources'][number]);
    }
    return definitions;
  };
  try {
    return { ok: true, definitions: await Promise.race([work(), failed, timedOut]) };
  } catch (error) {
    const tail = stderr.trim().split('\n').slice(-3).join(' | ');
    return { ok: false, error: `${errorText(error)}${tail ? ` (stderr: ${tail.slice(0, 500)})` : ''}` };
  } finally {
    clearTimeout(timer);
    failure = undefined;
    // Closing the stdio transport ends stdin, then SIGTERM, then SIGKILL: the process never outlives the inspection.
    await client.close().catch(() => undefined);
    await transport.close().catch(() => undefined);
  }
}

/** The `tools/list`-shaped JSON the analyzer audits, with where each definition sits in it. */
export interface SynthesizedToolList {
  text: string;
  items: Array<{ kind: 'tool' | 'prompt' | 'resource'; name: string; start: number; end: number }>;
}

export function synthesizeToolList(definitions: LiveDefinitions): SynthesizedToolList {
  const items: SynthesizedToolList['items'] = [];
  let text = '{\n';
  const sections: Array<['tool' | 'prompt' | 'resource', string, ReadonlyArray<{ name: string }>]> = [
    ['tool', 'tools', definitions.tools],
    ['prompt', 'prompts', definitions.prompts],
    ['resource', 'resources', definitions.resources],
  ];
  sections.forEach(([kind, key, list], sectionIndex) => {
    text += `  "${key}": [`;
    list.forEach((item, index) => {
      const json = JSON.stringify(item, null, 2).replace(/\n/g, '\n    ');
      text += `${index === 0 ? '\n' : ',\n'}    `;
      items.push({ kind, name: item.name, start: text.length, end: text.length + json.length });
      text += json;
    });
    text += `${list.length ? '\n  ' : ''}]${sectionIndex < sections.length - 1 ? ',' : ''}\n`;
  });
  return { text: `${text}}\n`, items };
}
