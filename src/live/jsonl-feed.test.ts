import { describe, expect, it } from 'vitest';
import { formatJsonlLine, parseJsonlLine } from './jsonl-feed.js';

const where = { source: 'relay.jsonl', line: 3 };

describe('the JSON-lines feed', () => {
  it('reads one running order per line', () => {
    const r = parseJsonlLine(
      JSON.stringify({
        flag: 'yellow',
        laps_to_go: 4,
        order: [
          { car: 24, driver: 'Loek Hartog', class: 'Pro', laps: 10, laps_led: 10, best_lap: '2:13.952' },
          {
            id: 'iracing:1',
            platform_id: 'iracing:1',
            drivers: ['Alan Metni'],
            status: 'retired',
            best_lap: 135_000,
          },
        ],
      }),
      where,
    );
    expect(r).toEqual({
      ok: true,
      order: {
        flag: 'yellow',
        lapsToGo: 4,
        finished: false,
        rows: [
          {
            key: '24',
            car: '24',
            drivers: ['Loek Hartog'],
            className: 'Pro',
            status: 'classified',
            laps: 10,
            lapsLed: 10,
            bestLapMs: 133_952,
          },
          {
            key: 'iracing:1',
            platformId: 'iracing:1',
            drivers: ['Alan Metni'],
            status: 'DNF',
            bestLapMs: 135_000,
          },
        ],
      },
    });
  });

  it('is finished at the chequered flag unless it says otherwise', () => {
    const line = (o: object) => parseJsonlLine(JSON.stringify({ order: [], ...o }), where);
    expect(line({ flag: 'finish' })).toMatchObject({ ok: true, order: { finished: true } });
    expect(line({ flag: 'finish', finished: false })).toMatchObject({ ok: true, order: { finished: false } });
    expect(line({})).toMatchObject({ ok: true, order: { flag: 'green', finished: false } });
  });

  it('reports a bad line with its source, line and field', () => {
    const bad = (text: string) => {
      const r = parseJsonlLine(text, where);
      if (r.ok) throw new Error('accepted');
      return r.issue;
    };
    expect(bad('{"order": [{"car": "24"}')).toMatchObject({
      code: 'jsonl.syntax',
      location: { file: 'relay.jsonl', line: 3 },
    });
    expect(bad('{"order": [{"car": "24", "laps": -1}]}').message).toBe(
      'order.0.laps: Too small: expected number to be >=0',
    );
    expect(bad('{"order": [{"car": "24", "status": "parked"}]}').message).toBe(
      'order.0.status: unknown status "parked" (running, retired, DNF, DSQ ...)',
    );
    expect(bad('{"order": [{"laps": 3}]}').message).toBe(
      'order.0: a row needs an id, a car number or a driver',
    );
    expect(bad('{"flag": "chequered", "order": []}').code).toBe('jsonl.shape');
    expect(bad('[1, 2]').code).toBe('jsonl.shape');
  });

  it('writes lines that read back as the same order', () => {
    const order = {
      flag: 'green' as const,
      finished: false,
      rows: [
        {
          key: '24',
          car: '24',
          drivers: ['Loek Hartog'],
          status: 'classified' as const,
          laps: 3,
          lapsLed: 3,
          bestLapMs: 133_952,
        },
        { key: 'x', drivers: ['Alan Metni'], className: 'Pro-Am', status: 'DNF' as const },
      ],
    };
    expect(parseJsonlLine(formatJsonlLine(order), where)).toEqual({ ok: true, order });
  });
});
