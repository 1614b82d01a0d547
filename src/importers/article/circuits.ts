/**
 * The short names and ids of circuits whose usual name is not found in their official name
 * (a round at Circuit Gilles Villeneuve is "Montreal"); other circuits are named by dropping the
 * generic words ("Sebring International Raceway" -> "Sebring").
 */
import { slugify } from '../shared/names.js';

const KNOWN: Readonly<Record<string, { readonly id: string; readonly name: string }>> = {
  'circuit gilles villeneuve': { id: 'montreal', name: 'Montreal' },
  'circuit of the americas': { id: 'cota', name: 'Circuit of the Americas' },
  'autodromo hermanos rodriguez': { id: 'mexico-city', name: 'Mexico City' },
  'circuit de spa francorchamps': { id: 'spa', name: 'Spa-Francorchamps' },
  'circuit de la sarthe': { id: 'le-mans', name: 'Le Mans' },
  'circuit de barcelona catalunya': { id: 'barcelona', name: 'Barcelona' },
  'red bull ring': { id: 'red-bull-ring', name: 'Red Bull Ring' },
  'mid ohio sports car course': { id: 'mid-ohio', name: 'Mid-Ohio' },
  'virginia international raceway': { id: 'vir', name: 'Virginia International Raceway' },
};

const GENERIC =
  /\b(international|raceway|autodrome|autodromo|motor speedway|speedway|motorsport park|motorsports park|race ?track|circuit)\b/gi;

/** The event id and name for a circuit. */
export function circuitEvent(circuit: string): { id: string; name: string } {
  const key = slugify(circuit).replace(/-/g, ' ');
  const known = KNOWN[key];
  if (known) return known;
  const name = circuit.replace(GENERIC, '').replace(/\s+/g, ' ').trim() || circuit;
  return { id: slugify(name), name };
}
