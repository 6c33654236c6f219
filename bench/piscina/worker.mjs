// piscina's task function: the same trivial work as the Pool benchmark.
export default function trivial(x) {
  return x + 1;
}
