// Development entry point (`npm run paddock -- ...` runs the TypeScript sources through tsx).
import { main } from './main.js';

process.exitCode = await main(process.argv);
