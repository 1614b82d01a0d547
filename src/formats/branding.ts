/**
 * A season's branding (season.yaml `branding:`): the series' colours and logo, used by the
 * embeddable standings widget and the pages' share previews. Colours are hex; the logo is an https
 * link (the widget is shown on other sites, which may refuse mixed content). Text on the primary
 * colour must be readable: WCAG 2 asks for a contrast of at least 4.5:1 for normal text.
 */
import { z } from 'zod';

/** WCAG 2's minimum contrast for normal text (success criterion 1.4.3). */
export const MIN_TEXT_CONTRAST = 4.5;

export const hexColour = z
  .string()
  .regex(/^#(?:[0-9a-fA-F]{3}){1,2}$/, 'a colour is a hex code such as "#d5001c" or "#fff"');

const httpsUrl = z
  .string()
  .regex(/^https:\/\/[^\s"'<>]+$/, 'the logo is an https:// link (no spaces or quotes)');

/** The six-digit lower-case form of a hex colour (`#FFF` -> `#ffffff`). */
export function normaliseHex(hex: string): string {
  const h = hex.slice(1).toLowerCase();
  return `#${h.length === 3 ? [...h].map((c) => c + c).join('') : h}`;
}

/** The relative luminance of a hex colour (WCAG 2). */
function luminance(hex: string): number {
  const h = normaliseHex(hex);
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two hex colours, from 1 (none) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on `background`. */
export const readableOn = (background: string): string =>
  contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff') ? '#000000' : '#ffffff';

export const brandingSchema = z
  .object({
    colours: z
      .object({
        /** The widget's header and accents. */
        primary: hexColour,
        /** Text on the primary colour (default: black or white, whichever reads better). */
        text: hexColour.optional(),
      })
      .strict()
      .optional(),
    logo: httpsUrl.optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    const c = b.colours;
    if (c?.text === undefined) return;
    const ratio = contrastRatio(c.primary, c.text);
    if (ratio < MIN_TEXT_CONTRAST)
      ctx.addIssue({
        code: 'custom',
        path: ['colours', 'text'],
        message: `text ${c.text} on primary ${c.primary} has a contrast of ${ratio.toFixed(2)}:1; at least ${MIN_TEXT_CONTRAST}:1 is needed to be readable (try ${readableOn(c.primary)})`,
      });
  });
