/**
 * The JSON-lines live source: one JSON object per line, each a whole running order, for
 * sim-racing relays and tests (docs/live.md has the format). A line that is not valid JSON or
 * not a running order is an issue naming the source, line and field; the line is skipped.
 */
import { z } from 'zod';
import type { Issue } from '../engine/index.js';
import { parseStatus } from '../importers/results/imported-row.js';
import { parseClock } from './rmonitor.js';
import type { Flag, LineSource } from './rmonitor.js';
import type { RunningOrder, RunningOrderRow } from './running-order.js';

const lapTime = z.union([z.string(), z.number().positive()]).transform((v, ctx) => {
  if (typeof v === 'number') return v;
  const ms = parseClock(v);
  if (ms === null || ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a lap time (m:ss.sss, or milliseconds)` });
    return z.NEVER;
  }
  return ms;
});

const count = z.number().int().nonnegative();

const rowSchema = z
  .object({
    id: z.string().min(1).optional(),
    car: z.union([z.string().min(1), z.number().int().nonnegative().transform(String)]).optional(),
    platform_id: z.string().min(1).optional(),
    driver: z.string().min(1).optional(),
    drivers: z.array(z.string().min(1)).optional(),
    class: z.string().min(1).optional(),
    status: z
      .string()
      .optional()
      .transform((v, ctx) => {
        const s = parseStatus(v ?? 'running');
        if (!s) {
          ctx.addIssue({ code: 'custom', message: `unknown status "${v}" (running, retired, DNF, DSQ ...)` });
          return z.NEVER;
        }
        return s;
      }),
    laps: count.optional(),
    laps_led: count.optional(),
    best_lap: lapTime.optional(),
  })
  .refine((r) => r.id !== undefined || r.car !== undefined || r.driver !== undefined || r.drivers?.length, {
    message: 'a row needs an id, a car number or a driver',
  });

const orderSchema = z.object({
  flag: z.enum(['none', 'green', 'yellow', 'red', 'finish']).optional(),
  laps_to_go: count.optional(),
  finished: z.boolean().optional(),
  order: z.array(rowSchema),
});

export type ParsedOrder =
  { readonly ok: true; readonly order: RunningOrder } | { readonly ok: false; readonly issue: Issue };

/** Reads one line of a JSON-lines feed as a running order. */
export function parseJsonlLine(text: string, where: LineSource): ParsedOrder {
  const fail = (code: string, message: string, hint?: string): ParsedOrder => ({
    ok: false,
    issue: {
      code,
      path: [where.source, where.line],
      message,
      ...(hint === undefined ? {} : { hint }),
      location: { file: where.source, line: where.line },
    },
  });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return fail('jsonl.syntax', `not valid JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  const parsed = orderSchema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const field = first.path.length ? first.path.join('.') : '(line)';
    return fail(
      'jsonl.shape',
      `${field}: ${first.message}`,
      'Each line is {"flag": "green", "order": [{"car": "24", "driver": "...", "status": "running"}, ...]}.',
    );
  }
  const o = parsed.data;
  const rows = o.order.map((r, i): RunningOrderRow => {
    const drivers = r.drivers ?? (r.driver === undefined ? [] : [r.driver]);
    return {
      key: r.id ?? r.platform_id ?? r.car ?? drivers[0] ?? `row ${i + 1}`,
      ...(r.car === undefined ? {} : { car: r.car }),
      ...(r.platform_id === undefined ? {} : { platformId: r.platform_id }),
      drivers,
      ...(r.class === undefined ? {} : { className: r.class }),
      status: r.status,
      ...(r.laps === undefined ? {} : { laps: r.laps }),
      ...(r.laps_led === undefined ? {} : { lapsLed: r.laps_led }),
      ...(r.best_lap === undefined ? {} : { bestLapMs: r.best_lap }),
    };
  });
  const flag: Flag = o.flag ?? 'green';
  return {
    ok: true,
    order: {
      rows,
      flag,
      ...(o.laps_to_go === undefined ? {} : { lapsToGo: o.laps_to_go }),
      finished: o.finished ?? flag === 'finish',
    },
  };
}

/** A running order as one JSON line (what a relay sends; the inverse of parseJsonlLine). */
export function formatJsonlLine(order: RunningOrder): string {
  return JSON.stringify({
    flag: order.flag === 'unknown' ? 'none' : order.flag,
    ...(order.lapsToGo === undefined ? {} : { laps_to_go: order.lapsToGo }),
    finished: order.finished,
    order: order.rows.map((r) => ({
      id: r.key,
      ...(r.car === undefined ? {} : { car: r.car }),
      ...(r.platformId === undefined ? {} : { platform_id: r.platformId }),
      drivers: r.drivers,
      ...(r.className === undefined ? {} : { class: r.className }),
      status: r.status === 'classified' ? 'running' : r.status,
      ...(r.laps === undefined ? {} : { laps: r.laps }),
      ...(r.lapsLed === undefined ? {} : { laps_led: r.lapsLed }),
      ...(r.bestLapMs === undefined ? {} : { best_lap: r.bestLapMs }),
    })),
  });
}
