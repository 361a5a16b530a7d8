import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describeWorkspace } from '../docs/examples/client';
import { createTestApp, expectData, type TestApp } from './app';
import { addMember, createTenant, createWorkspace, PASSWORD } from './factories';
import { startHttpServer } from './http-server';

const run = promisify(execFile);
const DOC = readFileSync(path.join(__dirname, '..', 'docs', 'api.md'), 'utf8');

/** Every ```bash block of docs/api.md, in order. */
function bashBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

describe('docs/api.md examples run against a live server', () => {
  let app: TestApp;
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  let tenant: Awaited<ReturnType<typeof createTenant>>;
  let second: { id: string; name: string };

  beforeAll(async () => {
    app = await createTestApp();
    tenant = await createTenant(app, { currency: 'GBP' });
    second = await createWorkspace(app, tenant.org.id, 'Docs second Workspace');
    await addMember(app, second.id, tenant.admin.id, 'OBSERVER');
    server = await startHttpServer(app.runtime);
  });
  afterAll(async () => {
    await server.close();
    await app.close();
  });

  it('runs every shell example in order, with the documented results', async () => {
    const script = ['set -euo pipefail', ...bashBlocks(DOC)].join('\n');
    expect(bashBlocks(DOC).length).toBeGreaterThanOrEqual(7);
    const { stdout } = await run('bash', ['-c', script], {
      env: { ...process.env, PORTAL_URL: server.url, EMAIL: tenant.admin.email, PASSWORD },
      timeout: 60_000,
    });
    const lines = stdout.trim().split('\n');
    expect(lines).toContain('token starts with iotp_');
    expect(stdout).toContain(
      `{"data":{"viewer":{"role":"ADMINISTRATOR","activeWorkspace":{"name":"${tenant.workspace.name}","organization":{"currency":"GBP"}}}}}`,
    );
    expect(lines).toContain(`{"name":"${second.name}","role":"OBSERVER","isDefault":false}`);
    expect(stdout).toContain(`{"data":{"switchWorkspace":{"workspace":{"name":"${second.name}"}}}}`);
    expect(lines).toContain('{"totalCount":1,"hasNextPage":false}');
    expect(lines).toContain('{"code":"NOT_FOUND","field":"id"}');
    expect(lines).toContain('{"data":{"revokeApplicationToken":true}}');
    expect(lines.at(-1)).toBe('"UNAUTHENTICATED"');
  });

  it('runs the typed TypeScript client', async () => {
    const created = expectData(
      await app.gql<{ createApplicationToken: { token: string } }>(
        'mutation { createApplicationToken(description: "typed client") { token } }',
        {},
        { token: tenant.admin.token },
      ),
    );
    const summary = await describeWorkspace(server.url, created.createApplicationToken.token);
    expect(summary).toMatch(new RegExp(`^${tenant.workspace.name} \\(GBP\\), role ADMINISTRATOR, \\d+ token\\(s\\)$`));
    // The snippet shown in the document is the client's real call.
    expect(DOC).toContain('portalRequest(url, token, WorkspaceOverviewDocument)');
    expect(readFileSync(path.join(__dirname, '..', 'docs', 'examples', 'client.ts'), 'utf8')).toContain(
      'portalRequest(url, token, WorkspaceOverviewDocument)',
    );
  });
});
