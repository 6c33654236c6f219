// Pi by numerical integration (midpoint rule), shared by the serial and parallel samples.

export function Pi(numSteps: number): number {
  const step = 1.0 / numSteps;
  let sum = 0;
  let pi = 0;
  for (let i = 0; i < numSteps; i++) {
    const x = (i + 0.5) * step;
    sum = sum + 4.0 / (1.0 + x * x);
    pi = step * sum;
  }
  return pi;
}

/** The chapter's step counts: 1000…8000, or with `--large` 1,000,000…8,000,000. */
export function stepCounts(argv: string[]): number[] {
  const unit = argv.includes('--large') ? 1_000_000 : 1000;
  return Array.from({ length: 8 }, (_, i) => (i + 1) * unit);
}
