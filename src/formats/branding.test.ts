import { describe, expect, it } from 'vitest';
import type { Season } from '../engine/index.js';
import { contrastRatio, normaliseHex, readableOn } from './branding.js';
import { loadSeasonFiles } from './season-folder.js';
import { seasonFolderFiles } from './write-season-folder.js';

const rulebook = `id: tiny
name: Tiny
scales: { s: [9, 6] }
championships:
  - { id: drivers, name: Drivers, points: { race: s } }
`;

const season: Season = {
  id: 'tiny',
  name: 'Tiny',
  year: 2024,
  series: { id: 's', name: 'S' },
  aliases: [],
  classes: [{ id: 'a', name: 'A' }],
  events: [{ id: 'e', round: 1, name: 'E', circuit: 'C', tags: [] }],
  sessions: [{ id: 'e-race', eventId: 'e', type: 'race', name: 'Race', race: 1 }],
  drivers: [{ id: 'd', name: 'D' }],
  teams: [{ id: 't', name: 'T' }],
  entries: [
    { id: '1-d', car: '1', teamId: 't', driverIds: ['d'], classId: 'a', eventIds: ['e'], eligible: true },
  ],
  classifications: [],
  awards: [],
  adjustments: [],
  published: [],
  notes: [],
  branding: { primary: '#d5001c', text: '#ffffff', logo: 'https://example.org/logo.svg' },
};

const withBranding = (yaml: string) => {
  const { branding: _branding, ...plain } = season;
  const files = seasonFolderFiles(plain, rulebook);
  files.set('season.yaml', `${files.get('season.yaml')!}branding:\n${yaml}`);
  return loadSeasonFiles(files);
};

describe('season branding', () => {
  it('is written to season.yaml and read back unchanged', async () => {
    const files = seasonFolderFiles(season, rulebook);
    expect(files.get('season.yaml')).toContain('branding:\n  colours:\n    primary: "#d5001c"');
    const loaded = await loadSeasonFiles(files);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    expect(loaded.value.season.branding).toEqual(season.branding);
  });

  it('reads short hex colours as six digits', async () => {
    const loaded = await withBranding('  colours: { primary: "#FC0" }\n');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    expect(loaded.value.season.branding).toEqual({ primary: '#ffcc00' });
  });

  it('refuses a colour that is not hex, a logo that is not https, and unreadable text, naming each line', async () => {
    const loaded = await withBranding('  colours:\n    primary: red\n  logo: http://example.org/logo.png\n');
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    // season.yaml ends with notes: [] on line 23; branding: is line 24, colours: 25.
    expect(loaded.issues.map((i) => [i.location?.file, i.location?.line, i.message])).toEqual([
      ['season.yaml', 26, '"branding.colours.primary": a colour is a hex code such as "#d5001c" or "#fff"'],
      ['season.yaml', 27, '"branding.logo": the logo is an https:// link (no spaces or quotes)'],
    ]);
    const unreadable = await withBranding('  colours: { primary: "#ffff00", text: "#ffffff" }\n');
    expect(unreadable.ok).toBe(false);
    if (!unreadable.ok)
      expect(unreadable.issues[0]!.message).toContain(
        'text #ffffff on primary #ffff00 has a contrast of 1.07:1; at least 4.5:1 is needed',
      );
  });

  it('measures contrast as WCAG 2 does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    // #767676 on white is the lightest grey that passes 4.5:1; #777777 just fails.
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThan(4.5);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
    expect(readableOn('#d5001c')).toBe('#ffffff');
    expect(readableOn('#ffcc00')).toBe('#000000');
    expect(normaliseHex('#AbC')).toBe('#aabbcc');
  });
});
