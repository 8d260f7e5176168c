package org.embedwatch.read;

/**
 * Ends the reading of one input inside this package; {@link InputExpander} turns it into an {@link InputItem.Problem}
 * for that input and goes on with the next. Never leaves the package.
 */
final class UnreadableInputException extends RuntimeException {
  private final InputItem.ProblemKind kind;
  private final String reason;
  private final String remedy;

  UnreadableInputException(InputItem.ProblemKind kind, String reason, String remedy) {
    super(reason + " (" + remedy + ")");
    this.kind = kind;
    this.reason = reason;
    this.remedy = remedy;
  }

  UnreadableInputException(String reason, String remedy, Throwable cause) {
    super(reason + " (" + remedy + ")", cause);
    this.kind = InputItem.ProblemKind.UNREADABLE;
    this.reason = reason;
    this.remedy = remedy;
  }

  static UnreadableInputException unreadable(String reason, String remedy) {
    return new UnreadableInputException(InputItem.ProblemKind.UNREADABLE, reason, remedy);
  }

  static UnreadableInputException unsupported(String reason, String remedy) {
    return new UnreadableInputException(InputItem.ProblemKind.UNSUPPORTED, reason, remedy);
  }

  InputItem.Problem problem(String input) {
    return new InputItem.Problem(input, kind, reason, remedy);
  }
}
