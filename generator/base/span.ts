// Where a piece of spec text is: every stage's nodes and diagnostics carry one.

export interface Span {
  readonly file: string; // path relative to the project root, forward slashes
  readonly line: number; // 1-based
  readonly column: number; // 1-based
}
