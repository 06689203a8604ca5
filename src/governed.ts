// One run, many configs: each file of the change is judged by the config that governs it (its
// files, levels, options, policies, inventory), then one verdict is decided over all of them.
import type { ChangeSet, FileDelta, Signal } from './model.js';
import { fileFilterOf, type GateSetup } from './config/index.js';
import type { ConfigNode, ConfigTree } from './config/tree.js';
import type { FileFilter } from './sources/filter.js';
import { evaluateChange, type Evaluated } from './gate.js';

/** Which files count, and how a change set is evaluated: by one config, or by a tree of them. */
export interface Governance {
  filter: FileFilter;
  /** The evaluation, and the setup the verdict is decided with (waivers of every config in play). */
  evaluate(changeSet: ChangeSet): Promise<{ evaluated: Evaluated; setup: GateSetup }>;
  /** The setup of the run as a whole: the root config's threshold, stages and rollout plan. */
  primary(): Promise<GateSetup>;
  /** Every setup loaded so far (one per config in play). */
  loaded(): Promise<GateSetup[]>;
}

/** One config for every file (`--config FILE`, two files compared, a reader without nesting). */
export function singleGovernance(setup: GateSetup): Governance {
  return {
    filter: fileFilterOf(setup),
    evaluate: async (changeSet) => ({ evaluated: evaluateChange({ changeSet, setup }), setup }),
    primary: async () => setup,
    loaded: async () => [setup],
  };
}

/**
 * Each file by its nearest config. Run-wide settings (fail-on, stages, the rollout plan, the
 * level of the waiver checks) are the root config's, so the verdict does not depend on where
 * the command runs.
 */
export function treeGovernance(tree: ConfigTree): Governance {
  const rootNode = tree.governing('.');
  return {
    filter: tree.filter,
    primary: () => tree.setupOf(rootNode),
    loaded: () => tree.loadedSetups(),
    async evaluate(changeSet) {
      const groups = new Map<ConfigNode | undefined, FileDelta[]>();
      for (const file of changeSet.files) {
        const node = tree.governing(file.path);
        groups.set(node, [...(groups.get(node) ?? []), file]);
      }
      if (groups.size === 0) groups.set(rootNode, []);
      const parts: Array<{ evaluated: Evaluated; setup: GateSetup }> = [];
      for (const [node, files] of groups) {
        const setup = await tree.setupOf(node);
        parts.push({ evaluated: evaluateChange({ changeSet: { ...changeSet, files, skipped: [] }, setup }), setup });
      }
      const primary = await tree.setupOf(rootNode);
      const ownFiles = [...new Set([...primary.ownFiles, ...parts.flatMap((p) => p.setup.ownFiles)])];
      return {
        evaluated: mergeEvaluated(changeSet, parts.map((p) => p.evaluated)),
        setup: { ...primary, ownFiles, waivers: tree.waiversOf([rootNode, ...groups.keys()]) },
      };
    },
  };
}

/** The parts' files and signals in the change set's order, their findings, the skipped files once. */
function mergeEvaluated(changeSet: ChangeSet, parts: Evaluated[]): Evaluated {
  const order = new Map(changeSet.files.map((f, i) => [f.path, i]));
  const rank = (path: string) => order.get(path) ?? order.size;
  const signals: Signal[] = parts.flatMap((p) => p.signals);
  return {
    files: parts.flatMap((p) => p.files).sort((a, b) => rank(a.path) - rank(b.path)),
    signals: signals.map((s, i) => ({ s, i })).sort((a, b) => rank(a.s.file) - rank(b.s.file) || a.i - b.i).map(({ s }) => s),
    findings: parts.flatMap((p) => p.findings),
    skipped: [...changeSet.skipped, ...parts.flatMap((p) => p.skipped ?? [])],
  };
}
