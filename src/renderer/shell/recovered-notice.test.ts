// A page main reloaded after a crash or a hang says so once; the address loses the reason.
import { describe, expect, it } from 'vitest';
import { recoveredPage } from './recovered-notice';

describe('the page after main reloaded it', () => {
  it('tells the crew the screen crashed and what to check', () => {
    expect(recoveredPage('app://magnum/index.html?recovered=crashed')).toEqual({
      notice: {
        level: 'warning',
        message:
          'The screen stopped and was started again. A recording that was running is saved on its own within a ' +
          'minute: check its scene before filming on.',
      },
      cleanedUrl: '/index.html',
    });
  });

  it('says a hang apart from a crash and keeps the rest of the address', () => {
    const page = recoveredPage('app://magnum/index.html?x=1&recovered=unresponsive#/customer');
    expect(page?.notice?.message).toMatch(/^The screen stopped responding and was started again\./);
    expect(page?.cleanedUrl).toBe('/index.html?x=1#/customer');
  });

  it('drops a reason main never writes without showing it', () => {
    expect(recoveredPage('app://magnum/index.html?recovered=%3Cb%3Ehi%3C%2Fb%3E')).toEqual({
      notice: null,
      cleanedUrl: '/index.html',
    });
  });

  it('says nothing on an ordinary start', () => {
    expect(recoveredPage('app://magnum/index.html#/home')).toBeNull();
    expect(recoveredPage('http://127.0.0.1:5780/')).toBeNull();
  });
});
