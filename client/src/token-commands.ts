/**
 * `MCP Warden: Decode Token / Audit Token / Verify Token Signature`. Thin glue: the language server
 * decodes, audits and verifies (server/src/token); this file only asks for the token, the expected
 * audience and the key, and shows the markdown report. Nothing here logs the token or a secret.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands, SETTINGS_SECTION, TokenRequest, type TokenKeySource, type TokenRequestParams } from '../../server/src/protocol';

const SCHEME = 'mcp-warden-token';
const SECRET_KEY = 'mcpWarden.token.hmacSecret';
const MAX_KEY_FILE_BYTES = 1024 * 1024;
const JWT = /^(?:bearer\s+)?["'`]?(eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)?)["'`]?$/i;
const JWT_IN_LINE = /eyJ[A-Za-z0-9_-]{6,}(?:\.[A-Za-z0-9_-]*){2}(?:\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)?/g;

type Mode = TokenRequestParams['mode'];

/** The token in a text (selection, clipboard), without `Bearer` and quotes. */
function tokenIn(text: string): string | undefined {
  return text.length <= 64 * 1024 ? JWT.exec(text.trim())?.[1] : undefined;
}

export function registerTokenCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  const reports = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.Uri>();
  let counter = 0;

  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, { onDidChange: changed.event, provideTextDocumentContent: (uri) => reports.get(uri.toString()) ?? '' }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (document.uri.scheme === SCHEME) reports.delete(document.uri.toString());
    }),
    vscode.commands.registerCommand(Commands.decodeToken, () => run('decode')),
    vscode.commands.registerCommand(Commands.auditToken, () => run('audit')),
    vscode.commands.registerCommand(Commands.verifyToken, () => run('verify')),
  );

  async function run(mode: Mode): Promise<void> {
    // An LSP trace would record the request, and with it the token: refuse rather than leak.
    const trace = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<string>('trace.server', 'off');
    if (trace !== 'off') {
      void vscode.window.showErrorMessage(`MCP Warden: set "${SETTINGS_SECTION}.trace.server" to "off" first; the protocol trace would record the token.`);
      return;
    }
    const token = await pickToken();
    if (!token) return;
    const maxLifetimeSeconds = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<number>('tokens.maxLifetimeSeconds', 3600);
    const params: TokenRequestParams = { token, mode, maxLifetimeSeconds };
    if (mode !== 'decode') {
      const audience = await pickAudience();
      if (audience === undefined) return;
      if (audience) params.expectedAudience = audience;
    }
    if (mode === 'verify') {
      const key = await pickKey();
      if (!key) return;
      params.key = key;
    }
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'MCP Warden: checking token' }, () => client.sendRequest(TokenRequest.type, params));
    if (!result.ok || !result.markdown) {
      void vscode.window.showErrorMessage(`MCP Warden: ${result.error ?? 'the token could not be read'}`);
      return;
    }
    const title = mode === 'decode' ? 'Decoded Token' : mode === 'audit' ? 'Token Audit' : 'Token Signature';
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${title} ${++counter}.md` });
    reports.set(uri.toString(), result.markdown);
    changed.fire(uri);
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  }

  /** The selection, the token under the cursor, the clipboard (after asking), or a password box. */
  async function pickToken(): Promise<string | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (editor) {
      const selection = editor.selection;
      const selected = selection.isEmpty ? undefined : tokenIn(editor.document.getText(selection));
      if (selected) return selected;
      if (selection.isEmpty) {
        const line = editor.document.lineAt(selection.active.line).text;
        for (const match of line.length <= 256 * 1024 ? line.matchAll(JWT_IN_LINE) : []) {
          if (match.index <= selection.active.character && selection.active.character <= match.index + match[0].length) return match[0];
        }
      }
    }
    const clipboard = tokenIn(await vscode.env.clipboard.readText());
    if (clipboard) {
      const choice = await vscode.window.showQuickPick(
        [
          { label: '$(clippy) Use the token on the clipboard', clipboard: true },
          { label: '$(key) Paste or type another token…', clipboard: false },
        ],
        { placeHolder: 'The clipboard holds a JWT. Check it?' },
      );
      if (!choice) return undefined;
      if (choice.clipboard) return clipboard;
    }
    const typed = await vscode.window.showInputBox({
      title: 'MCP Warden: token',
      prompt: 'Paste a JWT (a "Bearer " prefix is fine). It is checked locally and not stored.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === '' || tokenIn(value) ? undefined : 'Not a JWT: expected three (or, encrypted, five) base64url parts separated by dots'),
    });
    return typed ? tokenIn(typed) : undefined;
  }

  /** '' for no expected audience, undefined when cancelled. */
  async function pickAudience(): Promise<string | undefined> {
    const servers = await configuredServerUrls();
    type Item = vscode.QuickPickItem & { value?: string };
    const items: Item[] = [
      { label: '$(circle-slash) No expected audience', detail: 'Audit the token on its own', value: '' },
      ...servers.map(({ url, file }) => ({ label: url, description: file, detail: 'MCP server URL from a configuration: its canonical URI (RFC 8707) is the expected aud', value: url })),
      { label: '$(edit) Enter the MCP server URL…' },
    ];
    const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Which MCP server is the token for? (its canonical URI must be the aud)', ignoreFocusOut: true });
    if (!picked) return undefined;
    if (picked.value !== undefined) return picked.value;
    return vscode.window.showInputBox({
      title: 'MCP Warden: expected audience',
      prompt: "The MCP server's canonical URI, e.g. https://mcp.example.com/mcp",
      ignoreFocusOut: true,
      validateInput: (value) => (/^https?:\/\/\S+$/i.test(value.trim()) ? undefined : 'Enter an http(s) URL'),
    });
  }

  async function pickKey(): Promise<TokenKeySource | undefined> {
    const stored = await context.secrets.get(SECRET_KEY);
    type Item = vscode.QuickPickItem & { id: 'jwks-file' | 'key-file' | 'secret' | 'stored' | 'forget' | 'jwks-url' };
    const items: Item[] = [
      { id: 'jwks-file', label: '$(file) JWKS file…', detail: 'A JSON Web Key Set ({"keys": [...]}), e.g. downloaded from the issuer jwks_uri' },
      { id: 'key-file', label: '$(file-binary) Public key file…', detail: 'PEM public key, PEM certificate or JWK' },
      { id: 'secret', label: '$(key) HMAC secret…', detail: 'For HS256/384/512 tokens; typed in a password box' },
      ...(stored ? [{ id: 'stored' as const, label: '$(lock) Stored HMAC secret', detail: 'Kept in VS Code SecretStorage' }, { id: 'forget' as const, label: '$(trash) Forget the stored HMAC secret' }] : []),
      vscode.workspace.isTrusted
        ? { id: 'jwks-url' as const, label: '$(globe) JWKS URL…', detail: 'Fetched once over https after you confirm the URL' }
        : { id: 'jwks-url' as const, label: '$(globe) JWKS URL (trusted workspaces only)', detail: 'Network access is disabled in untrusted workspaces' },
    ];
    const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Verify the signature with…', ignoreFocusOut: true });
    switch (picked?.id) {
      case undefined:
        return undefined;
      case 'jwks-file':
      case 'key-file': {
        const files = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Use Key', filters: { Keys: ['json', 'jwks', 'jwk', 'pem', 'crt', 'cer', 'pub'], 'All files': ['*'] } });
        if (!files?.[0]) return undefined;
        const bytes = await vscode.workspace.fs.readFile(files[0]);
        if (bytes.byteLength > MAX_KEY_FILE_BYTES) {
          void vscode.window.showErrorMessage('MCP Warden: the key file is larger than 1 MB.');
          return undefined;
        }
        return { kind: 'key-text', text: new TextDecoder().decode(bytes) };
      }
      case 'secret': {
        const secret = await vscode.window.showInputBox({ title: 'MCP Warden: HMAC secret', prompt: 'The shared secret the token was signed with', password: true, ignoreFocusOut: true });
        if (!secret) return undefined;
        const keep = await vscode.window.showQuickPick(['Use once', 'Use and keep in SecretStorage'], { placeHolder: 'Keep the secret for next time? (VS Code SecretStorage, never in settings)' });
        if (!keep) return undefined;
        if (keep !== 'Use once') await context.secrets.store(SECRET_KEY, secret);
        return { kind: 'secret', secret };
      }
      case 'stored':
        return stored ? { kind: 'secret', secret: stored } : undefined;
      case 'forget':
        await context.secrets.delete(SECRET_KEY);
        void vscode.window.showInformationMessage('MCP Warden: the stored HMAC secret is forgotten.');
        return undefined;
      case 'jwks-url':
        return pickJwksUrl();
    }
  }

  async function pickJwksUrl(): Promise<TokenKeySource | undefined> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage('MCP Warden: fetching a JWKS URL is disabled in untrusted workspaces. Use a JWKS file instead.');
      return undefined;
    }
    const url = await vscode.window.showInputBox({
      title: 'MCP Warden: JWKS URL',
      prompt: 'The issuer jwks_uri, e.g. https://auth.example.com/.well-known/jwks.json',
      ignoreFocusOut: true,
      validateInput: (value) => (/^https:\/\/\S+$/i.test(value.trim()) || /^http:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d+)?\//i.test(value.trim()) ? undefined : 'Only https URLs (or http on localhost)'),
    });
    if (!url) return undefined;
    const confirmed = await vscode.window.showWarningMessage(
      `Fetch the JWKS from ${url.trim()}?`,
      { modal: true, detail: 'MCP Warden will send one GET request to this URL to download public keys. The token is not sent.' },
      'Fetch Keys',
    );
    return confirmed === 'Fetch Keys' ? { kind: 'jwks-url', url: url.trim() } : undefined;
  }
}

/** `url` values of the MCP configurations in the workspace (remote servers). */
async function configuredServerUrls(): Promise<{ url: string; file: string }[]> {
  const files = await vscode.workspace.findFiles('{**/.vscode/mcp.json,**/.mcp.json,**/.cursor/mcp.json,**/mcp.json}', '**/node_modules/**', 20);
  const found = new Map<string, string>();
  for (const file of files) {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
      for (const match of text.matchAll(/"(?:url|serverUrl)"\s*:\s*"(https?:\/\/[^"\s$]+)"/g)) {
        if (!found.has(match[1]!)) found.set(match[1]!, vscode.workspace.asRelativePath(file));
      }
    } catch {
      // An unreadable configuration simply contributes no URL.
    }
  }
  return [...found].map(([url, file]) => ({ url, file }));
}
