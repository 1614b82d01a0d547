/**
 * What changed between two live documents of one race, so the event stream does not send the whole
 * document (about 40 KB for the reference season) at every running-order change when one or two
 * rows of each table moved. A patch carries the scalars (flag, laps to go, finished), the unmatched
 * list (short) and, for the running order and each championship's table, the new length and the
 * rows whose content changed, by index. Applying it to the document it was made from gives the new
 * document exactly (`applyLivePatch(prev, livePatch(prev, next)) ≡ next`, a test over the shipped
 * recording). When two documents are not of the same race and tables (another session, a
 * championship added), there is no patch: the whole document is sent.
 *
 * /assets/live.js applies patches the same way in the browser (src/server/routes/live-script.ts).
 */
import type { LiveRowJson, LiveUpdateJson } from './live-json.js';

/** An array's new length and its elements that changed, by index ("3": the fourth). */
export interface ArrayPatch<T> {
  readonly length: number;
  readonly at: Readonly<Record<string, T>>;
}

export type LiveOrderRowJson = LiveUpdateJson['order'][number];

export interface LivePatchJson {
  readonly seq: number;
  /** The `seq` of the document this patch applies to (the event before it on the stream). */
  readonly base: number;
  readonly flag: string;
  readonly lapsToGo: number | null;
  readonly finished: boolean;
  readonly unmatched: LiveUpdateJson['unmatched'];
  readonly order: ArrayPatch<LiveOrderRowJson>;
  /** In the documents' order of championships, each with its `final` flag and its rows' changes. */
  readonly championships: readonly {
    readonly id: string;
    readonly final: boolean;
    readonly rows: ArrayPatch<LiveRowJson>;
  }[];
}

function arrayPatch<T>(prev: readonly T[], next: readonly T[]): ArrayPatch<T> {
  const at: Record<string, T> = {};
  next.forEach((row, i) => {
    if (i >= prev.length || JSON.stringify(prev[i]) !== JSON.stringify(row)) at[String(i)] = row;
  });
  return { length: next.length, at };
}

function applyArrayPatch<T>(prev: readonly T[], patch: ArrayPatch<T>): T[] {
  const out = prev.slice(0, patch.length);
  for (const [i, row] of Object.entries(patch.at)) out[Number(i)] = row;
  return out;
}

/** The patch from `prev` to `next`, or undefined when `next` must be sent whole. */
export function livePatch(prev: LiveUpdateJson, next: LiveUpdateJson): LivePatchJson | undefined {
  const same =
    prev.season.id === next.season.id &&
    prev.season.name === next.season.name &&
    prev.session.id === next.session.id &&
    prev.session.race === next.session.race &&
    prev.session.name === next.session.name &&
    prev.championships.length === next.championships.length &&
    next.championships.every(
      (c, i) => prev.championships[i]!.id === c.id && prev.championships[i]!.name === c.name,
    );
  if (!same) return undefined;
  return {
    seq: next.seq,
    base: prev.seq,
    flag: next.flag,
    lapsToGo: next.lapsToGo,
    finished: next.finished,
    unmatched: next.unmatched,
    order: arrayPatch(prev.order, next.order),
    championships: next.championships.map((c, i) => ({
      id: c.id,
      final: c.final,
      rows: arrayPatch(prev.championships[i]!.rows, c.rows),
    })),
  };
}

/** The document a patch makes of the one it was made from (`patch.base === doc.seq`). */
export function applyLivePatch(doc: LiveUpdateJson, patch: LivePatchJson): LiveUpdateJson {
  if (patch.base !== doc.seq)
    throw new Error(`the patch to ${patch.seq} applies to update ${patch.base}, not to ${doc.seq}`);
  return {
    seq: patch.seq,
    season: doc.season,
    session: doc.session,
    flag: patch.flag,
    lapsToGo: patch.lapsToGo,
    finished: patch.finished,
    order: applyArrayPatch(doc.order, patch.order),
    unmatched: patch.unmatched,
    championships: doc.championships.map((c, i) => {
      const p = patch.championships[i]!;
      return { id: c.id, name: c.name, final: p.final, rows: applyArrayPatch(c.rows, p.rows) };
    }),
  };
}
