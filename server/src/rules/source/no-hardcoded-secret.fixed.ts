import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { Octokit } from '@octokit/rest';
import { z } from 'zod';

// ruleid: no-hardcoded-secret
const GITHUB_TOKEN = process.env.GITHUB_TOKEN;
// ruleid: no-hardcoded-secret
const searchApiKey = process.env.SEARCH_API_KEY;
// ruleid: no-hardcoded-secret
const WEATHER_API_KEY = process.env.WEATHER_API_KEY;
// ruleid: no-hardcoded-secret
const AWS_ACCESS_KEY = process.env.AWS_ACCESS_KEY;
// ok: no-hardcoded-secret
const OPENAI_API_KEY = process.env.OPENAI_API_KEY ?? 'your-api-key';
// ok: no-hardcoded-secret
const ANTHROPIC_API_KEY = process.env.ANTHROPIC_API_KEY ?? '';
// ok: no-hardcoded-secret
const SLACK_BOT_TOKEN = process.env.SLACK_BOT_TOKEN || 'xoxb-xxxxxxxxxxxx';
// ok: no-hardcoded-secret
const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD ?? 'changeme';
// ok: no-hardcoded-secret
const TOKEN_URL = 'https://auth.example.com/oauth/token';
// ok: no-hardcoded-secret
const TOKEN_PATTERN = '^ghp_[A-Za-z0-9]{36}$';
// ok: no-hardcoded-secret
const FAKE_API_KEY = 'q8ZkT3vN7wR2pL5xJ9mC4bH6';
// ok: no-hardcoded-secret
const DEV_DATABASE_URL = 'postgres://postgres:postgres@localhost:5432/dev';
// ok: no-hardcoded-secret
const PROXY_HELP = 'Use a proxy URL such as http://user:password@proxy.example.com:8080';
// ok: no-hardcoded-secret
const commitSha = '3f786850e387550fdab836ed7e6dc881de23001b';
// ok: no-hardcoded-secret
const authHelp = 'Basic authentication';

const server = new McpServer({ name: 'issues', version: '1.0.0' });
const github = new Octokit({
  // ruleid: no-hardcoded-secret
  auth: process.env.GITHUB_TOKEN,
  // ok: no-hardcoded-secret
  userAgent: 'issues-mcp/1.0.0',
});

const oauth = {
  // ok: no-hardcoded-secret
  clientId: 'a8f2c91d7e3b4f60',
  // ruleid: no-hardcoded-secret
  clientSecret: process.env.CLIENT_SECRET,
  // ok: no-hardcoded-secret
  clientSecretEnv: 'OAUTH_CLIENT_SECRET',
};

class SearchClient {
  // ruleid: no-hardcoded-secret
  private readonly signingSecret = process.env.SIGNING_SECRET;
  private token: string | undefined;

  constructor(
    private readonly baseUrl: string,
    // ruleid: no-hardcoded-secret
    password = process.env.PASSWORD,
  ) {
    // ruleid: no-hardcoded-secret
    this.token = process.env.ANTHROPIC_API_KEY;
    // ok: no-hardcoded-secret
    this.token = process.env.SEARCH_TOKEN;
    void password;
  }

  async search(query: string, token: string) {
    return fetch(`${this.baseUrl}/search?q=${encodeURIComponent(query)}`, {
      headers: {
        // ruleid: no-hardcoded-secret
        Authorization: 'Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0',
        // ok: no-hardcoded-secret
        'X-Forwarded-Authorization': `Bearer ${token}`,
      },
    });
  }
}

function databaseUrl(host: string) {
  // ruleid: no-hardcoded-secret
  return `postgres://app:Tr0ub4dor-3@${host}:5432/app`;
}

server.tool('admin', { adminToken: z.string() }, async ({ adminToken }) => {
  // ruleid: no-hardcoded-secret
  if (adminToken === 'c9d2f7a1e4b83f6d0a5c') return { content: [{ type: 'text', text: 'welcome' }] };
  // ok: no-hardcoded-secret
  if (adminToken === '') throw new Error('Missing <token>: pass the admin token');
  return { content: [{ type: 'text', text: databaseUrl('db.internal') }] };
});

void [GITHUB_TOKEN, searchApiKey, WEATHER_API_KEY, AWS_ACCESS_KEY, OPENAI_API_KEY, ANTHROPIC_API_KEY, SLACK_BOT_TOKEN, ADMIN_PASSWORD];
void [TOKEN_URL, TOKEN_PATTERN, PROXY_HELP, FAKE_API_KEY, DEV_DATABASE_URL, commitSha, authHelp, github, oauth, SearchClient];
