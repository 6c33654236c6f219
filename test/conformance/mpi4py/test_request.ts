// Port of mpi4py test/test_request.py (conventions: README.md).
import { MPI } from 'rankscope/mpi';
import { main, TestCase } from './unittest.js';

type Request = InstanceType<typeof MPI.Request>;
type Status = InstanceType<typeof MPI.Status>;

class TestRequest extends TestCase {
  REQUEST!: Request;
  STATUS!: Status;

  override setUp() {
    this.REQUEST = new MPI.Request();
    this.STATUS = new MPI.Status();
  }

  async testWait() {
    await this.REQUEST.Wait();
    await this.REQUEST.Wait(null);
    await this.REQUEST.Wait(this.STATUS);
    this.assertIs(await this.REQUEST.Wait(), true);
    await this.REQUEST.wait();
    await this.REQUEST.wait(null);
    await this.REQUEST.wait(this.STATUS);
    this.assertIsNone(await this.REQUEST.wait());
  }

  testTest() {
    this.REQUEST.Test();
    this.REQUEST.Test(null);
    this.REQUEST.Test(this.STATUS);
    this.assertIs(this.REQUEST.Test(), true);
    this.REQUEST.test();
    this.REQUEST.test(null);
    this.REQUEST.test(this.STATUS);
    this.assertEqual(this.REQUEST.test(), [true, null]);
  }

  testGetStatus() {
    let flag = this.REQUEST.Get_status();
    this.assertTrue(flag);
    flag = this.REQUEST.Get_status(this.STATUS);
    this.assertTrue(flag);
    this.assertEqual(this.STATUS.Get_source(), MPI.ANY_SOURCE);
    this.assertEqual(this.STATUS.Get_tag(), MPI.ANY_TAG);
    this.assertEqual(this.STATUS.Get_error(), MPI.SUCCESS);
    this.assertEqual(this.STATUS.Get_count(MPI.BYTE), 0);
    this.assertEqual(this.STATUS.Get_elements(MPI.BYTE), 0);
    this.assertFalse(this.STATUS.Is_cancelled());
    flag = this.REQUEST.get_status();
    this.assertTrue(flag);
    flag = this.REQUEST.get_status(this.STATUS);
    this.assertTrue(flag);
    this.assertEqual(this.STATUS.source, MPI.ANY_SOURCE);
    this.assertEqual(this.STATUS.tag, MPI.ANY_TAG);
    this.assertEqual(this.STATUS.error, MPI.SUCCESS);
  }
}

class TestRequestArray extends TestCase {
  REQUESTS!: Request[];
  STATUSES!: Status[];
  STATUS!: Status;

  override setUp() {
    this.REQUESTS = Array.from({ length: 5 }, () => new MPI.Request());
    this.STATUSES = Array.from({ length: 5 }, () => new MPI.Status());
    this.STATUS = this.STATUSES[0];
    for (const status of this.STATUSES) {
      status.source = 0;
      status.tag = 0;
      status.error = MPI.ERR_OTHER;
    }
  }

  async testWaitany() {
    await MPI.Request.Waitany(this.REQUESTS);
    await MPI.Request.Waitany(this.REQUESTS, null);
    await MPI.Request.Waitany(this.REQUESTS, this.STATUSES[0]);
    await MPI.Request.waitany(this.REQUESTS);
    await MPI.Request.waitany(this.REQUESTS, null);
    await MPI.Request.waitany(this.REQUESTS, this.STATUSES[0]);
  }

  testTestany() {
    MPI.Request.Testany(this.REQUESTS);
    MPI.Request.Testany(this.REQUESTS, null);
    MPI.Request.Testany(this.REQUESTS, this.STATUSES[0]);
    MPI.Request.testany(this.REQUESTS);
    MPI.Request.testany(this.REQUESTS, null);
    MPI.Request.testany(this.REQUESTS, this.STATUSES[0]);
  }

  async testGetStatusAny() {
    await this.catchNotImplementedError(4, 1, () => {
      const status = this.STATUS;
      let [index, flag] = MPI.Request.Get_status_any(this.REQUESTS);
      this.assertEqual(index, MPI.UNDEFINED);
      this.assertTrue(flag);
      [index, flag] = MPI.Request.Get_status_any(this.REQUESTS, null);
      this.assertEqual(index, MPI.UNDEFINED);
      this.assertTrue(flag);
      [index, flag] = MPI.Request.Get_status_any(this.REQUESTS, status);
      this.assertEqual(index, MPI.UNDEFINED);
      this.assertTrue(flag);
      this.assertEqual(status.source, MPI.ANY_SOURCE);
      this.assertEqual(status.tag, MPI.ANY_TAG);
      this.assertEqual(status.error, MPI.SUCCESS);
    });
    await this.catchNotImplementedError(4, 1, () => {
      const [index, flag] = MPI.Request.get_status_any(this.REQUESTS);
      this.assertEqual(index, MPI.UNDEFINED);
      this.assertTrue(flag);
    });
  }

