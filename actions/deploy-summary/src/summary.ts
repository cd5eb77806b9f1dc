// The Markdown a deploy job leaves behind: which environment, which service, which image (and its
// digest), which task definition revision replaced which, and a link to the service. A pure
// function of its inputs, so the exact text is tested.

export const STATUSES = ['deployed', 'dry-run', 'failed'] as const;
export type DeployStatus = (typeof STATUSES)[number];

export interface DeployFacts {
  readonly environment: string;
  readonly status: DeployStatus;
  readonly cluster?: string | undefined;
  readonly service?: string | undefined;
  readonly region?: string | undefined;
  /** Image references, in task definition order. */
  readonly images?: readonly string[] | undefined;
  /** Digests, in the order of `images`. */
  readonly digests?: readonly string[] | undefined;
  /** Task definition ARN (or `family:revision`) the service ran before the deploy. */
  readonly previousTaskDefinition?: string | undefined;
  /** Task definition ARN (or `family:revision`) the service runs after it. */
  readonly taskDefinition?: string | undefined;
  readonly consoleUrl?: string | undefined;
  /** Revisions deregistered because ECS turned them away (deregister-rejected), ARNs or `family:revision`. */
  readonly deregistered?: readonly string[] | undefined;
  /** deregister-rejected's reason, shown when it deregistered nothing. */
  readonly deregisterReason?: string | undefined;
}

export function isDeployStatus(value: string): value is DeployStatus {
  return (STATUSES as readonly string[]).includes(value);
}

/** `arn:aws:ecs:…:task-definition/web:42` → `web:42`; anything that is not such an ARN is kept. */
export function familyRevision(taskDefinition: string): string {
  const match = /^arn:[^:]+:ecs:[^:]*:[^:]*:task-definition\/(.+)$/.exec(taskDefinition.trim());
  return match ? match[1]! : taskDefinition.trim();
}

/** Splits a list input: one item a line, blank lines ignored. */
export function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** An inline code span that survives any text inside a table cell. */
export function code(text: string): string {
  const cell = text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  // A backtick inside needs a longer fence, padded so a leading or trailing backtick still shows.
  return cell.includes('`') ? `\`\` ${cell} \`\`` : `\`${cell}\``;
}

function heading(facts: DeployFacts): string {
  const where = code(facts.environment);
  const service = facts.service ? code(facts.service) : undefined;
  switch (facts.status) {
    case 'deployed':
      return service ? `### ✅ ${service} deployed to ${where}` : `### ✅ Deployed to ${where}`;
    case 'dry-run':
      return service
        ? `### 🧪 Dry run of ${service} for ${where}: nothing deployed`
        : `### 🧪 Dry run for ${where}: nothing deployed`;
    case 'failed':
      return service
        ? `### ❌ Deploy of ${service} to ${where} failed`
        : `### ❌ Deploy to ${where} failed`;
  }
}

function serviceCell(facts: DeployFacts): string | undefined {
  if (!facts.service && !facts.cluster) return undefined;
  const parts = [facts.service ? code(facts.service) : 'the service'];
  if (facts.cluster) parts.push(`in cluster ${code(facts.cluster)}`);
  if (facts.region) parts.push(`(${code(facts.region)})`);
  return parts.join(' ');
}

function taskDefinitionCell(facts: DeployFacts): string | undefined {
  const now = facts.taskDefinition?.trim() ? familyRevision(facts.taskDefinition) : undefined;
  const before = facts.previousTaskDefinition?.trim()
    ? familyRevision(facts.previousTaskDefinition)
    : undefined;
  if (now && before)
    return now === before ? `${code(now)} (unchanged)` : `${code(now)} (was ${code(before)})`;
  if (now) return code(now);
  if (before) return `was ${code(before)}`;
  return undefined;
}

function rejectedRow(facts: DeployFacts): [string, string | undefined] {
  const gone = (facts.deregistered ?? []).map((ref) => code(familyRevision(ref)));
  if (gone.length > 0) {
    const before = facts.previousTaskDefinition?.trim()
      ? `the service is back on ${code(familyRevision(facts.previousTaskDefinition))}`
      : 'the service is back on the revision it ran';
    return [
      'Deregistered',
      `${gone.join(', ')}: ECS turned it away and ${before}, so a rollback can never land on it`,
    ];
  }
  const reason = facts.deregisterReason?.trim();
  return [
    'Rejected revision',
    reason ? reason.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|') : undefined,
  ];
}

function consoleCell(url: string | undefined): string | undefined {
  if (!url?.trim()) return undefined;
  // Only a web address becomes a link; anything else is shown as text, never followed.
  return /^https:\/\/[^\s()<>]+$/.test(url.trim())
    ? `[open the service in the ECS console](${url.trim()})`
    : code(url);
}

const FOOTNOTES: Readonly<Record<DeployStatus, string>> = {
  deployed: '',
  'dry-run':
    'Nothing was changed: `ecspresso deploy --dry-run` printed the differences in the job log.',
  failed: 'See the job log for the error. The task definition above is what the service runs now.',
};

/** The job summary, exactly. Rows whose value is unknown are left out. */
export function deploySummary(facts: DeployFacts): string {
  const images = facts.images ?? [];
  const digests = facts.digests ?? [];
  const rows: [string, string | undefined][] = [
    ['Environment', code(facts.environment)],
    ['Service', serviceCell(facts)],
    [
      images.length > 1 ? 'Images' : 'Image',
      images.length > 0 ? images.map(code).join('<br>') : undefined,
    ],
    [
      digests.length > 1 ? 'Digests' : 'Digest',
      digests.length > 0 ? digests.map(code).join('<br>') : undefined,
    ],
    ['Task definition', taskDefinitionCell(facts)],
    rejectedRow(facts),
    ['Console', consoleCell(facts.consoleUrl)],
  ];
  const table = rows
    .filter((row): row is [string, string] => row[1] !== undefined)
    .map(([name, value]) => `| ${name} | ${value} |`);
  const footnote = FOOTNOTES[facts.status];
  return [
    heading(facts),
    '',
    '| | |',
    '| --- | --- |',
    ...table,
    '',
    ...(footnote ? [footnote, ''] : []),
  ].join('\n');
}
