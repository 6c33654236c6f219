/**
 * The deadlock detector on event orders that real runs produce only now and then: a rank's events
 * reach the launcher in its own order, but in any order relative to other ranks'. Each case feeds
 * the launcher's job state the events of one such moment and asks whether it is a deadlock.
 */
import * as assert from 'node:assert/strict';
import { findDeadlock, SIGNAL_GRACE_MS } from '../runtime/launcher/state/detector.js';
import { JobState } from '../runtime/launcher/state/job-state.js';
import type { OpStartEvent, RankEvent, RecvWait } from '../runtime/contract/trace-events.js';

const COMM = 'w';

function recvWait(source: number, tag: number, posted?: number): RecvWait {
  return { type: 'recv', comm: COMM, source, tag, group: [0, 1], posted };
}

/** Rank 0 in a large `Send` of message `0.1` to rank 1 with tag 0: it waits for the receive. */
const largeSend: OpStartEvent = {
  kind: 'op-start', rank: 0, id: 1, t: 1, op: 'Send', text: 'Send(dest=1, tag=0)', comm: COMM, peer: 1, tag: 0, msg: '0.1',
  wait: { type: 'send', comm: COMM, dest: 1, tag: 0, msg: '0.1' },
};

/** Rank 1 posts `irecv(source=0, tag=0)` as operation 1. */
const irecvPosted: RankEvent[] = [
  { kind: 'op-start', rank: 1, id: 1, t: 1, op: 'irecv', text: 'irecv(source=0, tag=0)', comm: COMM, peer: 0, tag: 0, posts: recvWait(0, 0) },
  { kind: 'op-end', rank: 1, id: 1, t: 1 },
];

/** Rank 1 then blocks (operation 2) in a receive of tag 1 that only rank 0 could send. */
const blockedInOtherRecv: RankEvent = {
  kind: 'op-start', rank: 1, id: 2, t: 2, op: 'recv', text: 'recv(source=0, tag=1)', comm: COMM, peer: 0, tag: 1, wait: recvWait(0, 1),
};

function stateOf(events: RankEvent[]): JobState {
  const state = new JobState(2, (r) => `rank ${r}`);
  state.started(0, 100);
  state.started(1, 101);
  for (const e of events) state.apply(e);
  return state;
}

describe('deadlock detector: event orders', () => {
  it('a large send to a rank whose posted irecv will take it is no deadlock, before the match is heard of', () => {
    assert.equal(findDeadlock(stateOf([largeSend, ...irecvPosted, blockedInOtherRecv])), undefined);
  });

  it('…and none once the match is heard of, whichever of the send and the match arrives first', () => {
    const matched: RankEvent = { kind: 'recv-matched', rank: 1, id: 1, t: 3, msg: '0.1' };
    assert.equal(findDeadlock(stateOf([largeSend, ...irecvPosted, blockedInOtherRecv, matched])), undefined);
    assert.equal(findDeadlock(stateOf([...irecvPosted, blockedInOtherRecv, matched, largeSend])), undefined);
  });

  it('a posted irecv that took another message, or was cancelled, releases nobody', () => {
    const tookOther: RankEvent = { kind: 'recv-matched', rank: 1, id: 1, t: 3, msg: '0.0' };
    const d = findDeadlock(stateOf([...irecvPosted, tookOther, blockedInOtherRecv, largeSend]));
    assert.deepEqual(d?.cycle, [0, 1, 0]);
    const cancelled: RankEvent = { kind: 'recv-matched', rank: 1, id: 1, t: 3 };
    assert.ok(findDeadlock(stateOf([...irecvPosted, cancelled, blockedInOtherRecv, largeSend])));
  });

  it('the wait of an irecv that has matched completes by itself, though its message is no longer in flight', () => {
    const waiting: RankEvent = { kind: 'op-start', rank: 1, id: 2, t: 2, op: 'wait', text: 'wait(source=0, tag=0)', comm: COMM, wait: recvWait(0, 0, 1) };
    const rank0Waits: RankEvent = { ...blockedInOtherRecv, rank: 0, id: 5, peer: 1, wait: recvWait(1, 1) };
    const sent: RankEvent = { kind: 'op-start', rank: 0, id: 4, t: 1, op: 'send', text: 'send(dest=1, tag=0)', comm: COMM, peer: 1, tag: 0, msg: '0.4' };
    const matched: RankEvent = { kind: 'recv-matched', rank: 1, id: 1, t: 3, msg: '0.4' };
    assert.equal(findDeadlock(stateOf([sent, { kind: 'op-end', rank: 0, id: 4, t: 1 }, rank0Waits, ...irecvPosted, matched, waiting])), undefined);
    // The same wait with its irecv still unmatched and nothing in flight: rank 1 is stuck on rank 0.
    assert.ok(findDeadlock(stateOf([rank0Waits, ...irecvPosted, waiting])));
  });

  it('a pipe recv whose every sending copy is held by exited processes ends with EOF: no deadlock; one held by the reader is', () => {
    // Process 0 owns the pipe and waits in recv on end `9:2`; process 1, the only other, has exited.
    const recv: RankEvent = { kind: 'op-start', rank: 0, id: 3, t: 1, op: 'Connection.recv', text: 'Connection.recv()', comm: 'mp', obj: '9:2', wait: { type: 'object', obj: '9:2', op: 'Connection.recv' } };
    const park: RankEvent = { kind: 'op-start', rank: 0, id: 4, t: 2, op: 'park', text: 'holding recv() of process #0', comm: 'mp', obj: '9:2', peer: 0 };
    const heldBy = (openBy: number[]): RankEvent => ({ kind: 'pipe-holders', rank: 0, t: 0, obj: '9:2', openBy });
    const stuck = (openBy: number[]): boolean => {
      const state = stateOf([heldBy(openBy), recv, park]);
      state.exited(1, 0, null);
      return findDeadlock(state) !== undefined;
    };
    assert.equal(stuck([1]), false, "the exited writer's copy closes as it goes: EOF is on its way");
    assert.equal(stuck([0, 1]), true, 'the reader holds a copy itself: EOF never comes');
  });

  it('a process sent terminate() is ending, not stuck: joining it is no deadlock until the grace runs out', () => {
    // MainProcess (0) owns queue q and joins Process-1 (1), which waits in q.get(): parked at the owner.
    const events: RankEvent[] = [
      { kind: 'op-start', rank: 1, id: 1, t: 1, op: 'Queue.get', text: 'Queue.get()', comm: 'mp', obj: 'q', wait: { type: 'object', obj: 'q', op: 'get' } },
      { kind: 'op-start', rank: 0, id: 1, t: 2, op: 'park', text: 'holding get() of process #1', comm: 'mp', obj: 'q', peer: 1 },
      { kind: 'op-end', rank: 0, id: 1, t: 2 },
      { kind: 'op-start', rank: 0, id: 2, t: 3, op: 'join', text: 'join(Process-1)', comm: 'mp', wait: { type: 'process', target: 1 } },
    ];
    assert.deepEqual(findDeadlock(stateOf(events))?.cycle, [0, 1, 0], 'without the signal it is a deadlock');
    const state = stateOf(events);
    state.signalled(1);
    assert.equal(findDeadlock(state), undefined);
    state.ranks[1].signalledAt! -= SIGNAL_GRACE_MS; // it caught SIGTERM and went on waiting
    assert.deepEqual(findDeadlock(state)?.cycle, [0, 1, 0]);
  });
});

