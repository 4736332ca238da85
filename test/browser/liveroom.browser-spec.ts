/**
 * What a live class shows beyond the count, in a real browser, the teacher and each student in
 * a browser context of their own: the teacher's roster appears and follows joins and leaves;
 * the teacher's comments are marked; the end replaces the live room with one message for those
 * in it and for those who left earlier; the comment transcript survives the end (the teacher
 * and a student who attended read it and download it as CSV); the report's chart shows the
 * right peak, and its table says the same; the student's history shows time against the class's
 * length. axe-core on every new screen, no console errors, screenshots in .data/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import {
  Actor,
  ROOT,
  browserSuite,
  expectAccessible,
  signUpThroughUi,
  uniqueEmail,
  waitForComment,
  waitForCount,
} from './support/browser';

jest.setTimeout(240_000);

const SCREENSHOTS = join(ROOT, '.data', 'screenshots');

async function shot(actor: Actor, file: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await actor.page.screenshot({ path: join(SCREENSHOTS, file), fullPage: true });
}

async function sendComment(page: Page, text: string): Promise<void> {
  const box = page.getByLabel('Your comment');
  await box.fill(text);
  await box.press('Enter');
  await waitForComment(page, text);
}

/** The names the teacher's roster lists now. */
const roster = (page: Page): Locator => page.locator('.roster-list .roster-name');

async function waitForRoster(page: Page, names: string[]): Promise<void> {
  const expected = [...names].sort().join('|');
  for (let i = 0; i < 150; i++) {
    const shown = (await roster(page).allInnerTexts()).sort().join('|');
    if (shown === expected) return;
    await page.waitForTimeout(100);
  }
  expect((await roster(page).allInnerTexts()).sort()).toEqual([...names].sort());
}

/** Exactly one message (alert or notice) on the screen, and it says `text`. */
async function expectOneMessage(page: Page, text: string): Promise<void> {
  const messages = page.locator('main .alert');
  await messages.first().waitFor();
  expect(await messages.count()).toBe(1);
  expect(await messages.first().innerText()).toContain(text);
}

