import { exec, execFile } from 'node:child_process';
import * as cp from 'child_process';
import { promisify } from 'node:util';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const server = new McpServer({ name: 'git', version: '1.0.0' });
const execAsync = promisify(exec);
const ALLOWED_SUBCOMMANDS = ['status', 'log', 'diff'];
const reply = (text: string) => ({ content: [{ type: 'text' as const, text }] });

function runGit(args: string) {
  // ruleid: no-command-injection
  return cp.execFileSync('git', [String(args)]).toString();
}

server.tool('git_log', { branch: z.string(), count: z.number().int(), format: z.enum(['oneline', 'full']) }, async ({ branch, count, format }) => {
  // ruleid: no-command-injection
  execFile('git', ['log', String(branch), '-n', String(count)], () => undefined);
  // ok: no-command-injection
  exec(`git log -n ${count} --format=${format}`);
  // ok: no-command-injection
  execFile('git', ['log', branch, '-n', String(count)]);
  return reply(runGit(`show ${branch}`));
});

server.registerTool(
  'run',
  { description: 'Runs a git subcommand', inputSchema: { subcommand: z.string(), path: z.string(), label: z.string().regex(/^[a-z0-9-]+$/) } },
  async (args) => {
    const command = 'git ' + args.subcommand;
    // ruleid: no-command-injection
    await execAsync(command);
    // ruleid: no-command-injection
    cp.spawn('sh', ['-c', `ls ${args.path}`], { shell: true });
    // ruleid: no-command-injection
    cp.spawn(args.subcommand, ['--version']);
    // ok: no-command-injection
    cp.spawn('ls', ['-la', args.path]);
    // ok: no-command-injection
    exec(`git tag ${args.label}`);
    if (!ALLOWED_SUBCOMMANDS.includes(args.subcommand)) throw new Error('unknown subcommand');
    // ok: no-command-injection
    exec(`git ${args.subcommand}`);
    return reply('done');
  },
);

// ok: no-command-injection
exec(`git log ${process.argv[2]}`);

const regex = /^v\d+$/;
server.tool('check', { tag: z.string() }, async ({ tag }) => {
  // ok: no-command-injection
  const matched = regex.exec(tag);
  return reply(String(matched));
});
