import { Injectable } from '@nestjs/common';
import type { ParticipantsPage, ParticipantView } from '@llms/contract';
import { LiveClasses, type RosterEntry } from '../presence';
import { decodeRosterCursor, encodeRosterCursor, type RosterCursor } from './roster-cursor';

/** HSCAN steps one page may take; a page cut short by this still has a nextCursor. */
const MAX_STEPS = 8;
/** Smallest HSCAN COUNT hint, so tiny pages do not crawl bucket by bucket. */
const MIN_SCAN_COUNT = 10;

const byJoinTime = (a: RosterEntry, b: RosterEntry) =>
  a.joinedAt - b.joinedAt || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);

const toView = (entry: RosterEntry): ParticipantView => ({
  userId: entry.userId,
  name: entry.name,
  joinedAt: new Date(entry.joinedAt).toISOString(),
});

/**
 * Pages of who is in a live class now, for its teacher. Each page walks the class's open stays
 * with HSCAN (LiveClasses.rosterBatch) from the cursor, so a page costs about its own size
 * whatever the size of the class. A batch is sorted by join time; when a page ends inside a
 * batch, the cursor keeps that batch's scan position and the last participant listed.
 *
 * The guarantee is HSCAN's: everyone present from the first page to the last is listed, at
 * least once (a resize of the hash between two pages may repeat some); people who join or
 * leave meanwhile may or may not be. A page may hold fewer than `limit` entries even when more
 * follow: keep going while `nextCursor` is not null. `count` is the live count (SCARD).
 */
@Injectable()
export class ClassRoster {
  constructor(private readonly live: LiveClasses) {}

  async page(
    classId: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<ParticipantsPage> {
    let { scan, after } = decodeRosterCursor(cursor);
    const items: ParticipantView[] = [];
    const seen = new Set<string>();
    let count = 0;
    for (let step = 0; step < MAX_STEPS; step++) {
      const batch = await this.live.rosterBatch(
        classId,
        scan,
        Math.max(limit - items.length, MIN_SCAN_COUNT),
      );
      count = batch.count;
      const fresh = batch.entries
        .filter((entry) => !seen.has(entry.userId))
        .sort(byJoinTime)
        .filter((entry) => !after || byJoinTime(entry, { ...after, name: '' }) > 0);
      const room = limit - items.length;
      if (fresh.length > room) {
        const taken = fresh.slice(0, room);
        items.push(...taken.map(toView));
        const last = taken[taken.length - 1];
        return this.answer(items, count, { scan, after: last ?? after });
      }
      for (const entry of fresh) seen.add(entry.userId);
      items.push(...fresh.map(toView));
      after = null;
      if (batch.next === '0') return this.answer(items, count, null);
      scan = batch.next;
      if (items.length === limit) break;
    }
    return this.answer(items, count, { scan, after: null });
  }

  private answer(
    items: ParticipantView[],
    count: number,
    next: RosterCursor | null,
  ): ParticipantsPage {
    return { items, count, nextCursor: next ? encodeRosterCursor(next) : null };
  }
}
