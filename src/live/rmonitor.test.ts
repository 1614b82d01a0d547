import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatClock, formatRMonitorRecord, parseClock, parseRMonitorLine } from './rmonitor.js';
import type { RMonitorRecord } from './rmonitor.js';

const where = { source: 'feed', line: 7 };
const read = (line: string) => {
  const r = parseRMonitorLine(line, where);
  if (!r.ok) throw new Error(r.issue.message);
  return r.record;
};

describe('parseRMonitorLine', () => {
  it('reads a competitor ($A) with its transponder and class', () => {
    expect(read('$A,"1234BE","12X",52474,"John","Johnson","USA",5')).toEqual({
      kind: 'competitor',
      regNo: '1234BE',
      number: '12X',
      transponder: '52474',
      firstName: 'John',
      lastName: 'Johnson',
      nationality: 'USA',
      classId: 5,
    });
  });

  it('treats a zero transponder as none', () => {
    expect(read('$A,"12A","12A",0,"Bob","Jones","USA",1')).not.toHaveProperty('transponder');
  });

  it('reads $COMP, keeping the IMSA car state in the nationality field', () => {
    expect(read('$COMP,"99","99",2,"Alan","Metni","Retired",""')).toMatchObject({
      kind: 'competitor-ext',
      regNo: '99',
      classId: 2,
      nationality: 'Retired',
      additional: '',
    });
  });

  it('reads run, class and setting records', () => {
    expect(read('$B,5,"Friday free practice"')).toEqual({
      kind: 'run',
      run: 5,
      description: 'Friday free practice',
    });
    expect(read('$C,5,"Formula 300"')).toEqual({ kind: 'class', classId: 5, description: 'Formula 300' });
    expect(read('$E,"TRACKNAME","Indianapolis Motor Speedway"')).toEqual({
      kind: 'setting',
      name: 'TRACKNAME',
      value: 'Indianapolis Motor Speedway',
    });
  });

  it('reads the heartbeat: laps and times to go, time of day, race time and flag', () => {
    // 00:12:45 = 765 s; 13:34:23 = 48 863 s; 00:09:47 = 587 s.
    expect(read('$F,14,"00:12:45","13:34:23","00:09:47","Green "')).toEqual({
      kind: 'heartbeat',
      lapsToGo: 14,
      timeToGoMs: 765_000,
      timeOfDayMs: 48_863_000,
      raceTimeMs: 587_000,
      flag: 'green',
    });
    expect(read('$F,9999,"00:00:00","13:34:23","00:00:00","      "')).toMatchObject({ flag: 'none' });
    expect(read('$F,0,"00:00:00","13:34:23","00:30:00","Finish"')).toMatchObject({ flag: 'finish' });
    expect(read('$F,0,"00:00:00","13:34:23","00:30:00","Purple"')).toMatchObject({ flag: 'unknown' });
  });

  it('reads race ($G) and qualifying ($H) positions, "no passing yet" as no time', () => {
    // 01:12:47.345 = 4 367 345 ms.
    expect(read('$G,3,"1234BE",14,"01:12:47.345"')).toEqual({
      kind: 'race-position',
      position: 3,
      regNo: '1234BE',
      laps: 14,
      totalTimeMs: 4_367_345,
    });
    expect(read('$G,10,"89",,"00:59:59.999"')).toEqual({ kind: 'race-position', position: 10, regNo: '89' });
    expect(read('$H,2,"1234BE",3,"00:02:17.872"')).toEqual({
      kind: 'qualifying-position',
      position: 2,
      regNo: '1234BE',
      bestLap: 3,
      bestLapMs: 137_872,
    });
  });

  it('reads init ($I), passing ($J) and the IMSA records ($COR, $L, $T)', () => {
    expect(read('$I,"16:36:08.000","12 jan 01"')).toEqual({
      kind: 'init',
      timeOfDayMs: 59_768_000,
      date: '12 jan 01',
    });
    expect(read('$J,"1234BE","00:02:03.826","01:42:17.672"')).toEqual({
      kind: 'passing',
      regNo: '1234BE',
      lapTimeMs: 123_826,
      totalTimeMs: 6_137_672,
    });
    expect(read('$COR,"123BE","658",2,"00:00:35.272","+00:00:00.012"')).toMatchObject({
      kind: 'correction',
      laps: 2,
      totalTimeMs: 35_272,
      correction: '+00:00:00.012',
    });
    expect(read('$L,"13","P1","Pit In","10/23/2014","14:23:17.123",2,"GTLM"')).toMatchObject({
      kind: 'line-crossing',
      timeline: 'P1',
      driverId: 2,
      className: 'GTLM',
    });
    expect(read('$T,"Road Atlanta","RA","2.54",3')).toMatchObject({
      kind: 'track',
      name: 'Road Atlanta',
      sections: 3,
    });
  });

  it('ignores commands it does not use, as the IMSA document asks', () => {
    expect(parseRMonitorLine('$RMHL,"12","Pit"', where)).toEqual({
      ok: true,
      record: undefined,
      command: 'RMHL',
    });
  });

  it('reports a malformed line with its source, line and field instead of throwing', () => {
    const bad = (line: string) => {
      const r = parseRMonitorLine(line, where);
      if (r.ok) throw new Error(`accepted ${line}`);
      return r.issue;
    };
    expect(bad('$G,three,"12",4,"00:01:00.000"')).toMatchObject({
      code: 'rmonitor.bad-field',
      message: '$G (race position) position: "three" is not a whole number',
      location: { file: 'feed', line: 7 },
    });
    expect(bad('$J,"12","1:02:xx","00:10:00.000"').message).toBe(
      '$J (passing) lap time: "1:02:xx" is not a time (HH:MM:SS.DDD)',
    );
    expect(bad('$G,3').message).toBe('$G (race position) registration number: missing');
    expect(bad('garbage from the wire').code).toBe('rmonitor.not-a-record');
    expect(bad('$A,"12,"12",0').code).toBe('rmonitor.syntax');
    expect(bad('').code).toBe('rmonitor.not-a-record');
  });
});

