/**
 * Rug-pull detection: pin a server's live tool definitions (SHA-256 of a normalized form) and the
 * server instructions in the workspace lockfile, and compare a later inspection with the pin.
 * The lockfile is the only file MCP Warden ever writes, and only when the user asks to pin.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { LiveDefinitions, LiveTool } from './live-inspection';

export const LOCKFILE_PATH = '.vscode/mcp-warden.lock.json';

/** The fields of a tool that reach the model or change how it is called; their change is what a pin detects. */
export const PINNED_FIELDS = ['name', 'title', 'description', 'inputSchema', 'outputSchema', 'annotations'] as const;

export interface PinnedTool {
  /** SHA-256 of the normalized definition, name included. */
  sha256: string;
  /** The same without the name: matches a renamed tool by content. */
  contentSha256: string;
  /** Kept for the diff shown when the description changes. */
  description?: string;
  /** Per-field hashes, to say which fields changed. */
  fields: Record<string, string>;
}

export interface PinnedServer {
  pinnedAt: string;
  serverName?: string;
  serverVersion?: string;
  instructionsSha256?: string;
  instructions?: string;
  tools: Record<string, PinnedTool>;
}

export interface Lockfile {
  version: 1;
  servers: Record<string, PinnedServer>;
}

/** JSON with object keys sorted at every level, no whitespace: the normalized form that is hashed. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function normalizedTool(tool: LiveTool): Record<string, unknown> {
  const normalized: Record<string, unknown> = {};
  for (const field of PINNED_FIELDS) if (tool[field] !== undefined) normalized[field] = tool[field];
  return normalized;
}

export function pinTool(tool: LiveTool): PinnedTool {
  const normalized = normalizedTool(tool);
  const { name: _name, ...content } = normalized;
  const fields: Record<string, string> = {};
  for (const field of PINNED_FIELDS) if (field !== 'name' && normalized[field] !== undefined) fields[field] = sha256(canonicalJson(normalized[field]));
  return {
    sha256: sha256(canonicalJson(normalized)),
    contentSha256: sha256(canonicalJson(content)),
    ...(typeof tool.description === 'string' ? { description: tool.description } : {}),
    fields,
  };
}

export function pinDefinitions(definitions: LiveDefinitions, now: Date = new Date()): PinnedServer {
  const tools: Record<string, PinnedTool> = {};
  for (const tool of [...definitions.tools].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) tools[tool.name] = pinTool(tool);
  return {
    pinnedAt: now.toISOString(),
    ...(definitions.serverName ? { serverName: definitions.serverName } : {}),
    ...(definitions.serverVersion ? { serverVersion: definitions.serverVersion } : {}),
    ...(definitions.instructions !== undefined ? { instructionsSha256: sha256(definitions.instructions), instructions: definitions.instructions } : {}),
    tools,
  };
}

export interface ToolChange {
  name: string;
  /** Fields whose normalized value differs. */
  fields: string[];
  /** Unified-style diff of the description, when it changed. */
  descriptionDiff?: string;
}

export interface PinComparison {
  matches: boolean;
  changed: ToolChange[];
  added: string[];
  removed: string[];
  /** Tools whose content is pinned under another name. */
  renamed: Array<{ from: string; to: string }>;
  instructionsDiff?: string;
}

/** Compares live definitions with a pin; renamed tools are matched by content hash. */
export function comparePin(pinned: PinnedServer, definitions: LiveDefinitions): PinComparison {
  const live = new Map(definitions.tools.map((tool) => [tool.name, pinTool(tool)]));
  const changed: ToolChange[] = [];
  const added: string[] = [];
  const removedNames = new Set(Object.keys(pinned.tools).filter((name) => !live.has(name)));
  const renamed: PinComparison['renamed'] = [];
  for (const [name, current] of live) {
    const before = pinned.tools[name];
    if (before) {
      if (before.sha256 === current.sha256) continue;
      const keys = new Set([...Object.keys(before.fields ?? {}), ...Object.keys(current.fields)]);
      const fields = [...keys].filter((key) => before.fields?.[key] !== current.fields[key]).sort();
      const descriptionDiff = before.description !== current.description ? lineDiff(before.description ?? '', current.description ?? '') : undefined;
      changed.push({ name, fields, ...(descriptionDiff !== undefined ? { descriptionDiff } : {}) });
      continue;
    }
    const previous = [...removedNames].find((candidate) => pinned.tools[candidate]?.contentSha256 === current.contentSha256);
    if (previous) {
      removedNames.delete(previous);
      renamed.push({ from: previous, to: name });
    } else added.push(name);
  }
  const instructions = definitions.instructions;
  const instructionsChanged = (pinned.instructionsSha256 ?? '') !== (instructions !== undefined ? sha256(instructions) : '');
  const instructionsDiff = instructionsChanged ? lineDiff(pinned.instructions ?? '', instructions ?? '') : undefined;
  const removed = [...removedNames].sort();
  return {
    matches: changed.length === 0 && added.length === 0 && removed.length === 0 && renamed.length === 0 && instructionsDiff === undefined,
    changed,
    added: added.sort(),
    removed,
    renamed,
    ...(instructionsDiff !== undefined ? { instructionsDiff } : {}),
  };
}

/**
 * A unified-style line diff (`-` removed, `+` added, two-space context). Single-line texts are split
 * into sentences first, so a sentence slipped into a long description stands out.
 */
export function lineDiff(before: string, after: string): string {
  const split = (text: string) => (text.includes('\n') ? text.split('\n') : text.split(/(?<=[.!?])\s+/)).filter((line, _index, all) => line !== '' || all.length > 1);
  const a = split(before);
  const b = split(after);
  // LCS table; descriptions are short, and both sides are capped.
  const n = Math.min(a.length, 400);
  const m = Math.min(b.length, 400);
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  const lines: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      lines.push(`  ${a[i]}`);
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) lines.push(`- ${a[i++]}`);
    else lines.push(`+ ${b[j++]}`);
  }
  while (i < n) lines.push(`- ${a[i++]}`);
  while (j < m) lines.push(`+ ${b[j++]}`);
  return lines.join('\n');
}

/** The lockfile in a workspace folder; undefined when there is none, an error when it is not a lockfile. */
export async function readLockfile(folder: string): Promise<Lockfile | undefined> {
  let text: string;
  try {
    text = await readFile(join(folder, LOCKFILE_PATH), 'utf8');
  } catch {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${LOCKFILE_PATH} is not valid JSON`);
  }
  const lockfile = parsed as Partial<Lockfile>;
  if (lockfile.version !== 1 || typeof lockfile.servers !== 'object' || lockfile.servers === null) throw new Error(`${LOCKFILE_PATH} is not an MCP Warden lockfile (version 1)`);
  return lockfile as Lockfile;
}

/** Adds or replaces one server's pin; keys are sorted so the file diffs well in review. */
export async function writePin(folder: string, key: string, pin: PinnedServer): Promise<string> {
  const existing = (await readLockfile(folder)) ?? { version: 1, servers: {} };
  const servers: Record<string, PinnedServer> = { ...existing.servers, [key]: pin };
  const sorted: Lockfile = { version: 1, servers: Object.fromEntries(Object.entries(servers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
  const path = join(folder, LOCKFILE_PATH);
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(sorted, null, 2)}\n`, 'utf8');
  await rename(temporary, path);
  return path;
}
