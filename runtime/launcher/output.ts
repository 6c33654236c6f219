/**
 * Streams a rank's stdout or stderr through as it is written, a whole line at a time so lines of
 * different ranks never interleave mid-line, optionally prefixed with the rank's name.
 */
export type Sink = (text: string) => void;

export class LineStream {
  private partial = '';

  /** `keep` drops the lines it returns false for (the Node inspector's chatter, say). */
  constructor(private readonly sink: Sink, public prefix: string, private readonly keep?: (line: string) => boolean) {}

  push(chunk: Buffer | string): void {
    const text = this.partial + chunk.toString();
    const cut = text.lastIndexOf('\n');
    if (cut < 0) {
      this.partial = text;
      return;
    }
    this.partial = text.slice(cut + 1);
    if (!this.prefix && !this.keep) {
      this.sink(text.slice(0, cut + 1));
      return;
    }
    const lines = text.slice(0, cut).split('\n').filter((line) => !this.keep || this.keep(line));
    if (lines.length > 0) this.sink(lines.map((line) => `${this.prefix}${line}\n`).join(''));
  }

  /** Writes what is left without a newline (at exit). */
  end(): void {
    if (this.partial) this.sink(this.prefix + this.partial + '\n');
    this.partial = '';
  }
}
