/**
 * The whole live-class story in a real browser, one person per browser context (own cookies):
 * a teacher signs up, creates a class with 2 seats, starts it and copies the join link; two
 * students open the link, sign up on the way and join; the counts move and comments cross both
 * ways; a full class refuses a third student with a clear message (who gets in once a seat frees
 * up); the teacher ends the class and the report shows every stay. No console errors anywhere.
 * Screenshots of the key screens land in test-artifacts/browser/.
 */
import type { Page } from 'playwright-core';
import {
  Actor,
  expectAccessible,
  signUpThroughUi,
  uniqueEmail,
  browserSuite,
  waitForComment,
  waitForCount,
} from './support/browser';

jest.setTimeout(180_000);

async function sendComment(page: Page, text: string): Promise<void> {
  const box = page.getByLabel('Your comment');
  await box.fill(text);
  await box.press('Enter');
  await waitForComment(page, text);
  expect(await box.inputValue()).toBe('');
}

/** Opens the join link signed out, signs up on the way (the link is kept), lands on the class. */
async function arriveByLink(
  student: Actor,
  joinUrl: string,
  name: string,
  title: string,
): Promise<void> {
  const { page } = student;
  const joinPath = new URL(joinUrl).pathname;
  await page.goto(joinUrl);
  await page.waitForURL(`**/signin?next=${encodeURIComponent(joinPath)}`);
  await page.getByText('Sign in to join the class you were invited to.').waitFor();
  await signUpThroughUi(page, { name, email: uniqueEmail(name), student: true });
  await page.waitForURL(`**${joinPath}`);
  await page.getByRole('heading', { name: title }).waitFor();
}

