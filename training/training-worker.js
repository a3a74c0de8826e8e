// Entry point of the training worker thread (started by run-training-in-worker.ts). A worker
// thread does not inherit its parent's require hooks (tsx in bin/sotong.js, ts-jest under jest),
// so it registers tsx itself, the same way bin/sotong.js does, before loading the TypeScript.
require('tsx/cjs');
require('./training-worker.ts');
