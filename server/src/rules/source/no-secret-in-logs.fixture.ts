import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Request } from 'express';
import pino from 'pino';
import { createHash } from 'node:crypto';
import { z } from 'zod';

const logger = pino();
const server = new McpServer({ name: 'issues', version: '1.0.0' });
const redact = (value: string) => `${value.slice(0, 4)}…`;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export async function exchangeCode(code: string, clientSecret: string) {
  const response = await fetch('https://auth.example.com/token', { method: 'POST', body: new URLSearchParams({ code, client_secret: clientSecret }) });
  const { access_token: accessToken, refresh_token, expires_in: expiresIn, token_type } = await response.json();
  // ruleid: no-secret-in-logs
  console.log('Token exchange succeeded', accessToken);
  // ruleid: no-secret-in-logs
  logger.debug(`refreshing with ${refresh_token} (expires in ${expiresIn}s)`);
  // ruleid: no-secret-in-logs
  logger.info({ clientSecret, tokenType: token_type }, 'client credentials');
  // ok: no-secret-in-logs
  console.log(`Token exchange succeeded: ${token_type}, expires in ${expiresIn}s, ${accessToken.length} characters`);
  // ok: no-secret-in-logs
  logger.info({ hasToken: Boolean(accessToken), fingerprint: sha256(accessToken) }, 'token stored');
  // ok: no-secret-in-logs
  console.error('invalid token');
  // ok: no-secret-in-logs
  logger.debug(`token prefix ${accessToken.slice(0, 4)}, redacted ${redact(refresh_token)}`);
  return accessToken as string;
}

export function logRequest(req: Request & { auth?: { token: string; clientId: string } }) {
  // ruleid: no-secret-in-logs
  console.log('Incoming request headers', req.headers);
  // ruleid: no-secret-in-logs
  logger.trace(`request ${JSON.stringify(req.headers)}`);
  // ok: no-secret-in-logs
  logger.trace(`request ${JSON.stringify({ method: req.method, url: req.url })}`);
  // ruleid: no-secret-in-logs
  console.debug('Authorization: ' + req.headers.authorization);
  // ruleid: no-secret-in-logs
  logger.warn(`API key from header: ${req.headers['x-api-key']}`);
  // ruleid: no-secret-in-logs
  logger.info('caller', req.auth?.token);
  // ruleid: no-secret-in-logs
  logger.debug(`cookie=${req.headers.cookie} query token=${req.query.token}`);
  // ok: no-secret-in-logs
  console.log('User agent', req.headers['user-agent'], 'client', req.auth?.clientId);
  // ok: no-secret-in-logs
  console.log(`Authorization header present: ${req.headers.authorization !== undefined}`);
}

// ruleid: no-secret-in-logs
console.error('Starting with environment', process.env);
// ok: no-secret-in-logs
console.error(`Starting in ${process.env.NODE_ENV} mode, GITHUB_TOKEN set: ${!!process.env.GITHUB_TOKEN}`);

server.registerTool(
  'summarize',
  { description: 'Summarizes an issue', inputSchema: { issue: z.string(), maxTokens: z.number().int() } },
  async ({ issue, maxTokens }, extra) => {
    const tokenCount = issue.split(/\s+/).length;
    const tokens = issue.split(/\s+/);
    // ruleid: no-secret-in-logs
    await server.server.sendLoggingMessage({ level: 'debug', data: { user: extra.authInfo?.clientId, authInfo: extra.authInfo } });
    // ok: no-secret-in-logs
    await server.server.sendLoggingMessage({ level: 'info', data: `summarizing ${tokenCount} tokens (limit ${maxTokens}), ${tokens.length} words` });
    // ok: no-secret-in-logs
    console.error('progress token', extra._meta?.progressToken, 'page token', extra._meta?.nextPageToken);
    // ok: no-secret-in-logs
    console.error('token budget', maxTokens, 'passwordPolicy', { minLength: 12 });
    // ok: no-secret-in-logs
    extra.sendNotification({ method: 'notifications/progress', params: { progressToken: 1, progress: tokenCount, token: tokens[0] } });
    return { content: [{ type: 'text', text: issue.slice(0, maxTokens) }] };
  },
);

export async function connectUpstream(exchange: () => Promise<{ access_token: string; refresh_token?: string }>) {
  const tokens = await exchange();
  // Plural `tokens` usually counts language-model tokens; an OAuth token set under that name is missed.
  // todoruleid: no-secret-in-logs
  console.log('OAuth tokens', tokens);
  return tokens;
}

export function dumpWords(source: string) {
  for (const token of source.split(/\b/)) {
    // ok: no-secret-in-logs
    console.log(token);
  }
}

export function dumpHeaders(headers: Map<string, string>) {
  // A bare `headers` object is left alone: outgoing headers carry credentials, most others do not.
  // todoruleid: no-secret-in-logs
  console.log('sending', headers);
}

// A resumption token is a stream position, not a credential.
await transport.send(message, {
  onresumptiontoken: (token: string) => {
    // ok: no-secret-in-logs
    console.error(`[Event ID] ${token}`);
  },
});
