import { argumentWords, type Dockerfile, type DockerfileInstruction, type DockerfileStage } from '../../analyzer/dockerfile/parse-dockerfile';
import type { DockerfileRuleContext, FixDescriptor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';

type MessageId = 'noUser' | 'rootUser';

/**
 * What marks a Dockerfile as one that builds an MCP server: the SDK packages
 * (`@modelcontextprotocol/sdk`, Python `mcp`, `fastmcp`), `mcp` as a word of a package, path or
 * command (`mcp-server-fetch`, `mcp_server.py`, `/opt/mcp`), or the MCP registry's image label
 * (`io.modelcontextprotocol.server.name`). Read from instructions only, not from comments.
 */
const MCP_SIGNAL = /modelcontextprotocol|fastmcp|(?<![A-Za-z0-9])mcp(?![A-Za-z0-9])/i;

/** Base images that already run as a non-root user when no USER is given. */
const NON_ROOT_BASE = /(?:^|[/:@_.-])non-?root(?:$|[/:@_.-])|(?:^|\/)cgr\.dev\/chainguard\/|(?:^|\/)bitnami\/|-chiseled(?:$|[-:])|(?:^|[/:_.-])rootless(?:$|[/:_.-])/i;

/** Programs an entrypoint uses to drop root at start-up (`exec gosu app node server.js`). */
const PRIVILEGE_DROP = /(?<![\w-])(?:gosu|su-exec|setpriv|runuser|chpst|s6-setuidgid|setuidgid)(?![\w-])/;

export default defineRule<MessageId>(
  {
    id: 'require-non-root-user',
    group: 'container',
    description: 'Require MCP server images to run as a non-root user',
    defaultSeverity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-250'],
    owaspMcp: 'MCP02',
    control: 6,
    fix: 'suggestion',
    messages: {
      noUser:
        'The final stage of this MCP server image ({{image}}) sets no USER, so the server runs as root: a command injection or path traversal in any tool then acts as root inside the container, can rewrite the image\'s files and every writable mount, and has more ways out of the container.',
      rootUser:
        '`USER {{user}}` is the last USER of this MCP server image, so the server runs as root: a command injection or path traversal in any tool then acts as root inside the container, can rewrite the image\'s files and every writable mount, and has more ways out of the container.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices#local-mcp-server-compromise',
      'https://docs.docker.com/reference/dockerfile/#user',
      'https://docs.docker.com/build/building/best-practices/#user',
      'https://cwe.mitre.org/data/definitions/250.html',
    ],
  },
  {
    dockerfile: (context) => {
      const { dockerfile } = context;
      const final = dockerfile.stages[dockerfile.stages.length - 1];
      if (!final || !buildsMcpServer(context.source.text, dockerfile)) return;
      const chain = stageChain(dockerfile, final);
      if (chain.some((stage) => stage.instructions.some((instruction) => PRIVILEGE_DROP.test(instruction.arguments)))) return;
      // The nearest stage's last USER wins; a stage without one inherits its parent stage's.
      const lastUser = chain.map((stage) => stage.instructions.filter((instruction) => instruction.keyword === 'USER').pop()).find((user) => user !== undefined);
      const base = chain[chain.length - 1]!.image;
      if (lastUser) {
        const user = argumentWords(lastUser)[0];
        if (!user || !isRoot(user.text)) return;
        context.report({
          messageId: 'rootUser',
          data: { user: user.text },
          start: lastUser.start,
          end: user.end,
          fixes: userFix(context, final, base, lastUser),
        });
        return;
      }
      if (NON_ROOT_BASE.test(base)) return;
      const from = final.from;
      context.report({
        messageId: 'noUser',
        data: { image: final.name ? `FROM ${final.image} AS ${final.name}` : `FROM ${final.image}` },
        start: from.start,
        end: context.source.lines.lineStart(from.line) + context.source.lines.lineText(from.line).trimEnd().length,
        fixes: userFix(context, final, base, undefined),
      });
    },
  },
);

function buildsMcpServer(text: string, dockerfile: Dockerfile): boolean {
  for (const instruction of dockerfile.instructions) {
    if (MCP_SIGNAL.test(instruction.arguments)) return true;
    for (const heredoc of instruction.heredocs) if (MCP_SIGNAL.test(text.slice(heredoc.bodyStart, heredoc.bodyEnd))) return true;
  }
  return false;
}

/** The final stage and the earlier stages it builds on (`FROM base AS final`), nearest first; the last one names an external image. */
function stageChain(dockerfile: Dockerfile, final: DockerfileStage): DockerfileStage[] {
  const chain: DockerfileStage[] = [];
  for (let stage: DockerfileStage | undefined = final; stage && !chain.includes(stage); ) {
    chain.push(stage);
    const parentName = stage.image.toLowerCase();
    stage = dockerfile.stages.slice(0, stage.index).reverse().find((candidate) => candidate.name === parentName);
  }
  return chain;
}

/** `root`, `0`, `root:staff`, `0:0`. */
function isRoot(user: string): boolean {
  const name = user.split(':')[0]!;
  return name === 'root' || name === '0';
}

/** Where the new USER goes: before the first CMD/ENTRYPOINT of the final stage after `after`, else after its last instruction. */
function insertionPoint(context: DockerfileRuleContext<MessageId>, final: DockerfileStage, after: DockerfileInstruction | undefined): { offset: number; before: boolean } {
  const instructions = final.instructions.filter((instruction) => !after || instruction.start > after.start);
  const start = instructions.find((instruction) => instruction.keyword === 'CMD' || instruction.keyword === 'ENTRYPOINT');
  if (start) return { offset: context.source.lines.lineStart(start.line), before: true };
  const last = instructions[instructions.length - 1] ?? after ?? final.instructions[final.instructions.length - 1]!;
  return { offset: last.end, before: false };
}

/**
 * A USER that exists in the base image: `node` in the official Node.js images; for Python images a
 * new account (Debian `useradd`, Alpine `adduser`). Other bases get no fix: which account exists
 * and which files the server must write are not visible here.
 */
function userFix(context: DockerfileRuleContext<MessageId>, final: DockerfileStage, base: string, rootUser: DockerfileInstruction | undefined): FixDescriptor[] {
  const repository = imageRepository(base);
  const alpine = /alpine/i.test(base);
  let lines: string[];
  let title: string;
  if (repository === 'node') {
    lines = ['USER node'];
    title = 'Run as the `node` user of the Node.js image';
  } else if (repository === 'python' || /(?:^|\/)astral-sh\/uv:.*python/i.test(base)) {
    lines = [alpine ? 'RUN adduser -D -u 10001 app' : 'RUN useradd --create-home --uid 10001 app', 'USER app'];
    title = 'Create an unprivileged `app` user and run as it (check it can read the app and write where it must)';
  } else {
    return [];
  }
  const { offset, before } = insertionPoint(context, final, rootUser);
  const eol = /\r\n/.test(context.source.text) ? '\r\n' : '\n';
  const newText = before ? lines.map((line) => `${line}${eol}`).join('') : lines.map((line) => `${eol}${line}`).join('');
  return [{ title, edits: [{ start: offset, end: offset, newText }] }];
}

/** `docker.io/library/node:22-slim@sha256:…` → `node`; `python` → `python`. */
function imageRepository(image: string): string {
  const withoutDigest = image.split('@')[0]!;
  const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const name = lastSegment.split(':')[0]!.toLowerCase();
  const path = withoutDigest.toLowerCase();
  // Only the official images: `node`, `library/node`, `docker.io/library/node`.
  const official = !path.includes('/') || /^(?:docker\.io\/)?library\//.test(path);
  return official ? name : '';
}
