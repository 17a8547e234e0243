/**
 * Answering is CPU work on the one event-loop thread that also acks Slack's requests. Answers
 * run here one at a time, each in its own turn of the event loop, so the HTTP server and the
 * Socket Mode client get to ack waiting requests between two answers instead of after a burst.
 */
export class TurnQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after the tasks queued before it, in a fresh turn of the event loop. */
  run<T>(task: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(task);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
