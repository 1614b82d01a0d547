// `npm start`: the Paddock server (PORT, HOST, DATABASE_URL or PADDOCK_DB from the environment).
import { startServer } from './start.js';

const { server, paddock, live } = await startServer();
const stop = () => {
  server.close();
  void live
    .close()
    .then(() => paddock.close())
    .then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
