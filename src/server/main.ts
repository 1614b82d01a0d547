// `npm start`: the Paddock server (PORT, HOST, DATABASE_URL or PADDOCK_DB from the environment).
import { ServerStartError, startServer } from './start.js';

try {
  const { stop } = await startServer();
  const once = () => void stop().then(() => process.exit(0));
  process.once('SIGINT', once);
  process.once('SIGTERM', once);
} catch (e) {
  if (!(e instanceof ServerStartError)) throw e;
  console.error(e.message);
  process.exit(1);
}
