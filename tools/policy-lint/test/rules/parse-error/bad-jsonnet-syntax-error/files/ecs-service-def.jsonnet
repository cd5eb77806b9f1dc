{
  desiredCount: 2,
  launchType: 'FARGATE',
  deploymentController: { type: 'ECS' },
}
