// Port of mpi4py test/test_p2p_obj_matched.py (conventions: README.md).
import { MPI } from 'rankscope/mpi';
import { main, TestCase } from './unittest.js';

type Comm = InstanceType<typeof MPI.Intracomm>;
type Message = InstanceType<typeof MPI.Message>;

/** Python's complex numbers are `{ re, im }` objects (README.md). */
const complex = (re: number, im: number) => ({ re, im });

const _basic: unknown[] = [null, true, false, -7, 0, 7, -(2n ** 63n) + 1n, 2n ** 63n - 1n, -2.17, 0.0, +1.62, complex(1, 2), complex(2, -3), 'mpi4py'];
const messages: unknown[] = [
  ..._basic,
  [..._basic], // list
  [..._basic], // tuple
  Object.fromEntries(_basic.map((v, k) => [`k${k}`, v])),
];

class TestMessage extends TestCase {
  testMessageNull() {
    const nul = MPI.MESSAGE_NULL;
    this.assertFalse(nul);
    const null2 = new MPI.Message();
    this.assertEqual(nul, null2);
    const null3 = new MPI.Message(nul);
    this.assertEqual(nul, null3);
  }

  async testMessageNoProc() {
    //
    let noproc: Message | undefined = MPI.MESSAGE_NO_PROC;
    this.assertTrue(noproc);
    await noproc.recv();
    this.assertTrue(noproc);
    await noproc.irecv().wait();
    this.assertTrue(noproc);
    //
    const noproc2 = new MPI.Message(MPI.MESSAGE_NO_PROC);
    this.assertTrue(noproc2);
    this.assertEqual(noproc2, noproc);
    this.assertNotEqual(noproc, MPI.MESSAGE_NULL);
    //
    let message = new MPI.Message(MPI.MESSAGE_NO_PROC);
    await message.recv();
    this.assertEqual(message, MPI.MESSAGE_NULL);
    //
    message = new MPI.Message(MPI.MESSAGE_NO_PROC);
    const request = message.irecv();
    this.assertEqual(message, MPI.MESSAGE_NULL);
    this.assertNotEqual(request, MPI.REQUEST_NULL);
    await request.wait();
    this.assertEqual(request, MPI.REQUEST_NULL);
    //
    const comm = MPI.COMM_SELF;
    message = await comm.mprobe(MPI.PROC_NULL);
    this.assertNotEqual(message, MPI.MESSAGE_NULL);
    this.assertEqual(message, MPI.MESSAGE_NO_PROC);
    noproc = comm.improbe(MPI.PROC_NULL);
    this.assertNotEqual(noproc, MPI.MESSAGE_NULL);
    this.assertEqual(noproc, MPI.MESSAGE_NO_PROC);
  }
}

abstract class BaseTestP2PMatched extends TestCase {
  COMM: Comm = MPI.COMM_NULL as unknown as Comm;

  async testIMProbe() {
    const comm = await this.COMM.Dup();
    try {
      let m = comm.improbe();
      this.assertIsNone(m);
      m = comm.improbe(MPI.ANY_SOURCE);
      this.assertIsNone(m);
      m = comm.improbe(MPI.ANY_SOURCE, MPI.ANY_TAG);
      this.assertIsNone(m);
      const status = new MPI.Status();
      m = comm.improbe(MPI.ANY_SOURCE, MPI.ANY_TAG, status);
      this.assertIsNone(m);
      this.assertEqual(status.source, MPI.ANY_SOURCE);
      this.assertEqual(status.tag, MPI.ANY_TAG);
      this.assertEqual(status.error, MPI.SUCCESS);
      m = MPI.Message.iprobe(comm);
      this.assertIsNone(m);
      const s = comm.isend(null, comm.rank, 0);
      const r = (await comm.mprobe(comm.rank, 0)).irecv();
      await MPI.Request.waitall([s, r]);
    } finally {
      comm.Free();
    }
  }

  async testProbeRecv() {
    const comm = this.COMM;
    const size = comm.Get_size();
    const rank = comm.Get_rank();
    for (const smsg of messages) {
      let rmsg: unknown;
      if (size === 1) {
        const sr = comm.isend(smsg, 0, 0);
        let m = await comm.mprobe(0, 0);
        this.assertIsInstance(m, MPI.Message);
        this.assertTrue(m);
        const rr = m.irecv();
        this.assertFalse(m);
        this.assertTrue(sr);
        this.assertTrue(rr);
        await MPI.Request.Waitall([sr, rr]);
        this.assertFalse(sr);
        this.assertFalse(rr);
        //
        const r = comm.isend(smsg, 0, 0);
        m = await MPI.Message.probe(comm, 0, 0);
        this.assertIsInstance(m, MPI.Message);
        this.assertTrue(m);
        rmsg = await m.recv();
        this.assertFalse(m);
        await r.wait();
      } else if (rank === 0) {
        await comm.send(smsg, 1, 0);
        let m: Message | undefined = await comm.mprobe(1, 0);
        this.assertTrue(m);
        rmsg = await m.recv();
        this.assertFalse(m);
        //
        await comm.send(rmsg, 1, 1);
        m = undefined;
        while (!m) {
          m = MPI.Message.iprobe(comm, 1, 1);
        }
        rmsg = await m.irecv().wait();
      } else if (rank === 1) {
        let m: Message | undefined = await comm.mprobe(0, 0);
        this.assertTrue(m);
        rmsg = await m.recv();
        this.assertFalse(m);
        await comm.send(rmsg, 0, 0);
        //
        m = undefined;
        while (!m) {
          m = MPI.Message.iprobe(comm, 0, 1);
        }
        rmsg = await m.irecv().wait();
        await comm.send(smsg, 0, 1);
      } else {
        rmsg = smsg;
      }
      this.assertEqual(smsg, rmsg);
    }
  }
}

class TestP2PMatchedSelf extends BaseTestP2PMatched {
  override COMM = MPI.COMM_SELF;
}

class TestP2PMatchedWorld extends BaseTestP2PMatched {
  override COMM = MPI.COMM_WORLD;
}

class TestP2PMatchedSelfDup extends TestP2PMatchedSelf {
  override async setUp() {
    this.COMM = await MPI.COMM_SELF.Dup();
  }
  override tearDown() {
    this.COMM.Free();
  }
}

class TestP2PMatchedWorldDup extends TestP2PMatchedWorld {
  override async setUp() {
    this.COMM = await MPI.COMM_WORLD.Dup();
  }
  override tearDown() {
    this.COMM.Free();
  }
}

await main([TestMessage, TestP2PMatchedSelf, TestP2PMatchedWorld, TestP2PMatchedSelfDup, TestP2PMatchedWorldDup]);
