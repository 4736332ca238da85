/**
 * The live class's harder moments in a real browser: waiting for the teacher to start,
 * heartbeats keeping a student present past the presence TTL, a dropped connection (the
 * "reconnecting…" indicator, then an automatic re-join), the comment rate limit, and the way out
 * of ALREADY_ACTIVE. Short TTL and rate limit so each takes seconds.
 */
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

const PRESENCE_TTL_SECONDS = 3;

/** Chromium's own reports of connections refused while the test holds the network down. */
const OFFLINE_NOISE = /WebSocket connection to .* failed|ERR_INTERNET_DISCONNECTED/;

describe('live class: waiting, presence, reconnecting, limits, already active', () => {
  const suite = browserSuite({
    PRESENCE_TTL_SECONDS: String(PRESENCE_TTL_SECONDS),
    COMMENT_RATE_LIMIT_PER_MINUTE: '4',
    PARTICIPANT_COUNT_INTERVAL_MS: '100',
  });
  const open = (name: string) => suite.open(name);

  /** A signed-up teacher with a created class; returns its join link. */
  async function teacherWithClass(
    actor: Actor,
    name: string,
    title: string,
    start: boolean,
  ): Promise<string> {
    const { page } = actor;
    await page.goto('/signup');
    await signUpThroughUi(page, { name, email: uniqueEmail(name), teacher: true, student: false });
    await page.getByRole('heading', { name: `Hello, ${name}` }).waitFor();
    await page.goto('/classes');
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Capacity (seats)').fill('5');
    await page.getByRole('button', { name: 'Create class' }).click();
    await page.getByRole('heading', { name: title }).waitFor();
    if (start) {
      await page.getByRole('button', { name: 'Start class' }).click();
      await waitForCount(page, 0);
    }
    return page.getByLabel('Join link').inputValue();
  }

  async function studentSignsUp(actor: Actor, name: string): Promise<void> {
    await actor.page.goto('/signup');
    await signUpThroughUi(actor.page, { name, email: uniqueEmail(name), student: true });
    await actor.page.getByRole('heading', { name: `Hello, ${name}` }).waitFor();
  }

  it('waits for the start, stays present on heartbeats, reconnects and re-joins, shows the rate limit', async () => {
    const teacher = await open('teacher');
    const joinUrl = await teacherWithClass(teacher, 'Theo', 'Chemistry', false);
    const t = teacher.page;

    const student = await open('sam');
    await studentSignsUp(student, 'Sam');
    const s = student.page;
    await s.goto(joinUrl);
    await s.getByText('The teacher has not started this class yet.').waitFor();
    expect(await s.getByRole('button', { name: 'Join class' }).count()).toBe(0);
    await expectAccessible(student, 'join page, class not started');
    await student.screenshot('20-student-waiting-for-start.png');

    await t.getByRole('button', { name: 'Start class' }).click();
    await waitForCount(t, 0);
    await s.getByRole('button', { name: 'Check now' }).click();
    await s.getByRole('button', { name: 'Join class' }).click();
    await waitForCount(s, 1);
    await waitForCount(t, 1);
    await expectAccessible(teacher, 'teacher live room');
    await expectAccessible(student, 'student live room');

    // Heartbeats every TTL/3 keep Sam present well past the TTL (the sweeper would have removed him).
    await s.waitForTimeout((PRESENCE_TTL_SECONDS * 3 + 1) * 1000);
    await waitForCount(t, 1, 1_000);
    await waitForCount(s, 1, 1_000);
    await s.getByLabel('Your comment').fill('still here');
    await s.getByLabel('Your comment').press('Enter');
    await waitForComment(t, 'still here');

    // The network drops: the indicator shows, then the app reconnects and re-joins by itself.
    await student.context.setOffline(true);
    await s.getByText('Connection lost. Reconnecting…').waitFor();
    await student.screenshot('21-student-reconnecting.png');
    await student.context.setOffline(false);
    await s
      .getByText('Connection lost. Reconnecting…')
      .waitFor({ state: 'detached', timeout: 20_000 });
    await waitForCount(s, 1);
    await waitForCount(t, 1);
    await s.getByLabel('Your comment').fill('back again');
    await s.getByLabel('Your comment').press('Enter');
    await waitForComment(t, 'back again');

    // Rate limit (4 per minute here): a clear message, and the draft is kept.
    let limited = false;
    for (let i = 1; i <= 5 && !limited; i += 1) {
      await s.getByLabel('Your comment').fill(`burst ${i}`);
      await s.getByLabel('Your comment').press('Enter');
      limited = await s
        .getByRole('alert')
        .getByText('You are going a bit fast')
        .waitFor({ timeout: 2_000 })
        .then(() => true)
        .catch(() => false);
    }
    expect(limited).toBe(true);
    expect(await s.getByLabel('Your comment').inputValue()).toMatch(/^burst \d$/);
    await student.screenshot('22-student-rate-limited.png');

    expect(teacher.consoleErrors).toEqual([]);
    expect(student.consoleErrors.filter((e) => !OFFLINE_NOISE.test(e))).toEqual([]);
  });

  it('ALREADY_ACTIVE says where the student is and offers to leave that class and join this one', async () => {
    const t1 = await open('teacher1');
    const t2 = await open('teacher2');
    const biology = await teacherWithClass(t1, 'Bea', 'Biology', true);
    const history = await teacherWithClass(t2, 'Hal', 'History', true);

    // A teacher opening their own link is pointed to the class page, not offered to join.
    await t1.page.goto(biology);
    await t1.page.getByText('This is your class.').waitFor();
    await t1.page.getByRole('link', { name: 'Open the class' }).click();
    await waitForCount(t1.page, 0);

    const student = await open('uma');
    await studentSignsUp(student, 'Uma');
    await student.page.goto(biology);
    await student.page.getByRole('button', { name: 'Join class' }).click();
    await waitForCount(student.page, 1);

    // Another tab, another class.
    const tab2 = await student.context.newPage();
    tab2.on('console', (m) => m.type() === 'error' && student.consoleErrors.push(m.text()));
    await tab2.goto(history);
    await tab2.getByRole('button', { name: 'Join class' }).click();
    const alert = tab2
      .getByRole('alert')
      .filter({ hasText: 'You are already in another live class' });
    await alert.waitFor();
    await alert.getByText('Biology').first().waitFor();
    await tab2.screenshot({
      path: `${__dirname}/../../test-artifacts/browser/23-student-already-active.png`,
      fullPage: true,
    });

    await alert.getByRole('button', { name: 'Leave Biology and join this one' }).click();
    await waitForCount(tab2, 1);
    await waitForCount(t2.page, 1);
    await waitForCount(t1.page, 0);
    // The first tab says what happened to it.
    await student.page
      .getByText('You left this class to join another one in a different tab.')
      .waitFor();

    for (const actor of [t1, t2, student])
      expect({ who: actor.name, errors: actor.consoleErrors }).toEqual({
        who: actor.name,
        errors: [],
      });
  });
});
