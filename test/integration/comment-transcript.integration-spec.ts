import type { Model } from 'mongoose';
import { CommentTranscript } from '../../src/modules/comments/comment-transcript';
import { CommentsRepository } from '../../src/modules/comments/comments.repository';
import { CommentDocument, CommentSchema } from '../../src/modules/comments/schemas/comment.schema';
import {
  TRANSCRIPT_BATCH,
  TRANSCRIPT_FLUSH_MS,
  TranscriptWriter,
} from '../../src/modules/comments/transcript-writer';
import { LiveClassHarness, type LiveClassInstance } from '../support/live-class-harness';
import { openTestModel } from '../support/test-database';

/**
 * The comment transcript from Redis to MongoDB, against the real servers: batches written
 * exactly once however many writers drain at once, pages in the order Redis accepted the
 * comments, and the CSV download streamed page by page.
 */
describe('comment transcript (real Redis and MongoDB-wire server)', () => {
  let model: Model<CommentDocument>;
  let drop: () => Promise<void>;
  let harness: LiveClassHarness;
  let presence: LiveClassInstance;
  let repository: CommentsRepository;

  beforeAll(async () => {
    ({ model, drop } = await openTestModel(CommentDocument.name, CommentSchema));
    repository = new CommentsRepository(model);
    harness = await LiveClassHarness.connect(
      { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', clusterNodes: null },
      3,
    );
    presence = harness.presence;
  });

  afterAll(async () => {
    await harness?.close();
    await drop?.();
  });

  const writerOn = (i: number) => new TranscriptWriter(harness.instance(i).transcript, repository);

  /** A live class with a student, and `n` comments posted in it (alternating authors). */
  async function classWithComments(n: number, text = (i: number) => `comment ${i}`) {
    const { classId, teacherId } = await harness.liveClass(5);
    const student = harness.id();
    await presence.join(student, classId, 's');
    const base = Date.now();
    for (let i = 0; i < n; i += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, n - i) }, (_, j) =>
          harness.instance(j).comments.push({
            id: `${classId}-${i + j}`,
            classId,
            author: { id: (i + j) % 2 ? teacherId : student, name: (i + j) % 2 ? 'Tess' : 'Sam' },
            text: text(i + j),
            sentAt: new Date(base + i + j).toISOString(),
          }),
        ),
      );
    }
    return { classId, teacherId, student };
  }

  it('writes every queued comment in batches, then empties the outbox; pages follow the transcript order', async () => {
    const { classId } = await classWithComments(450);
    expect(await writerOn(0).drain(classId)).toBe(450);
    expect(await presence.transcript.backlog(classId)).toEqual({ length: 0, oldestSentAt: null });
    expect(await model.countDocuments({ classId })).toBe(450);

    const transcript = new CommentTranscript(repository, writerOn(1));
    expect(await transcript.count(classId)).toBe(450);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await transcript.page(classId, cursor, 100);
      expect(page.items.length).toBeLessThanOrEqual(100);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const queuedOrder = (await model.find({ classId }).sort({ seq: 1 }).lean()).map((d) => d._id);
    expect(seen).toEqual(queuedOrder);
    expect(new Set(seen).size).toBe(450);
    const first = (await transcript.page(classId, undefined, 1)).items[0];
    expect(first).toEqual({
      id: expect.any(String),
      classId,
      author: { id: expect.any(String), name: expect.any(String), role: expect.any(String) },
      text: expect.any(String),
      sentAt: expect.any(String),
    });
    await expect(transcript.page(classId, 'bm90LWEtY3Vyc29y', 10)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('three writers draining the same outbox at once store each comment once', async () => {
    const { classId } = await classWithComments(500);
    const written = await Promise.all(
      [writerOn(0), writerOn(1), writerOn(2)].map((w) => w.drain(classId)),
    );
    expect(written.reduce((sum, n) => sum + n, 0)).toBe(500);
    expect(await model.countDocuments({ classId })).toBe(500);
    expect(await presence.transcript.backlog(classId)).toEqual({ length: 0, oldestSentAt: null });
  });

  it('streams the whole transcript as CSV, page after page, with quoting and formulas neutralised', async () => {
    const { classId } = await classWithComments(1_050, (i) =>
      i === 3 ? '=HYPERLINK("x")' : i === 4 ? 'a, "quoted" text' : `comment ${i}`,
    );
    const transcript = new CommentTranscript(repository, writerOn(0));
    let csv = '';
    for await (const chunk of await transcript.csv(classId)) csv += String(chunk);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('id,sentAt,authorId,authorName,authorRole,text');
    expect(lines).toHaveLength(1_052); // header, 1050 rows, and the empty string after the last CRLF
    expect(lines[1_051]).toBe('');
    expect(lines.filter((l) => l.startsWith('id,'))).toHaveLength(1);
    expect(csv).toContain(`,"'=HYPERLINK(""x"")"\r\n`);
    expect(csv).toContain(`,"a, ""quoted"" text"\r\n`);
    expect(lines[1]).toMatch(/^[^,]+,[^,]+,[0-9a-f]{24},Sam,STUDENT,comment 0$/);
  });
  it('while live, writes nothing per comment: a batch is due when full or when its oldest comment has waited', async () => {
    const writer = writerOn(0);
    const quiet = await harness.liveClass(5);
    expect(await writer.liveFlush(quiet.classId, Date.now())).toEqual({
      drainNow: false,
      nextLookAt: null,
    });
    const { classId } = await classWithComments(3);
    const oldest = (await presence.transcript.backlog(classId)).oldestSentAt!;
    expect(await writer.liveFlush(classId, oldest + 1)).toEqual({
      drainNow: false,
      nextLookAt: oldest + TRANSCRIPT_FLUSH_MS,
    });
    expect(await writer.liveFlush(classId, oldest + TRANSCRIPT_FLUSH_MS)).toEqual({
      drainNow: true,
      nextLookAt: null,
    });
    const busy = await classWithComments(TRANSCRIPT_BATCH);
    const busyOldest = (await presence.transcript.backlog(busy.classId)).oldestSentAt!;
    expect((await writer.liveFlush(busy.classId, busyOldest)).drainNow).toBe(true);
  });
});
