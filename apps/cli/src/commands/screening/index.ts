import type { Command } from 'commander';

/** `qiao screen`, `qiao compare` and `qiao bench screening`. */
export function registerScreeningCommands(_program: Command): void {}
