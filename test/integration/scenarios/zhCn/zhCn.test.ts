// Runs in the "zh-cn" scenario (test/harness/scenarios.mjs): VS Code's display language is zh-cn.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RawSubJob, RunningSimulator, startSimulator } from '../../../../src/simulator/server';
import { seriousViolations, ui, waitFor } from '../../ui';
import { asSubJob, closeNotifications, configure, EXTENSION_ID, resetExtension, showView } from '../../workbench';

/** The view's name in Chinese (package.nls.zh-cn.json). */
const VIEW = 'WorkspaceApp 任务';
/** The API page's own Chinese names of the statuses. */
const NAMES: Record<string, string> = {
  WAITING: '等待',
  RUNNING: '运行中',
  SUCCESS: '成功',
  FAILED: '失败',
  ABNORMAL: '异常',
  ROLLBACK: '回滚中',
  ABORTING: '终止中',
};

suite('In Chinese', function () {
  let simulator: RunningSimulator;
  const byStatus = new Map<string, RawSubJob>();

  suiteSetup(async function () {
    if (!ui.available) this.skip();
    simulator = await startSimulator({ progress: false, token: 'zh-token', size: 0, seed: 4 });
    for (const status of Object.keys(NAMES)) {
      byStatus.set(
        status,
        simulator.addSubJob({
          status,
          job_type: 'CREATE_SERVER_IMAGE',
          job_resource_info: {
            resource_id: `img-${status.toLowerCase()}`,
            resource_name: `镜像-${status.toLowerCase()}`,
          },
          ...(status === 'FAILED' && {
            job_execute_info: {
              error_code: 'WKS.00129901',
              error_message: 'The service is now unavailable to process the request.',
            },
          }),
        }),
      );
    }
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    await resetExtension();
  });

  suiteTeardown(async () => {
    await resetExtension();
    await simulator?.close();
  });

  test('the extension host runs in zh-cn', () => {
    assert.equal(vscode.env.language, 'zh-cn');
  });

  test('the welcome view is in Chinese', async () => {
    await showView();
    const view = await waitFor(async () => {
      const v = await ui.view(VIEW);
      return v.welcome ? v : undefined;
    });
    assert.match(view.welcome!.text, /查看华为云 WorkspaceApp 项目的镜像子任务/);
    for (const button of ['配置项目', '添加凭证', '使用示例数据'])
      assert.ok(view.welcome!.buttons.includes(button), `${button} in ${view.welcome!.buttons}`);
  });

  test('a token typed into the real box is reported in Chinese once the project answered', async () => {
    await configure({ projectId: simulator.projectId, endpoint: simulator.url, refreshInterval: 0 });
    const done = vscode.commands.executeCommand('workspaceJobs.setToken');
    const box = await ui.waitForQuickInput((q) => q.password === true);
    assert.equal(box.title, 'Workspace 任务：设置 Token');
    await ui.type('zh-token', { enter: true });
    await ui.waitForNotification(/^Workspace 任务：Token 已保存；项目 .+ 已接受该 Token。$/, 20_000);
    await done;
    await closeNotifications();
  });

  test('tree rows and what a screen reader hears are in Chinese, with the API values kept', async () => {
    const rows = await ui.waitForRows((r) => r.filter((x) => x.level === 2).length === 7, { view: VIEW }, 20_000);
    const project = rows.find((r) => r.level === 1)!;
    assert.equal(project.label, `${project.name}，项目，${project.description}`);
    for (const group of rows.filter((r) => r.level === 2)) {
      const status = group.name.split(' ').at(-1)!;
      // The Chinese name first, the raw value beside it: the API and its errors use the latter.
      assert.equal(group.name, `${NAMES[status]} ${status}`);
      assert.equal(group.label, `${NAMES[status]} ${status}，1 个子任务`);
    }
    await ui.clickRow({ label: `${NAMES.FAILED} FAILED`, view: VIEW });
    const failed = byStatus.get('FAILED')!;
    const expanded = await ui.waitForRows((r) => r.some((x) => x.name === failed.job_resource_info.resource_name), {
      view: VIEW,
    });
    const row = expanded.find((x) => x.name === failed.job_resource_info.resource_name)!;
    // Relative times come from Intl in the display language.
    assert.match(row.description, /^WKS\.00129901 · (现在|\d+\s*秒钟前|\d+\s*分钟前) · CREATE_SERVER_IMAGE$/);
    assert.equal(row.label, `${row.name}，失败 FAILED，${row.description}`);
  });

  test('the filter pickers are in Chinese and state their rule', async () => {
    const status = vscode.commands.executeCommand('workspaceJobs.filterByStatus');
    const pick = await ui.waitForQuickInput((q) => q.items.length === 7);
    assert.equal(pick.title, 'Workspace 任务：按状态筛选');
    assert.equal(pick.placeholder, '勾选要显示的状态；全部不勾选则显示所有状态');
    assert.deepEqual(
      pick.items.map((i) => `${i.label} ${i.description}`),
      ['RUNNING', 'WAITING', 'ROLLBACK', 'ABORTING', 'FAILED', 'ABNORMAL', 'SUCCESS'].map((s) => `${s} ${NAMES[s]}`),
    );
    await ui.press('Escape');
    await status;
    const jobType = vscode.commands.executeCommand('workspaceJobs.filterByJobType');
    const types = await ui.waitForQuickInput((q) => q.items.length === 3);
    assert.equal(types.title, 'Workspace 任务：按任务类型筛选');
    assert.equal(types.placeholder, '勾选要显示的任务类型；全部不勾选则显示所有类型');
    assert.deepEqual(
      types.items.map((i) => i.description),
      ['创建镜像实例', '构建镜像', '删除镜像实例'],
    );
    await ui.press('Escape');
    await jobType;
  });

  test('the details panel is in Chinese, lang="zh-CN", API text untranslated, and axe finds nothing serious', async () => {
    const failed = byStatus.get('FAILED')!;
    await vscode.commands.executeCommand('workspaceJobs.showDetails', asSubJob(failed));
    await ui.waitForWebview(failed.id, 15_000);
    // Shown at once from the row's data, then refreshed: "上次更新于 <time>" once the answer is in.
    const panel = await ui.waitForWebview('上次更新于', 15_000);
    for (const words of [
      '此子任务失败',
      '刷新',
      '复制子任务 ID',
      '上次更新于',
      '失败',
      '任务类型',
      'The service is now unavailable to process the request.',
    ]) {
      assert.ok(panel.text.includes(words), `the panel shows ${words}`);
    }
    assert.match(panel.html, /^<html lang="zh-CN"[ >]/);
    assert.deepEqual(seriousViolations(await ui.axe(failed.id), failed.id), []);
    await ui.screenshot('zh-cn-details');
  });
});
