/**
 * Writing a whole folder atomically: every file goes into a temporary folder beside the target,
 * which is then renamed into place (the old folder moved aside and removed). A failure part-way
 * leaves the old folder as it was and removes the temporary one.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Replaces `dir` with exactly these files (relative names, `/`-separated, text or bytes). */
export async function replaceFolder(
  dir: string,
  files: Iterable<readonly [string, string | Uint8Array]>,
): Promise<void> {
  const temp = join(dirname(dir), `.${basename(dir)}.tmp-${process.pid}`);
  await rm(temp, { recursive: true, force: true });
  try {
    for (const [name, data] of files) {
      await mkdir(dirname(join(temp, name)), { recursive: true });
      await writeFile(join(temp, name), data);
    }
    const old = `${temp}-old`;
    await rm(old, { recursive: true, force: true });
    await rename(dir, old).catch(() => undefined);
    await rename(temp, dir);
    await rm(old, { recursive: true, force: true });
  } catch (e) {
    await rm(temp, { recursive: true, force: true });
    throw e;
  }
}
