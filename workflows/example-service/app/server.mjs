// A deliberately tiny HTTP service: enough for a health check and to show which build is running.
import http from 'node:http';

const port = Number(process.env.PORT || 8080);
const info = {
  service: 'example-service',
  revision: process.env.APP_REVISION || 'unknown', // the commit SHA the image was built from
  environment: process.env.APP_ENV || 'local',
};

const server = http.createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end(`${JSON.stringify(info)}\n`);
});

server.listen(port, () => console.log(`example-service ${info.revision} listening on :${port}`));
// ECS sends SIGTERM before stopping a task: finish in-flight requests, then exit.
process.on('SIGTERM', () => server.close(() => process.exit(0)));