describe('clock times', () => {
  it('reads hours, minutes, seconds and thousandths', () => {
    expect(parseClock('01:02:03.4')).toBe(3_723_400);
    expect(parseClock('2:13.427')).toBe(133_427);
    expect(parseClock('')).toBeUndefined();
    expect(parseClock('12:61:00')).toBeNull();
    expect(formatClock(3_723_400)).toBe('01:02:03.400');
    expect(formatClock(59_999, false)).toBe('00:00:59');
  });
});

const text = fc.string({ maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, ' ').trim());
const id = fc.stringMatching(/^[0-9A-Z]{1,6}$/);
const ms = fc.integer({ min: 0, max: 99 * 3_600_000 });
const seconds = ms.map((m) => m - (m % 1000));
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const strip = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
const record: fc.Arbitrary<RMonitorRecord> = fc
  .oneof(
    fc.record({
      kind: fc.constant('competitor' as const),
      regNo: id,
      number: id,
      transponder: opt(fc.integer({ min: 1, max: 9_999_999 }).map(String)),
      firstName: text,
      lastName: text,
      nationality: text,
      classId: opt(fc.nat(99)),
    }),
    fc.record({
      kind: fc.constant('competitor-ext' as const),
      regNo: id,
      number: id,
      classId: opt(fc.nat(99)),
      firstName: text,
      lastName: text,
      nationality: text,
      additional: text,
    }),
    fc.record({
      kind: fc.constant('heartbeat' as const),
      lapsToGo: opt(fc.nat(999)),
      timeToGoMs: opt(seconds),
      timeOfDayMs: opt(seconds),
      raceTimeMs: opt(seconds),
      flag: fc.constantFrom(
        'none' as const,
        'green' as const,
        'yellow' as const,
        'red' as const,
        'finish' as const,
      ),
    }),
    fc.record({
      kind: fc.constant('race-position' as const),
      position: fc.integer({ min: 1, max: 200 }),
      regNo: id,
      laps: opt(fc.nat(999)),
      totalTimeMs: opt(ms),
    }),
    fc.record({
      kind: fc.constant('qualifying-position' as const),
      position: fc.integer({ min: 1, max: 200 }),
      regNo: id,
      bestLap: opt(fc.nat(999)),
      bestLapMs: opt(ms),
    }),
    fc.record({ kind: fc.constant('passing' as const), regNo: id, lapTimeMs: opt(ms), totalTimeMs: opt(ms) }),
    fc.record({ kind: fc.constant('run' as const), run: fc.nat(999), description: text }),
  )
  // Optional fields are absent, not undefined, in a record the parser gives.
  .map((r) => strip(r) as RMonitorRecord);

describe('formatRMonitorRecord', () => {
  it('writes lines that read back as the same record', () => {
    fc.assert(
      fc.property(record, (r) => {
        // 00:59:59.999 is the protocol's "no time" in $G and $H; a real time never equals it.
        fc.pre(
          !('totalTimeMs' in r && r.totalTimeMs === 3_599_999) &&
            !('bestLapMs' in r && r.bestLapMs === 3_599_999),
        );
        expect(read(formatRMonitorRecord(r))).toEqual(r);
      }),
    );
  });
});
