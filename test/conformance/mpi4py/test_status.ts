// Port of mpi4py test/test_status.py (conventions: README.md).
import { MPI } from 'rankscope/mpi';
import { main, TestCase } from './unittest.js';

class TestStatus extends TestCase {
  STATUS!: InstanceType<typeof MPI.Status>;

  override setUp() {
    this.STATUS = new MPI.Status();
  }

  override tearDown() {
    this.STATUS = undefined!;
  }

  testDefaultFieldValues() {
    this.assertEqual(this.STATUS.Get_source(), MPI.ANY_SOURCE);
    this.assertEqual(this.STATUS.Get_tag(), MPI.ANY_TAG);
    this.assertEqual(this.STATUS.Get_error(), MPI.SUCCESS);
  }

  testGetCount() {
    const count = this.STATUS.Get_count(MPI.BYTE);
    this.assertEqual(count, 0);
  }

  testGetElements() {
    const elements = this.STATUS.Get_elements(MPI.BYTE);
    this.assertEqual(elements, 0);
  }

  async testSetElements() {
    await this.catchNotImplementedError(2, 0, () => {
      this.STATUS.Set_elements(MPI.BYTE, 7);
      const count = this.STATUS.Get_count(MPI.BYTE);
      this.assertEqual(count, 7);
      const elements = this.STATUS.Get_elements(MPI.BYTE);
      this.assertEqual(elements, 7);
    });
  }

  testIsCancelled() {
    const flag = this.STATUS.Is_cancelled();
    this.assertIs(typeof flag, 'boolean');
    this.assertFalse(flag);
  }

  async testSetCancelled() {
    await this.catchNotImplementedError(2, 0, () => {
      this.STATUS.Set_cancelled(true);
      const flag = this.STATUS.Is_cancelled();
      this.assertTrue(flag);
    });
  }

  async testPyProps() {
    this.assertEqual(this.STATUS.Get_source(), this.STATUS.source);
    this.assertEqual(this.STATUS.Get_tag(), this.STATUS.tag);
    this.assertEqual(this.STATUS.Get_error(), this.STATUS.error);
    this.STATUS.source = 1;
    this.STATUS.tag = 2;
    this.STATUS.error = MPI.ERR_ARG;
    this.assertEqual(this.STATUS.source, 1);
    this.assertEqual(this.STATUS.tag, 2);
    this.assertEqual(this.STATUS.error, MPI.ERR_ARG);
    await this.catchNotImplementedError(2, 0, () => {
      this.assertIsInstance(this.STATUS.count, 'int');
      this.assertEqual(this.STATUS.count, 0);
      this.STATUS.count = 7;
      this.assertEqual(this.STATUS.count, 7);
      this.STATUS.count = 0;
    });
    await this.catchNotImplementedError(2, 0, () => {
      this.assertIsInstance(this.STATUS.cancelled, 'bool');
      this.assertFalse(this.STATUS.cancelled);
      this.STATUS.cancelled = true;
      this.assertTrue(this.STATUS.cancelled);
      this.STATUS.cancelled = false;
    });
  }

  async testConstructor() {
    await this.assertRaises(TypeError, () => new MPI.Status(123 as any));
    await this.assertRaises(TypeError, () => new MPI.Status('abc' as any));
  }

  async testCopyConstructor() {
    this.STATUS.source = 1;
    this.STATUS.tag = 2;
    this.STATUS.error = MPI.ERR_ARG;
    let status = new MPI.Status(this.STATUS);
    this.assertEqual(status.source, 1);
    this.assertEqual(status.tag, 2);
    this.assertEqual(status.error, MPI.ERR_ARG);
    await this.catchNotImplementedError(2, 0, () => this.STATUS.Set_elements(MPI.BYTE, 7));
    await this.catchNotImplementedError(2, 0, () => this.STATUS.Set_cancelled(true));
    status = new MPI.Status(this.STATUS);
    await this.catchNotImplementedError(2, 0, () => {
      const count = status.Get_count(MPI.BYTE);
      const elems = status.Get_elements(MPI.BYTE);
      this.assertEqual(count, 7);
      this.assertEqual(elems, 7);
    });
    await this.catchNotImplementedError(2, 0, () => {
      const flag = status.Is_cancelled();
      this.assertTrue(flag);
    });
  }

  testPickle() {
    // Skipped (README.md): Python's pickle of an MPI object.
  }

  testToMemory() {
    const status = this.STATUS;
    status.source = 11;
    status.tag = 22;
    status.error = 33;
    const mem = status.tomemory();
    const seq = Array.from(mem);
    mem[seq.indexOf(11)] = 111;
    mem[seq.indexOf(22)] = 222;
    mem[seq.indexOf(33)] = 333;
    this.assertEqual(status.source, 111);
    this.assertEqual(status.tag, 222);
    this.assertEqual(status.error, 333);
  }
}

await main([TestStatus], {
  'TestStatus.testPickle': 'pickle: Python object serialisation of an MPI.Status; structured clone (what lower-case calls use) keeps no class',
});
