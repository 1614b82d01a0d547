import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PageChecksCache } from './page-checks-cache.js';

describe("the page test's cache of passed checks", () => {
  const dir = mkdtempSync(join(tmpdir(), 'paddock-page-cache-'));
  const file = join(dir, 'checks.json');
  const shot = join(dir, 'home-390.png');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps a pass for the next run only while the page, its styles, the salt and its screenshots are the same', () => {
    const first = new PageChecksCache('chromium 1', file, true);
    const key = first.keyOf('<p>a</p>', 'p{}');
    expect(first.passedBefore(key, [])).toBe(false);
    first.pass(key);
    first.save();
    writeFileSync(shot, '');

    const next = new PageChecksCache('chromium 1', file, true);
    expect(next.keyOf('<p>a</p>', 'p{}')).toBe(key);
    expect(next.passedBefore(key, [shot])).toBe(true);
    expect(next.passedBefore(key, [join(dir, 'gone.png')])).toBe(false);
    expect(next.passedBefore(next.keyOf('<p>b</p>', 'p{}'), [shot])).toBe(false);
    expect(next.passedBefore(next.keyOf('<p>a</p>', 'p{color:red}'), [shot])).toBe(false);
    expect(
      new PageChecksCache('chromium 2', file, true).passedBefore(
        new PageChecksCache('chromium 2', file, true).keyOf('<p>a</p>', 'p{}'),
        [shot],
      ),
    ).toBe(false);
    expect(new PageChecksCache('chromium 1', file, false).passedBefore(key, [shot])).toBe(false);

    // A run writes only its own passes: one that passed nothing leaves nothing behind.
    next.save();
    expect(new PageChecksCache('chromium 1', file, true).passedBefore(key, [shot])).toBe(false);
  });

  it('starts empty from a missing or unreadable file', () => {
    writeFileSync(file, '{not json');
    const cache = new PageChecksCache('s', file, true);
    expect(cache.passedBefore(cache.keyOf('', ''), [])).toBe(false);
  });
});
