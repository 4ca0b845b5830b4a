// Generated MCP servers of a given length for the benchmarks: tool handlers with sinks, helpers,
// schemas and descriptions, in TypeScript and Python. Every tenth tool has a planted command
// injection (the tool input in a shell command), so the benchmarks also count true findings, and a
// peer's findings on the other, safe tools are visibly false alarms. A `variant` number changes the
// names and texts (not the shape), so a benchmark can analyze text no cache has seen.

export function typescriptServer(lines, variant = 0) {
  const header = [
    "import { exec, execFile } from 'node:child_process';",
    "import { readFile } from 'node:fs/promises';",
    "import path from 'node:path';",
    "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
    "import { z } from 'zod';",
    "const server = new McpServer({ name: 'bench', version: '1.0.0' });",
    "const ROOT = '/srv/data';",
  ];
  const v = variant === 0 ? '' : `v${variant}_`;
  const block = (i) => [
    `function helper${i}(value: string): string {`,
    `  const trimmed = value.trim();`,
    `  return \`prefix-\${trimmed}-${v}${i}\`;`,
    `}`,
    `server.registerTool('tool_${v}${i}', {`,
    `  title: 'Tool ${v}${i}',`,
    `  description: 'Reads a file and runs git for item ${v}${i}.',`,
    `  inputSchema: { name: z.string().max(200), count: z.number().int(), mode: z.enum(['a', 'b']) },`,
    `}, async ({ name, count, mode }) => {`,
    `  const full = path.resolve(ROOT, name);`,
    `  if (!full.startsWith(ROOT + path.sep)) throw new Error('outside root');`,
    `  const text = await readFile(full, 'utf8');`,
    `  const label = helper${i}(name);`,
    `  execFile('git', ['log', '-n', String(count), '--', label]);`,
    i % 10 === 9 ? `  exec(\`git log -n \${count} -- \${name}\`);` : `  exec(\`git log -n \${count} --format=\${mode}\`);`,
    `  const lines = text.split('\\n').filter((line) => line.includes(label)).map((line) => line.slice(0, 100));`,
    `  const summary = lines.length > 0 ? lines.join(', ') : 'nothing';`,
    `  console.error('tool_${v}${i} ran', { count, mode });`,
    `  return { content: [{ type: 'text', text: summary }] };`,
    `});`,
    ``,
  ];
  const body = [...header];
  for (let i = 0; body.length < lines; i++) body.push(...block(i));
  return body.slice(0, lines).join('\n') + '\n';
}

export function pythonServer(lines, variant = 0) {
  const header = [
    'import os',
    'import subprocess',
    'from pathlib import Path',
    'from typing import Annotated',
    'from mcp.server.fastmcp import FastMCP',
    'from pydantic import Field',
    'mcp = FastMCP("bench")',
    'ROOT = Path("/srv/data").resolve()',
    '',
  ];
  const v = variant === 0 ? '' : `v${variant}_`;
  const block = (i) => [
    `def helper_${i}(value: str) -> str:`,
    `    trimmed = value.strip()`,
    `    return f"prefix-{trimmed}-${v}${i}"`,
    ``,
    ``,
    `@mcp.tool()`,
    `def tool_${v}${i}(name: Annotated[str, Field(description="File name", max_length=200)], count: int) -> str:`,
    `    """Read a file and run git for item ${v}${i}."""`,
    `    full = (ROOT / name).resolve()`,
    `    if not full.is_relative_to(ROOT):`,
    `        raise ValueError("outside root")`,
    `    text = full.read_text()`,
    `    label = helper_${i}(name)`,
    i % 10 === 9 ? `    subprocess.run(f"git log -n {count} -- {name}", shell=True, check=True)` : `    subprocess.run(["git", "log", "-n", str(count), "--", label], check=True)`,
    `    matches = [line[:100] for line in text.splitlines() if label in line]`,
    `    return ", ".join(matches) or "nothing"`,
    ``,
    ``,
  ];
  const body = [...header];
  for (let i = 0; body.length < lines; i++) body.push(...block(i));
  return body.slice(0, lines).join('\n') + '\n';
}
