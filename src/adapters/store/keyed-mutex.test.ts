import { describe, expect, it } from 'vitest';
import { KeyedMutex } from './keyed-mutex.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('KeyedMutex', () => {
  it('runs holders of one key one at a time, in arrival order, and forgets idle keys', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const job = (label: string) => async () => {
      log.push(`${label}+`);
      await tick();
      log.push(`${label}-`);
      return label;
    };
    const all = Promise.all([
      mutex.run('k', job('a')),
      mutex.run('k', job('b')),
      mutex.run('k', job('c')),
    ]);
    expect(mutex.size).toBe(1);
    expect(await all).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
    expect(mutex.size).toBe(0);
  });

  it('lets different keys run together and releases after a failure', async () => {
    const mutex = new KeyedMutex();
    let running = 0;
    let peak = 0;
    const job = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await tick();
      running -= 1;
    };
    await Promise.all([mutex.run('x', job), mutex.run('y', job)]);
    expect(peak).toBe(2);
    await expect(mutex.run('x', async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await mutex.run('x', async () => 'ok')).toBe('ok');
    expect(mutex.size).toBe(0);
  });
});
