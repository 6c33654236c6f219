/**
 * The MPI contract suites (`test/fixtures/mpi-contract/`): self-checking programs that run under
 * any launcher — `rankscope run`, `mpiexec`, ranks spread over hosts — and print one pass line per
 * rank.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { ROOT } from './run-cli.js';

export const CONTRACT_SUITES = ['p2p', 'collectives'] as const;
export type ContractSuite = (typeof CONTRACT_SUITES)[number];

export function contractProgram(suite: ContractSuite): string {
  return path.join(ROOT, 'test', 'fixtures', 'mpi-contract', `${suite}.ts`);
}

/**
 * One pass line from every rank 0…size-1 (each having passed at least one check), and nothing but
 * pass lines of this suite and size; throws with the whole output otherwise.
 */
export function expectContractPassed(stdout: string, suite: ContractSuite, size: number): void {
  const lines = stdout.split('\n').filter((l) => l.startsWith('contract '));
  const ranks = lines.map((l) => new RegExp(`^contract ${suite}: [1-9]\\d* checks passed on rank (\\d+) of ${size}$`).exec(l)?.[1]).map(Number);
  assert.deepEqual(ranks.sort((a, b) => a - b), Array.from({ length: size }, (_, r) => r), `every rank passes the ${suite} suite:\n${stdout}`);
}
