/**
 * One queue per room: a room's events are handled in order, one after another, and rooms never
 * wait for each other (nor does the sync loop wait for any of them).
 */
import type { Logger } from 'pino';
import type { RawEvent } from './events.ts';

export class RoomQueues {
  readonly tails = new Map<string, Promise<void>>();
  /** Events waiting or being handled, across rooms. */
  events = 0;
  private readonly log: Logger;
  private readonly handle: (roomId: string, event: RawEvent) => Promise<void>;

  constructor(log: Logger, handle: (roomId: string, event: RawEvent) => Promise<void>) {
    this.log = log;
    this.handle = handle;
  }

  /** Resolves once these events are handled. */
  enqueue(roomId: string, events: RawEvent[]): Promise<void> {
    this.events += events.length;
    const run = async () => {
      for (const event of events) {
        try {
          await this.handle(roomId, event);
        } finally {
          this.events--;
        }
      }
    };
    const settled = (this.tails.get(roomId) ?? Promise.resolve()).then(run).catch((err: unknown) => this.log.error({ err, room: roomId }, 'a room queue failed'));
    this.tails.set(roomId, settled);
    void settled.finally(() => {
      if (this.tails.get(roomId) === settled) this.tails.delete(roomId);
    });
    return settled;
  }
}
