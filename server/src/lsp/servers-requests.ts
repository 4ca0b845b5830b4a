/**
 * The MCP Servers requests: list the configured servers with their findings, render the report,
 * describe a launch for the consent dialog, inspect a server live, and pin its definitions.
 * Live inspection runs only on an explicit request that carries the fingerprint of the launch the
 * user confirmed; nothing is written except the lockfile, on a pin request.
 */
import { homedir } from 'node:os';
import { basename, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Connection, TextDocuments, WorkspaceFolder } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analyzer, AnalyzerSettings } from '../analyzer/analyze';
import type { ConfiguredServer } from '../analyzer/config/config-model';
import { readConfiguration } from '../analyzer/config/read-configuration';
import type { Finding } from '../analyzer/finding';
import { detectFileKind } from '../analyzer/file-kind';
import { isPathIncluded } from '../analyzer/file-filter';
import { ignoreDecision } from '../analyzer/ignore-file';
import { discoverConfigs, type DiscoveredConfig, type McpConfigKind } from '../host/config-discovery';
import { describeTarget, inspectLive, LaunchError, launchFingerprint, resolveLaunch, synthesizeToolList, type LaunchTarget, type LiveDefinitions } from '../host/live-inspection';
import { comparePin, LOCKFILE_PATH, pinDefinitions, readLockfile, writePin, type PinComparison } from '../host/pinning';
import { readSourceFile } from '../host/read-source-file';
import { groupFiles, summarizeFile, type RuleInfo } from '../host/server-inventory';
import { renderLiveReport, renderServersReport, type LiveFinding } from '../host/servers-report';
import {
  DEFAULT_EXCLUDE,
  DescribeLaunchRequest,
  InspectServerRequest,
  ListServersRequest,
  PinServerRequest,
  ServersReportRequest,
  type InspectServerResult,
  type LaunchDescription,
  type ListServersResult,
  type PinServerResult,
  type ServerRef,
  type WardenSettings,
} from '../protocol';
import type { SettingsCache } from './settings';
import { uriToPath, type Workspace } from './workspace';

export interface ServersHostOptions {
  analyzer: Promise<Analyzer>;
  documents: TextDocuments<TextDocument>;
  settings: SettingsCache;
  workspace: Workspace;
  folders: () => readonly WorkspaceFolder[];
  /** Defaults to the OS home at request time (tests override HOME or pass one). */
  home?: () => string | undefined;
  platform?: NodeJS.Platform;
  /** The environment `${env:X}` resolves from. */
  env?: Readonly<Record<string, string | undefined>>;
  inspectTimeoutMs?: number;
}

interface LoadedServer {
  path: string;
  kind: McpConfigKind;
  server: ConfiguredServer;
  /** The workspace folder holding the configuration, if any. */
  folder: string | undefined;
  displayPath: string;
}

function folderPaths(folders: readonly WorkspaceFolder[]): string[] {
  return folders.filter((folder) => folder.uri.startsWith('file:')).map((folder) => fileURLToPath(folder.uri));
}

function isInside(path: string, root: string): boolean {
  const relation = relative(root, path);
  return relation !== '' && !relation.startsWith('..') && !relation.includes(':');
}

/** Registers the MCP Servers request handlers; returns the handlers for in-process callers. */
export function registerServerRequests(connection: Connection, options: ServersHostOptions): ServersHost {
  const host = new ServersHost(options);
  connection.onRequest(ListServersRequest.type, () => host.listServers());
  connection.onRequest(ServersReportRequest.type, async () => ({ markdown: renderServersReport(await host.listServers()) }));
  connection.onRequest(DescribeLaunchRequest.type, (params) => host.describeLaunch(params));
  connection.onRequest(InspectServerRequest.type, (params) => host.inspect(params.uri, params.name, params.fingerprint));
  connection.onRequest(PinServerRequest.type, (params) => host.pin(params));
  return host;
}

export class ServersHost {
  /** The definitions of each server's last successful live inspection, for pinning. */
  private readonly lastInspection = new Map<string, LiveDefinitions>();

  constructor(private readonly options: ServersHostOptions) {}

  private home(): string | undefined {
    return this.options.home ? this.options.home() : homedir();
  }

  private settingsFor(uri: string): Promise<WardenSettings> {
    return this.options.settings.get(uri);
  }

