import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { argumentWords, offsetInArguments, parseDockerfile } from '../../server/src/analyzer/dockerfile/parse-dockerfile';
import { detectFileKind } from '../../server/src/analyzer/file-kind';
import { defineRule } from '../../server/src/analyzer/rule';
import { analyzerWith } from '../helpers/analyzer';
import { testRuleMeta } from './test-rules';

void describe('parseDockerfile: instructions', () => {
  void it('reads keywords (any case) and arguments with exact offsets', () => {
    const text = 'FROM node:22-slim\nworkdir /app\n  RUN npm ci\n';
    const { instructions } = parseDockerfile(text);
    assert.deepEqual(
      instructions.map((instruction) => [instruction.keyword, instruction.arguments, instruction.line]),
      [
        ['FROM', 'node:22-slim', 0],
        ['WORKDIR', '/app', 1],
        ['RUN', 'npm ci', 2],
      ],
    );
    for (const instruction of instructions) {
      assert.equal(text.slice(instruction.keywordStart, instruction.keywordEnd).toUpperCase(), instruction.keyword);
      assert.equal(text.slice(instruction.start, instruction.end).replace(/^\S+\s+/, ''), instruction.arguments);
    }
  });

  void it('joins continuation lines, drops comment and blank lines inside them, and maps offsets back', () => {
    const text = 'RUN apt-get update && \\\n    # a comment\n\n    apt-get install -y curl \\  \n && rm -rf /var/lib/apt/lists/*\nUSER app\n';
    const { instructions, comments } = parseDockerfile(text);
    assert.equal(instructions.length, 2);
    const [run, user] = instructions;
    assert.equal(run!.arguments, 'apt-get update &&     apt-get install -y curl  && rm -rf /var/lib/apt/lists/*');
    assert.equal(run!.end, text.indexOf('\nUSER'));
    assert.deepEqual(comments.map((comment) => comment.text), ['# a comment']);
    const curl = run!.arguments.indexOf('curl');
    assert.equal(text.slice(offsetInArguments(run!, curl), offsetInArguments(run!, curl) + 4), 'curl');
    const words = argumentWords(run!);
    for (const word of words) assert.equal(text.slice(word.start, word.end), word.text);
    assert.equal(user!.keyword, 'USER');
    assert.equal(user!.line, 5);
  });

  void it('treats # after an instruction as part of it, and whole-line comments as comments', () => {
    const { instructions, comments } = parseDockerfile('# build\nRUN echo hi # not a comment\n  # indented comment\n');
    assert.equal(instructions[0]!.arguments, 'echo hi # not a comment');
    assert.deepEqual(comments.map((comment) => [comment.text, comment.line]), [['# build', 0], ['# indented comment', 2]]);
  });

  void it('handles CRLF line breaks and a byte-order mark', () => {
    const text = '\uFEFFFROM python:3.12\r\nUSER \\\r\n  app\r\n';
    const { instructions } = parseDockerfile(text);
    assert.deepEqual(instructions.map((instruction) => [instruction.keyword, instruction.arguments]), [['FROM', 'python:3.12'], ['USER', 'app']]);
    assert.equal(instructions[0]!.keywordStart, 1);
    const app = argumentWords(instructions[1]!)[0]!;
    assert.equal(text.slice(app.start, app.end), 'app');
  });
});

void describe('parseDockerfile: parser directives', () => {
  void it('reads directives only at the top, and the escape directive changes the continuation character', () => {
    const text = '# syntax=docker/dockerfile:1\n# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN dir `\n  C:\\\nUSER ContainerUser\n';
    const dockerfile = parseDockerfile(text);
    assert.deepEqual(dockerfile.directives.map((directive) => [directive.name, directive.value]), [['syntax', 'docker/dockerfile:1'], ['escape', '`']]);
    assert.equal(dockerfile.escape, '`');
    assert.deepEqual(dockerfile.instructions.map((instruction) => instruction.keyword), ['FROM', 'RUN', 'USER']);
    assert.equal(dockerfile.instructions[1]!.arguments, 'dir   C:\\');
  });

  void it('ignores directive-like comments after the first comment or instruction', () => {
    const dockerfile = parseDockerfile('# hello\n# escape=`\nFROM scratch\n# syntax=x\n');
    assert.deepEqual(dockerfile.directives, []);
    assert.equal(dockerfile.escape, '\\');
    assert.equal(dockerfile.comments.length, 3);
  });
});

void describe('parseDockerfile: heredocs', () => {
  void it('keeps heredoc bodies inside their instruction', () => {
    const text = 'FROM alpine\nRUN <<EOF\nUSER root\necho hi\nEOF\nCOPY <<-"CONF" /etc/app.conf\n\tUSER=x\n\tCONF\nUSER app\n';
    const { instructions } = parseDockerfile(text);
    assert.deepEqual(instructions.map((instruction) => instruction.keyword), ['FROM', 'RUN', 'COPY', 'USER']);
    const run = instructions[1]!;
    assert.equal(run.heredocs.length, 1);
    assert.equal(text.slice(run.heredocs[0]!.bodyStart, run.heredocs[0]!.bodyEnd), 'USER root\necho hi');
    assert.equal(text.slice(run.start, run.end), 'RUN <<EOF\nUSER root\necho hi\nEOF');
    assert.equal(instructions[2]!.heredocs[0]!.word, 'CONF');
    assert.equal(instructions[3]!.arguments, 'app');
  });

  void it('lets an unterminated heredoc run to the end of the file', () => {
    const { instructions } = parseDockerfile('FROM alpine\nRUN <<EOF\necho hi\nUSER app\n');
    assert.deepEqual(instructions.map((instruction) => instruction.keyword), ['FROM', 'RUN']);
    assert.equal(instructions[1]!.heredocs[0]!.terminated, false);
  });

  void it('does not read a shift operator as a heredoc', () => {
    const { instructions } = parseDockerfile('RUN echo $((1<<2))\nUSER app\n');
    assert.equal(instructions.length, 2);
    assert.deepEqual(instructions[0]!.heredocs, []);
  });
});

