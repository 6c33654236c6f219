// Port of mpi4py test/test_p2p_buf.py (conventions: README.md).
import { MPI } from 'rankscope/mpi';
import * as arrayimpl from './arrayimpl.js';
import { main, mod, TestCase } from './unittest.js';

type Comm = InstanceType<typeof MPI.Intracomm>;

abstract class BaseTestP2PBuf extends TestCase {
  COMM: Comm = MPI.COMM_NULL as unknown as Comm;

  async testSendrecv() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    const dest = mod(rank + 1, size);
    const source = mod(rank - 1, size);
    for (const [array, typecode] of arrayimpl.loop()) {
      for (let s = 0; s < size + 1; s++) {
        await this.subTest(arrayimpl.params({ s }), async () => {
          const sbuf = new array(s, typecode, s);
          const rbuf = new array(-1, typecode, s + 1);
          await this.COMM.Sendrecv(sbuf.as_mpi(), dest, 0, rbuf.as_mpi(), source, 0);
          let check = arrayimpl.scalar(s);
          for (const value of rbuf.slice(0, -1)) this.assertEqual(value, check);
          check = arrayimpl.scalar(-1);
          this.assertEqual(rbuf.at(-1), check);
        });
      }
    }
  }

  async testISendrecv() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    const dest = mod(rank + 1, size);
    const source = mod(rank - 1, size);
    await this.COMM.Isendrecv(new Uint8Array(1), dest, 0, new Uint8Array(1), source, 0).Wait();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (let s = 0; s < size + 1; s++) {
        await this.subTest(arrayimpl.params({ s }), async () => {
          const sbuf = new array(s, typecode, s);
          const rbuf = new array(-1, typecode, s + 1);
          await this.COMM.Isendrecv(sbuf.as_mpi(), dest, 0, rbuf.as_mpi(), source, 0).Wait();
          let check = arrayimpl.scalar(s);
          for (const value of rbuf.slice(0, -1)) this.assertEqual(value, check);
          check = arrayimpl.scalar(-1);
          this.assertEqual(rbuf.at(-1), check);
        });
      }
    }
  }

  async testSendrecvReplace() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    const dest = mod(rank + 1, size);
    const source = mod(rank - 1, size);
    for (const [array, typecode] of arrayimpl.loop()) {
      for (let s = 0; s < size + 1; s++) {
        await this.subTest(arrayimpl.params({ s }), async () => {
          const buf = new array(rank, typecode, s);
          await this.COMM.Sendrecv_replace(buf.as_mpi(), dest, 0, source, 0);
          const check = arrayimpl.scalar(source);
          for (const value of buf) this.assertEqual(value, check);
        });
      }
    }
  }

  async testISendrecvReplace() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    const dest = mod(rank + 1, size);
    const source = mod(rank - 1, size);
    await this.COMM.Isendrecv_replace(new Uint8Array(1), dest, 0, source, 0).Wait();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (let s = 0; s < size + 1; s++) {
        await this.subTest(arrayimpl.params({ s }), async () => {
          const buf = new array(rank, typecode, s);
          await this.COMM.Isendrecv_replace(buf.as_mpi(), dest, 0, source, 0).Wait();
          const check = arrayimpl.scalar(source);
          for (const value of buf) this.assertEqual(value, check);
        });
      }
    }
  }

  async testSendRecv() {
    const size = this.COMM.Get_size();
    let rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (let s = 0; s < size + 1; s++) {
        await this.subTest(arrayimpl.params({ s }), async () => {
          //
          let sbuf = new array(s, typecode, s);
          let rbuf = new array(-1, typecode, s);
          const mem = new array(0, typecode, 2 * (s + MPI.BSEND_OVERHEAD)).as_raw();
          if (size === 1) {
            MPI.Attach_buffer(mem);
            rbuf = sbuf;
            await MPI.Detach_buffer();
          } else if (rank === 0) {
            MPI.Attach_buffer(mem);
            await this.COMM.Ibsend(sbuf.as_mpi(), 1, 0).Wait();
            await this.COMM.Bsend(sbuf.as_mpi(), 1, 0);
            await MPI.Detach_buffer();
            await this.COMM.Send(sbuf.as_mpi(), 1, 0);
            await this.COMM.Ssend(sbuf.as_mpi(), 1, 0);
            await this.COMM.Recv(rbuf.as_mpi(), 1, 0);
            await this.COMM.Recv(rbuf.as_mpi(), 1, 0);
            await this.COMM.Recv(rbuf.as_mpi(), 1, 0);
            await this.COMM.Recv(rbuf.as_mpi(), 1, 0);
          } else if (rank === 1) {
            await this.COMM.Recv(rbuf.as_mpi(), 0, 0);
            await this.COMM.Recv(rbuf.as_mpi(), 0, 0);
            await this.COMM.Recv(rbuf.as_mpi(), 0, 0);
            await this.COMM.Recv(rbuf.as_mpi(), 0, 0);
            MPI.Attach_buffer(mem);
            await this.COMM.Ibsend(sbuf.as_mpi(), 0, 0).Wait();
            await this.COMM.Bsend(sbuf.as_mpi(), 0, 0);
            await MPI.Detach_buffer();
            await this.COMM.Send(sbuf.as_mpi(), 0, 0);
            await this.COMM.Ssend(sbuf.as_mpi(), 0, 0);
          } else {
            rbuf = sbuf;
          }
          const check = arrayimpl.scalar(s);
          for (const value of rbuf) this.assertEqual(value, check);
          //
          rank = this.COMM.Get_rank();
          sbuf = new array(s, typecode, s);
          rbuf = new array(-1, typecode, s);
          let rreq = this.COMM.Irecv(rbuf.as_mpi(), rank, 0);
          await this.COMM.Rsend(sbuf.as_mpi(), rank, 0);
          await rreq.Wait();
          for (const value of rbuf) this.assertEqual(value, check);
          rbuf = new array(-1, typecode, s);
          rreq = this.COMM.Irecv(rbuf.as_mpi(), rank, 0);
          await this.COMM.Irsend(sbuf.as_mpi(), rank, 0).Wait();
          await rreq.Wait();
          for (const value of rbuf) this.assertEqual(value, check);
        });
      }
    }
  }

  async testProcNull() {
    const comm = this.COMM;
    //
    await comm.Sendrecv(null, MPI.PROC_NULL, 0, null, MPI.PROC_NULL, 0);
    await comm.Sendrecv_replace(null, MPI.PROC_NULL, 0, MPI.PROC_NULL, 0);
    //
    await comm.Send(null, MPI.PROC_NULL);
    await comm.Isend(null, MPI.PROC_NULL).Wait();
    //
    await comm.Ssend(null, MPI.PROC_NULL);
    await comm.Issend(null, MPI.PROC_NULL).Wait();
    //
    const buf = MPI.Alloc_mem(MPI.BSEND_OVERHEAD);
    MPI.Attach_buffer(buf);
    await comm.Bsend(null, MPI.PROC_NULL);
    await comm.Ibsend(null, MPI.PROC_NULL).Wait();
    await MPI.Detach_buffer();
    MPI.Free_mem(buf);
    //
    await comm.Rsend(null, MPI.PROC_NULL);
    await comm.Irsend(null, MPI.PROC_NULL).Wait();
    //
    await comm.Recv(null, MPI.PROC_NULL);
    await comm.Irecv(null, MPI.PROC_NULL).Wait();
  }

  async testProcNullISendrecv() {
    await this.COMM.Isendrecv(null, MPI.PROC_NULL, 0, null, MPI.PROC_NULL, 0).Wait();
    await this.COMM.Isendrecv_replace(null, MPI.PROC_NULL, 0, MPI.PROC_NULL, 0).Wait();
  }

  async testProcNullPersistent() {
    const comm = this.COMM;
    //
    let req = comm.Send_init(null, MPI.PROC_NULL);
    req.Start();
    await req.Wait();
    req.Free();
    //
    req = comm.Ssend_init(null, MPI.PROC_NULL);
    req.Start();
    await req.Wait();
    req.Free();
    //
    const buf = MPI.Alloc_mem(MPI.BSEND_OVERHEAD);
    MPI.Attach_buffer(buf);
    req = comm.Bsend_init(null, MPI.PROC_NULL);
    req.Start();
    await req.Wait();
    req.Free();
    await MPI.Detach_buffer();
    MPI.Free_mem(buf);
    //
    req = comm.Rsend_init(null, MPI.PROC_NULL);
    req.Start();
    await req.Wait();
    req.Free();
    //
    req = comm.Recv_init(null, MPI.PROC_NULL);
    req.Start();
    await req.Wait();
    req.Free();
  }

  async testConstructor() {
    const preq = this.COMM.Send_init(new Uint8Array(0), MPI.PROC_NULL, 0);
    let dupe: InstanceType<typeof MPI.Request> = new MPI.Prequest(preq);
    this.assertIs(dupe.constructor, MPI.Prequest);
    this.assertEqual(dupe, preq);
    // fromhandle/tohandle, fromint/toint, f2py/py2f: skipped parts (README.md): C and Fortran handles.
    dupe = new MPI.Request(preq);
    this.assertIs(dupe.constructor, MPI.Request);
    this.assertEqual(dupe, preq);
    await this.assertRaises(TypeError, () => new MPI.Grequest(preq as never));
    preq.Start();
    await preq.Wait();
    preq.Free();
  }

  async testPersistent() {
    const size = this.COMM.Get_size();
    let rank = this.COMM.Get_rank();
    const dest = mod(rank + 1, size);
    const source = mod(rank - 1, size);
    for (const [array, typecode] of arrayimpl.loop()) {
      for (let s = 0; s < size + 1; s++) {
        for (let xs = 0; xs < 3; xs++) {
          await this.subTest(arrayimpl.params({ s, xs }), async () => {
            const checkAll = (rbuf: arrayimpl.TArray) => {
              let check = arrayimpl.scalar(s);
              for (const value of rbuf.slice(0, s)) this.assertEqual(value, check);
              check = arrayimpl.scalar(-1);
              for (const value of rbuf.slice(s)) this.assertEqual(value, check);
            };
            //
            let sbuf = new array(s, typecode, s);
            let rbuf = new array(-1, typecode, s + xs);
            let sendreq = this.COMM.Send_init(sbuf.as_mpi(), dest, 0);
            let recvreq = this.COMM.Recv_init(rbuf.as_mpi(), source, 0);
            sendreq.Start();
            recvreq.Start();
            await sendreq.Wait();
            await recvreq.Wait();
            this.assertNotEqual(sendreq, MPI.REQUEST_NULL);
            this.assertNotEqual(recvreq, MPI.REQUEST_NULL);
            sendreq.Free();
            recvreq.Free();
            this.assertEqual(sendreq, MPI.REQUEST_NULL);
            this.assertEqual(recvreq, MPI.REQUEST_NULL);
            checkAll(rbuf);
            //
            sbuf = new array(s, typecode, s);
            rbuf = new array(-1, typecode, s + xs);
            sendreq = this.COMM.Send_init(sbuf.as_mpi(), dest, 0);
            recvreq = this.COMM.Recv_init(rbuf.as_mpi(), source, 0);
            const reqlist = [sendreq, recvreq];
            MPI.Prequest.Startall(reqlist);
            const index1 = await MPI.Prequest.Waitany(reqlist);
            this.assertIn(index1, [0, 1]);
            this.assertNotEqual(reqlist[index1], MPI.REQUEST_NULL);
            const index2 = await MPI.Prequest.Waitany(reqlist);
            this.assertIn(index2, [0, 1]);
            this.assertNotEqual(reqlist[index2], MPI.REQUEST_NULL);
            this.assertNotEqual(index1, index2);
            const index3 = await MPI.Prequest.Waitany(reqlist);
            this.assertEqual(index3, MPI.UNDEFINED);
            for (const preq of reqlist) {
              this.assertNotEqual(preq, MPI.REQUEST_NULL);
              preq.Free();
              this.assertEqual(preq, MPI.REQUEST_NULL);
            }
            checkAll(rbuf);
            //
            sbuf = new array(s, typecode, s);
            rbuf = new array(-1, typecode, s + xs);
            sendreq = this.COMM.Ssend_init(sbuf.as_mpi(), dest, 0);
            recvreq = this.COMM.Recv_init(rbuf.as_mpi(), source, 0);
            sendreq.Start();
            recvreq.Start();
            await sendreq.Wait();
            await recvreq.Wait();
            this.assertNotEqual(sendreq, MPI.REQUEST_NULL);
            this.assertNotEqual(recvreq, MPI.REQUEST_NULL);
            sendreq.Free();
            recvreq.Free();
            this.assertEqual(sendreq, MPI.REQUEST_NULL);
            this.assertEqual(recvreq, MPI.REQUEST_NULL);
            checkAll(rbuf);
            //
            const mem = new array(0, typecode, s + MPI.BSEND_OVERHEAD).as_raw();
            sbuf = new array(s, typecode, s);
            rbuf = new array(-1, typecode, s + xs);
            MPI.Attach_buffer(mem);
            sendreq = this.COMM.Bsend_init(sbuf.as_mpi(), dest, 0);
            recvreq = this.COMM.Recv_init(rbuf.as_mpi(), source, 0);
            sendreq.Start();
            recvreq.Start();
            await sendreq.Wait();
            await recvreq.Wait();
            await MPI.Detach_buffer();
            this.assertNotEqual(sendreq, MPI.REQUEST_NULL);
            this.assertNotEqual(recvreq, MPI.REQUEST_NULL);
            sendreq.Free();
            recvreq.Free();
            this.assertEqual(sendreq, MPI.REQUEST_NULL);
            this.assertEqual(recvreq, MPI.REQUEST_NULL);
            checkAll(rbuf);
            //
            rank = this.COMM.Get_rank();
            sbuf = new array(s, typecode, s);
            rbuf = new array(-1, typecode, s + xs);
            recvreq = this.COMM.Recv_init(rbuf.as_mpi(), rank, 0);
            sendreq = this.COMM.Rsend_init(sbuf.as_mpi(), rank, 0);
            recvreq.Start();
            sendreq.Start();
            await recvreq.Wait();
            await sendreq.Wait();
            this.assertNotEqual(sendreq, MPI.REQUEST_NULL);
            this.assertNotEqual(recvreq, MPI.REQUEST_NULL);
            sendreq.Free();
            recvreq.Free();
            this.assertEqual(sendreq, MPI.REQUEST_NULL);
            this.assertEqual(recvreq, MPI.REQUEST_NULL);
            checkAll(rbuf);
          });
        }
      }
    }
  }

  async testProbe() {
    const comm = await this.COMM.Dup();
    try {
      const request = comm.Issend([null, 0, MPI.BYTE], comm.rank, 123);
      this.assertTrue(request);
      const status = new MPI.Status();
      await comm.Probe(MPI.ANY_SOURCE, MPI.ANY_TAG, status);
      this.assertEqual(status.source, comm.rank);
      this.assertEqual(status.tag, 123);
      this.assertTrue(request);
      let flag = request.Test();
      this.assertTrue(request);
      this.assertFalse(flag);
      await comm.Recv([null, 0, MPI.BYTE], comm.rank, 123);
      this.assertTrue(request);
      flag = false;
      while (!flag) {
        flag = request.Test();
      }
      this.assertFalse(request);
      this.assertTrue(flag);
    } finally {
      comm.Free();
    }
  }

  async testProbeCancel() {
    const comm = await this.COMM.Dup();
    try {
      const request = comm.Issend([null, 0, MPI.BYTE], comm.rank, 123);
      let status = new MPI.Status();
      await comm.Probe(MPI.ANY_SOURCE, MPI.ANY_TAG, status);
      this.assertEqual(status.source, comm.rank);
      this.assertEqual(status.tag, 123);
      request.Cancel();
      this.assertTrue(request);
      status = new MPI.Status();
      request.Get_status(status);
      const cancelled = status.Is_cancelled();
      if (!cancelled) {
        await comm.Recv([null, 0, MPI.BYTE], comm.rank, 123);
        await request.Wait();
      } else {
        request.Free();
      }
    } finally {
      comm.Free();
    }
  }

  async testIProbe() {
    const comm = await this.COMM.Dup();
    try {
      let f = comm.Iprobe();
      this.assertFalse(f);
      f = comm.Iprobe(MPI.ANY_SOURCE);
      this.assertFalse(f);
      f = comm.Iprobe(MPI.ANY_SOURCE, MPI.ANY_TAG);
      this.assertFalse(f);
      const status = new MPI.Status();
      f = comm.Iprobe(MPI.ANY_SOURCE, MPI.ANY_TAG, status);
      this.assertFalse(f);
      this.assertEqual(status.source, MPI.ANY_SOURCE);
      this.assertEqual(status.tag, MPI.ANY_TAG);
      this.assertEqual(status.error, MPI.SUCCESS);
    } finally {
      comm.Free();
    }
  }
}

class TestP2PBufSelf extends BaseTestP2PBuf {
  override COMM = MPI.COMM_SELF;
}

class TestP2PBufWorld extends BaseTestP2PBuf {
  override COMM = MPI.COMM_WORLD;
}

class TestP2PBufSelfDup extends TestP2PBufSelf {
  override async setUp() {
    this.COMM = await MPI.COMM_SELF.Dup();
  }
  override tearDown() {
    this.COMM.Free();
  }
}

class TestP2PBufWorldDup extends TestP2PBufWorld {
  override async setUp() {
    this.COMM = await MPI.COMM_WORLD.Dup();
  }
  override tearDown() {
    this.COMM.Free();
  }
}

await main([TestP2PBufSelf, TestP2PBufWorld, TestP2PBufSelfDup, TestP2PBufWorldDup]);
