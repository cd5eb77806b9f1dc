// The worker service: the same image as the web service, started with another command
// (`node worker.mjs`, set in the worker's task definition). It stands in for a queue consumer.
const revision = process.env.APP_REVISION || 'unknown'; // the commit SHA the image was built from
const environment = process.env.APP_ENV || 'local';

console.log(`example-service worker ${revision} started in ${environment}`);
const timer = setInterval(() => console.log(`worker ${revision}: polling for work`), 30_000);

// ECS sends SIGTERM before stopping a task: stop taking work, then exit.
process.on('SIGTERM', () => {
  clearInterval(timer);
  process.exit(0);
});
