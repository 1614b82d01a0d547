import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { scheduleRecording, startReplay } from './replay.js';

const recording = [
  '$I,"13:39:00.000","20 Oct 24"',
  '$A,"24","24",4124316,"Loek","Hartog","NL",1',
  '$F,14,"00:00:00","13:40:00","00:00:00","Green "',
  '$F,14,"00:00:00","13:40:01","00:00:01","Green "',
  '$J,"24","00:02:14.000","00:00:01.250"',
  '$G,1,"24",1,"00:00:01.250"',
  '$F,13,"00:00:00","13:40:02","00:00:02","Green "',
  '$G,1,"24",1,"00:00:01.250"',
  '$F,13,"00:00:00","13:40:03","00:00:03","Green "',
].join('\r\n');

/** Reads everything a replay sends to one client, with the time each line arrived. */
function receive(port: number): Promise<{ line: string; at: number }[]> {
  return new Promise((resolve, reject) => {
    const got: { line: string; at: number }[] = [];
    const start = performance.now();
    let rest = '';
    const s = connect({ host: '127.0.0.1', port });
    s.setEncoding('latin1');
    s.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\r\n');
      rest = parts.pop()!;
      for (const line of parts) got.push({ line, at: performance.now() - start });
    });
    s.on('end', () => resolve(got));
    s.on('error', reject);
  });
}

describe('replaying a recording', () => {
  it('paces lines by the heartbeat time of day and places passings by their race time', () => {
    const { lines, atMs } = scheduleRecording(recording);
    expect(lines).toHaveLength(9);
    // Lines before the first heartbeat go at once; the passing at race time 1.250 s lands between
    // the heartbeats of 1 s and 2 s; a $G follows the line before it.
    expect(atMs).toEqual([0, 0, 0, 1000, 1250, 1250, 2000, 2000, 3000]);
  });

  it('never runs the clock backwards, past midnight or for refreshed old times', () => {
    const { atMs } = scheduleRecording(
      [
        '$F,1,"00:00:00","23:59:59","00:10:00","Green "',
        '$J,"24","00:02:14.000","00:09:30.000"',
        '$F,1,"00:00:00","00:00:00","00:10:01","Green "',
      ].join('\n'),
    );
    expect(atMs).toEqual([0, 0, 1000]);
  });

  it('serves every client the whole recording from the start, faster with --speed', async () => {
    const replay = await startReplay({ recording: scheduleRecording(recording), port: 0, speed: 10 });
    try {
      const [a, b] = await Promise.all([receive(replay.port), receive(replay.port)]);
      expect(a.map((x) => x.line)).toEqual(recording.split('\r\n'));
      expect(b.map((x) => x.line)).toEqual(recording.split('\r\n'));
      // Three seconds of recording at ten times the pace: the last line comes 0.3 s after the
      // client connected (the server starts its clock then), not much later.
      const last = a.at(-1)!.at;
      expect(last).toBeGreaterThanOrEqual(295);
      expect(last).toBeLessThan(3000);
    } finally {
      await replay.close();
    }
  });

  it('sends the recorded bytes unchanged', async () => {
    const replay = await startReplay({
      recording: scheduleRecording('$A,"37","37",1,"Sabr\u00e9","Cook","US",1\r\n'),
      port: 0,
      speed: 100,
    });
    try {
      const got = await receive(replay.port);
      expect(Buffer.from(got[0]!.line, 'latin1')).toEqual(
        Buffer.from('$A,"37","37",1,"Sabr\xe9","Cook","US",1', 'latin1'),
      );
    } finally {
      await replay.close();
    }
  });
});
