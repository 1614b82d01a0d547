/**
 * The results-matrix convention of season articles, shared by the web pages and the wikitext
 * exporter: what colour a cell takes, how a status is abbreviated, and the legend. Colours follow
 * the articles: gold, silver and bronze for the podium, green for other points, blue for
 * classified without points, purple for not classified (retired or NC), black for disqualified or
 * excluded, white for did not start or withdrew.
 */
import { isZero } from '../../engine/index.js';
import type { SessionCell, Status } from '../../engine/index.js';

export type CellOutcome = 'gold' | 'silver' | 'bronze' | 'points' | 'nopoints' | 'nc' | 'dsq' | 'dns';

/** The outcome (and so the colour) of one cell. */
export function cellOutcome(cell: SessionCell): CellOutcome {
  switch (cell.status) {
    case 'DSQ':
    case 'EX':
      return 'dsq';
    case 'DNS':
    case 'WD':
      return 'dns';
    case 'DNF':
    case 'NC':
      return 'nc';
    case 'classified':
      if (cell.position === 1) return 'gold';
      if (cell.position === 2) return 'silver';
      if (cell.position === 3) return 'bronze';
      return isZero(cell.points) ? 'nopoints' : 'points';
  }
}

/** The articles' background colours. */
export const OUTCOME_COLOUR: Readonly<Record<CellOutcome, string>> = {
  gold: '#FFFFBF',
  silver: '#DFDFDF',
  bronze: '#FFDF9F',
  points: '#DFFFDF',
  nopoints: '#CFCFFF',
  nc: '#EFCFFF',
  dsq: '#000000',
  dns: '#FFFFFF',
};

/** How a status reads in a table (the articles' abbreviations). */
export const STATUS_ABBREVIATION: Readonly<Record<Status, string>> = {
  classified: '',
  DNF: 'Ret',
  DNS: 'DNS',
  DSQ: 'DSQ',
  NC: 'NC',
  WD: 'WD',
  EX: 'EX',
};

/** A cell's text before marks: the position, or the status abbreviation. */
export const cellLabel = (cell: SessionCell): string =>
  cell.status === 'classified' ? String(cell.position ?? '') : STATUS_ABBREVIATION[cell.status];

export const LEGEND: readonly {
  readonly outcome: CellOutcome;
  readonly sample: string;
  readonly meaning: string;
}[] = [
  { outcome: 'gold', sample: '1', meaning: 'Winner' },
  { outcome: 'silver', sample: '2', meaning: 'Second place' },
  { outcome: 'bronze', sample: '3', meaning: 'Third place' },
  { outcome: 'points', sample: '5', meaning: 'Other points finish' },
  { outcome: 'nopoints', sample: '17', meaning: 'Classified, no points' },
  { outcome: 'nc', sample: 'Ret', meaning: 'Not classified (retired or NC)' },
  { outcome: 'dsq', sample: 'DSQ', meaning: 'Disqualified or excluded' },
  { outcome: 'dns', sample: 'DNS', meaning: 'Did not start or withdrew' },
];
