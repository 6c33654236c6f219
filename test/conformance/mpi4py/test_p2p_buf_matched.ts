// Port of mpi4py test/test_p2p_buf_matched.py (conventions: README.md).
import { MPI } from 'rankscope/mpi';
import * as arrayimpl from './arrayimpl.js';
import { main, TestCase } from './unittest.js';

type Comm = InstanceType<typeof MPI.Intracomm>;
type Message = InstanceType<typeof MPI.Message>;

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
    const noproc = MPI.MESSAGE_NO_PROC;
    this.assertTrue(noproc);
    await noproc.Recv(null);
    this.assertTrue(noproc);
    await noproc.Irecv(null).Wait();
    this.assertTrue(noproc);
    //
    const noproc2 = new MPI.Message(MPI.MESSAGE_NO_PROC);
    this.assertTrue(noproc2);
    this.assertEqual(noproc2, noproc);
    this.assertNotEqual(noproc, MPI.MESSAGE_NULL);
    //
    let message = new MPI.Message(MPI.MESSAGE_NO_PROC);
    await message.Recv(null);
    this.assertEqual(message, MPI.MESSAGE_NULL);
    //
    message = new MPI.Message(MPI.MESSAGE_NO_PROC);
    const request = message.Irecv(null);
    this.assertEqual(message, MPI.MESSAGE_NULL);
    this.assertNotEqual(request, MPI.REQUEST_NULL);
    await request.Wait();
    this.assertEqual(request, MPI.REQUEST_NULL);
  }

  testPickle() {
    // Skipped (README.md): Python's pickle of MPI handles.
  }
}

abstract class BaseTestP2PMatched extends TestCase {
  COMM: Comm = MPI.COMM_NULL as unknown as Comm;

  async testIMProbe() {
    const comm = await this.COMM.Dup();
    try {
      let m = comm.Improbe();
      this.assertIsNone(m);
      m = comm.Improbe(MPI.ANY_SOURCE);
      this.assertIsNone(m);
      m = comm.Improbe(MPI.ANY_SOURCE, MPI.ANY_TAG);
      this.assertIsNone(m);
      const status = new MPI.Status();
      m = comm.Improbe(MPI.ANY_SOURCE, MPI.ANY_TAG, status);
      this.assertIsNone(m);
      this.assertEqual(status.source, MPI.ANY_SOURCE);
      this.assertEqual(status.tag, MPI.ANY_TAG);
      this.assertEqual(status.error, MPI.SUCCESS);
      m = MPI.Message.Iprobe(comm);
      this.assertIsNone(m);
      const buf: [null, number, unknown] = [null, 0, MPI.BYTE];
      const s = comm.Isend(buf as any, comm.rank, 0);
      const r = (await comm.Mprobe(comm.rank, 0)).Irecv(buf as any);
      await MPI.Request.Waitall([s, r]);
    } finally {
      comm.Free();
    }
  }

  async testProbeRecv() {
    const comm = this.COMM;
    const size = comm.Get_size();
    const rank = comm.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (let s = 0; s < size + 1; s++) {
        await this.subTest(arrayimpl.params({ s }), async () => {
          const sbuf = new array(s, typecode, s);
          let rbuf = new array(-1, typecode, s);
          if (size === 1) {
            let n = comm.Improbe(0, 0);
            this.assertIsNone(n);
            const sr = comm.Isend(sbuf.as_mpi(), 0, 0);
            let m: Message | undefined = await comm.Mprobe(0, 0);
            this.assertIsInstance(m, MPI.Message);
            this.assertTrue(m);
            const rr = m.Irecv(rbuf.as_raw());
            this.assertFalse(m);
            this.assertTrue(sr);
            this.assertTrue(rr);
            await MPI.Request.Waitall([sr, rr]);
            this.assertFalse(sr);
            this.assertFalse(rr);
            //
            n = comm.Improbe(0, 0);
            this.assertIsNone(n);
            let r = comm.Isend(sbuf.as_mpi(), 0, 0);
            m = await MPI.Message.Probe(comm, 0, 0);
            this.assertIsInstance(m, MPI.Message);
            this.assertTrue(m);
            await m.Recv(rbuf.as_raw());
            this.assertFalse(m);
            await r.Wait();
            //
            n = MPI.Message.Iprobe(comm, 0, 0);
            this.assertIsNone(n);
            r = comm.Isend(sbuf.as_mpi(), 0, 0);
            await comm.Probe(0, 0);
            m = MPI.Message.Iprobe(comm, 0, 0);
            if (m === undefined) this.fail('Iprobe after Probe found no message');
            this.assertIsInstance(m, MPI.Message);
            this.assertTrue(m);
            await m.Recv(rbuf.as_raw());
            this.assertFalse(m);
            await r.Wait();
            //
            n = MPI.Message.Iprobe(comm, 0, 0);
            this.assertIsNone(n);
            r = comm.Isend(sbuf.as_mpi(), 0, 0);
            m = await comm.Mprobe(0, 0);
            this.assertIsInstance(m, MPI.Message);
            this.assertTrue(m);
            await m.Recv(rbuf.as_raw());
            this.assertFalse(m);
            await r.Wait();
          } else if (rank === 0) {
            let n = comm.Improbe(0, 0);
            this.assertIsNone(n);
            //
            await comm.Send(sbuf.as_mpi(), 1, 0);
            let m: Message | undefined = await comm.Mprobe(1, 0);
            this.assertTrue(m);
            await m.Recv(rbuf.as_raw());
            this.assertFalse(m);
            //
            n = comm.Improbe(0, 0);
            this.assertIsNone(n);
            await comm.Send(sbuf.as_mpi(), 1, 1);
            m = undefined;
            while (!m) {
              m = comm.Improbe(1, 1);
            }
            await m.Irecv(rbuf.as_raw()).Wait();
          } else if (rank === 1) {
            let n = comm.Improbe(1, 0);
            this.assertIsNone(n);
            //
            let m: Message | undefined = await comm.Mprobe(0, 0);
            this.assertTrue(m);
            await m.Recv(rbuf.as_raw());
            this.assertFalse(m);
            //
            n = comm.Improbe(1, 0);
            this.assertIsNone(n);
            await comm.Send(sbuf.as_mpi(), 0, 0);
            m = undefined;
            while (!m) {
              m = comm.Improbe(0, 1);
            }
            await m.Irecv(rbuf.as_mpi()).Wait();
            await comm.Send(sbuf.as_mpi(), 0, 1);
          } else {
            rbuf = sbuf;
          }
          const check = arrayimpl.scalar(s);
          for (const value of rbuf) this.assertEqual(value, check);
        });
      }
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

await main([TestMessage, TestP2PMatchedSelf, TestP2PMatchedWorld, TestP2PMatchedSelfDup, TestP2PMatchedWorldDup], {
  'TestMessage.testPickle': "Python's pickle of MPI handles (Message, Request): no TypeScript counterpart",
});
