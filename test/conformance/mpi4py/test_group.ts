// Port of mpi4py test/test_group.py (conventions: README.md).
import { MPI } from 'rankscope/mpi';
import { main, pyEqual, TestCase } from './unittest.js';

type Group = InstanceType<typeof MPI.Group>;

class BaseTestGroup extends TestCase {
  //
  GROUP: Group = MPI.GROUP_NULL;

  testProperties() {
    const group = this.GROUP;
    this.assertEqual(group.Get_size(), group.size);
    this.assertEqual(group.Get_rank(), group.rank);
  }

  testCompare() {
    const results = [MPI.IDENT, MPI.SIMILAR, MPI.UNEQUAL];
    const group = MPI.COMM_WORLD.Get_group();
    let gcmp = MPI.Group.Compare(this.GROUP, group);
    group.Free();
    this.assertIn(gcmp, results);
    gcmp = MPI.Group.Compare(this.GROUP, this.GROUP);
    this.assertEqual(gcmp, MPI.IDENT);
    gcmp = this.GROUP.Compare(this.GROUP);
    this.assertEqual(gcmp, MPI.IDENT);
  }

  testDup() {
    const group = this.GROUP.Dup();
    this.assertEqual(MPI.Group.Compare(group, this.GROUP), MPI.IDENT);
    group.Free();
  }

  testUnion() {
    let group = MPI.Group.Union(MPI.GROUP_EMPTY, this.GROUP);
    this.assertEqual(MPI.Group.Compare(group, this.GROUP), MPI.IDENT);
    group.Free();
    group = MPI.Group.Union(this.GROUP, MPI.GROUP_EMPTY);
    this.assertEqual(MPI.Group.Compare(group, this.GROUP), MPI.IDENT);
    group.Free();
    group = MPI.Group.Union(this.GROUP, this.GROUP);
    this.assertEqual(MPI.Group.Compare(group, this.GROUP), MPI.IDENT);
    group.Free();
  }

  testDifference() {
    let group = MPI.Group.Difference(MPI.GROUP_EMPTY, this.GROUP);
    this.assertEqual(MPI.Group.Compare(group, MPI.GROUP_EMPTY), MPI.IDENT);
    group.Free();
    group = MPI.Group.Difference(this.GROUP, MPI.GROUP_EMPTY);
    this.assertEqual(MPI.Group.Compare(group, this.GROUP), MPI.IDENT);
    group.Free();
    group = MPI.Group.Difference(this.GROUP, this.GROUP);
    this.assertEqual(MPI.Group.Compare(group, MPI.GROUP_EMPTY), MPI.IDENT);
    group.Free();
  }

  testIntersection() {
    let group = MPI.Group.Intersection(MPI.GROUP_EMPTY, this.GROUP);
    this.assertEqual(MPI.Group.Compare(group, MPI.GROUP_EMPTY), MPI.IDENT);
    group.Free();
    group = MPI.Group.Intersection(this.GROUP, MPI.GROUP_EMPTY);
    this.assertEqual(MPI.Group.Compare(group, MPI.GROUP_EMPTY), MPI.IDENT);
    group.Free();
    group = MPI.Group.Intersection(this.GROUP, this.GROUP);
    this.assertEqual(MPI.Group.Compare(group, this.GROUP), MPI.IDENT);
    group.Free();
  }

  testIncl() {
    const group = this.GROUP.Incl([]);
    this.assertEqual(MPI.Group.Compare(group, MPI.GROUP_EMPTY), MPI.IDENT);
    group.Free();
  }

  testExcl() {
    const group = this.GROUP.Excl([]);
    this.assertEqual(MPI.Group.Compare(group, this.GROUP), MPI.IDENT);
    group.Free();
  }

  testRangeIncl() {
    if (pyEqual(this.GROUP, MPI.GROUP_EMPTY)) return;
    let group = this.GROUP.Range_incl([]);
    this.assertEqual(MPI.Group.Compare(group, MPI.GROUP_EMPTY), MPI.IDENT);
    group.Free();
    const ranges = [
      [0, this.GROUP.Get_size() - 1, 1],
    ];
    group = this.GROUP.Range_incl(ranges);
    this.assertEqual(MPI.Group.Compare(group, this.GROUP), MPI.IDENT);
    group.Free();
  }

  testRangeExcl() {
    if (pyEqual(this.GROUP, MPI.GROUP_EMPTY)) return;
    let group = this.GROUP.Range_excl([]);
    this.assertEqual(MPI.Group.Compare(group, this.GROUP), MPI.IDENT);
    group.Free();
    const ranges = [
      [0, this.GROUP.Get_size() - 1, 1],
    ];
    group = this.GROUP.Range_excl(ranges);
    this.assertEqual(MPI.Group.Compare(group, MPI.GROUP_EMPTY), MPI.IDENT);
    group.Free();
  }