void describe('parseDockerfile: stages', () => {
  void it('groups instructions by FROM, with names, images and platform flags', () => {
    const text = 'ARG BASE=node:22\nFROM --platform=$BUILDPLATFORM ${BASE} AS Build\nRUN npm ci\nFROM gcr.io/distroless/nodejs22 as runtime\nCOPY --from=build /app /app\nFROM scratch\n';
    const { stages, instructions } = parseDockerfile(text);
    assert.equal(instructions[0]!.stage, -1, 'a global ARG belongs to no stage');
    assert.deepEqual(
      stages.map((stage) => [stage.index, stage.image, stage.name, stage.instructions.map((instruction) => instruction.keyword)]),
      [
        [0, '${BASE}', 'build', ['FROM', 'RUN']],
        [1, 'gcr.io/distroless/nodejs22', 'runtime', ['FROM', 'COPY']],
        [2, 'scratch', undefined, ['FROM']],
      ],
    );
  });
});

void describe('parseDockerfile: malformed input', () => {
  void it('never throws', () => {
    const inputs = [
      '',
      '\n\n',
      '\\',
      'RUN \\',
      'RUN\\\n',
      'FROM',
      'FROM AS',
      '<<EOF',
      'RUN <<',
      'RUN <<EOF',
      '# escape=`\n`',
      '!!! ??? \n\t\t\n\r\r\n',
      'USER',
      '\uFEFF',
      'COPY <<A <<B\nx\nA\ny\n',
    ];
    for (const input of inputs) {
      const dockerfile = parseDockerfile(input);
      for (const instruction of dockerfile.instructions) {
        assert.ok(instruction.start <= instruction.end && instruction.end <= input.length, JSON.stringify(input));
        for (const word of argumentWords(instruction)) assert.ok(word.start >= 0 && word.end <= input.length);
      }
    }
  });

  void it('keeps unknown keywords as instructions', () => {
    const { instructions } = parseDockerfile('FROM node\nNOTANINSTRUCTION foo bar\n');
    assert.deepEqual(instructions.map((instruction) => [instruction.keyword, instruction.arguments]), [['FROM', 'node'], ['NOTANINSTRUCTION', 'foo bar']]);
  });
});

void describe('detectFileKind: Dockerfiles', () => {
  const dockerfile = { target: 'dockerfile', lineComment: '#' };
  void it('recognises Dockerfile and Containerfile names in any case', () => {
    for (const path of ['Dockerfile', 'docker/Dockerfile', 'DOCKERFILE', 'Dockerfile.prod', 'server.dockerfile', 'Containerfile', 'build/Containerfile.dev', 'app.containerfile', 'C:\\src\\Dockerfile']) {
      assert.deepEqual(detectFileKind(path, ''), dockerfile, path);
    }
  });

  void it('leaves look-alikes alone', () => {
    for (const path of ['.dockerignore', 'Dockerfile.dockerignore', 'dockerfile.py', 'docker-compose.yml', 'Dockerfiles/readme.md', 'mydockerfile']) {
      assert.notDeepEqual(detectFileKind(path, ''), dockerfile, path);
    }
  });

  void it('uses the editor language for untitled documents', () => {
    assert.deepEqual(detectFileKind('Untitled-1', '', 'dockerfile'), dockerfile);
  });
});

void describe('Analyzer: Dockerfile rules', () => {
  const userLines = defineRule<'user'>(testRuleMeta('dockerfile-user-lines', { user: 'USER {{name}}' }), {
    dockerfile: (context) => {
      for (const instruction of context.dockerfile.instructions) {
        if (instruction.keyword === 'USER') context.report({ messageId: 'user', data: { name: instruction.arguments }, start: instruction.start, end: instruction.end });
      }
    },
  });
  const throwing = defineRule<'m'>(testRuleMeta('dockerfile-throwing', { m: 'm' }), {
    dockerfile: () => {
      throw new Error('boom');
    },
  });
  const text = 'FROM node:22\n# mcp-warden-disable-next-line dockerfile-user-lines -- build stage\nUSER root\nRUN echo hi # mcp-warden-disable-next-line dockerfile-user-lines\nUSER node\n';

  void it('runs Dockerfile checks, honours whole-line suppression comments only, and isolates a throwing rule', async () => {
    const analyzer = await analyzerWith([throwing, userLines]);
    const result = await analyzer.analyze({ path: 'docker/Dockerfile', text });
    assert.deepEqual(result.findings.map((finding) => finding.message), ['USER node']);
    assert.deepEqual(result.notices, [{ kind: 'rule-error', ruleId: 'dockerfile-throwing', message: 'rule dockerfile-throwing failed: boom' }]);
  });

  void it('does not run code rules on Dockerfiles or Dockerfile rules on code', async () => {
    const analyzer = await analyzerWith([userLines]);
    assert.deepEqual((await analyzer.analyze({ path: 'server.ts', text: 'const USER = 1;\n' })).findings, []);
    assert.equal((await analyzer.analyze({ path: 'Containerfile', text })).findings.length, 1);
  });
});