describe('a live class in the browser', () => {
  const suite = browserSuite({ PARTICIPANT_COUNT_INTERVAL_MS: '100' });
  const open = (name: string, viewport?: { width: number; height: number }) =>
    suite.open(name, viewport);

  it('teacher and students: create, start, join by link, counts, comments, full class, end, report', async () => {
    const title = 'Physics 101';

    // Teacher: sign up (teacher only), create a class with 2 seats.
    const teacher = await open('teacher');
    const t = teacher.page;
    await t.goto('/signup');
    await signUpThroughUi(t, {
      name: 'Tess Teacher',
      email: uniqueEmail('tess'),
      teacher: true,
      student: false,
    });
    await t.getByRole('heading', { name: 'Hello, Tess Teacher' }).waitFor();
    await t
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'My classes' })
      .click();
    await t.getByLabel('Title').fill(title);
    await t.getByLabel('Capacity (seats)').fill('2');
    await t.getByRole('button', { name: 'Create class' }).click();
    await t.getByRole('heading', { name: title }).waitFor();
    await t.locator('.badge', { hasText: 'Not started' }).waitFor();

    await t.getByRole('button', { name: 'Copy link' }).click();
    await t.getByText('Link copied.').waitFor();
    const joinUrl = await t.getByLabel('Join link').inputValue();
    expect(joinUrl).toMatch(new RegExp(`^${suite.app.url}/join/[A-Za-z0-9_-]+$`));
    expect(await t.evaluate('navigator.clipboard.readText()')).toBe(joinUrl);

    // The class list shows it, not started.
    await t.getByRole('link', { name: '← My classes' }).click();
    await t.getByRole('listitem').filter({ hasText: title }).getByText('Not started').waitFor();
    await teacher.screenshot('10-teacher-my-classes.png');
    await expectAccessible(teacher, 'my classes');
    await t.getByRole('link', { name: title }).click();

    await t.getByRole('button', { name: 'Start class' }).click();
    await t.locator('.badge', { hasText: 'Live' }).waitFor();
    await waitForCount(t, 0);

    // Student A and B arrive by the link, sign up on the way, join.
    const alice = await open('alice');
    await arriveByLink(alice, joinUrl, 'Alice', title);
    await alice.screenshot('11-student-before-join.png');
    await alice.page.getByRole('button', { name: 'Join class' }).click();
    await waitForCount(alice.page, 1);
    await waitForCount(t, 1);

    const bob = await open('bob');
    await arriveByLink(bob, joinUrl, 'Bob', title);
    await bob.page.getByRole('button', { name: 'Join class' }).click();
    await waitForCount(bob.page, 2);
    await waitForCount(alice.page, 2);
    await waitForCount(t, 2);

    // Comments cross both ways.
    await sendComment(alice.page, 'Hello from Alice');
    await waitForComment(t, 'Hello from Alice');
    await waitForComment(bob.page, 'Hello from Alice');
    await sendComment(t, 'Welcome, everyone');
    await waitForComment(alice.page, 'Welcome, everyone');
    await waitForComment(bob.page, 'Welcome, everyone');
    await sendComment(bob.page, 'Bob here');
    await waitForComment(t, 'Bob here');
    await waitForComment(alice.page, 'Bob here');
    // A reload (a teacher's new tab) still shows the comments sent before it opened.
    await t.reload();
    await waitForComment(t, 'Hello from Alice');
    await waitForComment(t, 'Bob here');
    await waitForCount(t, 2);
    await teacher.screenshot('12-teacher-live-room.png');
    await alice.screenshot('13-student-live-room.png');

    // A third student, on a phone-sized screen, is refused: the class is full.
    const carol = await open('carol', { width: 360, height: 780 });
    await arriveByLink(carol, joinUrl, 'Carol', title);
    await carol.page.getByRole('button', { name: 'Join class' }).click();
    await carol.page.getByRole('alert').getByText('This class is full').waitFor();
    await carol.screenshot('14-student-class-full-360px.png');
    await expectAccessible(carol, 'class full, 360 px');
    await waitForCount(t, 2);

    // Bob leaves; Carol tries again and gets in, with the recent comments.
    await bob.page.getByRole('button', { name: 'Leave class' }).click();
    await bob.page.getByText('You left the class.').waitFor();
    await waitForCount(t, 1);
    await waitForCount(alice.page, 1);
    await carol.page.getByRole('button', { name: 'Try again' }).click();
    await waitForCount(carol.page, 2);
    await waitForComment(carol.page, 'Hello from Alice');
    await waitForComment(carol.page, 'Welcome, everyone');
    await waitForCount(t, 2);
    // Nothing overflows sideways at 360 px.
    expect(await carol.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      360,
    );
    await carol.screenshot('15-student-live-room-360px.png');

    // The teacher ends the class; the students are told.
    await t.getByRole('button', { name: 'End class' }).click();
    await t.getByRole('button', { name: 'Yes, end class' }).click();
    await t.locator('.badge', { hasText: 'Ended' }).waitFor();
    await alice.page.getByRole('alert').getByText('The class has ended').waitFor();
    await carol.page.getByRole('alert').getByText('The class has ended').waitFor();
    expect(await alice.page.getByLabel('Your comment').count()).toBe(0);
    await alice.screenshot('16-student-class-ended.png');
    await expectAccessible(alice, 'class ended');

    // The report shows every stay (Alice, Bob, Carol) and one total per person.
    const stays = t.locator('#attendance-stays tbody tr');
    for (let tries = 0; (await stays.count()) < 3 && tries < 30; tries += 1) {
      await t.waitForTimeout(500);
      await t.getByRole('button', { name: 'Refresh report' }).click();
    }
    expect(await stays.count()).toBe(3);
    const stayNames = await t.locator('#attendance-stays tbody th').allInnerTexts();
    expect(stayNames.sort()).toEqual(['Alice', 'Bob', 'Carol']);
    const totals = await t.locator('#attendance-totals tbody th').allInnerTexts();
    expect(totals.sort()).toEqual(['Alice', 'Bob', 'Carol']);
    await teacher.screenshot('17-teacher-attendance-report.png');
    await expectAccessible(teacher, 'attendance report');

    const csvHref = await t.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    const csv = await teacher.context.request.get(csvHref!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const csvText = await csv.text();
    for (const name of ['Alice', 'Bob', 'Carol']) expect(csvText).toContain(name);

    // The class list shows it ended, with its times.
    await t.getByRole('link', { name: '← My classes' }).click();
    await t
      .getByRole('listitem')
      .filter({ hasText: title })
      .locator('.badge', { hasText: 'Ended' })
      .waitFor();

    for (const actor of [teacher, alice, bob, carol])
      expect({ who: actor.name, errors: actor.consoleErrors }).toEqual({
        who: actor.name,
        errors: [],
      });
  });
});
