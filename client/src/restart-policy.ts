// Kept free of `vscode` so the decision and the wording can be unit-tested under plain Node;
// client/src/language-client.ts turns the decisions into vscode-languageclient close actions.

/** The palette title of `mcpWarden.restartServer` ("category: title" in package.json), which the give-up message tells the user to run. */
export const RESTART_COMMAND_TITLE = 'MCP Warden: Restart Language Server';

export interface RestartPolicyOptions {
  /** Milliseconds on a clock that only moves forward; injectable so tests can slide the window. */
  now?: () => number;
  /** Restarts allowed inside one window; the next stop inside the same window gives up. */
  maxRestarts?: number;
  windowMs?: number;
}

/** `restartNumber` counts restarts in the current window, from 1. `message` is what the user is told. */
export type RestartDecision = { restart: true; restartNumber: number; message: string } | { restart: false; message: string };

/**
 * Decides, each time the language server stops unexpectedly, whether to start it again: at most
 * `maxRestarts` restarts within a sliding `windowMs`, so a server that crashes on every start
 * (e.g. on one poisonous file) is not restarted forever.
 */
export class RestartPolicy {
  private readonly now: () => number;
  private readonly maxRestarts: number;
  private readonly windowMs: number;
  /** When the server stopped, oldest first, pruned to the current window. */
  private readonly stops: number[] = [];

  constructor(options: RestartPolicyOptions = {}) {
    // performance.now rather than Date.now: a wall-clock jump (sleep, NTP) must not empty or freeze the window.
    this.now = options.now ?? (() => performance.now());
    this.maxRestarts = options.maxRestarts ?? 4;
    this.windowMs = options.windowMs ?? 3 * 60 * 1000;
    if (!Number.isInteger(this.maxRestarts) || this.maxRestarts < 0) throw new RangeError(`maxRestarts must be a non-negative integer, got ${this.maxRestarts}`);
    if (!(this.windowMs > 0)) throw new RangeError(`windowMs must be positive, got ${this.windowMs}`);
  }

  /** Records one unexpected stop of the server and says whether to restart it, with the text to show the user. */
  onServerClosed(): RestartDecision {
    const now = this.now();
    // A stop exactly `windowMs` ago has slid out of the window.
    while (this.stops.length > 0 && now - this.stops[0]! >= this.windowMs) this.stops.shift();
    this.stops.push(now);
    const window = describeDuration(this.windowMs);
    if (this.stops.length <= this.maxRestarts) {
      const restartNumber = this.stops.length;
      return {
        restart: true,
        restartNumber,
        message: `MCP Warden's language server stopped unexpectedly and was restarted (restart ${restartNumber} of ${this.maxRestarts} within ${window}).`,
      };
    }
    const stopped = this.stops.length;
    // The user restarts by hand after giving up; that restart deserves a full budget, not an instant give-up on its first crash.
    this.stops.length = 0;
    return {
      restart: false,
      message: `MCP Warden's language server stopped ${stopped} times within ${window} and will not be restarted. Run '${RESTART_COMMAND_TITLE}' after checking the MCP Warden output.`,
    };
  }
}

function describeDuration(milliseconds: number): string {
  const [amount, unit] = milliseconds % 60_000 === 0 ? [milliseconds / 60_000, 'minute'] : [Math.ceil(milliseconds / 1000), 'second'];
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}
