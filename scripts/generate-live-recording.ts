/**
 * Writes data/live/2024-pccna-race-16.rmonitor, the recording `paddock replay` serves in the demo
 * (docs/live.md): a synthetic race 16 of the reference season that ends in the season's real
 * order, with a full-course yellow and one retirement. `npm run live:recording` runs it; a test
 * checks that the committed file is exactly what this script writes.
 */
import { writeFile } from 'node:fs/promises';
import { loadSeason } from '../src/formats/catalog.js';
import { RECORDING_FILE, referenceRecording } from '../src/live/reference-recording.js';

const loaded = await loadSeason('2024-pccna');
if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
const text = referenceRecording(loaded.value.season);
await writeFile(RECORDING_FILE, text, 'latin1');
console.log(`wrote ${RECORDING_FILE}: ${text.split('\r\n').length - 1} lines, ${text.length} bytes`);
