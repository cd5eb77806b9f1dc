// ecspresso evaluates this file with go-jsonnet, as the linter does.
local must_env = std.native('must_env');
{
  region: 'ap-northeast-1',
  cluster: 'web',
  service: must_env('SERVICE'),
  service_definition: 'ecs-service-def.jsonnet',
  task_definition: 'ecs-task-def.jsonnet',
  timeout: '10m0s',
  plugins: [
    { name: 'tfstate', config: { url: 's3://example-terraform-state/web.tfstate' } },
  ],
}
