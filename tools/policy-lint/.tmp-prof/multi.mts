import { lint } from '../src/engine/lint.ts';
import { scratch } from '../test/support/repos.ts';
const box = scratch('m');
const root = box.repo({ '.github/workflows/a.yml': 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n', 'sub/.github/workflows/b.yml': 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n' });
for (const paths of [['.', 'sub'], ['.', '.github/workflows/a.yml'], ['sub', 'sub/.github/workflows/b.yml']]) {
  const r = await lint({ paths, cwd: root, actionlint: false });
  console.log(paths, r.findings.map(f => f.file), r.summary);
}
box.remove();