  private async ruleInfo(): Promise<(ruleId: string) => RuleInfo | undefined> {
    const analyzer = await this.options.analyzer;
    return (ruleId) => {
      const meta = analyzer.ruleById(ruleId)?.meta;
      return meta ? { description: meta.description, docsUrl: meta.docsUrl } : undefined;
    };
  }

  /** The text of a configuration: the editor's (unsaved edits included) when open, else the file's. */
  private textOf(config: DiscoveredConfig): string {
    return this.options.documents.get(pathToFileURL(config.path).href)?.getText() ?? config.text;
  }

  private async analysisSettings(uri: string): Promise<AnalyzerSettings | undefined> {
    const current = await this.settingsFor(uri);
    if (!current.enable) return undefined;
    const location = this.options.workspace.locate(uri);
    const ignored = ignoreDecision(this.options.workspace.ignoreFileEntries(location.folder), location.relativePath);
    if (ignored.wholeFile) return undefined;
    if (location.folder && !isPathIncluded(location.relativePath, current.include, current.exclude)) return undefined;
    return { ruleCustomizations: current.rules.customizations, ignoredRules: ignored.rules, maxFileSizeKb: current.maxFileSizeKb };
  }

  async listServers(): Promise<ListServersResult> {
    const folders = this.options.folders();
    const firstFolder = folders[0];
    const folderSettings = firstFolder ? await this.settingsFor(firstFolder.uri) : undefined;
    const configs = await discoverConfigs({
      workspaceFolders: folderPaths(folders),
      home: this.home(),
      platform: this.options.platform ?? process.platform,
      exclude: folderSettings?.exclude ?? DEFAULT_EXCLUDE,
      maxFileSizeKb: folderSettings?.maxFileSizeKb ?? 1024,
    });
    const analyzer = await this.options.analyzer;
    const ruleInfo = await this.ruleInfo();
    const files = [];
    for (const discovered of configs) {
      const uri = pathToFileURL(discovered.path).href;
      const config = { ...discovered, text: this.textOf(discovered) };
      const settings = await this.analysisSettings(uri);
      let findings: Finding[] = [];
      if (settings) {
        try {
          findings = (await analyzer.analyze({ path: config.path, text: config.text }, settings)).findings;
        } catch {
          findings = [];
        }
      }
      files.push(summarizeFile(config, findings, ruleInfo));
    }
    return groupFiles(files);
  }

  private displayPathOf(path: string, folder: string | undefined): string {
    if (folder) return relative(folder, path).split(sep).join('/');
    const home = this.home();
    if (home && isInside(path, home)) return `~/${relative(home, path).split(sep).join('/')}`;
    return path;
  }

  private async load(ref: ServerRef): Promise<LoadedServer> {
    if (typeof ref?.uri !== 'string' || !ref.uri.startsWith('file:') || typeof ref.name !== 'string') throw new LaunchError('no configuration file given');
    const path = uriToPath(ref.uri);
    const open = this.options.documents.get(ref.uri)?.getText();
    let text = open;
    if (text === undefined) {
      const read = await readSourceFile(path, 1024);
      if (!read.ok) throw new LaunchError(`${basename(path)}: ${read.message}`);
      text = read.text;
    }
    const kind = detectFileKind(path, text);
    if (kind?.target !== 'mcp-config') throw new LaunchError(`${basename(path)} is not an MCP configuration MCP Warden knows`);
    const server = readConfiguration(kind, text).configuration.servers.find((candidate) => candidate.name === ref.name);
    if (!server) throw new LaunchError(`no server named '${ref.name}' in ${basename(path)}`);
    const folder = folderPaths(this.options.folders())
      .filter((candidate) => isInside(path, candidate))
      .sort((a, b) => b.length - a.length)[0];
    return { path, kind, server, folder, displayPath: this.displayPathOf(path, folder) };
  }

  private resolve(loaded: LoadedServer): { target: LaunchTarget; notes: string[] } {
    return resolveLaunch(loaded.server, {
      workspaceFolder: loaded.folder ?? folderPaths(this.options.folders())[0],
      home: this.home() ?? homedir(),
      env: this.options.env ?? process.env,
      client: loaded.kind.client,
    });
  }

  async describeLaunch(ref: ServerRef): Promise<LaunchDescription> {
    try {
      const loaded = await this.load(ref);
      const { target, notes } = this.resolve(loaded);
      return { ok: true, transport: target.transport, ...describeTarget(target), notes, fingerprint: launchFingerprint(target) };
    } catch (error) {
      return { ok: false, error: error instanceof LaunchError ? error.message : `could not read the configuration: ${String(error)}` };
    }
  }

