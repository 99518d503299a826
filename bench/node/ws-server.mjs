// Peer for the waiting-citizens benchmark: a plain `ws` WebSocket server on node:http that
// holds idle connections and greets each one, as kelisim does. Writes its port to argv[2].
// Run by bench/run-reception-bench.sh; stops by itself after argv[3] seconds.
import http from 'node:http';
import fs from 'node:fs';
import { WebSocketServer } from 'ws';

const [portFile, seconds = '120'] = process.argv.slice(2);
const server = http.createServer((req, res) => { res.writeHead(404); res.end(); });
const wss = new WebSocketServer({ server, path: '/ws', perMessageDeflate: false });
wss.on('connection', (ws) => {
  ws.on('error', () => {});
  ws.send(JSON.stringify({ type: 'hello', server_time: new Date().toISOString() }));
});
server.listen(0, '127.0.0.1', () => fs.writeFileSync(portFile, String(server.address().port)));
setTimeout(() => process.exit(0), Number(seconds) * 1000).unref();
