import type { App } from '../../http.ts';

/**
 * Runs `task` every `ms` once the server is ready, one run at a time (a tick while a run is under way
 * is skipped). A failure is logged and the next tick tries again: a peer that is down is normal. On
 * close the ticks stop and a run under way is awaited, so the database never closes under it.
 */
export function everyInterval(app: App, ms: number, task: () => Promise<void>, failure: (message: string) => string): void {
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<void> | null = null;
  app.addHook('onReady', () => {
    timer = setInterval(() => {
      if (inFlight) return;
      inFlight = task()
        .catch((err: unknown) => app.log.info(failure(err instanceof Error ? err.message : String(err))))
        .finally(() => {
          inFlight = null;
        });
    }, ms);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    await inFlight;
  });
}
