/**
 * Files a reply comes with, on the operator's own doors: written where the asker said (`out:`),
 * relative to the working directory, or else shown after the answer. The path is the operator's own
 * (the console and the CLI are run by whoever runs Lectern), so it is not confined.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Reply } from '../../reply/model.ts';

export async function deliverFiles(reply: Reply, show: (text: string) => void, note: (text: string) => void): Promise<void> {
  for (const file of reply.files ?? []) {
    if (!file.saveAs) {
      show(file.data.replace(/\n$/u, ''));
      continue;
    }
    const target = path.resolve(file.saveAs.replace(/^~(?=$|\/)/u, os.homedir()));
    try {
      await writeFile(target, file.data);
      note(`Wrote ${target} (${Buffer.byteLength(file.data)} bytes).`);
    } catch (err) {
      note(`Could not write ${target}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
    }
  }
}
