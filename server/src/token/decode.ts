/**
 * Decoding JWS / JWE compact serializations without verifying anything. Pure: no editor, no I/O.
 *
 * Error messages never contain the token (or any part of it): they name the part and the problem.
 */

export const MAX_TOKEN_BYTES = 64 * 1024;

export type JsonObject = Record<string, unknown>;

export interface DecodedJws {
  kind: 'jws';
  header: JsonObject;
  claims: JsonObject;
  /** Bytes of the decoded signature (0: empty signature). */
  signatureBytes: number;
}

export interface DecodedJwe {
  kind: 'jwe';
  header: JsonObject;
  /** Decoded sizes of the encrypted key, IV, ciphertext and tag. */
  encryptedKeyBytes: number;
  ivBytes: number;
  ciphertextBytes: number;
  tagBytes: number;
}

export type DecodedToken = DecodedJws | DecodedJwe;

export type DecodeResult = { ok: true; token: DecodedToken } | { ok: false; error: string };

/**
 * The compact text a decoded token came from, kept out of the object itself so that serializing a
 * decoded token (JSON output, LSP responses, logs) can never carry the token.
 */
const COMPACT = new WeakMap<DecodedToken, string>();

/** The compact serialization of a token `decodeToken` returned (for signature checks only; never print it). */
export function compactOf(token: DecodedToken): string | undefined {
  return COMPACT.get(token);
}

const JWS_PART_NAMES = ['header', 'payload', 'signature'] as const;
const JWE_PART_NAMES = ['header', 'encrypted key', 'initialization vector', 'ciphertext', 'authentication tag'] as const;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Removes what usually surrounds a pasted token: whitespace, quotes, `Authorization:` and `Bearer`. */
export function normalizeTokenText(text: string): string {
  let value = text.trim();
  value = value.replace(/^authorization\s*:\s*/i, '');
  value = value.replace(/^(?:bearer|jwt|dpop)\s+/i, '');
  value = value.trim();
  const quote = /^(["'`])(.*)\1$/s.exec(value);
  if (quote) value = quote[2]!.trim();
  return value;
}

/** Decodes a JWS (3 parts) or recognises a JWE (5 parts). Never throws. */
export function decodeToken(text: string): DecodeResult {
  if (text.length > MAX_TOKEN_BYTES) return fail(`the token is ${Math.ceil(text.length / 1024)} KB, larger than the ${MAX_TOKEN_BYTES / 1024} KB limit`);
  const compact = normalizeTokenText(text);
  if (compact.length === 0) return fail('no token: the input is empty');
  if (/\s/.test(compact)) return fail('not a JWT: the input contains whitespace (a compact JWT is one line without spaces)');
  const parts = compact.split('.');
  if (parts.length !== 3 && parts.length !== 5) {
    return fail(
      parts.length === 1
        ? 'not a JWT: no dots (a JWT has 3 dot-separated parts, an encrypted JWE has 5)'
        : `not a JWT: ${parts.length} dot-separated parts (a signed JWT has 3, an encrypted JWE has 5)`,
    );
  }
  const names: readonly string[] = parts.length === 3 ? JWS_PART_NAMES : JWE_PART_NAMES;
  const bytes: Uint8Array[] = [];
  for (const [index, part] of parts.entries()) {
    const decoded = base64UrlDecode(part);
    if (typeof decoded === 'string') return fail(`part ${index + 1} (${names[index]}) ${decoded}`);
    bytes.push(decoded);
  }
  const header = parseJsonObject(bytes[0]!, 'header');
  if (typeof header === 'string') return fail(header);

  if (parts.length === 5) {
    const token: DecodedJwe = {
      kind: 'jwe',
      header,
      encryptedKeyBytes: bytes[1]!.length,
      ivBytes: bytes[2]!.length,
      ciphertextBytes: bytes[3]!.length,
      tagBytes: bytes[4]!.length,
    };
    COMPACT.set(token, compact);
    return { ok: true, token };
  }

  if (parts[1]!.length === 0) return fail('part 2 (payload) is empty: a detached-content JWS, not a JWT');
  const claims = parseJsonObject(bytes[1]!, 'payload');
  if (typeof claims === 'string') return fail(claims);
  const token: DecodedJws = { kind: 'jws', header, claims, signatureBytes: bytes[2]!.length };
  COMPACT.set(token, compact);
  return { ok: true, token };
}

/** Decoded bytes, or why the text is not unpadded base64url. */
export function base64UrlDecode(part: string): Uint8Array | string {
  if (part.includes('=')) return "has '=' padding; JWTs use unpadded base64url";
  if (!BASE64URL.test(part)) {
    const bad = [...part].find((character) => !/[A-Za-z0-9_-]/.test(character)) ?? '?';
    return `is not base64url: it contains ${describeCharacter(bad)}`;
  }
  if (part.length % 4 === 1) return 'is not base64url: its length is impossible for base64';
  return new Uint8Array(Buffer.from(part, 'base64url'));
}

function describeCharacter(character: string): string {
  if (character === '+' || character === '/') return `'${character}' (standard base64, not base64url)`;
  const code = character.codePointAt(0) ?? 0;
  return code >= 0x21 && code < 0x7f ? `'${character}'` : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function parseJsonObject(bytes: Uint8Array, name: 'header' | 'payload'): JsonObject | string {
  const number = name === 'header' ? 1 : 2;
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return `part ${number} (${name}) is not UTF-8 text`;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return name === 'header' ? 'part 1 (header) is not JSON: this is not a JWT' : 'part 2 (payload) is not JSON: a signed blob, but not a JWT';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `part ${number} (${name}) is JSON but not an object: this is not a JWT`;
  return value as JsonObject;
}

function fail(error: string): DecodeResult {
  return { ok: false, error };
}

/** A JWS (three parts, header starting `{"`) or JWE (five parts) anywhere in a text. */
const JWT_IN_TEXT = /(?<![A-Za-z0-9_.-])eyJ[A-Za-z0-9_-]{6,}(?:\.[A-Za-z0-9_-]*){2}(?:\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)?(?![A-Za-z0-9_.-])/g;

/** Whether a text (after removing `Bearer`, quotes, whitespace) is a compact JWT/JWE. */
export function looksLikeJwt(text: string): boolean {
  if (text.length > MAX_TOKEN_BYTES) return false;
  const value = normalizeTokenText(text);
  JWT_IN_TEXT.lastIndex = 0;
  const match = JWT_IN_TEXT.exec(value);
  return match !== null && match.index === 0 && match[0].length === value.length;
}

/** The JWT-looking run of text around `offset` in `text` (e.g. one line), with its offsets. */
export function jwtAt(text: string, offset: number): { start: number; end: number; text: string } | undefined {
  JWT_IN_TEXT.lastIndex = 0;
  for (const match of text.matchAll(JWT_IN_TEXT)) {
    const start = match.index;
    const end = start + match[0].length;
    if (start > offset) break;
    if (offset <= end) return { start, end, text: match[0] };
  }
  return undefined;
}