  async testWaitall() {
    await MPI.Request.Waitall(this.REQUESTS);
    await MPI.Request.Waitall(this.REQUESTS, null);
    this.assertIs(await MPI.Request.Waitall(this.REQUESTS), true);
    // Python tuples (never grown) are copies here.
    for (const statuses of [[...this.STATUSES], [this.STATUSES[0]], []]) {
      await MPI.Request.Waitall(this.REQUESTS, statuses);
    }
    for (const statuses of [this.STATUSES, []]) {
      await MPI.Request.Waitall(this.REQUESTS, statuses);
      this.assertEqual(statuses.length, this.REQUESTS.length);
    }
    await MPI.Request.waitall(this.REQUESTS);
    await MPI.Request.waitall(this.REQUESTS, null);
    for (const statuses of [this.STATUSES, []]) {
      await MPI.Request.waitall(this.REQUESTS, statuses);
      this.assertEqual(statuses.length, this.REQUESTS.length);
    }
  }

  testTestall() {
    MPI.Request.Testall(this.REQUESTS);
    MPI.Request.Testall(this.REQUESTS, null);
    this.assertIs(MPI.Request.Testall(this.REQUESTS), true);
    for (const statuses of [this.STATUSES, []]) {
      MPI.Request.Testall(this.REQUESTS, statuses);
      this.assertEqual(statuses.length, this.REQUESTS.length);
    }
    MPI.Request.testall(this.REQUESTS);
    MPI.Request.testall(this.REQUESTS, null);
    for (const statuses of [this.STATUSES, []]) {
      MPI.Request.testall(this.REQUESTS, statuses);
      this.assertEqual(statuses.length, this.REQUESTS.length);
    }
  }

  async testGetStatusAll() {
    await this.catchNotImplementedError(4, 1, () => {
      const statuses = this.STATUSES;
      let flag = MPI.Request.Get_status_all(this.REQUESTS);
      this.assertTrue(flag);
      flag = MPI.Request.Get_status_all(this.REQUESTS, null);
      this.assertTrue(flag);
      flag = MPI.Request.Get_status_all(this.REQUESTS, statuses);
      this.assertTrue(flag);
      for (const status of statuses) {
        this.assertEqual(status.source, MPI.ANY_SOURCE);
        this.assertEqual(status.tag, MPI.ANY_TAG);
        this.assertEqual(status.error, MPI.SUCCESS);
      }
    });
    await this.catchNotImplementedError(4, 1, () => {
      const flag = MPI.Request.get_status_all(this.REQUESTS);
      this.assertTrue(flag);
    });
  }

  async testWaitsome() {
    let ret = await MPI.Request.Waitsome(this.REQUESTS);
    this.assertIsNone(ret);
    ret = await MPI.Request.Waitsome(this.REQUESTS, null);
    this.assertIsNone(ret);
    for (const statuses of [this.STATUSES, []]) {
      const slen = statuses.length;
      ret = await MPI.Request.Waitsome(this.REQUESTS, statuses);
      this.assertIsNone(ret);
      this.assertEqual(statuses.length, slen);
    }
  }

  testTestsome() {
    let ret = MPI.Request.Testsome(this.REQUESTS);
    this.assertIsNone(ret);
    ret = MPI.Request.Testsome(this.REQUESTS, null);
    this.assertIsNone(ret);
    for (const statuses of [this.STATUSES, []]) {
      const slen = statuses.length;
      ret = MPI.Request.Testsome(this.REQUESTS, statuses);
      this.assertIsNone(ret);
      this.assertEqual(statuses.length, slen);
    }
  }

  async testGetStatusSome() {
    await this.catchNotImplementedError(4, 1, () => {
      const statuses = this.STATUSES;
      let indices = MPI.Request.Get_status_some(this.REQUESTS);
      this.assertIsNone(indices);
      indices = MPI.Request.Get_status_some(this.REQUESTS, null);
      this.assertIsNone(indices);
      indices = MPI.Request.Get_status_some(this.REQUESTS, statuses);
      this.assertIsNone(indices);
    });
    await this.catchNotImplementedError(4, 1, () => {
      const indices = MPI.Request.get_status_some(this.REQUESTS);
      this.assertIsNone(indices);
    });
  }
}

await main([TestRequest, TestRequestArray]);
