// Port of mpi4py test/test_grequest.py (conventions: README.md).
import { MPI } from 'rankscope/mpi';
import { main, TestCase } from './unittest.js';

class GReqCtx {
  //
  source = 3;
  tag = 7;
  completed = false;

  cancel_called = false;
  free_called = false;

  query = (status: InstanceType<typeof MPI.Status>) => {
    status.Set_source(this.source);
    status.Set_tag(this.tag);
  };

  free = () => {
    this.free_called = true;
  };

  cancel = (completed: boolean) => {
    this.cancel_called = true;
    if (completed !== this.completed) throw new MPI.Exception(MPI.ERR_PENDING);
  };
}

/** mpitestutil's `capture_stderr()`: what `fn` writes to standard error. */
async function captureStderr(fn: () => unknown): Promise<{ output: string; error: unknown }> {
  let output = '';
  const write = process.stderr.write;
  const log = console.error;
  process.stderr.write = ((chunk: string | Uint8Array) => ((output += String(chunk)), true)) as typeof process.stderr.write;
  console.error = (...xs: unknown[]) => void (output += `${xs.join(' ')}\n`);
  try {
    await fn();
    return { output, error: undefined };
  } catch (error) {
    return { output, error };
  } finally {
    process.stderr.write = write;
    console.error = log;
  }
}

class TestGrequest extends TestCase {
  //
  // checkHandle: skipped (README.md): fromint/toint, f2py/py2f are C and Fortran handles.

  async testConstructor() {
    const ctx = new GReqCtx();
    const greq = MPI.Grequest.Start(ctx.query, ctx.free, ctx.cancel);
    let dupe: InstanceType<typeof MPI.Request> = new MPI.Grequest(greq);
    this.assertIs(dupe.constructor, MPI.Grequest);
    this.assertEqual(dupe, greq);
    // fromhandle/tohandle: skipped part (README.md), C handles.
    dupe = new MPI.Request(greq);
    this.assertIs(dupe.constructor, MPI.Request);
    this.assertEqual(dupe, greq);
    await this.assertRaises(TypeError, () => new MPI.Prequest(greq as never));
    greq.Cancel();
    greq.Complete();
    await greq.Wait();
  }

  async testExceptionHandling() {
    const ctx = new GReqCtx();

    const raise_mpi = () => {
      throw new MPI.Exception(MPI.ERR_BUFFER);
    };

    const raise_rte = () => {
      throw new RangeError('42');
    };

    const check_exc = (exception: unknown, is_mpi: boolean, output: string) => {
      const header = 'Traceback (most recent call last):\n';
      let chkcode: number;
      let excname: string;
      if (is_mpi) {
        chkcode = MPI.ERR_BUFFER;
        excname = MPI.Exception.name;
      } else {
        chkcode = MPI.ERR_OTHER;
        excname = RangeError.name;
      }
      this.assertTrue(exception instanceof MPI.Exception, `expected MPI.Exception, got ${String(exception)}`);
      const ierr = (exception as InstanceType<typeof MPI.Exception>).Get_error_class();
      this.assertEqual(ierr, chkcode);
      this.assertTrue(output.startsWith(header));
      this.assertIn(excname, output);
    };

    for (const [raise_fn, is_mpi] of [[raise_mpi, true], [raise_rte, false]] as const) {
      let greq = MPI.Grequest.Start(raise_fn, ctx.free, ctx.cancel);
      greq.Complete();
      let got = await captureStderr(() => greq.Wait());
      this.assertTrue(got.error instanceof MPI.Exception);
      if (greq.__bool__()) greq.Free();
      check_exc(got.error, is_mpi, got.output);
      //
      greq = MPI.Grequest.Start(ctx.query, raise_fn, ctx.cancel);
      greq.Complete();
      got = await captureStderr(() => greq.Wait());
      this.assertTrue(got.error instanceof MPI.Exception);
      if (greq.__bool__()) greq.Free();
      check_exc(got.error, is_mpi, got.output);
      //
      greq = MPI.Grequest.Start(ctx.query, ctx.free, raise_fn);
      got = await captureStderr(() => greq.Cancel());
      this.assertTrue(got.error instanceof MPI.Exception);
      greq.Complete();
      await greq.Wait();
      if (greq.__bool__()) greq.Free();
      check_exc(got.error, is_mpi, got.output);
    }
  }

  async testAll() {
    const ctx = new GReqCtx();
    const greq = MPI.Grequest.Start(ctx.query, ctx.free, ctx.cancel);
    this.assertFalse(greq.Test());
    this.assertFalse(ctx.free_called);
    greq.Cancel();
    this.assertTrue(ctx.cancel_called);
    ctx.cancel_called = false;
    greq.Complete();
    ctx.completed = true;
    greq.Cancel();
    this.assertTrue(ctx.cancel_called);
    const status = new MPI.Status();
    this.assertTrue(greq.Test(status));
    this.assertEqual(status.Get_source(), ctx.source);
    this.assertEqual(status.Get_tag(), ctx.tag);
    this.assertEqual(status.Get_error(), MPI.SUCCESS);
    await greq.Wait();
    this.assertTrue(ctx.free_called);
  }

  async testAll1() {
    const ctx = new GReqCtx();
    const greq = MPI.Grequest.Start(ctx.query, null, null);
    this.assertFalse(greq.Test());
    greq.Cancel();
    greq.Complete();
    const status = new MPI.Status();
    this.assertTrue(greq.Test(status));
    this.assertEqual(status.Get_source(), ctx.source);
    this.assertEqual(status.Get_tag(), ctx.tag);
    this.assertEqual(status.Get_error(), MPI.SUCCESS);
    this.assertFalse(status.Is_cancelled());
    await greq.Wait();
  }

  async testAll2() {
    const greq = MPI.Grequest.Start(null, null, null);
    this.assertFalse(greq.Test());
    greq.Cancel();
    greq.Complete();
    const status = new MPI.Status();
    this.assertTrue(greq.Test(status));
    this.assertEqual(status.Get_source(), MPI.ANY_SOURCE);
    this.assertEqual(status.Get_tag(), MPI.ANY_TAG);
    this.assertEqual(status.Get_error(), MPI.SUCCESS);
    this.assertFalse(status.Is_cancelled());
    await greq.Wait();
  }

  async testPyCompleteTest() {
    const greq = MPI.Grequest.Start();
    this.assertFalse(greq.Test());
    greq.cancel();
    greq.complete(42);
    const status = new MPI.Status();
    const [flag, result] = greq.test(status);
    this.assertTrue(flag);
    this.assertEqual(result, 42);
    this.assertEqual(status.Get_source(), MPI.ANY_SOURCE);
    this.assertEqual(status.Get_tag(), MPI.ANY_TAG);
    this.assertEqual(status.Get_error(), MPI.SUCCESS);
    this.assertFalse(status.Is_cancelled());
    const obj = await greq.wait();
    this.assertIsNone(obj);
  }

  async testPyCompleteWait() {
    const greq = MPI.Grequest.Start();
    this.assertFalse(greq.Test());
    greq.cancel();
    greq.complete(42);
    const status = new MPI.Status();
    const result = await greq.wait(status);
    this.assertEqual(result, 42);
    this.assertEqual(status.Get_source(), MPI.ANY_SOURCE);
    this.assertEqual(status.Get_tag(), MPI.ANY_TAG);
    this.assertEqual(status.Get_error(), MPI.SUCCESS);
    this.assertFalse(status.Is_cancelled());
    const [flag, obj] = greq.test();
    this.assertTrue(flag);
    this.assertIsNone(obj);
  }
}

await main([TestGrequest]);
