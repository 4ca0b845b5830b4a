// A tiny MCP server for the live-inspection tests, written with the official SDK.
//   node server.mjs <definitions.json>            stdio; tools and instructions come from the file
//   node server.mjs <definitions.json> --http     Streamable HTTP on 127.0.0.1 (port printed as "LISTENING <port>")
//   node server.mjs --hang                        never answers
//   node server.mjs --garbage                     answers with text that is not JSON-RPC
// The definitions file is re-read for every session, so a test can change a description between inspections.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ListPromptsRequestSchema, ListResourcesRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const args = process.argv.slice(2);

if (args.includes('--hang')) {
  // Tests check that the inspection killed it.
  if (process.env.PID_FILE) writeFileSync(process.env.PID_FILE, String(process.pid));
  process.stdin.resume();
  setInterval(() => {}, 1 << 30);
} else if (args.includes('--garbage')) {
  process.stdin.on('data', () => process.stdout.write('this is not json-rpc\n<html>oops</html>\n'));
} else {
  const file = args.find((arg) => !arg.startsWith('--'));
  const definitions = () => JSON.parse(readFileSync(file, 'utf8'));

  const newServer = () => {
    const current = definitions();
    const server = new Server(
      { name: 'warden-test-server', version: '1.0.0' },
      { capabilities: { tools: {}, prompts: {}, resources: {} }, ...(current.instructions ? { instructions: current.instructions } : {}) },
    );
    server.setRequestHandler(ListToolsRequestSchema, () => ({
      tools: current.tools.map((tool) => ({ inputSchema: { type: 'object', properties: {} }, ...tool })),
    }));
    server.setRequestHandler(ListPromptsRequestSchema, () => ({ prompts: current.prompts ?? [] }));
    server.setRequestHandler(ListResourcesRequestSchema, () => ({ resources: current.resources ?? [] }));
    return server;
  };

  if (args.includes('--http')) {
    const http = createServer(async (request, response) => {
      if (request.method !== 'POST') {
        response.writeHead(405).end();
        return;
      }
      const chunks = [];
      for await (const chunk of request) chunks.push(chunk);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      // Stateless: a fresh server and transport per request.
      const server = newServer();
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      response.on('close', () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      await transport.handleRequest(request, response, body);
    });
    http.listen(0, '127.0.0.1', () => {
      process.stdout.write(`LISTENING ${http.address().port}\n`);
    });
  } else {
    await newServer().connect(new StdioServerTransport());
  }
}
