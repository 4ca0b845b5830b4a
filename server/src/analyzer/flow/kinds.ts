/** What a tainted value can do harm as, when it reaches the matching sink. */
export type SinkKind = 'command' | 'code' | 'path' | 'url' | 'sql' | 'deserialization';

export const ALL_SINK_KINDS: readonly SinkKind[] = ['command', 'code', 'path', 'url', 'sql', 'deserialization'];

/**
 * The kinds an anchored pattern (`^[a-z0-9-]+$`) makes a value safe for, judged by the characters it
 * admits: no shell metacharacters or blanks → command and code; no quotes or blanks → SQL; no dot or
 * slash → paths. An unanchored pattern, or one with a bare `.`, proves nothing.
 */
export function kindsSafeUnderPattern(pattern: string): Set<SinkKind> {
  const safe = new Set<SinkKind>();
  if (!/^\^/.test(pattern) || !/(?<!\\)\$$/.test(pattern)) return safe;
  // Class shorthands that admit only word characters or digits say nothing dangerous.
  const body = pattern.slice(1, -1).replace(/\\[wdWD]/g, '');
  const outsideClasses = body.replace(/\[(?:\\.|[^\]\\])*\]/g, '');
  if (/(?<!\\)\./.test(outsideClasses) || /\\[sS]/.test(body) && /\\S/.test(body)) return safe;
  const literal = body.replace(/\\(.)/g, '$1');
  const hasBlank = /\s/.test(literal) || /\\s/.test(body);
  if (!hasBlank && !/[;&|$`<>(){}'"!*?~#\n]/.test(literal)) {
    safe.add('command');
    safe.add('code');
  }
  if (!hasBlank && !/['"]/.test(literal)) safe.add('sql');
  if (!/[./\\]/.test(literal)) safe.add('path');
  return safe;
}