  testTranslRanks() {
    const group1 = this.GROUP;
    const group2 = this.GROUP;
    let ranks1 = [...range(group1.Get_size()), ...range(group1.Get_size()), ...range(group1.Get_size())];
    let ranks2 = MPI.Group.Translate_ranks(group1, ranks1, group2);
    this.assertEqual(ranks1, ranks2);
    const group = this.GROUP;
    ranks1 = range(group.Get_size());
    ranks2 = group.Translate_ranks({ group });
    this.assertEqual(ranks1, ranks2);
    ranks2 = group.Translate_ranks();
    this.assertEqual(ranks2.length, group.Get_size());
    this.assertNotIn(MPI.UNDEFINED, new Set(ranks2));
  }

  testTranslRanksWorld() {
    const group1 = this.GROUP;
    const ranks1 = [...range(group1.Get_size()), ...range(group1.Get_size()), ...range(group1.Get_size())];
    const ranks2 = MPI.Group.Translate_ranks(group1, ranks1);
    this.assertEqual(ranks1.length, ranks2.length);
    if (!pyEqual(this.GROUP, MPI.GROUP_EMPTY)) {
      const wsize = MPI.COMM_WORLD.Get_size();
      this.assertGreaterEqual(Math.min(...ranks2), 0);
      this.assertLess(Math.max(...ranks2), wsize);
    }
  }

  testTranslRanksProcNull() {
    if (pyEqual(this.GROUP, MPI.GROUP_EMPTY)) return;
    const group1 = this.GROUP;
    const group2 = this.GROUP;
    const ranks1 = Array<number>(10).fill(MPI.PROC_NULL);
    const ranks2 = MPI.Group.Translate_ranks(group1, ranks1, group2);
    this.assertEqual(ranks1, ranks2);
  }

  testTranslRanksGroupEmpty() {
    if (pyEqual(this.GROUP, MPI.GROUP_EMPTY)) return;
    const group1 = this.GROUP;
    const group2 = MPI.GROUP_EMPTY;
    const ranks1 = [...range(group1.Get_size()), ...range(group1.Get_size())];
    const ranks2 = MPI.Group.Translate_ranks(group1, ranks1, group2);
    for (const rank of ranks2) {
      this.assertEqual(rank, MPI.UNDEFINED);
    }
  }

  testPickle() {
    // Skipped (README.md): Python's pickle of an MPI handle.
  }
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

class TestGroupNull extends TestCase {
  //
  testConstructor() {
    const group = new MPI.Group();
    this.assertIsNot(group, MPI.GROUP_NULL);
    this.assertEqual(group, MPI.GROUP_NULL);
  }

  testNull() {
    const GROUP_NULL = MPI.GROUP_NULL;
    const group_null = new MPI.Group();
    this.assertFalse(GROUP_NULL);
    this.assertFalse(group_null);
    this.assertEqual(group_null, GROUP_NULL);
  }

  testPickle() {
    // Skipped (README.md): Python's pickle of an MPI handle.
  }
}

class TestGroupEmpty extends BaseTestGroup {
  //
  setUp() {
    this.GROUP = MPI.GROUP_EMPTY;
  }

  testEmpty() {
    this.assertTrue(this.GROUP);
  }

  testSize() {
    const size = this.GROUP.Get_size();
    this.assertEqual(size, 0);
  }

  testRank() {
    const rank = this.GROUP.Get_rank();
    this.assertEqual(rank, MPI.UNDEFINED);
  }

  testTranslRanks() {
    super.testTranslRanks();
  }

  testPickle() {
    // Skipped (README.md): Python's pickle of an MPI handle.
  }
}

class TestGroupSelf extends BaseTestGroup {
  //
  setUp() {
    this.GROUP = MPI.COMM_SELF.Get_group();
  }

  tearDown() {
    this.GROUP.Free();
  }

  testSize() {
    const size = this.GROUP.Get_size();
    this.assertEqual(size, 1);
  }

  testRank() {
    const rank = this.GROUP.Get_rank();
    this.assertEqual(rank, 0);
  }
}

class TestGroupWorld extends BaseTestGroup {
  //
  setUp() {
    this.GROUP = MPI.COMM_WORLD.Get_group();
  }

  tearDown() {
    this.GROUP.Free();
  }

  testSize() {
    const size = this.GROUP.Get_size();
    this.assertGreaterEqual(size, 1);
  }

  testRank() {
    const size = this.GROUP.Get_size();
    const rank = this.GROUP.Get_rank();
    this.assertTrue(rank >= 0 && rank < size);
  }
}

await main([TestGroupNull, TestGroupEmpty, TestGroupSelf, TestGroupWorld], {
  '*.testPickle': "pickle: Python's serialisation of MPI.Group handles (GROUP_NULL, GROUP_EMPTY, and a ValueError for others)",
});
