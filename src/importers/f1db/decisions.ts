/**
 * What f1db does not hold as data but a season needs to be scored as the championship was:
 * stewards' decisions (exclusions, points withheld), the races run for double or reduced points,
 * the cars not eligible for points that its results cannot reveal, and the rulebook override one
 * Grand Prix needs. Each entry says why, with its source.
 */
import type { Adjustment, Fraction } from '../../engine/index.js';

/** A car not eligible for points at one round. */
export interface Ineligible {
  readonly round: number;
  readonly driverId: string;
  readonly note: string;
}

export interface SeasonDecisions {
  readonly adjustments?: readonly Adjustment[];
  /** Event tags by event id (the 2014 Abu Dhabi Grand Prix: `double-points`). */
  readonly eventTags?: Readonly<Record<string, readonly string[]>>;
  /** A reduced scale declared for a session, by session id. */
  readonly pointsScale?: Readonly<Record<string, string>>;
  /** A points factor declared for a session, by session id. */
  readonly pointsFactor?: Readonly<Record<string, Fraction>>;
  readonly sessionNotes?: Readonly<Record<string, string>>;
  /** Cars not eligible for points, beyond those the results reveal. */
  readonly ineligible?: readonly {
    readonly round: number;
    readonly driverId: string;
    readonly note: string;
  }[];
  /**
   * A constructor entered under a new entry from a round on, scored as a new team (Racing Point
   * Force India from the 2018 Belgian Grand Prix): its cars and its published rows from that
   * round carry `teamId`.
   */
  readonly newTeams?: readonly {
    readonly fromRound: number;
    readonly constructorId: string;
    readonly engineId: string;
    readonly teamId: string;
    readonly name: string;
  }[];
  /** Fastest laps f1db lists as a tie whose point its own results give to these drivers only, by session. */
  readonly fastestLap?: Readonly<
    Record<string, { readonly drivers: readonly string[]; readonly note: string }>
  >;
  /** A shared car's driver who drove too little to share its points, by session and driver. */
  readonly nonScoringDrivers?: Readonly<Record<string, { readonly driverId: string; readonly note: string }>>;
  /** YAML lines appended to the season's rulebook.yaml (championship overrides). */
  readonly rulebook?: string;
  readonly notes?: readonly string[];
}

const F2_PASSED_DOWN = `championships:
  # The Formula 2 cars run in the German Grand Prix were not eligible, and the points of the
  # places they took passed to the next Formula One cars (f1db's points and tables; the
  # Nurburgring results in "Formula One: The Complete Story", and the season's standings).
  - { id: drivers, ineligible: remove }
  - { id: constructors, ineligible: remove }
`;

/** The Formula 2 cars run in a German Grand Prix's Formula 2 class: never eligible for points. */
const formula2 = (round: number, drivers: readonly string[]): readonly Ineligible[] =>
  drivers.map((driverId) => ({
    round,
    driverId,
    note: 'Formula 2 car, run in the Formula 2 class of the German Grand Prix: not eligible for points',
  }));

/**
 * A season whose published final table orders a tie countback leaves by who scored first, where
 * the other seasons of its preset share the place: the regulations leave that case to the FIA
 * (Sporting Regulations, article 7, dead heat); the published table is the FIA's answer.
 */
const scoredFirst = (championship: 'drivers' | 'constructors', example: string): string =>
  `championships:
  # The published final table ranks competitors level on countback by who scored first (${example}).
  - id: ${championship}
    tie_breaks: [{ kind: countback, places: scoring${championship === 'constructors' ? ', cars: all' : ''} }, { kind: scored-first }]
`;

