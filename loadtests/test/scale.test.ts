import { describe, expect, it } from 'vitest';
import { LoadtestError } from '../src/errors.js';
import { readScale } from '../src/scale.js';

describe('readScale', () => {
  it('defaults to the full morning: 3,000 care providers and a backlog of 200,000 messages', () => {
    expect(readScale({})).toEqual({ profile: 'full', peakUsers: 3000, backlog: 200_000 });
  });

  it('gives the CI smoke run a tenth of the backlog', () => {
    expect(readScale({ HARTSLAG_PROFILE: 'smoke' })).toEqual({ profile: 'smoke', peakUsers: 100, backlog: 20_000 });
  });

  it('takes peak users, backlog and time scale from the environment over the profile', () => {
    expect(
      readScale({
        HARTSLAG_PROFILE: 'smoke',
        HARTSLAG_PEAK_USERS: '500',
        HARTSLAG_BACKLOG: '50_000',
        HARTSLAG_TIME_SCALE: '60',
      }),
    ).toEqual({ profile: 'smoke', peakUsers: 500, backlog: 50_000, timeScale: 60 });
  });

  it('ignores empty variables, as CI files often set them', () => {
    expect(readScale({ HARTSLAG_PEAK_USERS: '' }).peakUsers).toBe(3000);
  });

  it.each([
    ['HARTSLAG_PEAK_USERS', 'many'],
    ['HARTSLAG_PEAK_USERS', '2.5'],
    ['HARTSLAG_BACKLOG', '-1'],
    ['HARTSLAG_TIME_SCALE', '0'],
    ['HARTSLAG_PROFILE', 'huge'],
  ])('rejects %s=%s, naming the variable', (name, value) => {
    const read = () => readScale({ [name]: value });
    expect(read).toThrow(LoadtestError);
    expect(read).toThrow(name);
    try {
      read();
    } catch (e) {
      expect((e as LoadtestError).code).toBe('HARTSLAG_ERR_LOADTEST_SCALE');
    }
  });
});
