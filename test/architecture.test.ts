import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { it } from 'node:test';
import { REPOSITORY_ROOT } from './helpers/paths';

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !/\.(?:fixture|fixed)[.-]/.test(entry.name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((match) => match[1]!);
}

void it('keeps the analyzer and the rules free of editor, protocol and I/O imports', () => {
  const offenders = ['server/src/analyzer', 'server/src/rules'].flatMap((folder) =>
    sourceFiles(join(REPOSITORY_ROOT, folder)).flatMap((file) =>
      importsOf(file)
        .filter((specifier) => /^(?:vscode|vscode-languageserver|vscode-languageclient|vscode-jsonrpc)(?:\/|-protocol|$)|^(?:node:)?(?:fs|child_process|net|http|https)(?:\/|$)/.test(specifier))
        .map((specifier) => `${relative(REPOSITORY_ROOT, file)} imports ${specifier}`),
    ),
  );
  assert.deepEqual(offenders, []);
});

void it('keeps the client to vscode glue plus the shared contract', () => {
  const offenders = sourceFiles(join(REPOSITORY_ROOT, 'client/src')).flatMap((file) =>
    importsOf(file)
      .filter((specifier) => specifier.includes('server/src/') && !specifier.endsWith('server/src/protocol'))
      .map((specifier) => `${relative(REPOSITORY_ROOT, file)} imports ${specifier}`),
  );
  assert.deepEqual(offenders, []);
});
