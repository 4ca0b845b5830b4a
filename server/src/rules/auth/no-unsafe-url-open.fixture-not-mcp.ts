import { exec } from 'node:child_process';
import open from 'open';

// A generic CLI that opens its own dashboard: no MCP SDK in this file and nothing names an OAuth
// or elicitation flow, so the URL is not a server-provided one.
export async function showDashboard(url: string): Promise<void> {
  // ok: no-unsafe-url-open
  await open(url);
}

export function showLink(link: string): void {
  // ok: no-unsafe-url-open
  exec(`open ${link}`);
}
