/**
 * `mcp-warden sbom [dir] [--output file]`: a CycloneDX JSON SBOM of the project in `dir` from its
 * lockfiles. Reads files only; never runs the project's code or a package manager.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildSbom, NoLockfileError, SBOM_SPEC_VERSION, type SbomOptions } from '../sbom';
import type { CliIo } from './run-cli';

const EXIT_OK = 0;
const EXIT_USAGE = 2;

export const SBOM_HELP = `Usage: mcp-warden sbom [dir] [options]

Writes a CycloneDX ${SBOM_SPEC_VERSION} JSON SBOM of the project in dir (default: the current folder), built
from its lockfiles: package-lock.json / npm-shrinkwrap.json (v2, v3), pnpm-lock.yaml, yarn.lock,
uv.lock, poetry.lock and requirements*.txt with == pins. node_modules and virtual environments are
not searched. Only files are read: no package manager or project code runs.

Options:
  -o, --output <file>    Write the SBOM to a file instead of standard output

Exit codes: 0 SBOM written, 2 usage error or no lockfile found.
`;

class SbomUsageError extends Error {}

export function runSbomCommand(argv: readonly string[], io: CliIo, options: SbomOptions = {}): number {
  try {
    return run(argv, io, options);
  } catch (error) {
    if (error instanceof SbomUsageError || error instanceof NoLockfileError) {
      io.stderr(`mcp-warden sbom: ${error.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`mcp-warden sbom: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_USAGE;
  }
}

function run(argv: readonly string[], io: CliIo, options: SbomOptions): number {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { help: { type: 'boolean', short: 'h' }, output: { type: 'string', short: 'o' } } });
  } catch (error) {
    throw new SbomUsageError(`${error instanceof Error ? error.message : String(error)}\nRun 'mcp-warden sbom --help' for usage.`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(SBOM_HELP);
    return EXIT_OK;
  }
  if (positionals.length > 1) throw new SbomUsageError(`expected one folder, got ${positionals.length}`);
  const folder = resolve(io.cwd, positionals[0] ?? '.');
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new SbomUsageError(`not a folder: ${positionals[0] ?? '.'}`);

  const result = buildSbom(folder, options);
  for (const warning of result.warnings) io.stderr(`mcp-warden sbom: skipped ${warning}\n`);
  if (values.output) {
    const target = resolve(io.cwd, values.output);
    try {
      writeFileSync(target, result.json);
    } catch (error) {
      throw new SbomUsageError(`cannot write ${values.output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    io.stderr(`Wrote ${values.output}: CycloneDX ${SBOM_SPEC_VERSION}, ${result.components} components from ${result.lockfiles.join(', ')}\n`);
  } else {
    io.stdout(result.json);
  }
  return EXIT_OK;
}
