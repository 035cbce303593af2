import type { Command } from 'commander';
import { LabService } from '../../api/lab-service';
import { rendererRoot } from '../../serve/renderer-root';
import { startServer } from '../../serve/server';
import { LabError } from '../../store';
import type { CliContext, DbOption } from '../context';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('serve the lab UI in a browser on 127.0.0.1 only (prints a URL with a per-start token)')
    .option('--port <port>', 'port on 127.0.0.1 (0 = any free port)', '0')
    .option('--json', 'print {"url","port"} as one JSON line once listening')
    .action(async (opts: DbOption & { port: string; json?: boolean }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new LabError(`--port must be a port number 0–65535, got '${opts.port}'`);
      const store = ctx.openStore(opts);
      const service = new LabService(store);
      const root = rendererRoot(ctx.err);
      const srv = await startServer({ port, root, api: service });
      ctx.out(opts.json ? JSON.stringify({ url: srv.url, port: srv.port }) : `coordlab serve: open ${srv.url}\n(database ${store.path}; Ctrl-C stops)`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      // Runs started from the UI end as 'stopped' (not 'interrupted') when serve stops.
      await service.runner.stopAll();
      await srv.close();
      store.close();
    });
}
