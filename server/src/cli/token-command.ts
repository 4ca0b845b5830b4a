/**
 * `mcp-warden token <jwt | -> …`: decode, audit and (optionally) verify a JWT. The token is never
 * written to any output; `-` reads it from standard input so it stays out of shell history.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { inspectToken, parseKeyText, renderText, reportToJson, TokenKeyError, verifyToken, type VerifyResult } from '../token';
import { verifyWithRemoteJwks } from '../token/remote';
import type { CliIo } from './run-cli';

export interface TokenCliIo extends CliIo {
  /** Standard input as text (default: process.stdin). */
  readStdin?: () => Promise<string>;
  /** Environment for --secret-env (default: process.env). */
  env?: Record<string, string | undefined>;
  /** Current time in ms (default: Date.now()). */
  now?: () => number;
}

const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_USAGE = 2;

export const TOKEN_HELP = `Usage: mcp-warden token <jwt | -> [options]

Decodes a JWT, audits it against the MCP authorization spec and, with a key, verifies its signature.
Pass - to read the token from standard input (keeps it out of shell history). The token itself is
never printed: only its header, claims and the findings.

Options:
  --audience <url>       The MCP server's canonical URI the token must be issued for (RFC 8707)
  --issuer <url>         The expected issuer (authorization server)
  --max-lifetime <sec>   Longest acceptable lifetime, exp - iat (default 3600)
  --jwks <file|url>      Verify with a JWKS file, or an https JWKS URL (fetched once)
  --key <file>           Verify with a PEM public key, certificate or JWK file
  --secret-env <name>    Verify with the HMAC secret in this environment variable
  --format <format>      text (default) or json

Exit codes: 0 no audit errors (and the signature verified, when asked), 1 audit errors or failed
verification, 2 usage error or a token that cannot be decoded.
`;

class TokenUsageError extends Error {}

export async function runTokenCommand(argv: readonly string[], io: TokenCliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof TokenUsageError || error instanceof TokenKeyError) {
      io.stderr(`mcp-warden token: ${error.message}\nRun 'mcp-warden token --help' for usage.\n`);
      return EXIT_USAGE;
    }
    // Never print a stack or message that might echo input: name the failure only.
    io.stderr(`mcp-warden token: internal error (${error instanceof Error ? error.name : typeof error})\n`);
    return EXIT_USAGE;
  }
}

async function run(argv: readonly string[], io: TokenCliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        audience: { type: 'string' },
        issuer: { type: 'string' },
        'max-lifetime': { type: 'string' },
        jwks: { type: 'string' },
        key: { type: 'string' },
        'secret-env': { type: 'string' },
        format: { type: 'string', short: 'f' },
      },
    });
  } catch (error) {
    // parseArgs quotes unknown options, never positionals, so its message cannot carry the token.
    throw new TokenUsageError(error instanceof Error ? error.message.split('\n')[0]! : 'invalid arguments');
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(TOKEN_HELP);
    return EXIT_OK;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new TokenUsageError(`--format must be one of text, json (got '${format}')`);
  if (positionals.length === 0) throw new TokenUsageError("missing token: pass it, or - to read it from standard input");
  if (positionals.length > 1) throw new TokenUsageError(`expected one token, got ${positionals.length} arguments`);
  const maxLifetimeSeconds = values['max-lifetime'] === undefined ? 3600 : Number(values['max-lifetime']);
  if (!Number.isFinite(maxLifetimeSeconds) || maxLifetimeSeconds <= 0) throw new TokenUsageError('--max-lifetime must be a positive number of seconds');
  const keySources = (['jwks', 'key', 'secret-env'] as const).filter((name) => values[name] !== undefined);
  if (keySources.length > 1) throw new TokenUsageError(`give one key source, not ${keySources.map((name) => `--${name}`).join(' and ')}`);

  const fromStdin = positionals[0] === '-';
  if (!fromStdin) io.stderr("note: a token on the command line ends up in shell history; pass - and pipe it in instead\n");
  const text = fromStdin ? await (io.readStdin ?? readProcessStdin)() : positionals[0]!;

  const now = (io.now ?? Date.now)();
  const inspected = inspectToken(text, {
    now,
    maxLifetimeSeconds,
    ...(values.audience !== undefined ? { expectedAudience: values.audience } : {}),
    ...(values.issuer !== undefined ? { expectedIssuer: values.issuer } : {}),
  });
  if (!inspected.ok) {
    io.stderr(`mcp-warden token: ${inspected.error}\n`);
    return EXIT_USAGE;
  }
  const { report } = inspected;
  const verification = await verify(text, values, io, now);
  if (verification) report.verification = verification;

  io.stdout(format === 'json' ? `${JSON.stringify(reportToJson(report), null, 2)}\n` : renderText(report, io.color));
  const failed = (report.audit?.errors ?? 0) > 0 || (verification !== undefined && !verification.ok);
  return failed ? EXIT_FINDINGS : EXIT_OK;
}

async function verify(
  token: string,
  values: { audience?: string; issuer?: string; jwks?: string; key?: string; 'secret-env'?: string },
  io: TokenCliIo,
  now: number,
): Promise<VerifyResult | undefined> {
  const options = {
    ...(values.audience !== undefined ? { audience: values.audience } : {}),
    ...(values.issuer !== undefined ? { issuer: values.issuer } : {}),
    currentDate: new Date(now),
  };
  if (values.jwks !== undefined) {
    // Typing a URL on the command line is the user's confirmation to fetch it.
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(values.jwks)) return verifyWithRemoteJwks(values.jwks, token, options);
    return verifyToken(token, parseKeyText(readKeyFile(io.cwd, values.jwks, '--jwks')), options);
  }
  if (values.key !== undefined) return verifyToken(token, parseKeyText(readKeyFile(io.cwd, values.key, '--key')), options);
  const secretName = values['secret-env'];
  if (secretName !== undefined) {
    const secret = (io.env ?? process.env)[secretName];
    if (secret === undefined || secret === '') throw new TokenUsageError(`environment variable ${secretName} is not set or empty`);
    return verifyToken(token, { kind: 'secret', secret }, options);
  }
  return undefined;
}

function readKeyFile(cwd: string, path: string, flag: string): string {
  try {
    return readFileSync(resolve(cwd, path), 'utf8');
  } catch (error) {
    throw new TokenUsageError(`${flag}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    // Stop early on huge input; decodeToken reports the size limit.
    if (size > 128 * 1024) break;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
