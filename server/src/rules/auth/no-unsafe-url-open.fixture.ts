import { exec, execFile, spawn } from 'node:child_process';
import * as cp from 'child_process';
import open from 'open';
import * as vscode from 'vscode';
import { shell } from 'electron';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';

export class ShellProvider implements Partial<OAuthClientProvider> {
  redirectToAuthorization(authorizationUrl: URL): void {
    // ruleid: no-unsafe-url-open
    exec(`open "${authorizationUrl.toString()}"`);
  }
}

export function openOnLinux(authUrl: string): void {
  // ruleid: no-unsafe-url-open
  cp.execSync('xdg-open ' + authUrl);
}

export function openOnWindows(authUrl: string): void {
  // ruleid: no-unsafe-url-open
  spawn('cmd', ['/c', 'start', '""', authUrl]);
}

export function openAnywhere(url: string): void {
  const opener = process.platform === 'win32' ? 'start' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  // ruleid: no-unsafe-url-open
  exec(`${opener} ${url}`);
}

export function openViaSh(elicitationUrl: string): void {
  // ruleid: no-unsafe-url-open
  spawn('sh', ['-c', `xdg-open ${elicitationUrl}`]);
}

export async function openWithPackage(authorizationUrl: URL): Promise<void> {
  // ruleid: no-unsafe-url-open
  await open(authorizationUrl.toString());
}

export async function openInEditor(params: { url: string }): Promise<void> {
  // ruleid: no-unsafe-url-open
  await vscode.env.openExternal(vscode.Uri.parse(params.url));
}

export async function openInElectron(verificationUri: string): Promise<void> {
  // ruleid: no-unsafe-url-open
  await shell.openExternal(verificationUri);
}

export function openWithoutShell(authUrl: string): void {
  // ruleid: no-unsafe-url-open
  execFile('xdg-open', [authUrl]);
}

export function openInBrowserTab(authorizationUrl: string): void {
  // ruleid: no-unsafe-url-open
  window.open(authorizationUrl, '_blank');
}

// --- near misses ---

export class CheckedProvider implements Partial<OAuthClientProvider> {
  async redirectToAuthorization(authorizationUrl: URL): Promise<void> {
    if (authorizationUrl.protocol !== 'https:') throw new Error(`refusing to open ${authorizationUrl.protocol} URL`);
    // ok: no-unsafe-url-open
    await open(authorizationUrl.toString());
  }
}

export async function openCheckedString(authUrl: string): Promise<void> {
  if (!authUrl.startsWith('https://')) throw new Error('authorization URL must use https');
  // ok: no-unsafe-url-open
  await vscode.env.openExternal(vscode.Uri.parse(authUrl));
}

function isAllowedAuthorizationUrl(value: string): boolean {
  const parsed = new URL(value);
  return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && parsed.hostname === '127.0.0.1');
}

export function openCheckedWithHelper(authUrl: string): void {
  if (!isAllowedAuthorizationUrl(authUrl)) return;
  // ok: no-unsafe-url-open
  execFile('xdg-open', [authUrl]);
}

export async function openDocs(): Promise<void> {
  // ok: no-unsafe-url-open
  await open('https://modelcontextprotocol.io/docs');
  // ok: no-unsafe-url-open
  exec('open https://modelcontextprotocol.io');
}

export async function openDeviceLogin(userCode: string): Promise<void> {
  // The scheme and host are fixed by the code; only the query varies.
  // ok: no-unsafe-url-open
  await open(`https://github.com/login/device?user_code=${encodeURIComponent(userCode)}`);
}

export function runBuild(target: string): void {
  // Not an opener: another rule's business.
  // ok: no-unsafe-url-open
  exec(`npm run build -- ${target}`);
}

export async function openReport(reportPath: string): Promise<void> {
  // A local file the client wrote itself, not a URL.
  // ok: no-unsafe-url-open
  await open(reportPath);
}

export function regexExec(pattern: RegExp, authUrl: string): RegExpExecArray | null {
  // ok: no-unsafe-url-open
  return pattern.exec(authUrl);
}

export function connect(client: Client): Client {
  return client;
}