describe('live room in the browser: roster, marked comments, transcript, ended states, report chart', () => {
  const suite = browserSuite({ PARTICIPANT_COUNT_INTERVAL_MS: '100' });

  async function student(name: string, joinUrl: string): Promise<Actor> {
    const actor = await suite.open(name);
    const joinPath = new URL(joinUrl).pathname;
    await actor.page.goto(joinUrl);
    await actor.page.waitForURL(`**/signin?next=${encodeURIComponent(joinPath)}`);
    await signUpThroughUi(actor.page, { name, email: uniqueEmail(name), student: true });
    await actor.page.waitForURL(`**${joinPath}`);
    await actor.page.getByRole('button', { name: 'Join class' }).waitFor();
    return actor;
  }

  const join = (actor: Actor) => actor.page.getByRole('button', { name: 'Join class' }).click();
  const leave = async (actor: Actor) => {
    await actor.page.getByRole('button', { name: 'Leave class' }).click();
    await actor.page.getByText('You left the class.').waitFor();
  };

  it('teacher and four students, from the first join to the report', async () => {
    const title = 'Chemistry 201';
    const teacher = await suite.open('teacher');
    const t = teacher.page;
    await t.goto('/signup');
    await signUpThroughUi(t, {
      name: 'Tara Teacher',
      email: uniqueEmail('tara'),
      teacher: true,
      student: false,
    });
    await t.getByRole('heading', { name: 'Hello, Tara Teacher' }).waitFor();
    await t.goto('/classes');
    await t.getByLabel('Title').fill(title);
    await t.getByLabel('Capacity (seats)').fill('10');
    await t.getByRole('button', { name: 'Create class' }).click();
    await t.getByRole('heading', { name: title }).waitFor();
    await t.getByRole('button', { name: 'Start class' }).click();
    await waitForCount(t, 0);
    await t.getByText('Nobody has joined yet. Share the join link.').waitFor();
    const joinUrl = await t.getByLabel('Join link').inputValue();

    // The roster appears and follows the joins.
    const ann = await student('Ann', joinUrl);
    const ben = await student('Ben', joinUrl);
    const cat = await student('Cat', joinUrl);
    const eve = await student('Eve', joinUrl);
    await join(ann);
    await waitForRoster(t, ['Ann']);
    await join(ben);
    await join(cat);
    await waitForCount(t, 3);
    await waitForRoster(t, ['Ann', 'Ben', 'Cat']);
    expect(await t.locator('.roster-list time').count()).toBe(3);

    // The teacher's comments are marked, for everyone.
    await sendComment(ann.page, 'Is the lab open today?');
    await sendComment(t, 'Yes, from two o’clock.');
    for (const page of [ann.page, ben.page, cat.page, t]) {
      const byTeacher = page.locator('.comment', { hasText: 'Yes, from two o’clock.' });
      await byTeacher.waitFor();
      // Seen as a "Teacher" badge, read as ", Teacher" after the name.
      expect(await byTeacher.locator('.role-badge').textContent()).toBe(', Teacher');
      expect(await byTeacher.locator('.role-badge').isVisible()).toBe(true);
      expect(
        await page
          .locator('.comment', { hasText: 'Is the lab open' })
          .locator('.role-badge')
          .count(),
      ).toBe(0);
    }
    await shot(teacher, 'liveroom-01-teacher-roster-and-marked-comments.png');
    await expectAccessible(teacher, 'teacher live room with roster');
    await shot(ben, 'liveroom-02-student-sees-teacher-badge.png');

    // Leaves take people off the roster; a student who left keeps the comments he saw.
    await leave(ben);
    await waitForRoster(t, ['Ann', 'Cat']);
    await waitForCount(t, 2);
    const benComments = ben.page.locator('.transcript');
    await benComments.getByText('Yes, from two o’clock.').waitFor();
    await benComments.getByText('Is the lab open today?').waitFor();
    await expectOneMessage(ben.page, 'You left the class.');
    await shot(ben, 'liveroom-03-student-left-keeps-comments.png');
    await expectAccessible(ben, 'student who left, comments kept');

    await join(eve);
    await waitForRoster(t, ['Ann', 'Cat', 'Eve']);
    await sendComment(eve.page, 'Eve here, briefly.');
    await leave(eve);
    await waitForRoster(t, ['Ann', 'Cat']);

    // The end: Ann and Cat are in the room; Ben and Eve left earlier.
    await t.getByRole('button', { name: 'End class' }).click();
    await t.getByRole('button', { name: 'Yes, end class' }).click();
    await t.locator('.badge', { hasText: 'Ended' }).waitFor();

    for (const inRoom of [ann, cat]) {
      const page = inRoom.page;
      await page.locator('.transcript').getByText('Eve here, briefly.').waitFor();
      await expectOneMessage(page, 'The class has ended');
      expect(await page.getByRole('alert').count()).toBe(1);
      expect(await page.locator('#participant-count').count()).toBe(0);
      expect(await page.getByText('No comments yet. Say hello!').count()).toBe(0);
      expect(await page.getByLabel('Your comment').count()).toBe(0);
    }
    await shot(ann, 'liveroom-04-ended-in-the-room-with-transcript.png');
    await expectAccessible(ann, 'ended, was in the room');

    // Ben left before the end and clicks "Join class" (if the page has not noticed the end
    // already): one message, the ended state, no red error.
    const benJoin = ben.page.getByRole('button', { name: 'Join class' });
    if (await benJoin.isVisible()) await benJoin.click();
    await ben.page.locator('.transcript').getByText('Eve here, briefly.').waitFor();
    await expectOneMessage(ben.page, 'The class has ended');
    expect(await ben.page.locator('.alert-error').count()).toBe(0);
    expect(await ben.page.getByRole('button', { name: 'Join class' }).count()).toBe(0);
    await shot(ben, 'liveroom-05-ended-after-leaving-then-join-clicked.png');

    // Eve left before the end and does nothing: the page notices the end by itself.
    await eve.page.getByText('The class has ended').waitFor({ timeout: 25_000 });
    await expectOneMessage(eve.page, 'The class has ended');
    expect(await eve.page.getByText('Live', { exact: true }).count()).toBe(0);
    expect(await eve.page.getByRole('button', { name: 'Join class' }).count()).toBe(0);
    await eve.page.locator('.transcript').getByText('Is the lab open today?').waitFor();
    await shot(eve, 'liveroom-06-ended-after-leaving-noticed-by-itself.png');
    await expectAccessible(eve, 'ended, had left before');

    // The report: the figures, the chart with the right peak, and the table saying the same.
    const peak = t.locator('#figure-peak');
    await peak.waitFor();
    expect((await peak.innerText()).trim()).toMatch(/^3\b/);
    expect((await t.locator('#figure-attendees').innerText()).trim()).toBe('4');
    expect((await t.locator('#figure-comments').innerText()).trim()).toBe('3');
    const chart = t.getByRole('img', { name: 'Participants over the class' });
    await chart.waitFor();
    expect(await chart.locator('desc').textContent()).toContain('peaked at 3 participants');
    expect(await chart.locator('.chart-peak text').textContent()).toBe('Peak 3');
    await t.getByText('Show the data as a table').click();
    const counts = (await t.locator('#timeline-table tbody td').allInnerTexts()).map((c) =>
      parseInt(c, 10),
    );
    expect(Math.max(...counts)).toBe(3);
    expect(await t.locator('#timeline-table tbody td', { hasText: '3 (peak)' }).count()).toBe(1);
    await shot(teacher, 'liveroom-07-report-with-chart-table-and-transcript.png');
    await expectAccessible(teacher, 'report with chart, table and transcript');

    // The transcript survives the end: the teacher and a student who attended read it and
    // download it as CSV.
    const transcript = t.locator('.transcript');
    for (const text of ['Is the lab open today?', 'Yes, from two o’clock.', 'Eve here, briefly.'])
      await transcript.getByText(text).waitFor();
    for (const actor of [teacher, ann]) {
      const link = actor.page.getByRole('link', { name: 'Download comments (CSV)' });
      const response = await actor.context.request.get((await link.getAttribute('href'))!);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toContain('text/csv');
      const csv = await response.text();
      expect(csv.split('\r\n')[0]).toBe('id,sentAt,authorId,authorName,authorRole,text');
      expect(csv).toContain('Tara Teacher,TEACHER,"Yes, from two o’clock."');
      expect(csv).toContain('Ann,STUDENT,Is the lab open today?');
    }

    // Ann's history: her time against the class's length, and the way back to the comments.
    await ann.page.getByRole('link', { name: 'Go home' }).click();
    const history = ann.page.locator('#my-attendance');
    await history.getByRole('rowheader', { name: title }).waitFor();
    expect(await history.locator('tbody tr').first().innerText()).toMatch(/ of .*%/);
    await shot(ann, 'liveroom-08-student-history-against-class-length.png');
    await expectAccessible(ann, 'home with history');
    await history.getByRole('link', { name: `Read the comments of ${title}` }).click();
    await ann.page.locator('.transcript').getByText('Yes, from two o’clock.').waitFor();
    await shot(ann, 'liveroom-09-student-class-comments-page.png');
    await expectAccessible(ann, 'class comments page');

    for (const actor of suite.actors)
      expect({ who: actor.name, errors: actor.consoleErrors }).toEqual({
        who: actor.name,
        errors: [],
      });
  });
});
