/**
 * Checks a rulebook on its own and against a season (classes, scales, championship ids used by
 * adjustments and published figures). Each rule kind validates its own fields.
 */
import { issue } from './issues.js';
import type { Issue } from './issues.js';
import type { Rulebook } from './rulebook.js';
import { isPenalty } from './season.js';
import type { Season } from './season.js';
import {
  bonusModule,
  dropModule,
  multiplierModule,
  sharedDriveModule,
  teamScoringModule,
  tieBreakModule,
} from './rules/registry.js';

/** Returns every problem of a rulebook, checked against the season when one is given. */
export function validateRulebook(rulebook: Rulebook, season?: Season): Issue[] {
  const out: Issue[] = [];
  const champIds = new Set<string>();
  rulebook.championships.forEach((c) => {
    const path = ['championships', c.id];
    if (champIds.has(c.id))
      out.push(
        issue('championship.duplicate-id', [...path, 'id'], `championship id "${c.id}" is used twice`),
      );
    champIds.add(c.id);
    for (const [type, scale] of Object.entries(c.points)) {
      if (!(scale in rulebook.scales)) {
        out.push(
          issue(
            'scale.unknown',
            [...path, 'points', type],
            `unknown scale "${scale}"`,
            `Define it under scales: (known: ${Object.keys(rulebook.scales).join(', ')}).`,
          ),
        );
      }
    }
    c.bonuses.forEach((r, i) => out.push(...bonusModule(r).validate(r, [...path, 'bonuses', i])));
    c.multipliers.forEach((r, i) =>
      out.push(...multiplierModule(r).validate(r, [...path, 'multipliers', i])),
    );
    c.drops.forEach((r, i) => out.push(...dropModule(r).validate(r, [...path, 'drops', i])));
    c.tieBreaks.forEach((r, i) => out.push(...tieBreakModule(r).validate(r, [...path, 'tieBreaks', i])));
    out.push(...sharedDriveModule(c.sharedDrives).validate(c.sharedDrives, [...path, 'sharedDrives']));
    out.push(...teamScoringModule(c.teamScoring).validate(c.teamScoring, [...path, 'teamScoring']));
    if (c.requires?.topN !== undefined)
      out.push(
        issue(
          'condition.top-n-for-places',
          [...path, 'requires', 'topN'],
          'a condition for position points cannot depend on the position it gives',
          'A top-N condition is for bonuses; position points may require a share of the leader’s laps, or no disconnection.',
        ),
      );
    if (c.classChanges === 'follow-driver' && (c.competitor !== 'driver' || c.basis !== 'class'))
      out.push(
        issue(
          'championship.class-changes',
          [...path, 'classChanges'],
          'points follow a driver who changes class only in a drivers’ championship by position within the class',
          'Give the championship competitor: driver and basis: class, or leave class changes as they are (stay).',
        ),
      );
    c.overrides?.forEach((o, i) => {
      const at = [...path, 'overrides', i];
      if (!o.sessions?.length && !o.eventTags?.length)
        out.push(
          issue(
            'override.no-selector',
            at,
            'an override names no session and no event tag',
            'Name the sessions or the event tags it applies to.',
          ),
        );
      for (const [type, scale] of Object.entries(o.points ?? {})) {
        if (!(type in c.points))
          out.push(
            issue(
              'override.unscored-type',
              [...at, 'points', type],
              `the championship scores no "${type}" sessions, so an override cannot give them a scale`,
              `It scores: ${Object.keys(c.points).join(', ')}.`,
            ),
          );
        if (!(scale in rulebook.scales))
          out.push(issue('scale.unknown', [...at, 'points', type], `unknown scale "${scale}"`));
      }
      if (season)
        for (const s of o.sessions ?? [])
          if (!season.sessions.some((k) => k.id === s))
            out.push(issue('session.unknown', [...at, 'sessions'], `unknown session "${s}"`));
    });
    if (season) {
      const classes = new Set(season.classes.map((k) => k.id));
      for (const k of c.scope.classes ?? []) {
        if (!classes.has(k))
          out.push(
            issue(
              'class.unknown',
              [...path, 'scope', 'classes'],
              `unknown class "${k}"`,
              `The season's classes are: ${[...classes].join(', ')}.`,
            ),
          );
      }
    }
  });
  if (season) {
    season.adjustments.forEach((a, i) => {
      if (isPenalty(a)) return;
      if (a.championshipId !== undefined && !champIds.has(a.championshipId)) {
        out.push(
          issue(
            'championship.unknown',
            ['adjustments', i, 'championship'],
            `unknown championship "${a.championshipId}"`,
            `The rulebook's championships are: ${[...champIds].join(', ')}.`,
          ),
        );
      }
    });
    season.published.forEach((p, i) => {
      if (!champIds.has(p.championshipId)) {
        out.push(
          issue(
            'championship.unknown',
            ['published', i, 'championship'],
            `unknown championship "${p.championshipId}"`,
            `The rulebook's championships are: ${[...champIds].join(', ')}.`,
          ),
        );
      }
    });
    for (const s of season.sessions) {
      if (s.pointsScale !== undefined && !(s.pointsScale in rulebook.scales)) {
        out.push(
          issue('scale.unknown', ['sessions', s.id, 'pointsScale'], `unknown scale "${s.pointsScale}"`),
        );
      }
    }
  }
  return out;
}
