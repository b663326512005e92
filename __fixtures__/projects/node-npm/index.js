'use strict';
// A tiny express-like service: a router, one JSON route and one HTML route.
// `node index.js` starts it on an ephemeral port, requests both routes once,
// prints the responses and exits, so the container output is deterministic.
const http = require('http');
const ms = require('ms');
const escapeHtml = require('escape-html');

const routes = {
  '/health': () => ({ type: 'application/json', body: JSON.stringify({ ok: true, uptimeBudget: ms(90 * 1000) }) }),
  '/hello': () => ({ type: 'text/html', body: `<p>Hello, ${escapeHtml('<cachify & friends>')}</p>` }),
};

const server = http.createServer((req, res) => {
  const route = routes[req.url];
  if (!route) {
    res.writeHead(404).end();
    return;
  }
  const { type, body } = route();
  res.writeHead(200, { 'content-type': type }).end(body);
});

function get(port, path) {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path }, (res) => {
        let data = '';
        res.on('data', (chunk) => (data += chunk));
        res.on('end', () => resolve(`${res.statusCode} ${path} ${data}`));
      })
      .on('error', reject);
  });
}

server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  for (const path of ['/health', '/hello']) console.log(await get(port, path));
  server.close();
});
