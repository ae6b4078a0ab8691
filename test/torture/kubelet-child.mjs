// The "kubelet" of the torture suite: a separate process that runs the
// project's volume writer (transpiled by transpile-writer.util.ts) on the
// versions its parent sends, one at a time, as kubelet serialises its
// writes. It reports each swap right before `rename(..data_tmp, ..data)`,
// with the version directory `..data` is about to name, and each finished
// write.
import { readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [writerPath, dir] = process.argv.slice(2);
const { writeConfigMapVolume } = await import(pathToFileURL(writerPath).href);

const queue = [];
let writing = false;

async function drain() {
  if (writing) return;
  writing = true;
  while (queue.length > 0) {
    const { index, payload, fsGroup } = queue.shift();
    try {
      const result = await writeConfigMapVolume(dir, payload, {
        fsGroup,
        onSwap: () =>
          process.send({ swapping: index, name: readlinkSync(join(dir, '..data_tmp')) }),
      });
      process.send({ wrote: index, changed: result.changed });
    } catch (error) {
      process.send({ failed: index, message: String(error?.stack ?? error) });
    }
  }
  writing = false;
}

process.on('message', (message) => {
  if (message === 'exit') process.disconnect();
  else {
    queue.push(message);
    void drain();
  }
});
process.send('ready');
