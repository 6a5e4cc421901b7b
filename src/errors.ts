/**
 * Base of every error hookops expects to happen (bad input, API failure, refused plan).
 * The CLI and the Action print `message` and exit with `exitCode`; anything else is a bug
 * and is shown with its stack.
 */
export class HookopsError extends Error {
  readonly exitCode: number = 1;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
