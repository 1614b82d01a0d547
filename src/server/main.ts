// `npm start`: the Paddock server (PORT, HOST, DATABASE_URL or PADDOCK_DB from the environment).
import { startServer } from './start.js';

const { server, store } = await startServer();
const stop = () => {
  server.close();
  void store.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