/** Decisions by season. */
export const DECISIONS: Readonly<Record<number, SeasonDecisions>> = {
  1953: {
    fastestLap: {
      france: {
        drivers: ['juan-manuel-fangio'],
        note:
          "f1db times Ascari's lap equal to Fangio's 2:41.1, but its points and tables give Fangio the whole point, " +
          'as most period sources do (Wikipedia F1 project, disputed results: 1953 French GP)',
      },
    },
  },
  1957: {
    ineligible: formula2(6, [
      'edgar-barth',
      'brian-naylor',
      'carel-godin-de-beaufort',
      'umberto-maglioli',
      'dick-gibson',
    ]),
    nonScoringDrivers: {
      'great-britain': {
        driverId: 'peter-collins',
        note:
          'Collins drove the car for a few laps only and was given no share of its 3 points (f1db; the ' +
          'championship tables give Trintignant 3): from 1954 a shared drive was divided unless a driver ' +
          "covered 'insufficient distance' (cliptheapex.com, 'F1 points scoring systems: 1950 - 2008')",
      },
    },
  },
  1958: {
    ineligible: formula2(8, [
      'bruce-mclaren',
      'edgar-barth',
      'ian-burgess',
      'tony-marsh',
      'ivor-bueb',
      'wolfgang-seidel',
      'christian-goethals',
      'carel-godin-de-beaufort',
      'dick-gibson',
      'brian-naylor',
    ]),
  },
  1966: {
    ineligible: formula2(6, [
      'jean-pierre-beltoise',
      'hubert-hahne',
      'jo-schlesser',
      'hans-herrmann',
      'pedro-rodriguez',
      'alan-rees',
      'piers-courage',
      'kurt-ahrens-jr',
      'jacky-ickx',
      'silvio-moser',
      'gerhard-mitter',
    ]),
  },
  1967: {
    ineligible: formula2(7, [
      'jackie-oliver',
      'alan-rees',
      'jacky-ickx',
      'brian-hart',
      'kurt-ahrens-jr',
      'jo-schlesser',
      'gerhard-mitter',
      'brian-redman',
    ]),
    rulebook: F2_PASSED_DOWN,
  },
  1969: {
    ineligible: formula2(7, [
      'henri-pescarolo',
      'richard-attwood',
      'kurt-ahrens-jr',
      'rolf-stommelen',
      'peter-westbury',
      'xavier-perrot',
      'francois-cevert',
      'gerhard-mitter',
      'hubert-hahne',
      'dieter-quester',
      'hans-herrmann',
    ]),
    rulebook: F2_PASSED_DOWN,
  },
  1991: {
    rulebook: scoredFirst('constructors', 'Lotus-Judd 9th, Brabham-Yamaha 10th, a 5th and a 6th place each'),
  },
  1995: {
    rulebook: scoredFirst('drivers', 'Suzuki 17th, Lamy 18th, a 6th place each'),
    adjustments: [
      {
        kind: 'results-withheld',
        championshipId: 'constructors',
        teamId: 'benetton-renault',
        sessionId: 'brazil',
        reason:
          'Elf fuel found not to match its approved sample: the FIA Court of Appeal (April 1995) restored the ' +
          "drivers' points but not the constructors'",
      },
      {
        kind: 'results-withheld',
        championshipId: 'constructors',
        teamId: 'williams-renault',
        sessionId: 'brazil',
        reason:
          'Elf fuel found not to match its approved sample: the FIA Court of Appeal (April 1995) restored the ' +
          "drivers' points but not the constructors'",
      },
    ],
  },
  1997: {
    adjustments: [
      {
        kind: 'exclusion',
        championshipId: 'drivers',
        driverId: 'michael-schumacher',
        applies: 'final',
        reason:
          "excluded from the 1997 drivers' championship for the collision with Villeneuve at the European GP, " +
          'his results standing (FIA World Motor Sport Council, 11 November 1997); tables after each race rank him',
      },
    ],
  },
  2000: {
    adjustments: [
      {
        kind: 'points-deduction',
        championshipId: 'constructors',
        teamId: 'mclaren-mercedes',
        points: { num: 10n, den: 1n },
        sessionId: 'austria',
        reason:
          "the FIA seal was missing from Hakkinen's winning car's control box: McLaren lost the win's 10 " +
          "constructors' points, Hakkinen kept his (FIA, 2000 Austrian GP)",
      },
    ],
  },
  2007: {
    adjustments: [
      {
        kind: 'exclusion',
        championshipId: 'constructors',
        teamId: 'mclaren-mercedes',
        reason:
          "excluded from the 2007 constructors' championship for holding Ferrari technical information " +
          '(FIA World Motor Sport Council, 13 September 2007); its drivers kept their points',
      },
    ],
  },
  2014: {
    // Sporting Regulations 2014, art. 6.4: double points at the final event.
    eventTags: { 'abu-dhabi': ['double-points'] },
  },
  2018: {
    adjustments: [
      {
        kind: 'exclusion',
        championshipId: 'constructors',
        teamId: 'force-india-mercedes',
        sessionId: 'belgium',
        reason:
          "Force India's entry ended when the team went into administration; its 59 points were not carried to " +
          'Racing Point Force India, which entered from the Belgian GP as a new constructor (FIA, August 2018)',
      },
    ],
    newTeams: [
      {
        fromRound: 13,
        constructorId: 'force-india',
        engineId: 'mercedes',
        teamId: 'racing-point-force-india-mercedes',
        name: 'Racing Point Force India-Mercedes',
      },
    ],
  },
  2020: {
    adjustments: [
      {
        kind: 'points-deduction',
        championshipId: 'constructors',
        teamId: 'racing-point-bwt-mercedes',
        points: { num: 15n, den: 1n },
        sessionId: '70th-anniversary',
        reason:
          'rear brake ducts designed by Mercedes, not Racing Point: 7.5 points per car for the Styrian GP ' +
          "(FIA stewards' decision of 7 August 2020, before the 70th Anniversary GP)",
      },
    ],
  },
};
