/**
 * The "MCP Servers" view and its commands. Thin glue: the language server discovers, analyzes,
 * inspects and pins (server/src/lsp/servers-requests.ts); this file shows the tree, asks for
 * consent before anything is started, and opens the reports.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  Commands,
  DescribeLaunchRequest,
  InspectServerRequest,
  ListServersRequest,
  PinServerRequest,
  SERVERS_VIEW_ID,
  ServersReportRequest,
  type ConfigFileSummary,
  type ConfiguredServerSummary,
  type ListServersResult,
  type ServerFindingSummary,
} from '../../server/src/protocol';

type Node =
  | { kind: 'client'; label: string; scopes: ListServersResult['clients'][number]['scopes'] }
  | { kind: 'scope'; scope: 'workspace' | 'user'; files: ConfigFileSummary[] }
  | { kind: 'server'; file: ConfigFileSummary; server: ConfiguredServerSummary }
  | { kind: 'finding'; file: ConfigFileSummary; finding: ServerFindingSummary }
  | { kind: 'file-error'; file: ConfigFileSummary }
  | { kind: 'message'; text: string };

const SEVERITY_ICONS: Record<string, vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  info: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  hint: new vscode.ThemeIcon('lightbulb'),
};

function toRange(range: ConfiguredServerSummary['nameRange']): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

class ServersTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private result: Promise<ListServersResult> | undefined;

  constructor(private readonly client: LanguageClient) {}

  refresh(): void {
    this.result = undefined;
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private load(): Promise<ListServersResult> {
    this.result ??= this.client.sendRequest(ListServersRequest.type);
    return this.result;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      let result: ListServersResult;
      try {
        result = await this.load();
      } catch (error) {
        this.result = undefined;
        return [{ kind: 'message', text: `Could not list MCP servers: ${error instanceof Error ? error.message : String(error)}` }];
      }
      if (result.clients.length === 0) return [{ kind: 'message', text: 'No MCP configuration found in the workspace or your home folder.' }];
      return result.clients.map((client) => ({ kind: 'client', label: client.label, scopes: client.scopes }));
    }
    switch (node.kind) {
      case 'client':
        return node.scopes.map((scope) => ({ kind: 'scope', scope: scope.scope, files: scope.files }));
      case 'scope':
        return node.files.flatMap((file): Node[] => [
          ...(file.error ? [{ kind: 'file-error' as const, file }] : []),
          ...file.fileFindings.map((finding) => ({ kind: 'finding' as const, file, finding })),
          ...file.servers.map((server) => ({ kind: 'server' as const, file, server })),
        ]);
      case 'server':
        return node.server.findings.map((finding) => ({ kind: 'finding', file: node.file, finding }));
      default:
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'client': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = new vscode.ThemeIcon('server-environment');
        return item;
      }
      case 'scope': {
        const servers = node.files.reduce((sum, file) => sum + file.servers.length, 0);
        const item = new vscode.TreeItem(node.scope === 'workspace' ? 'Workspace' : 'User', vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${servers} server${servers === 1 ? '' : 's'} · ${node.files.map((file) => file.displayPath).join(', ')}`;
        item.iconPath = new vscode.ThemeIcon(node.scope === 'workspace' ? 'folder' : 'account');
        return item;
      }
      case 'server': {
        const { server, file } = node;
        const item = new vscode.TreeItem(server.name, server.findings.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        const target = server.commandLine ?? server.url ?? '';
        item.description = `${server.findings.length ? `${server.findings.length} · ` : ''}${server.transport} · ${target}`;
        item.iconPath = server.maxSeverity ? SEVERITY_ICONS[server.maxSeverity] : new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
        const tooltip = new vscode.MarkdownString();
        tooltip.appendText(`${server.name} (${server.transport}) in ${file.displayPath}\n`);
        if (target) tooltip.appendCodeblock(target, 'text');
        if (server.envKeys.length) tooltip.appendText(`env: ${server.envKeys.join(', ')} (values hidden)\n`);
        if (server.headerKeys.length) tooltip.appendText(`headers: ${server.headerKeys.join(', ')} (values hidden)\n`);
        tooltip.appendText(server.findings.length ? `${server.findings.length} finding(s)` : 'No findings');
        item.tooltip = tooltip;
        item.contextValue = 'mcpServer';
        item.command = { command: Commands.openServerConfig, title: 'Open Configuration', arguments: [file.uri, server.nameRange] };
        return item;
      }
      case 'finding': {
        const { finding, file } = node;
        const item = new vscode.TreeItem(finding.message, vscode.TreeItemCollapsibleState.None);
        item.description = finding.ruleId;
        item.tooltip = `${finding.ruleId}: ${finding.message}${finding.description ? `\n\n${finding.description}` : ''}`;
        item.iconPath = SEVERITY_ICONS[finding.severity];
        item.command = { command: Commands.openServerConfig, title: 'Show Finding', arguments: [file.uri, finding.range] };
        return item;
      }
      case 'file-error': {
        const item = new vscode.TreeItem(`${node.file.displayPath}: ${node.file.error ?? ''}`, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('warning');
        item.command = { command: Commands.openServerConfig, title: 'Open Configuration', arguments: [node.file.uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }] };
        return item;
      }
      case 'message':
        return new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
    }
  }
}

async function showMarkdown(markdown: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.commands.executeCommand('markdown.showPreview', document.uri);
}

export function registerServersView(context: vscode.ExtensionContext, client: LanguageClient): void {
  const tree = new ServersTree(client);
  const view = vscode.window.createTreeView(SERVERS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });

  const serverOf = (node: unknown): { uri: string; name: string } | undefined => {
    const candidate = node as Node | undefined;
    return candidate?.kind === 'server' ? { uri: candidate.file.uri, name: candidate.server.name } : undefined;
  };

  /** Describes the launch, asks for modal consent, then inspects. Returns whether it succeeded. */
  const inspect = async (ref: { uri: string; name: string }): Promise<boolean> => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage('MCP Warden: live inspection starts or contacts the server, so it is disabled in untrusted workspaces. Trust the workspace first.');
      return false;
    }
    const launch = await client.sendRequest(DescribeLaunchRequest.type, ref);
    if (!launch.ok || !launch.fingerprint) {
      void vscode.window.showErrorMessage(`MCP Warden: cannot inspect ${ref.name}: ${launch.error ?? 'unknown error'}`);
      return false;
    }
    const detail = [
      launch.commandLine ? `MCP Warden will RUN this command on your machine with your privileges:\n\n${launch.commandLine}` : `MCP Warden will connect to:\n\n${launch.url ?? ''}`,
      launch.cwd ? `\nWorking folder: ${launch.cwd}` : '',
      launch.env?.length ? `\nEnvironment: ${launch.env.join(', ')}` : '',
      launch.headers?.length ? `\nHeaders: ${launch.headers.join(', ')}` : '',
      ...(launch.notes ?? []).map((note) => `\nNote: ${note}`),
      '\n\nIt lists the tools, prompts and resources, audits their descriptions, and stops the server (15 s limit). Only continue if you trust this configuration.',
    ].join('');
    const action = launch.commandLine ? 'Run and Inspect' : 'Connect and Inspect';
    const answer = await vscode.window.showWarningMessage(`Inspect the MCP server "${ref.name}" live?`, { modal: true, detail }, action);
    if (answer !== action) return false;
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `MCP Warden: inspecting ${ref.name}…` }, () =>
      client.sendRequest(InspectServerRequest.type, { ...ref, fingerprint: launch.fingerprint! }),
    );
    if (!result.ok || !result.markdown) {
      void vscode.window.showErrorMessage(`MCP Warden: live inspection failed: ${result.error ?? 'unknown error'}`);
      return false;
    }
    await showMarkdown(result.markdown);
    if (result.pin === 'differs') void vscode.window.showWarningMessage(`MCP Warden: the tools of "${ref.name}" changed since they were pinned. Review the report before using the server.`);
    return true;
  };

  context.subscriptions.push(
    tree,
    view,
    vscode.commands.registerCommand(Commands.inspectServers, async () => {
      tree.refresh();
      await vscode.commands.executeCommand(`${SERVERS_VIEW_ID}.focus`);
    }),
    vscode.commands.registerCommand(Commands.refreshServers, () => tree.refresh()),
    vscode.commands.registerCommand(Commands.serversReport, async () => {
      const { markdown } = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'MCP Warden: MCP servers report' }, () => client.sendRequest(ServersReportRequest.type));
      await showMarkdown(markdown);
    }),
    vscode.commands.registerCommand(Commands.openServerConfig, async (uri: string, range: ConfiguredServerSummary['nameRange']) => {
      await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: toRange(range), preview: true });
    }),
    vscode.commands.registerCommand(Commands.inspectServerLive, async (node?: unknown) => {
      const ref = serverOf(node ?? view.selection[0]);
      if (!ref) {
        void vscode.window.showInformationMessage('MCP Warden: select a server in the MCP Servers view first.');
        return;
      }
      await inspect(ref);
    }),
    vscode.commands.registerCommand(Commands.pinServer, async (node?: unknown) => {
      const ref = serverOf(node ?? view.selection[0]);
      if (!ref) {
        void vscode.window.showInformationMessage('MCP Warden: select a server in the MCP Servers view first.');
        return;
      }
      let result = await client.sendRequest(PinServerRequest.type, ref);
      // No live inspection yet in this session: inspect (with consent) first, then pin what was seen.
      if (!result.ok && /live first/.test(result.error ?? '')) {
        if (!(await inspect(ref))) return;
        result = await client.sendRequest(PinServerRequest.type, ref);
      }
      if (!result.ok) {
        void vscode.window.showErrorMessage(`MCP Warden: could not pin ${ref.name}: ${result.error ?? 'unknown error'}`);
        return;
      }
      const open = await vscode.window.showInformationMessage(`MCP Warden: pinned ${result.tools ?? 0} tool definitions of "${ref.name}".`, 'Open Lockfile');
      if (open && result.lockfileUri) await vscode.window.showTextDocument(vscode.Uri.parse(result.lockfileUri));
    }),
    // Configurations change as they are edited; the view follows saves.
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (/(?:mcp|settings|config|mcp_config|claude_desktop_config|cline_mcp_settings)\.(?:json|jsonc|toml|ya?ml)$/i.test(document.fileName)) tree.refresh();
    }),
  );
}
