import { describe, expect, it } from 'vitest';
import { fraction } from '../engine/index.js';
import { LiveHub, sseFrame } from './live-hub.js';
import { liveUpdateJson } from './live-json.js';
import { applyLivePatch } from './live-patch.js';
import type { LivePatchJson } from './live-patch.js';
import type { LiveUpdate } from './live-session.js';

const update = (seq: number, leader = 'Loek Hartog'): LiveUpdate => ({
  seq,
  season: { id: 's', name: 'S' },
  session: { id: 'race-16', race: 16, name: 'Race 16' },
  flag: 'green',
  finished: false,
  order: [],
  unmatched: [],
  championships: [
    {
      id: 'overall',
      name: 'Overall',
      final: true,
      rows: [
        {
          position: 1,
          shared: false,
          competitor: { id: 'x', name: leader, kind: 'driver' },
          points: fraction(719, 2),
          before: { position: 1, points: fraction(345) },
          change: 0,
          gained: fraction(29, 2),
        },
      ],
    },
  ],
});

const decoder = new TextDecoder();
async function read(reader: ReadableStreamDefaultReader<Uint8Array>, frames: number): Promise<string[]> {
  const out: string[] = [];
  let text = '';
  while (out.length < frames) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value);
    const parts = text.split('\n\n');
    text = parts.pop()!;
    out.push(...parts);
  }
  return out;
}

describe('LiveHub', () => {
  it('frames an update as an SSE event with its sequence number and exact points', () => {
    const frame = sseFrame(update(7));
    expect(frame.startsWith('id: 7\nevent: standings\ndata: {')).toBe(true);
    expect(frame.endsWith('\n\n')).toBe(true);
    const data = JSON.parse(frame.split('\n')[2]!.slice('data: '.length));
    expect(data.championships[0].rows[0]).toMatchObject({
      points: 359.5,
      pointsExact: '719/2',
      before: { position: 1, points: 345, pointsExact: '345' },
      change: 0,
      gained: 14.5,
      gainedExact: '29/2',
    });
  });

  it('gives a new client the latest state first, then what changed at every update', async () => {
    const hub = new LiveHub({ pingMs: 0 });
    hub.publish(update(1));
    const res = hub.respond();
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = res.body!.getReader();
    expect(await read(reader, 2)).toEqual(['retry: 2000', sseFrame(update(1)).trim()]);
    hub.publish(update(2, 'Ryan Yardley'));
    const [frame] = await read(reader, 1);
    expect(frame!.startsWith('id: 2\nevent: patch\ndata: {')).toBe(true);
    const patch = JSON.parse(frame!.split('\n')[2]!.slice('data: '.length)) as LivePatchJson;
    // Only the leader's row changed (its name): the patch carries it alone, by index.
    expect(patch.base).toBe(1);
    expect(Object.keys(patch.championships[0]!.rows.at)).toEqual(['0']);
    expect(applyLivePatch(liveUpdateJson(update(1)), patch)).toEqual(
      liveUpdateJson(update(2, 'Ryan Yardley')),
    );
    expect(hub.clientCount).toBe(1);
    hub.close();
    expect(await reader.read()).toEqual({ done: true, value: undefined });
  });

  it('sends a client that skipped updates the whole newest document, never a patch it cannot apply', async () => {
    const hub = new LiveHub({ pingMs: 0 });
    const reader = hub.respond().body!.getReader();
    for (let seq = 1; seq <= 5; seq++) hub.publish(update(seq, `Leader ${seq}`));
    // Queue: retry line and update 1 (whole: nothing before it); 2 to 5 found it full.
    expect(await read(reader, 3)).toEqual([
      'retry: 2000',
      sseFrame(update(1, 'Leader 1')).trim(),
      sseFrame(update(5, 'Leader 5')).trim(),
    ]);
    // Caught up: the next is a patch again.
    hub.publish(update(6, 'Leader 6'));
    expect((await read(reader, 1))[0]!.startsWith('id: 6\nevent: patch\n')).toBe(true);
    hub.close();
  });

  it('lets a slow client skip to the newest state instead of queueing', async () => {
    const hub = new LiveHub({ pingMs: 0 });
    const reader = hub.respond().body!.getReader();
    for (let seq = 1; seq <= 50; seq++) hub.publish(update(seq));
    const frames = await read(reader, 3);
    const ids = frames.filter((f) => f.startsWith('id:')).map((f) => Number(/^id: (\d+)/.exec(f)![1]));
    // The queue holds two frames (the retry line and update 1); the rest wait as one: the newest.
    expect(ids).toEqual([1, 50]);
    hub.close();
  });

  it('forgets a client whose stream is closed, and goes on sending to the others', async () => {
    const hub = new LiveHub({ pingMs: 0 });
    const gone = hub.respond().body!;
    const staying = hub.respond().body!.getReader();
    await gone.cancel();
    expect(hub.clientCount).toBe(1);
    hub.publish(update(9));
    expect(await read(staying, 2)).toEqual(['retry: 2000', sseFrame(update(9)).trim()]);
    hub.close();
  });

  it('forgets a client whose request is aborted', async () => {
    const hub = new LiveHub({ pingMs: 0 });
    const ac = new AbortController();
    hub.respond(new Request('http://x/live', { signal: ac.signal }));
    expect(hub.clientCount).toBe(1);
    ac.abort();
    expect(hub.clientCount).toBe(0);
    hub.close();
  });
});
