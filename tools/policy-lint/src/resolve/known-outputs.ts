// Outputs of well-known actions and of doppio's reusable workflows, as the resolver sees them.
import type { LintConfig } from '../config/config.js';
import type { Job, Step } from '../model/types.js';
import { actionId } from '../vocabulary/actions.js';
import { doppioWorkflow } from '../vocabulary/doppio.js';
import type { KnownOutputs, Piece, Resolver } from './values.js';

export function knownOutputs(config: LintConfig): KnownOutputs {
  return {
    step(step: Step, output: string): Piece[] | undefined {
      const id = actionId(step.uses);
      if (id === 'aws-actions/amazon-ecr-login' && output === 'registry') {
        return [
          {
            kind: 'sym',
            sym: 'ecr-registry',
            source: `steps.${step.id}.outputs.registry`,
            span: step.uses?.raw.span,
          },
        ];
      }
      return undefined;
    },
    call(job: Job, output: string, resolver: Resolver): Piece[] | undefined {
      if (doppioWorkflow(job.uses, config) !== 'build-push') return undefined;
      const span = job.uses?.raw.span;
      // doppio's build-push tags with its `image-tag` input, github.sha by default.
      const input = job.with.get('image-tag');
      const tag: Piece[] = input
        ? resolver.expressionText(input, { workflow: job.workflow, job })
        : [{ kind: 'sym', sym: 'sha', source: `needs.${job.id}.outputs.${output}`, span }];
      if (output === 'image-tag') return tag;
      if (output === 'image') {
        const repository = job.with.get('ecr-repository')?.value ?? 'repository';
        return [
          { kind: 'sym', sym: 'ecr-registry', source: 'build-push registry', span },
          { kind: 'text', text: `/${repository}:`, span },
          ...tag,
        ];
      }
      return undefined;
    },
  };
}
