/**
 * Trace time: microseconds since the Unix epoch, from a monotonic clock. Ranks stamp their events
 * with it and the launcher measures detection latency with it, so both read this one clock.
 */
const epochMicros = performance.timeOrigin * 1000;
/**
 * Added to this process's clock so trace times from every host line up: a cluster rank measures
 * its offset from the coordinator at rendezvous. `RANKSCOPE_TEST_CLOCK_SKEW_US` starts it off by
 * that much, to stand for a host whose clock is wrong (tests of the alignment use it).
 */
let clockShiftMicros = Number(process.env.RANKSCOPE_TEST_CLOCK_SKEW_US ?? 0) || 0;

export function nowMicros(): number {
  return Math.round(epochMicros + performance.now() * 1000 + clockShiftMicros);
}

export function shiftClock(micros: number): void {
  clockShiftMicros += micros;
}
