'use strict';
// Catalogue API. `node server.js` serves /products once to itself, prints the
// response and exits, which keeps the demo container's output deterministic.
const http = require('http');
const bytes = require('bytes');
const ms = require('ms');

const products = [
  { sku: 'tee-01', name: 'Cache tee', imageBytes: 48213 },
  { sku: 'mug-02', name: 'Layer mug', imageBytes: 1536000 },
];

const server = http.createServer((req, res) => {
  if (req.url !== '/products') return res.writeHead(404).end();
  const body = products.map((p) => ({ ...p, image: bytes(p.imageBytes), ttl: ms(5 * 60 * 1000) }));
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  http.get({ host: '127.0.0.1', port, path: '/products' }, (res) => {
    let data = '';
    res.on('data', (chunk) => (data += chunk));
    res.on('end', () => {
      console.log(`GET /products -> ${res.statusCode}`);
      for (const p of JSON.parse(data)) console.log(`${p.sku} ${p.name} (${p.image}, cache ${p.ttl})`);
      server.close();
    });
  });
});
