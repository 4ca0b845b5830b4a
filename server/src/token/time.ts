/** Rendering JWT NumericDate values: ISO 8601 (UTC, whole seconds) plus a relative phrase. */

export function isoTime(seconds: number): string {
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return String(seconds);
  return date.toISOString().replace(/\.000Z$/, 'Z');
}

/** A duration in the largest unit that keeps it readable: `45 s`, `12 min`, `3 h`, `5 d`, `2 y`. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.abs(Math.round(totalSeconds));
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${roundTo(seconds / 3600)} h`;
  if (seconds < 2 * 365 * 86400) return `${roundTo(seconds / 86400)} d`;
  return `${roundTo(seconds / (365 * 86400))} y`;
}

function roundTo(value: number): string {
  return value < 10 ? String(Math.round(value * 10) / 10) : String(Math.round(value));
}

/** `in 5 min` / `3 h ago` / `now`. */
export function relativeTime(seconds: number, nowSeconds: number): string {
  const delta = seconds - nowSeconds;
  if (Math.abs(delta) < 1) return 'now';
  return delta > 0 ? `in ${formatDuration(delta)}` : `${formatDuration(delta)} ago`;
}

/** `2025-06-01T10:00:00Z (3 h ago)`. */
export function describeTime(seconds: number, nowSeconds: number): string {
  return `${isoTime(seconds)} (${relativeTime(seconds, nowSeconds)})`;
}
