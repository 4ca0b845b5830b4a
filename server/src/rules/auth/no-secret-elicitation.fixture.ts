import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const mcpServer = new McpServer({ name: 'accounts', version: '1.2.0' });
const ok = (text: string) => ({ content: [{ type: 'text' as const, text }] });

mcpServer.registerTool('register_user', { description: 'Register a new account.', inputSchema: {} }, async () => {
  const result = await mcpServer.server.elicitInput({
    mode: 'form',
    message: 'Please provide your registration information:',
    requestedSchema: {
      type: 'object',
      properties: {
        // ok: no-secret-elicitation
        username: { type: 'string', title: 'Username', minLength: 3 },
        // ok: no-secret-elicitation
        email: { type: 'string', title: 'Email', format: 'email' },
        // ruleid: no-secret-elicitation
        password: { type: 'string', title: 'Password', description: 'Your password (min 8 characters)', minLength: 8 },
        // ok: no-secret-elicitation
        newsletter: { type: 'boolean', title: 'Newsletter', default: false },
      },
      required: ['username', 'email', 'password'],
    },
  });
  return ok(result.action);
});

mcpServer.registerTool('connect_openai', { description: 'Connect an OpenAI account.' }, async () => {
  // No mode: form mode is the default.
  const result = await mcpServer.server.elicitInput({
    message: 'Connect your OpenAI account',
    requestedSchema: {
      type: 'object',
      properties: {
        // ruleid: no-secret-elicitation
        apiKey: { type: 'string', title: 'OpenAI API key' },
        // ok: no-secret-elicitation
        organization: { type: 'string', title: 'Organization (optional)' },
      },
    },
  });
  return ok(result.action);
});

const PAYMENT_SCHEMA = {
  type: 'object',
  properties: {
    // ruleid: no-secret-elicitation
    card_number: { type: 'string', title: 'Card' },
    // ruleid: no-secret-elicitation
    cvv: { type: 'string', title: 'CVV', maxLength: 4 },
    // ok: no-secret-elicitation
    cardholder: { type: 'string', title: 'Name on card' },
    // ok: no-secret-elicitation
    amount: { type: 'number', title: 'Amount (USD)' },
  },
} as const;

mcpServer.registerTool('checkout', { description: 'Pay for the order.' }, async () => {
  const result = await mcpServer.server.elicitInput({ mode: 'form', message: 'Payment details', requestedSchema: PAYMENT_SCHEMA });
  return ok(result.action);
});

mcpServer.registerTool('link_github', { description: 'Link a GitHub account.' }, async () => {
  const result = await mcpServer.server.elicitInput({
    message: 'Link GitHub',
    requestedSchema: {
      type: 'object',
      properties: {
        // ruleid: no-secret-elicitation
        value: { type: 'string', description: 'Your GitHub personal access token' },
        // ruleid: no-secret-elicitation
        refreshToken: { type: 'string' },
        // ok: no-secret-elicitation
        login: { type: 'string', description: 'Your GitHub login (never your password)' },
      },
    },
  });
  return ok(result.action);
});

mcpServer.registerTool('tune_model', { description: 'Set generation options.' }, async () => {
  const result = await mcpServer.server.elicitInput({
    mode: 'form',
    message: 'Generation settings',
    requestedSchema: {
      type: 'object',
      properties: {
        // ok: no-secret-elicitation
        max_tokens: { type: 'integer', title: 'Max tokens', minimum: 1 },
        // ok: no-secret-elicitation
        tokenCount: { type: 'integer' },
        // ok: no-secret-elicitation
        nextPageToken: { type: 'string', description: 'Cursor for the next page' },
        // ok: no-secret-elicitation
        password_hint: { type: 'string', title: 'Password hint' },
        // ok: no-secret-elicitation
        passwordRotation: { type: 'string', title: 'Password rotation', enum: ['30d', '90d', 'never'] },
        // ok: no-secret-elicitation
        rememberPassword: { type: 'boolean', title: 'Remember password' },
        // ok: no-secret-elicitation
        resetEmail: { type: 'string', description: 'Where to send the password reset link' },
      },
    },
  });
  return ok(result.action);
});

// The right way: URL mode, with the secret entered on the server's own page.
mcpServer.registerTool('connect_stripe', { description: 'Connect Stripe.' }, async () => {
  const elicitationId = randomUUID();
  const result = await mcpServer.server.elicitInput({
    mode: 'url',
    elicitationId,
    url: `https://accounts.example.com/connect/stripe?session=${elicitationId}`,
    // ok: no-secret-elicitation
    message: 'Enter your Stripe API key on the secure page.',
  });
  return ok(result.action);
});

// An object that is not an MCP elicitation request at all.
declare const wizard: { elicitInput(options: { password: string }): Promise<void> };
// ok: no-secret-elicitation
await wizard.elicitInput({ password: 'prompt' });

export const schema = z.object({ query: z.string() });
