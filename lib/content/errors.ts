/** A problem in one card file; the message always names the file. */
export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = "ContentError";
  }
}

/** Every problem found in a deck, reported together so an author fixes them in one pass. */
export class DeckError extends Error {
  constructor(
    readonly problems: ContentError[],
    subject = "The deck",
  ) {
    super(`${subject} has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p.message}`).join("\n")}`);
    this.name = "DeckError";
  }
}
