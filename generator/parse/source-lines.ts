// Where things are in a Markdown text, for the block recovery (recover-blocks.ts): the text's
// line starts (offsets to points and back), and a tree node's start and end offsets.
import type { Nodes } from "mdast";
import type { Point, Position } from "unist";
import { lineIndexAt, lineStarts } from "./text.js";

/** Line starts of a text: offsets to points and back. */
export class Lines {
  private readonly starts: number[];
  constructor(readonly text: string) {
    this.starts = lineStarts(text);
  }
  get count(): number {
    return this.starts.length;
  }
  /** 0-based index of the line holding `offset`. */
  index(offset: number): number {
    return lineIndexAt(this.starts, offset);
  }
  start(i: number): number {
    return this.starts[i] ?? this.text.length;
  }
  /** Where line i's text ends (before "\r\n" or "\n"). */
  end(i: number): number {
    let e = i + 1 < this.starts.length ? this.starts[i + 1]! - 1 : this.text.length;
    if (e > this.start(i) && this.text.charCodeAt(e - 1) === 13) e--;
    return e;
  }
  line(i: number): string {
    return this.text.slice(this.start(i), this.end(i));
  }
  blank(i: number): boolean {
    return !/\S/.test(this.line(i));
  }
  point(offset: number): Point {
    const i = this.index(offset);
    return { line: i + 1, column: offset - this.starts[i]! + 1, offset };
  }
  position(start: number, end: number): Position {
    return { start: this.point(start), end: this.point(end) };
  }
}

export const startOf = (n: Nodes): number => n.position?.start.offset ?? 0;
export const endOf = (n: Nodes): number => n.position?.end.offset ?? startOf(n);