  private lockfileFolder(loaded: LoadedServer): string | undefined {
    return loaded.folder ?? folderPaths(this.options.folders())[0];
  }

  private static pinKey(loaded: LoadedServer): string {
    return `${loaded.displayPath}#${loaded.server.name}`;
  }

  async inspect(uri: string, name: string, fingerprint: string): Promise<InspectServerResult> {
    let loaded: LoadedServer;
    let target: LaunchTarget;
    try {
      loaded = await this.load({ uri, name });
      target = this.resolve(loaded).target;
    } catch (error) {
      return { ok: false, error: error instanceof LaunchError ? error.message : String(error) };
    }
    if (launchFingerprint(target) !== fingerprint) return { ok: false, error: 'the server configuration changed after you confirmed; inspect it again to see the new command' };
    const live = await inspectLive(target, { timeoutMs: this.options.inspectTimeoutMs ?? 15_000 });
    if (!live.ok) return { ok: false, error: `${name}: ${live.error}` };
    const key = `${uri}#${name}`;
    this.lastInspection.set(key, live.definitions);
    const findings = await this.auditDefinitions(loaded, live.definitions);
    const folder = this.lockfileFolder(loaded);
    let comparison: PinComparison | undefined;
    let pinError: string | undefined;
    if (folder) {
      try {
        const pinned = (await readLockfile(folder))?.servers[ServersHost.pinKey(loaded)];
        if (pinned) comparison = comparePin(pinned, live.definitions);
      } catch (error) {
        pinError = error instanceof Error ? error.message : String(error);
      }
    }
    const launch = describeTarget(target);
    let markdown = renderLiveReport({
      name,
      displayPath: loaded.displayPath,
      launch: { ...(launch.commandLine ? { commandLine: launch.commandLine } : {}), ...(launch.url ? { url: launch.url } : {}) },
      definitions: live.definitions,
      findings,
      pin: { key: ServersHost.pinKey(loaded), comparison, lockfile: LOCKFILE_PATH },
    });
    if (pinError) markdown += `\n⚠️ ${pinError}\n`;
    return {
      ok: true,
      markdown,
      tools: live.definitions.tools.length,
      findings: findings.length,
      pin: comparison ? (comparison.matches ? 'matches' : 'differs') : 'none',
    };
  }

  /** Runs the tool-metadata rules on the live definitions through the normal analyzer, as a saved tools/list. */
  private async auditDefinitions(loaded: LoadedServer, definitions: LiveDefinitions): Promise<LiveFinding[]> {
    const synthesized = synthesizeToolList(definitions);
    const analyzer = await this.options.analyzer;
    const ruleInfo = await this.ruleInfo();
    const settings = (await this.analysisSettings(pathToFileURL(loaded.path).href)) ?? { ruleCustomizations: [] };
    // A neutral path: the configuration's folder could look like test code, which some rules skip.
    const path = `mcp-warden-live/${loaded.server.name.replace(/[^\w.-]+/g, '_') || 'server'}.live.tools.json`;
    const result = await analyzer.analyze({ path, text: synthesized.text }, { ruleCustomizations: settings.ruleCustomizations, ...(settings.ignoredRules ? { ignoredRules: settings.ignoredRules } : {}) });
    return result.findings.map((finding) => {
      const item = synthesized.items.find((candidate) => finding.start >= candidate.start && finding.start < candidate.end);
      const info = ruleInfo(finding.ruleId);
      return {
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        description: info?.description ?? '',
        docsUrl: info?.docsUrl ?? '',
        item: item ? `${item.kind} ${item.name}` : undefined,
      };
    });
  }

  async pin(ref: ServerRef): Promise<PinServerResult> {
    const definitions = this.lastInspection.get(`${ref.uri}#${ref.name}`);
    if (!definitions) return { ok: false, error: `inspect '${ref.name}' live first; pinning records the definitions of the last live inspection` };
    let loaded: LoadedServer;
    try {
      loaded = await this.load(ref);
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    const folder = this.lockfileFolder(loaded);
    if (!folder) return { ok: false, error: 'open a workspace folder first: the lockfile lives in its .vscode folder' };
    try {
      const written = await writePin(folder, ServersHost.pinKey(loaded), pinDefinitions(definitions));
      return { ok: true, lockfileUri: pathToFileURL(written).href, tools: definitions.tools.length };
    } catch (error) {
      return { ok: false, error: `could not write ${LOCKFILE_PATH}: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
}
