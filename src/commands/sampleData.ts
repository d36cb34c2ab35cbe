import * as vscode from 'vscode';
import { registerCommand } from './safeCommand';
import { Logger } from '../api/logger';
import { TokenAuthorizer } from '../api/authorizer';
import { WorkspaceController } from '../views/workspaceController';
import type { FaultPlan, RunningSimulator } from '../simulator/server';

/**
 * "Try with sample data": starts the built-in simulator on loopback and points the view at it,
 * leaving the user's settings and stored token untouched.
 */
export class SampleDataMode implements vscode.Disposable {
  private simulator: RunningSimulator | undefined;

  constructor(
    private readonly controller: WorkspaceController,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    if (!this.simulator) {
      // Loaded only now (esbuild.mjs makes it dist/simulator.js): most people never start sample data.
      const { faultsFromEnvironment, startSimulator } = await import('../simulator/server.js');
      // The demo can make the simulator misbehave: WORKSPACE_JOBS_SIM_FAULTS="latency=50,503=0.2".
      let faults: FaultPlan | undefined;
      try {
        faults = faultsFromEnvironment();
      } catch (error) {
        this.logger.warn(`Ignoring WORKSPACE_JOBS_SIM_FAULTS: ${(error as Error).message}`);
      }
      this.simulator = await startSimulator(faults ? { faults } : {});
      this.logger.info(`Sample data: simulator listening on ${this.simulator.url}`);
    }
    await this.controller.useSample({
      url: this.simulator.url,
      projectId: this.simulator.projectId,
      authorizer: new TokenAuthorizer(this.simulator.token),
    });
    await vscode.commands.executeCommand('workspaceJobs.subJobs.focus');
  }

  async stop(): Promise<void> {
    const simulator = this.simulator;
    this.simulator = undefined;
    await this.controller.useSample(undefined);
    await simulator?.close();
  }

  dispose(): void {
    void this.simulator?.close();
    this.simulator = undefined;
  }
}

export function registerSampleData(mode: SampleDataMode): vscode.Disposable {
  return vscode.Disposable.from(
    registerCommand('workspaceJobs.trySampleData', () => mode.start()),
    registerCommand('workspaceJobs.stopSampleData', () => mode.stop()),
  );
}
