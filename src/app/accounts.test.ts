import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './accounts.js';

describe('password hashing', () => {
  it('hashes cheaply in the test suite only, and checks hashes of either cost', async () => {
    // vitest.config.ts asks for N=2^10 so the many logins of the suite stay fast.
    const cheap = await hashPassword('correct horse battery');
    expect(cheap).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword('correct horse battery', cheap)).toBe(true);

    // Outside vitest the same module ignores the variable and pays the full cost, even when the
    // variable is set; a hash made there is checked here like any other.
    const env: NodeJS.ProcessEnv = { ...process.env, PADDOCK_TEST_SCRYPT_N: '1024' };
    delete env['VITEST'];
    const full = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        "const { hashPassword } = await import('./src/app/accounts.ts'); console.log(await hashPassword('correct horse battery'));",
      ],
      { env, encoding: 'utf8' },
    ).trim();
    expect(full).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('correct horse battery', full)).toBe(true);
    expect(await verifyPassword('correct horse batterz', full)).toBe(false);
    expect(await verifyPassword('correct horse batterz', cheap)).toBe(false);
  }, 30_000);
});
