// The secret that signs web-chat access tokens: SOTONG_SECRET when set, otherwise one generated
// on first start and kept in the data folder (mode 0600) so tokens survive a restart.
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makePrivateFolder } from '../store/private-folder';

export const SECRET_FILE = 'server-secret';

export async function resolveServerSecret(configured: string | undefined, dataDir: string): Promise<{ secret: string; source: 'env' | 'file' | 'generated' }> {
  if (configured) return { secret: configured, source: 'env' };
  const file = path.join(dataDir, SECRET_FILE);
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored.length >= 32) return { secret: stored, source: 'file' };
    throw new Error(`${file} holds fewer than 32 characters; delete it or set SOTONG_SECRET`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await makePrivateFolder(dataDir);
  const secret = randomBytes(32).toString('base64url');
  try {
    // 'wx': if another process created it a moment ago, keep theirs.
    await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return { secret, source: 'generated' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { secret: (await readFile(file, 'utf8')).trim(), source: 'file' };
  }
}
