import { InvalidArgumentError } from 'commander';

/** Parses a race number option ("8"). */
export function raceOption(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('give a race number such as 8');
  return Number(value);
}
