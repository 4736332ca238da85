import { chargeEvent, newEventBudget } from './socket-rate-limit';

describe('chargeEvent (per-socket event budget)', () => {
  it('allows a burst of 40, then limits', () => {
    const budget = newEventBudget(0);
    const verdicts = Array.from({ length: 45 }, () => chargeEvent(budget, 0));
    expect(verdicts.filter((v) => v === 'ALLOWED')).toHaveLength(40);
    expect(verdicts.slice(40)).toEqual(Array(5).fill('LIMITED'));
  });

  it('refills at 20 events per second', () => {
    const budget = newEventBudget(0);
    for (let i = 0; i < 40; i++) chargeEvent(budget, 0);
    expect(chargeEvent(budget, 0)).toBe('LIMITED');
    expect(chargeEvent(budget, 100)).toBe('ALLOWED'); // 100 ms bring 2 tokens
    expect(chargeEvent(budget, 100)).toBe('ALLOWED');
    expect(chargeEvent(budget, 100)).toBe('LIMITED');
  });

  it('lets a steady 20 per second through for ever', () => {
    const budget = newEventBudget(0);
    const verdicts = Array.from({ length: 2000 }, (_, i) => chargeEvent(budget, i * 50));
    expect(new Set(verdicts)).toEqual(new Set(['ALLOWED']));
  });

  it('answers a socket a little over the rate with LIMITED, never FLOODING', () => {
    const budget = newEventBudget(0);
    const verdicts = Array.from({ length: 3000 }, (_, i) => chargeEvent(budget, i * 40)); // 25/s
    expect(verdicts).toContain('LIMITED');
    expect(verdicts).not.toContain('FLOODING');
  });

  it('calls a socket that keeps sending far over the rate FLOODING', () => {
    const budget = newEventBudget(0);
    const verdicts = Array.from({ length: 200 }, (_, i) => chargeEvent(budget, i)); // 1000/s
    expect(verdicts.indexOf('FLOODING')).toBeGreaterThan(40);
    expect(verdicts.indexOf('FLOODING')).toBeLessThan(100);
  });
});
