/**
 * Reading the flattened text form of a season article: headings (`== Entry list ==`) and tables
 * whose rows are `|`-separated lines, each cell kept with its line and column so every problem
 * can name its place. Cell attributes left over from wikitext (`nowrap|`, `rowspan=2 |`) are
 * dropped; row spans are already lost in this form and are restored by the importer.
 */

export interface ArticleCell {
  readonly text: string;
  readonly column: number;
}

export interface ArticleRow {
  readonly line: number;
  readonly cells: readonly ArticleCell[];
}

export interface ArticleTable {
  /** The heading the table sits under ("Entry list", "Driver's Championship"). */
  readonly heading: string;
  readonly rows: readonly ArticleRow[];
  /** Prose lines between the heading and the table end, for sentences such as drop rules. */
  readonly line: number;
}

export interface ArticleText {
  readonly title: string;
  readonly tables: readonly ArticleTable[];
  /** Prose lines with their heading, for rules stated in words. */
  readonly prose: readonly { readonly heading: string; readonly line: number; readonly text: string }[];
}

const ATTRIBUTE = /^(nowrap|(?:[a-z-]+=(?:"[^"]*"|[^\s|"]+)\s*)+)$/i;

/** Splits one table line into cells, dropping attribute cells. */
export function splitRow(text: string, line: number): ArticleRow | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('|') || trimmed.startsWith('|}') || trimmed.startsWith('|-')) return undefined;
  const inner = trimmed.replace(/^\|/, '').replace(/\|$/, '');
  const cells: ArticleCell[] = [];
  let column = 2;
  const parts = inner.split('|');
  parts.forEach((raw, i) => {
    const cell = raw.trim();
    const attribute = ATTRIBUTE.test(cell) && i < parts.length - 1;
    if (!attribute) cells.push({ text: cell, column: column + (raw.length - raw.trimStart().length) });
    column += raw.length + 1;
  });
  // A line holding only an attribute (`| valign="top"|`) is layout, not a row.
  if (cells.every((c) => c.text === '') && parts.some((p) => ATTRIBUTE.test(p.trim()))) return undefined;
  return { line, cells };
}

/** Reads the title, tables and prose of an article's text form. */
export function readArticleText(text: string): ArticleText {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let title = '';
  let heading = '';
  const tables: ArticleTable[] = [];
  const prose: { heading: string; line: number; text: string }[] = [];
  let current: { heading: string; line: number; rows: ArticleRow[] } | undefined;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const h = /^(=+)\s*(.*?)\s*\1\s*$/.exec(raw.trim());
    if (h) {
      current = undefined;
      if (h[1]!.length === 1 && !title) title = h[2]!;
      else heading = h[2]!;
      return;
    }
    const row = raw.trim().startsWith('|') ? splitRow(raw, line) : undefined;
    if (row) {
      if (!current) {
        current = { heading, line, rows: [] };
        tables.push(current);
      }
      current.rows.push(row);
      return;
    }
    if (raw.trim().startsWith('|')) return; // layout line (|}, |-, valign) inside a table
    current = undefined;
    if (raw.trim()) prose.push({ heading, line, text: raw.trim() });
  });
  return { title, tables, prose };
}
