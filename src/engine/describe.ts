/** Rulebooks in plain words, rule by rule, built from each kind's own `describe`. */
import { formatDisplay } from './fraction.js';
import type { Championship, Rulebook, Scale } from './rulebook.js';
import { describeScale } from './scale.js';
import { conditionParts } from './rules/bonuses/conditions.js';
import {
  bonusModule,
  dropModule,
  multiplierModule,
  sharedDriveModule,
  teamScoringModule,
  tieBreakModule,
} from './rules/registry.js';

const describeDefinedScale = (s: Scale | undefined) => (s ? describeScale(s) : 'undefined');

/** Describes one championship of a rulebook as a list of sentences. */
export function describeChampionship(rulebook: Rulebook, c: Championship): string[] {
  const scope = [
    c.scope.classes ? `class ${c.scope.classes.join(', ')}` : 'every class',
    ...(c.scope.eventTags ? [`events tagged ${c.scope.eventTags.join(' or ')}`] : []),
    ...(c.scope.excludeEventTags ? [`not events tagged ${c.scope.excludeEventTags.join(' or ')}`] : []),
  ];
  const lines = [
    `${c.name} (${c.id}): a ${c.competitor}s' championship over ${scope.join(', ')}.`,
    `Points by ${c.basis === 'class' ? 'position within the class' : 'overall position'}; ineligible entries ${c.ineligible === 'remove' ? 'are removed first, so points pass to the next eligible finisher' : 'keep their place and score nothing'}.`,
    ...Object.entries(c.points).map(
      ([type, id]) => `${type}: ${describeDefinedScale(rulebook.scales[id])} (scale ${id}).`,
    ),
    ...(c.requires
      ? [
          `Position points only for a car ${conditionParts(c.requires).join(', ')}; ${c.unmet === 'move-up' ? 'other cars are taken out of the order, so the cars behind move up' : 'other cars keep their place and score nothing'}.`,
        ]
      : []),
    ...(c.nonStarters
      ? [`A car entered but not started scores ${formatDisplay(c.nonStarters.share)} of its place's points.`]
      : []),
    ...(c.classChanges === 'follow-driver'
      ? [
          "A driver who changes class takes the points scored in the old class to the new class's table, at the places they were scored.",
        ]
      : []),
    ...c.bonuses.map((r) => `Bonus: ${bonusModule(r).describe(r)}.`),
    ...c.multipliers.map((r) => `Multiplier: ${multiplierModule(r).describe(r)}.`),
    ...c.drops.map((r) => `Drops: ${dropModule(r).describe(r)}.`),
    `Shared drives: ${sharedDriveModule(c.sharedDrives).describe(c.sharedDrives)}.`,
    ...(c.competitor === 'team'
      ? [`Team scoring: ${teamScoringModule(c.teamScoring).describe(c.teamScoring)}.`]
      : []),
    ...c.tieBreaks.map((r) => `Tie-break: ${tieBreakModule(r).describe(r)}.`),
    'Competitors still equal after the tie-breaks share the position.',
    `Listed: ${{ scored: 'those who scored points', classified: 'those who scored points or were classified in a race', started: 'those who started at least once', entered: 'everyone entered' }[c.listed]}.`,
    ...(c.overrides ?? []).map((o) => {
      const where = [
        ...(o.sessions?.length ? [`session ${o.sessions.join(', ')}`] : []),
        ...(o.eventTags?.length ? [`events tagged ${o.eventTags.join(' or ')}`] : []),
      ].join(' and ');
      const what = [
        ...(o.basis
          ? [`points by ${o.basis === 'class' ? 'position within the class' : 'overall position'}`]
          : []),
        ...(o.ineligible
          ? [
              `ineligible entries ${o.ineligible === 'remove' ? 'removed first, so points pass down' : 'keep their place'}`,
            ]
          : []),
        ...Object.entries(o.points ?? {}).map(([type, id]) => `${type} scored on scale ${id}`),
      ].join('; ');
      return `At ${where}: ${what}.`;
    }),
    ...(c.assumptions ?? []).map((a) => `Assumption: ${a}`),
  ];
  return lines;
}
