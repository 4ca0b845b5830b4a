import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RESTART_COMMAND_TITLE, RestartPolicy, type RestartDecision } from '../../client/src/restart-policy';
import { REPOSITORY_ROOT } from '../helpers/paths';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

function restarted(number: number): RestartDecision {
  return {
    restart: true,
    restartNumber: number,
    message: `MCP Warden's language server stopped unexpectedly and was restarted (restart ${number} of 4 within 3 minutes).`,
  };
}

const GAVE_UP: RestartDecision = {
  restart: false,
  message: "MCP Warden's language server stopped 5 times within 3 minutes and will not be restarted. Run 'MCP Warden: Restart Language Server' after checking the MCP Warden output.",
};

/** A policy on a hand-driven clock, and a function that moves the clock to `at` and reports one stop. */
function policyAt(start = 1_000_000): { stopAt: (at: number) => RestartDecision } {
  let time = start;
  const policy = new RestartPolicy({ now: () => time });
  return {
    stopAt: (at) => {
      time = start + at;
      return policy.onServerClosed();
    },
  };
}

void describe('RestartPolicy', () => {
  void it('restarts the first 4 stops within 3 minutes and counts them in the message', () => {
    const { stopAt } = policyAt();
    assert.deepEqual(
      [0, 10 * SECOND, 1 * MINUTE, 2 * MINUTE].map((at) => stopAt(at)),
      [restarted(1), restarted(2), restarted(3), restarted(4)],
    );
  });

  void it('gives up on the 5th stop within 3 minutes', () => {
    const { stopAt } = policyAt();
    for (const at of [0, 1, 2, 3]) stopAt(at * SECOND);
    assert.deepEqual(stopAt(3 * MINUTE - 1), GAVE_UP);
  });

  void it('restarts again once old stops slide out of the window', () => {
    const { stopAt } = policyAt();
    for (const at of [0, 30, 60, 90]) stopAt(at * SECOND);
    // The stop at 0 s is exactly 3 minutes old, so it no longer counts: 30, 60, 90 and 180 s are 4.
    assert.deepEqual(stopAt(3 * MINUTE), restarted(4));
    // One millisecond later the 30 s stop is still inside, so this is a 5th.
    assert.deepEqual(stopAt(3 * MINUTE + 1), GAVE_UP);
  });

  void it('frees the whole budget when the window has passed since the last stop', () => {
    const { stopAt } = policyAt();
    for (const at of [0, 1, 2, 3]) stopAt(at * SECOND);
    assert.deepEqual(stopAt(3 * SECOND + 3 * MINUTE), restarted(1));
  });

  void it('keeps restarting a server that stops less often than 4 times in 3 minutes', () => {
    const { stopAt } = policyAt();
    const decisions = Array.from({ length: 12 }, (_, index) => stopAt(index * 50 * SECOND));
    assert.deepEqual(
      decisions.map((decision) => (decision.restart ? decision.restartNumber : 'gave up')),
      [1, 2, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4],
    );
  });

  void it('gives a restart by hand after giving up a full budget', () => {
    const { stopAt } = policyAt();
    for (const at of [0, 1, 2, 3]) stopAt(at * SECOND);
    assert.deepEqual(stopAt(4 * SECOND), GAVE_UP);
    // The user ran the restart command and the server crashed again within the same 3 minutes.
    assert.deepEqual(
      [10, 11, 12, 13, 14].map((at) => stopAt(at * SECOND)),
      [restarted(1), restarted(2), restarted(3), restarted(4), GAVE_UP],
    );
  });

  void it('words other limits from the options', () => {
    let time = 0;
    const policy = new RestartPolicy({ now: () => time, maxRestarts: 1, windowMs: 30 * SECOND });
    assert.deepEqual(policy.onServerClosed(), {
      restart: true,
      restartNumber: 1,
      message: "MCP Warden's language server stopped unexpectedly and was restarted (restart 1 of 1 within 30 seconds).",
    });
    time = 29 * SECOND;
    assert.deepEqual(policy.onServerClosed(), {
      restart: false,
      message: "MCP Warden's language server stopped 2 times within 30 seconds and will not be restarted. Run 'MCP Warden: Restart Language Server' after checking the MCP Warden output.",
    });
  });

  void it('rejects limits that cannot work', () => {
    assert.throws(() => new RestartPolicy({ maxRestarts: -1 }), { name: 'RangeError', message: 'maxRestarts must be a non-negative integer, got -1' });
    assert.throws(() => new RestartPolicy({ maxRestarts: 1.5 }), { name: 'RangeError', message: 'maxRestarts must be a non-negative integer, got 1.5' });
    assert.throws(() => new RestartPolicy({ windowMs: 0 }), { name: 'RangeError', message: 'windowMs must be positive, got 0' });
    assert.throws(() => new RestartPolicy({ windowMs: Number.NaN }), { name: 'RangeError', message: 'windowMs must be positive, got NaN' });
  });

  // The exact-message assertions above already pin every word; this guards the intent if the wording changes.
  void it('tells the user one plain line: no stack trace, path or error text', () => {
    const { stopAt } = policyAt();
    for (const { message } of [0, 1, 2, 3, 4].map((at) => stopAt(at * SECOND))) {
      assert.doesNotMatch(message, /[\r\n]/);
      assert.doesNotMatch(message, /\bat \S+ \(|Error\b|[/\\]|node:|\.js\b/);
    }
  });

  void it('names the restart command by its title in package.json', () => {
    const manifest = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'package.json'), 'utf8')) as {
      contributes: { commands: { command: string; title: string; category?: string }[] };
    };
    const command = manifest.contributes.commands.find((candidate) => candidate.command === 'mcpWarden.restartServer');
    assert.ok(command, 'package.json contributes mcpWarden.restartServer');
    assert.equal(RESTART_COMMAND_TITLE, `${command.category}: ${command.title}`);
  });
});
