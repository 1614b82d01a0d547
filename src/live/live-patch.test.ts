/**
 * Patches over the shipped recording of race 16: every document the live session produced, rebuilt
 * from the first by applying each patch in turn, equals the document itself; and a patch is a
 * small part of the whole (the point of sending them).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSeason } from '../formats/catalog.js';
import { liveUpdateJson } from './live-json.js';
import type { LiveUpdateJson } from './live-json.js';
import { applyLivePatch, livePatch } from './live-patch.js';
import { LiveSession } from './live-session.js';
import { RECORDING_FILE } from './reference-recording.js';
import { RMonitorFeed } from './rmonitor-feed.js';
import { scheduleRecording } from './replay.js';

let recorded: Promise<LiveUpdateJson[]> | undefined;
const recordedDocuments = () => (recorded ??= scoreRecording());

async function scoreRecording(): Promise<LiveUpdateJson[]> {
  const loaded = await loadSeason('2024-pccna');
  if (!loaded.ok) throw new Error(loaded.issues[0]!.message);
  const made = LiveSession.create({ ...loaded.value, sessionId: 'race-16' });
  if (!made.ok) throw new Error(made.issues[0]!.message);
  const feed = new RMonitorFeed();
  const docs: LiveUpdateJson[] = [];
  scheduleRecording(readFileSync(RECORDING_FILE, 'latin1')).lines.forEach((line, i) => {
    const step = feed.push(line, { source: 'recording', line: i + 1 });
    if (step.kind !== 'order') return;
    const u = made.value.apply(step.order);
    if (u.ok && u.value) docs.push(liveUpdateJson(u.value));
  });
  return docs;
}

describe('live patches', () => {
  it('rebuild every document of the recorded race from the first, and are a small part of it', async () => {
    const docs = await recordedDocuments();
    expect(docs.length).toBeGreaterThan(100);
    let held = docs[0]!;
    let wholeBytes = 0;
    let patchBytes = 0;
    for (const doc of docs.slice(1)) {
      const patch = livePatch(held, doc);
      expect(patch).toBeDefined();
      held = applyLivePatch(held, patch!);
      expect(held).toEqual(doc);
      wholeBytes += JSON.stringify(doc).length;
      patchBytes += JSON.stringify(patch).length;
    }
    // About 40 KB whole; a running-order change moves a few rows of each table.
    expect(patchBytes * 10).toBeLessThan(wholeBytes);
  });

  it('has no patch between documents of different races, and refuses a patch to another document', async () => {
    const [a, b, c] = await recordedDocuments();
    expect(livePatch(a!, { ...b!, session: { ...b!.session, id: 'race-15', race: 15 } })).toBeUndefined();
    expect(() => applyLivePatch(a!, livePatch(b!, c!)!)).toThrow(/applies to update/);
  });

  it('shortens the running order and a table when rows leave them', async () => {
    const [a] = await recordedDocuments();
    const shorter: LiveUpdateJson = {
      ...a!,
      seq: a!.seq + 1,
      order: a!.order.slice(1),
      championships: a!.championships.map((c, i) => (i === 0 ? { ...c, rows: c.rows.slice(0, 3) } : c)),
    };
    const patch = livePatch(a!, shorter)!;
    expect(patch.championships[0]!.rows).toEqual({ length: 3, at: {} });
    expect(applyLivePatch(a!, patch)).toEqual(shorter);
  });
});
