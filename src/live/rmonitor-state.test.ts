import { describe, expect, it } from 'vitest';
import { parseRMonitorLine } from './rmonitor.js';
import { applyRecord, INITIAL_RMONITOR_STATE, runningOrderOf } from './rmonitor-state.js';
import type { RMonitorState } from './rmonitor-state.js';

const feed = (lines: string[], from: RMonitorState = INITIAL_RMONITOR_STATE) =>
  lines.reduce((state, line, i) => {
    const r = parseRMonitorLine(line, { source: 'test', line: i + 1 });
    if (!r.ok || !r.record) throw new Error(line);
    return applyRecord(state, r.record);
  }, from);

const field = [
  '$C,1,"Pro"',
  '$C,2,"Pro-Am"',
  '$A,"24","24",4124316,"Loek","Hartog","NL",1',
  '$A,"78","78",4179016,"Ryan","Yardley","US",1',
  '$A,"99","99",4200299,"Alan","Metni","US",2',
  '$G,1,"24",,"00:59:59.999"',
  '$G,2,"78",,"00:59:59.999"',
  '$G,3,"99",,"00:59:59.999"',
];

const order = (s: RMonitorState) => runningOrderOf(s).rows.map((r) => `${r.car} ${r.status}`);

describe('the RMonitor scoreboard', () => {
  it('builds the running order from competitors, classes and positions', () => {
    const o = runningOrderOf(feed(field));
    expect(o.rows[0]).toEqual({
      key: '24',
      car: '24',
      platformId: 'transponder:4124316',
      drivers: ['Loek Hartog'],
      className: 'Pro',
      status: 'classified',
    });
    expect(o.rows.map((r) => r.car)).toEqual(['24', '78', '99']);
  });

  it('follows a pass: of two cars claiming a position, the later record wins until the other arrives', () => {
    const s = feed([...field, '$J,"78","00:02:14.000","00:02:14.000"', '$G,1,"78",1,"00:02:14.000"']);
    // 24 still says P1 too; 78's record is newer.
    expect(order(s)).toEqual(['78 classified', '24 classified', '99 classified']);
    const settled = feed(['$G,2,"24",1,"00:02:14.500"'], s);
    expect(order(settled)).toEqual(['78 classified', '24 classified', '99 classified']);
    expect(runningOrderOf(settled).rows[0]).toMatchObject({ laps: 1, lapsLed: 1, totalTimeMs: 134_000 });
  });

  it('counts a lap led once per lap, however often the leader is repeated', () => {
    const s = feed([
      ...field,
      '$G,1,"24",1,"00:02:14.000"',
      '$G,1,"24",1,"00:02:14.000"',
      '$G,1,"24",2,"00:04:28.000"',
    ]);
    expect(runningOrderOf(s).rows[0]).toMatchObject({ car: '24', lapsLed: 2 });
  });

  it('takes the best lap from $H', () => {
    const s = feed([...field, '$H,1,"99",2,"00:02:13.427"']);
    expect(runningOrderOf(s).rows.find((r) => r.car === '99')).toMatchObject({ bestLapMs: 133_427 });
  });

  it('retires a car marked "Retired" in $COMP (IMSA) and puts it after the running cars', () => {
    const s = feed([...field, '$COMP,"24","24",1,"Loek","Hartog","Retired",""']);
    expect(order(s)).toEqual(['78 classified', '99 classified', '24 DNF']);
    // A later $A refresh keeps the state; a blank $COMP nationality means running again.
    expect(order(feed(['$A,"24","24",4124316,"Loek","Hartog","NL",1'], s))).toEqual([
      '78 classified',
      '99 classified',
      '24 DNF',
    ]);
    expect(order(feed(['$COMP,"24","24",1,"Loek","Hartog","",""'], s))[0]).toBe('24 classified');
  });

  it('is finished when every running car has crossed after the leader took the chequered flag', () => {
    const racing = feed([
      ...field,
      '$F,1,"00:00:00","13:40:00","00:02:10","Green "',
      '$J,"24","00:02:14.000","00:02:14.000"',
      '$G,1,"24",1,"00:02:14.000"',
    ]);
    const flagged = feed(['$F,0,"00:00:00","13:40:05","00:02:15","Finish"'], racing);
    expect(flagged.finishLineMs).toBe(134_000);
    expect(runningOrderOf(flagged).finished).toBe(false);
    const one = feed(['$J,"78","00:02:15.000","00:02:15.000"', '$G,2,"78",1,"00:02:15.000"'], flagged);
    expect(runningOrderOf(one).finished).toBe(false);
    const all = feed(['$COMP,"99","99",2,"Alan","Metni","Retired",""'], one);
    expect(runningOrderOf(all)).toMatchObject({ flag: 'finish', finished: true });
  });

  it('takes the next passing as the finish when the flag falls before the leader is timed', () => {
    const s = feed([
      ...field,
      '$F,0,"00:00:00","13:40:05","00:30:00","Finish"',
      '$J,"78","00:02:15.000","00:30:01.000"',
    ]);
    expect(s.finishLineMs).toBe(1_801_000);
  });

  it('clears the scoreboard on $I', () => {
    const s = feed([...field, '$I,"13:39:00.000","20 Oct 24"']);
    expect(runningOrderOf(s).rows).toEqual([]);
  });

  it('returns the same state for a record that changes nothing, and never mutates the state it is given', () => {
    const s = feed(field);
    const copy = JSON.stringify(s);
    const r = parseRMonitorLine('$C,1,"Pro"', { source: 't', line: 1 });
    if (!r.ok || !r.record) throw new Error('parse');
    expect(applyRecord(s, r.record)).toBe(s);
    feed(['$G,1,"99",3,"00:06:00.000"', '$COMP,"24","24",1,"Loek","Hartog","Retired",""', '$I,"",""'], s);
    expect(JSON.stringify(s)).toBe(copy);
  });
});
