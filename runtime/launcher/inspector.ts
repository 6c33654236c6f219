/**
 * Ranks started for source debugging (`node --inspect-brk`) print where their inspector listens
 * and wait there for a debugger. The launcher reads that address off stderr, hands it to whoever
 * attaches (the VS Code extension), and keeps Node's inspector chatter out of the program's output.
 */

/** Node's own lines about the inspector, none of which the user wrote. */
const CHATTER = [
  /^Debugger listening on /,
  /^For help, see: https:\/\/nodejs\.org\/.*inspector/,
  /^Debugger attached\.$/,
  /^Waiting for the debugger to disconnect\.\.\.$/,
];

const LISTENING = /^Debugger listening on (ws:\/\/\S+)/;

/**
 * A line filter for a debugged process's stderr: reports the inspector address once, drops the
 * chatter, lets everything else through.
 */
export function inspectorLineFilter(found: (websocketAddress: string) => void): (line: string) => boolean {
  return (line) => {
    const m = LISTENING.exec(line);
    if (m) found(m[1]);
    return !CHATTER.some((re) => re.test(line));
  };
}

/** The Node flag that makes a process wait for its debugger before running any code. */
export const INSPECT_BRK = '--inspect-brk=127.0.0.1:0';

/**
 * The Node flag for a process whose inspector stays closed until SIGUSR1 opens it (on a free
 * local port): a run costs nothing until a debugger is wanted.
 */
export const INSPECT_PORT = '--inspect-port=127.0.0.1:0';

/** What opens an `INSPECT_PORT` process's inspector (Node's own signal for it). */
export const OPEN_INSPECTOR = 'SIGUSR1';
